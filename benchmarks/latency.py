"""Warm latency of Assistant.ask over an eval question file (a benchmark, not a test).

Loads the Assistant once, runs one warm-up pass (caches, lazy model init), then
N timed passes over every question, one at a time. Prints the numbers as one
JSON object and one human line:

    .venv/bin/python benchmarks/latency.py [--questions eval/questions.jsonl] [--passes 3]

(with the package installed, as `make bench` has it; from a bare checkout use
`python -m benchmarks.latency` in the repo root).
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path

from assistant.config import PROJECT_ROOT, Settings
from assistant.errors import AssistantError
from assistant.evaluation.questions import EvalQuestion, load_questions
from assistant.evaluation.scoring import percentile

logger = logging.getLogger("benchmarks.latency")


def run_pass(assistant, questions: list[EvalQuestion]) -> tuple[list[float], int]:
    """Per-call latencies (ms) of one pass and how many calls raised an AssistantError."""
    latencies, errors = [], 0
    for q in questions:
        started = time.perf_counter()
        try:
            assistant.ask(q.question, list(q.history), None)
        except AssistantError as exc:
            errors += 1
            logger.warning("question %s raised %s: %s", q.id, type(exc).__name__, exc)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, errors


def benchmark(settings: Settings, questions_path: Path, passes: int) -> dict:
    from assistant.retrieve.assistant import Assistant

    questions = load_questions(questions_path)
    started = time.perf_counter()
    assistant = Assistant.load(settings)
    load_s = time.perf_counter() - started
    run_pass(assistant, questions)  # warm-up, not counted

    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    for _ in range(passes):
        lat, err = run_pass(assistant, questions)
        latencies += lat
        errors += err
    wall_s = time.perf_counter() - started
    return {
        "questions": len(questions), "passes": passes, "calls": len(latencies), "errors": errors,
        "load_s": round(load_s, 2),
        "p50_ms": round(percentile(latencies, 50), 2), "p95_ms": round(percentile(latencies, 95), 2),
        "mean_ms": round(statistics.fmean(latencies), 2), "max_ms": round(max(latencies), 2),
        "queries_per_s": round(len(latencies) / wall_s, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=PROJECT_ROOT / "eval" / "questions.jsonl")
    parser.add_argument("--passes", type=int, default=3, help="timed passes after the warm-up (default 3)")
    args = parser.parse_args(argv)
    if args.passes < 1:
        parser.error(f"--passes must be at least 1, got {args.passes}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        result = benchmark(Settings(), args.questions, args.passes)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    print(f"{result['calls']} warm calls ({result['questions']} questions x {result['passes']} passes): "
          f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, mean {result['mean_ms']:.1f} ms, "
          f"{result['queries_per_s']:.1f} queries/s, {result['errors']} errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
