"""How many questions still need a query embedding, and whether skipping it changes answers
(a benchmark, not a test).

For every question of the eval sets, asks it twice in one process with the query cache off:
once embedding every searched question (`skip_dense_when_decisive` off), once skipping the
embedding where BM25 is decisive (search.DECISIVE_LEAD, or each `--lead` given). Reports per
set: questions, how many embed, and how many answers differ (answer text, answerable, cited
doc_id/task_no). Eval metrics themselves come from `assistant eval`.

    .venv/bin/python benchmarks/embed_share.py [--lead 2.0 --lead 1.5] [--sets questions heldout ...]

Here "skipping" includes the provisional skips (search.PROVISIONAL_LEAD, TASK_LEAD), which
stand only when the question is answered. The held-out sets (HELD_OUT) are counted, never
printed.

Last run (branch tput, 2026-11-26 ~23:05 UTC, OMP_NUM_THREADS=1, all 19 sets, lead 1.5):
685 of 1,216 questions embed (56.3%; main set 30.5%); at the round's start (5064609, the
1.5 rule alone) 837 (68.8%; main set 42.9%). Against embedding every question 3 answers
differ, the same 3 before and after (paraphrase dev p072, r6 p040, r7 p022).
Before (branch scale3, eleven sets): 543 of 836 embed (65%), skipping changed no answer.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.config import PROJECT_ROOT, Settings
from assistant.evaluation.questions import load_questions
from assistant.retrieve import search

SETS = ("questions", "heldout", "multiturn", "paraphrase", "nearmiss", "paraphrase_dev", "nearmiss_dev",
        "paraphrase_r3", "nearmiss_r3", "paraphrase_r4", "nearmiss_r4", "paraphrase_r5", "nearmiss_r5",
        "paraphrase_r6", "nearmiss_r6", "paraphrase_r7", "nearmiss_r7", "paraphrase_r8", "nearmiss_r8")
HELD_OUT = ("paraphrase_r8", "nearmiss_r8")  # counts only: no question of theirs is printed


class CountingEmbedder:
    """Wraps the store's embedder and counts query embeddings."""

    def __init__(self, inner) -> None:
        self.inner, self.queries = inner, 0
        self.name, self.dim = inner.name, inner.dim

    def embed_query(self, text: str):
        self.queries += 1
        return self.inner.embed_query(text)

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)


def key(answer) -> tuple:
    return (answer.answer, answer.answerable, tuple((c.doc_id, c.task_no) for c in answer.citations))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lead", type=float, action="append", help="DECISIVE_LEAD values to try")
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    args = ap.parse_args()
    from assistant.retrieve.assistant import Assistant

    settings = Settings(query_cache_size=0)
    assistant = Assistant.load(settings)
    counting = CountingEmbedder(assistant.store.embedder)
    assistant.store.embedder = counting
    searcher = assistant.searcher
    rows = []
    for lead in args.lead or [search.DECISIVE_LEAD]:
        search.DECISIVE_LEAD = lead
        total = {"questions": 0, "embed": 0, "differ": 0}
        for name in args.sets:
            questions = load_questions(PROJECT_ROOT / "eval" / f"{name}.jsonl")
            embed = differ = 0
            for q in questions:
                assistant._outcomes = type(assistant._outcomes)(0)  # no answers carried over
                searcher.skip_dense_when_decisive = False
                full = key(assistant.ask(q.question, list(q.history), q.scope))
                searcher.skip_dense_when_decisive = True
                before = counting.queries
                fast = key(assistant.ask(q.question, list(q.history), q.scope))
                embed += counting.queries > before
                differ += full != fast
                if full != fast and name not in HELD_OUT:
                    print(f"  differs ({name} {q.id}, lead {lead}): {q.question}", file=sys.stderr)
            row = {"lead": lead, "set": name, "questions": len(questions), "embed": embed,
                   "embed_share": round(embed / len(questions), 3), "answers_differ": differ}
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            total["questions"] += len(questions)
            total["embed"] += embed
            total["differ"] += differ
        print(json.dumps({"lead": lead, "set": "all", **total,
                          "embed_share": round(total["embed"] / total["questions"], 3)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
