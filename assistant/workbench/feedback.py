"""👍/👎 feedback on answers, kept in SQLite, exported as eval-set candidates.

One connection per call and WAL journaling: several server workers, threads or
processes may write at once (SQLite serializes the writers; `busy_timeout` makes them
wait instead of failing). The file and its folder are created on first use.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.workbench.errors import InvalidFeedbackError

MAX_COMMENT_CHARS = 2000
RATINGS = ("up", "down")
BUSY_TIMEOUT_MS = 30_000
SETUP_RETRY_S = 0.05  # pause between tries to switch a busy file to WAL

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    history TEXT NOT NULL DEFAULT '[]',
    resolved_question TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    answerable INTEGER,
    citations TEXT NOT NULL DEFAULT '[]',
    scope TEXT NOT NULL DEFAULT '',
    build_id TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'api'
)
"""


def check_rating(rating: str) -> str:
    if rating not in RATINGS:
        raise InvalidFeedbackError(f"rating must be 'up' or 'down', got {rating!r}")
    return rating


def check_comment(comment: str | None) -> str:
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise InvalidFeedbackError(f"comment has {len(comment)} characters; the limit is "
                                   f"{MAX_COMMENT_CHARS} (shorten it)")
    return comment


@dataclass(frozen=True)
class FeedbackEntry:
    """One rating of one answer, with everything needed to replay the question."""

    rating: str  # "up" | "down"
    question: str
    comment: str = ""
    history: list[dict[str, str]] = field(default_factory=list)
    resolved_question: str = ""
    answer: str = ""
    answerable: bool | None = None
    citations: list[dict[str, Any]] = field(default_factory=list)
    scope: str = ""
    build_id: str = ""
    source: str = "api"  # "api" | "ui"

    def __post_init__(self) -> None:
        check_rating(self.rating)
        if not self.question or not self.question.strip():
            raise InvalidFeedbackError("question is empty; send the question that was answered")
        object.__setattr__(self, "comment", check_comment(self.comment))


class FeedbackStore:
    """Feedback in the SQLite file `path` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False
        self._setup = threading.Lock()  # first use: one thread of this process sets the file up

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not self._ready:
                with self._setup:
                    if not self._ready:
                        self._set_up(conn)
                        self._ready = True
            conn.row_factory = sqlite3.Row
            yield conn
        finally:
            conn.close()

    @staticmethod
    def _set_up(conn: sqlite3.Connection) -> None:
        """WAL journaling and the table. Switching the journal mode does not wait on the busy
        timeout, so a writer of another process holding the file is waited for here (threads
        of this process are serialized by `_setup`: eight of them at once lost writes)."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(SETUP_RETRY_S)
        conn.execute(_SCHEMA)

    def add(self, entry: FeedbackEntry) -> int:
        """Store `entry`; returns its id."""
        now = _now()
        d = asdict(entry)
        with self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, updated_at, rating, comment, question, history,"
                " resolved_question, answer, answerable, citations, scope, build_id, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now, now, d["rating"], d["comment"], d["question"],
                 json.dumps(d["history"], ensure_ascii=False), d["resolved_question"], d["answer"],
                 None if d["answerable"] is None else int(d["answerable"]),
                 json.dumps(d["citations"], ensure_ascii=False), d["scope"], d["build_id"],
                 d["source"]))
            return int(cur.lastrowid)

    def update(self, feedback_id: int, rating: str | None = None,
               comment: str | None = None) -> None:
        """Change the rating and/or comment of an entry (the UI's comment after a 👍)."""
        sets, args = ["updated_at = ?"], [_now()]
        if rating is not None:
            sets.append("rating = ?")
            args.append(check_rating(rating))
        if comment is not None:
            sets.append("comment = ?")
            args.append(check_comment(comment))
        with self._connect() as conn:
            cur = conn.execute(f"UPDATE feedback SET {', '.join(sets)} WHERE id = ?",
                               (*args, feedback_id))
            if cur.rowcount == 0:
                raise InvalidFeedbackError(f"no feedback with id {feedback_id}")

    def entries(self, limit: int | None = None, offset: int = 0,
             rating: str | None = None) -> list[dict[str, Any]]:
        """Entries oldest first (all of them without `limit`)."""
        where, args = "", []
        if rating:
            where, args = "WHERE rating = ?", [check_rating(rating)]
        sql = f"SELECT * FROM feedback {where} ORDER BY id LIMIT ? OFFSET ?"
        with self._connect() as conn:
            rows = conn.execute(sql, (*args, -1 if limit is None else limit, offset)).fetchall()
        return [_row(r) for r in rows]

    def count(self, rating: str | None = None) -> int:
        with self._connect() as conn:
            if rating:
                return conn.execute("SELECT COUNT(*) FROM feedback WHERE rating = ?",
                                    (check_rating(rating),)).fetchone()[0]
            return conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _row(r: sqlite3.Row) -> dict[str, Any]:
    d = dict(r)
    d["history"] = json.loads(d["history"] or "[]")
    d["citations"] = json.loads(d["citations"] or "[]")
    d["answerable"] = None if d["answerable"] is None else bool(d["answerable"])
    return d


def feedback_to_eval(entry: dict[str, Any]) -> dict[str, Any]:
    """One stored entry as a line of the eval question file (DESIGN.md), a candidate for
    the eval set. A 👍 expects the answer's first citation and answerability; a 👎 keeps
    the answerability but no expectation of sources and is marked `needs_review`: the
    reviewer writes what the right answer cites before the item joins the set."""
    up = entry["rating"] == "up"
    citations = []
    if up and entry["citations"]:
        first = entry["citations"][0]
        citations = [{"doc_id": first["doc_id"], "task_no": first.get("task_no")}]
    answerable = entry["answerable"] if entry["answerable"] is not None else bool(citations)
    item: dict[str, Any] = {
        "id": f"fb{entry['id']:05d}", "type": "feedback", "question": entry["question"],
        "history": entry["history"],
        "expected": {"citations": citations, "must_include": [], "answerable": answerable},
        "feedback": {"rating": entry["rating"], "comment": entry["comment"],
                     "resolved_question": entry["resolved_question"], "answer": entry["answer"],
                     "citations": entry["citations"], "build_id": entry["build_id"],
                     "created_at": entry["created_at"], "source": entry["source"]},
    }
    if entry["scope"]:
        item["scope"] = entry["scope"]
    if not up:
        item["needs_review"] = True
    return item


def export_jsonl(store: FeedbackStore, out: Path, rating: str | None = None) -> int:
    """Write every entry (or those of one rating) to `out` as eval JSONL; returns the count."""
    entries = store.entries(rating=rating)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for e in entries:
            f.write(json.dumps(feedback_to_eval(e), ensure_ascii=False) + "\n")
    return len(entries)
