"""Run an eval question file through the Assistant, score it, write results and a report.

`assistant eval --questions FILE --out RESULTS.jsonl [--report eval/report.md]
[--baseline naive]` calls `main`; tests call `run_eval` with a fake assistant.
A Markdown report is written only when a report path is given (so scoring another
question file never overwrites eval/report.md). A question's optional "scope" is
passed to `ask(question, history, scope=...)`.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any, Protocol

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.evaluation.questions import EvalQuestion, load_questions
from assistant.evaluation.report import markdown_report, summary_text
from assistant.evaluation.scoring import QuestionScore, compare_with_baseline, metrics_by_type, score_question
from assistant.records import Answer, Turn

logger = logging.getLogger(__name__)

BASELINES = ("naive",)


class EvalRunError(AssistantError):
    """The eval run cannot go on: a bad option, or the assistant crashed on a question."""

    status_code = 500


class Asker(Protocol):
    """What the runner needs of an Assistant (tests pass a fake)."""

    def ask(self, question: str, history: list[Turn] | None = None,
            scope: str | None = None) -> Answer: ...


def run_eval(settings: Settings, questions_path: str | Path, out_path: str | Path,
             report_path: str | Path | None = None, baseline: str | None = None,
             progress: bool = True, assistant: Asker | None = None) -> dict[str, Any]:
    """Ask every question once, write one result line each, print and return the metrics.

    Returns {"overall": {...}, "by_type": {type: {...}}, "failures": [...]} and,
    with baseline="naive", "baseline": {"info": {...}, "comparison": {...}}.
    The Markdown report is written to `report_path` when given, and not at all otherwise.
    `assistant` defaults to `Assistant.load(settings)`, loaded once for the run.
    """
    from tqdm import tqdm

    if baseline is not None and baseline not in BASELINES:
        raise EvalRunError(f"unknown baseline {baseline!r}; use one of {', '.join(BASELINES)} or none")
    questions = load_questions(questions_path)  # before loading anything heavy: fail fast
    out_path = Path(out_path)
    report_path = Path(report_path) if report_path is not None else None
    if assistant is None:
        from assistant.retrieve.assistant import Assistant
        assistant = Assistant.load(settings)

    out_path.parent.mkdir(parents=True, exist_ok=True)
    scores: list[QuestionScore] = []
    started = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as fh:
        for q in tqdm(questions, desc="eval", unit="q", disable=not progress):
            response, latency_ms = _ask(assistant, q, out_path)
            fh.write(json.dumps({"id": q.id, "question": q.question, "response": response,
                                 "latency_ms": round(latency_ms, 2)}, ensure_ascii=False) + "\n")
            fh.flush()  # a crash mid-run keeps the lines written so far
            scores.append(score_question(q, response, latency_ms))
    logger.info("eval: %d questions in %.1f s -> %s", len(questions), time.perf_counter() - started, out_path)

    metrics: dict[str, Any] = metrics_by_type(scores)
    metrics["failures"] = [{"id": s.id, "type": s.type, "question": s.question, "why": list(s.why)}
                           for s in scores if s.failed]
    if baseline == "naive":
        from assistant.evaluation.baseline import naive_retrievals

        passages, info = naive_retrievals(settings, questions, progress=progress)
        metrics["baseline"] = {"info": info,
                               "comparison": compare_with_baseline(questions, scores, passages)}

    print(summary_text(metrics, scores))
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(markdown_report(questions, scores, metrics, str(questions_path), str(out_path)),
                               encoding="utf-8")
    print(f"\nresults: {out_path}\nreport: {report_path if report_path is not None else '(none; pass --report FILE)'}")
    return metrics


def _ask(assistant: Asker, q: EvalQuestion, out_path: Path) -> tuple[dict[str, Any], float]:
    """The Answer dict and wall-clock latency; an AssistantError becomes an error response."""
    started = time.perf_counter()
    try:
        answer = assistant.ask(q.question, list(q.history), scope=q.scope)
    except AssistantError as exc:
        latency_ms = (time.perf_counter() - started) * 1000
        logger.warning("eval: question %s raised %s: %s", q.id, type(exc).__name__, exc)
        return ({"answer": "", "answerable": False, "citations": [], "records": [],
                 "latency_ms": round(latency_ms, 2), "error": f"{type(exc).__name__}: {exc}"}, latency_ms)
    except Exception as exc:  # a bug in the assistant: stop, and say where
        raise EvalRunError(
            f"the assistant crashed on question {q.id!r} (line {q.line}): {exc!r}; "
            f"results of the questions before it are in {out_path}"
        ) from exc
    return answer.to_dict(), (time.perf_counter() - started) * 1000


def main(settings: Settings, questions: str | Path, out: str | Path,
         report: str | Path | None = None, baseline: str | None = None) -> int:
    """CLI entry for `assistant eval`: 0 when the run completed (whatever the scores), 1 on error."""
    try:
        run_eval(settings, questions, out, report_path=report, baseline=baseline)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
