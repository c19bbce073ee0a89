"""Re-score a stored results file against a question file, without running the assistant.

Usage: python eval/rescore.py QUESTIONS.jsonl RESULTS.jsonl [--by type|kind]

RESULTS is what `assistant eval --out` wrote (one {"id", "question", "response",
"latency_ms"} per line). Scoring is assistant.evaluation.scoring, unchanged; latencies are
the stored ones. `--by kind` groups by the question's `kind` field (eval/multiturn.jsonl)
instead of its type. Prints the metrics table in Markdown and the failures.
Questions missing from RESULTS are reported and left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from assistant.evaluation.questions import load_questions  # noqa: E402
from assistant.evaluation.report import md_table, metric_rows  # noqa: E402
from assistant.evaluation.scoring import metrics_by_type, score_question  # noqa: E402


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("questions", type=Path)
    ap.add_argument("results", type=Path)
    ap.add_argument("--by", choices=["type", "kind"], default="type")
    args = ap.parse_args(argv)

    questions = load_questions(args.questions)
    if args.by == "kind":
        kinds = {}
        for line in args.questions.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                kinds[str(row["id"])] = row.get("kind") or "(no kind)"
        questions = [replace(q, type=kinds[q.id]) for q in questions]
    results = {}
    for line in args.results.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            results[str(row["id"])] = row
    missing = [q.id for q in questions if q.id not in results]
    scores = [score_question(q, results[q.id]["response"], results[q.id]["latency_ms"])
              for q in questions if q.id in results]
    metrics = metrics_by_type(scores)
    print(md_table(*metric_rows(metrics)))
    failed = [s for s in scores if s.failed]
    print(f"\nfailures: {len(failed)} of {len(scores)}")
    for s in failed:
        print(f"  {s.id} [{s.type}] {s.question}\n      -> " + "; ".join(s.why))
    if missing:
        print(f"\nnot in {args.results}: {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
