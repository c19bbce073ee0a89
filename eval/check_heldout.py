"""Validate the held-out question file by reusing eval/check_questions.py.

Usage: python eval/check_heldout.py [eval/heldout.jsonl]

check_questions.py is reused unchanged (imported); only what is specific to the
main set is replaced:
  * ids must be h001, h002, ... (the main checker wants q001 ...): the ids are
    checked here, and the main checker runs on a temporary copy with ids q###;
  * the per-type minimums and the total are the held-out set's counts
    (HELDOUT_COUNTS), and each type must match them exactly;
  * no question (compact text + history) may also occur in eval/questions.jsonl.
Every other check (fields, types, history, doc ids, task numbers,
must_include in the cited document) is the main checker's.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_questions as cq  # noqa: E402

HELDOUT_COUNTS = {
    "responsibility": 15,
    "figure": 10,
    "task_lookup": 6,
    "reverse_lookup": 6,
    "count": 5,
    "plan": 10,
    "notice": 10,
    "paraphrase": 10,
    "followup": 8,
    "unanswerable": 10,
}


def key(q: dict) -> str:
    return cq.compact(q["question"]) + "|" + json.dumps(q["history"], ensure_ascii=False)


def main(path: Path) -> int:
    problems: list[str] = []
    rows = [json.loads(r) for r in path.read_text(encoding="utf-8").splitlines() if r.strip()]
    for n, q in enumerate(rows, 1):
        if q.get("id") != f"h{n:03d}":
            problems.append(f"line {n}: id {q.get('id')!r} should be h{n:03d}")
    per_type = Counter(q.get("type") for q in rows)
    for t, k in HELDOUT_COUNTS.items():
        if per_type[t] != k:
            problems.append(f"type {t}: {per_type[t]} questions, expected {k}")

    main_set = cq.ROOT / "eval" / "questions.jsonl"
    if main_set.exists():
        main_keys = {key(json.loads(r)) for r in main_set.read_text(encoding="utf-8").splitlines() if r.strip()}
        dup = [q["id"] for q in rows if key(q) in main_keys]
        if dup:
            problems.append(f"questions also in eval/questions.jsonl: {dup}")
        else:
            print("no question duplicates eval/questions.jsonl")

    renamed = []
    for n, q in enumerate(rows, 1):
        renamed.append(json.dumps({**q, "id": f"q{n:03d}"}, ensure_ascii=False))
    cq.MIN_COUNTS = dict(HELDOUT_COUNTS)
    cq.MIN_TOTAL = sum(HELDOUT_COUNTS.values())
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text("\n".join(renamed) + "\n", encoding="utf-8")
        status = cq.check(copy)  # prints counts and its own problems (ids shown as q###)

    if problems:
        print(f"\n{len(problems)} held-out problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    return status


if __name__ == "__main__":
    if len(sys.argv) > 2:
        raise SystemExit(__doc__)
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) == 2 else cq.ROOT / "eval" / "heldout.jsonl"))
