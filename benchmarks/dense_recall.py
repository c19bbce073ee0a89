"""Recall@k of the dense candidates against a full exact sort (a benchmark, not a test).

For the first --limit questions of an eval file: the exact top k by cosine over every
passage (vectors.npy), the searcher's candidates for the whole corpus (`_scan_top`: an exact
scan in slices), and Chroma's HNSW nearest neighbours of the same build. Recall counts a
returned passage when its cosine is at least the exact k-th best, so a corpus of identical
copies (benchmarks/scale.py) does not count a tie filled by another copy as a miss; the
share of ids in common is printed too.

    OMP_NUM_THREADS=1 PYTHONPATH=. .venv/bin/python benchmarks/dense_recall.py --index-dir /tmp/scale-bench/x100
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--k", type=int, default=40)
    args = ap.parse_args()
    from assistant.config import Settings
    from assistant.evaluation.questions import load_questions
    from assistant.retrieve.assistant import Assistant
    from assistant.retrieve.search import CANDIDATES

    if args.k != CANDIDATES:
        raise SystemExit(f"--k must be search.CANDIDATES ({CANDIDATES}): the scan returns that many")
    assistant = Assistant.load(Settings(index_dir=args.index_dir, query_cache_size=0))
    searcher, index = assistant.searcher, assistant.records.passage_index
    matrix = searcher.store.matrix
    totals = {"scan": [0.0, 0.0], "hnsw": [0.0, 0.0]}
    questions = load_questions(args.questions)[:args.limit]
    for q in questions:
        vector = np.asarray(searcher.embed_query(q.question), dtype=np.float32)
        sims = np.asarray(matrix @ vector)
        exact = np.lexsort((np.arange(len(sims)), -sims))[:args.k]
        kth, exact_ids = sims[exact[-1]], set(exact.tolist())
        got = {"scan": searcher._scan_top(vector, None),
               "hnsw": [index[h.passage_id] for h in assistant.store.vectors.query(vector, args.k)]}
        for name, ids in got.items():
            totals[name][0] += float(np.mean(sims[ids] >= kth)) if ids else 0.0
            totals[name][1] += len(exact_ids & set(ids)) / args.k
    n = len(questions)
    print(json.dumps({"questions": n, "k": args.k, "passages": len(matrix),
                      **{f"{name}_recall": round(r / n, 4) for name, (r, _) in totals.items()},
                      **{f"{name}_same_ids": round(i / n, 4) for name, (_, i) in totals.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
