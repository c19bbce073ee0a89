"""Feedback in SQLite: concurrent writers lose nothing; bad input is refused; the export
is a valid eval question file."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from assistant.evaluation.questions import load_questions
from assistant.workbench import FeedbackEntry, FeedbackStore
from assistant.workbench.errors import InvalidFeedbackError
from assistant.workbench.feedback import MAX_COMMENT_CHARS, export_jsonl

CITATION = {"doc_id": "粤府〔2023〕18号", "doc_title": "……", "task_no": "10",
            "section": "一、2023年经济社会发展主要预期目标", "text": "粮食产量1268万吨以上。",
            "score": 0.9}


def entry(i: int = 0, rating: str = "up", **kw) -> FeedbackEntry:
    base = dict(rating=rating, question=f"谁负责粮食产量？{i}", answer="省农业农村厅牵头。",
                answerable=True, citations=[CITATION],
                history=[{"role": "user", "content": "你好"}, {"role": "assistant", "content": "您好"}],
                resolved_question="谁负责粮食产量？", build_id="b1", source="ui")
    return FeedbackEntry(**{**base, **kw})


def _write_many(path: str, client: int, n: int) -> None:
    store = FeedbackStore(Path(path))
    for i in range(n):
        store.add(entry(client * 1000 + i, comment=f"客户{client}第{i}条"))


def test_created_on_first_use_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "feedback.db"
    store = FeedbackStore(path)
    assert not path.exists()
    fid = store.add(entry(comment="  来源准确  "))
    assert path.exists()
    [got] = store.entries()
    assert got["id"] == fid and got["comment"] == "来源准确" and got["citations"] == [CITATION]
    assert got["history"][0]["content"] == "你好" and got["answerable"] is True
    store.update(fid, rating="down", comment="其实不对")
    assert store.entries()[0]["rating"] == "down" and store.count("down") == 1


def test_eight_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "feedback.db"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(path), c, 25)) for c in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    rows = FeedbackStore(path).entries()
    assert len(rows) == 200
    assert len({r["comment"] for r in rows}) == 200


def test_eight_threads_sharing_one_store(tmp_path: Path) -> None:
    """Eight threads' first writes to a new file: its set-up (WAL) once, no write lost. Before
    the set-up lock, eight threads released together on a new file lost writes to "database is
    locked" (switching to WAL does not wait on the busy timeout) in every run; 20 files here."""
    for n in range(20):
        store = FeedbackStore(tmp_path / f"feedback{n}.db")
        start = threading.Barrier(8)  # all eight reach the new file's first use together

        def write(c: int, store: FeedbackStore = store, start: threading.Barrier = start) -> None:
            start.wait()
            for i in range(30):
                store.add(entry(c * 100 + i))
        threads = [threading.Thread(target=write, args=(c,)) for c in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert store.count() == 240


@pytest.mark.parametrize("bad", [
    dict(rating="meh"),
    dict(comment="长" * (MAX_COMMENT_CHARS + 1)),
    dict(question="   "),
])
def test_bad_feedback_is_refused_with_the_reason(bad: dict) -> None:
    with pytest.raises(InvalidFeedbackError):
        entry(**bad)


def test_export_is_an_eval_question_file(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.db")
    store.add(entry(1))
    store.add(entry(2, rating="down", comment="应为2022年的任务", scope="粤府〔2023〕18号"))
    out = tmp_path / "candidates.jsonl"
    assert export_jsonl(store, out) == 2
    questions = load_questions(out)
    assert [q.question for q in questions] == ["谁负责粮食产量？1", "谁负责粮食产量？2"]
    up, down = questions
    assert up.expected.answerable and up.expected.citations[0].doc_id == "粤府〔2023〕18号"
    assert up.expected.citations[0].task_no == "10"
    assert len(up.history) == 2
    assert down.expected.citations == ()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert '"needs_review": true' in lines[1] and '"scope": "粤府〔2023〕18号"' in lines[1]
    assert export_jsonl(store, tmp_path / "up.jsonl", rating="up") == 1
