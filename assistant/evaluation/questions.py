"""Read an eval question file (JSONL, the DESIGN.md "Eval question file" format).

Strict about the keys the scoring needs (and the optional "scope"), silent about
any others ("note", "kind", ...),
so the runner can score a file it has never seen, and a broken line is reported
by its line number instead of surfacing as a KeyError mid-run.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.records import Turn

logger = logging.getLogger(__name__)

_FORMAT_HINT = (
    'each line must be one JSON object like {"id": "q001", "type": "responsibility", '
    '"question": "...", "expected": {"citations": [{"doc_id": "...", "task_no": "4"}], '
    '"must_include": ["..."], "answerable": true}} (see DESIGN.md, "Eval question file")'
)


class QuestionFileError(AssistantError):
    """The eval question file is missing or a line is not in the DESIGN.md format."""

    status_code = 422


@dataclass(frozen=True)
class ExpectedCitation:
    doc_id: str
    task_no: str | None = None  # None: any task / section of the document counts


@dataclass(frozen=True)
class Expected:
    answerable: bool
    citations: tuple[ExpectedCitation, ...] = ()
    must_include: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    type: str
    question: str
    expected: Expected
    history: tuple[Turn, ...] = ()
    line: int = 0  # 1-based line number in the question file, for messages
    scope: str | None = None  # optional doc_id: asked with that scope, every citation must come from it


def load_questions(path: str | Path) -> list[EvalQuestion]:
    """All questions of `path`, in file order; QuestionFileError names the bad line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise QuestionFileError(
            f"question file {path} does not exist; pass an existing JSONL file with --questions"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionFileError(f"cannot read question file {path}: {exc}; it must be UTF-8 JSONL") from exc

    questions: list[EvalQuestion] = []
    first_line: dict[str, int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        q = parse_question(line, lineno, path)
        if q.id in first_line:
            raise QuestionFileError(
                f"{path}:{lineno}: question id {q.id!r} already used on line {first_line[q.id]}; "
                "ids must be unique"
            )
        first_line[q.id] = lineno
        questions.append(q)
    if not questions:
        raise QuestionFileError(f"question file {path} holds no questions; {_FORMAT_HINT}")
    logger.info("loaded %d questions from %s", len(questions), path)
    return questions


def parse_question(line: str, lineno: int = 0, path: str | Path = "<questions>") -> EvalQuestion:
    """One line of the question file as an EvalQuestion."""
    where = f"{path}:{lineno}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QuestionFileError(
            f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); {_FORMAT_HINT}"
        ) from None
    if not isinstance(obj, dict):
        raise QuestionFileError(f"{where}: expected a JSON object, got {type(obj).__name__}; {_FORMAT_HINT}")

    qid = _required(obj, "id", (str, int), where)
    qid = str(qid).strip()
    if not qid:
        raise QuestionFileError(f"{where}: 'id' is empty; give every question a unique id")
    where = f"{where} (id {qid!r})"
    qtype = _required(obj, "type", str, where).strip()
    question = _required(obj, "question", str, where)
    if not question.strip():
        raise QuestionFileError(f"{where}: 'question' is empty")
    expected = _parse_expected(_required(obj, "expected", dict, where), where)
    history = _parse_history(obj.get("history"), where)
    scope = obj.get("scope")
    if scope is not None and (not isinstance(scope, str) or not scope.strip()):
        raise QuestionFileError(f"{where}: 'scope' must be a non-empty doc_id string or absent, got {scope!r}")
    return EvalQuestion(id=qid, type=qtype or "untyped", question=question,
                        expected=expected, history=history, line=lineno,
                        scope=scope.strip() if scope else None)


def _parse_expected(obj: dict[str, Any], where: str) -> Expected:
    answerable = obj.get("answerable")
    if not isinstance(answerable, bool):
        raise QuestionFileError(
            f"{where}: expected.answerable must be true or false, got {answerable!r}"
        )
    citations_raw = obj.get("citations") or []
    if not isinstance(citations_raw, list):
        raise QuestionFileError(f"{where}: expected.citations must be a list, got {citations_raw!r}")
    citations = []
    for i, c in enumerate(citations_raw):
        if not isinstance(c, dict) or not isinstance(c.get("doc_id"), str) or not c["doc_id"].strip():
            raise QuestionFileError(
                f"{where}: expected.citations[{i}] must be an object with a non-empty doc_id, got {c!r}"
            )
        task_no = c.get("task_no")
        if task_no is not None and not isinstance(task_no, (str, int)):
            raise QuestionFileError(
                f"{where}: expected.citations[{i}].task_no must be a string, a number or null, got {task_no!r}"
            )
        citations.append(ExpectedCitation(c["doc_id"], None if task_no is None else str(task_no)))
    must_raw = obj.get("must_include") or []
    if not isinstance(must_raw, list) or not all(isinstance(s, str) for s in must_raw):
        raise QuestionFileError(f"{where}: expected.must_include must be a list of strings, got {must_raw!r}")
    must_include = tuple(s for s in must_raw if s.strip())
    return Expected(answerable=answerable, citations=tuple(citations), must_include=must_include)


def _parse_history(raw: Any, where: str) -> tuple[Turn, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise QuestionFileError(f"{where}: 'history' must be a list of turns, got {type(raw).__name__}")
    turns = []
    for i, t in enumerate(raw):
        if (not isinstance(t, dict) or t.get("role") not in ("user", "assistant")
                or not isinstance(t.get("content"), str)):
            raise QuestionFileError(
                f"{where}: history[{i}] must be {{\"role\": \"user\" | \"assistant\", "
                f"\"content\": \"...\"}}, got {t!r}"
            )
        turns.append(Turn(role=t["role"], content=t["content"]))
    return tuple(turns)


def _required(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise QuestionFileError(f"{where}: missing key {key!r}; {_FORMAT_HINT}")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise QuestionFileError(f"{where}: {key!r} must be {names}, got {value!r}")
    return value
