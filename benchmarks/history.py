"""What earlier turns cost: Assistant.ask with no history vs with 20 earlier turns of 500
characters each (a benchmark, not a test). Both are measured on the same questions in one
run, interleaved, so machine noise hits both alike:

    .venv/bin/python benchmarks/history.py [--questions eval/questions.jsonl] [--passes 2]

Three cases: the question stands alone (the history is never read); the question is a
follow-up ("配合单位有哪些？") whose last user turn is the eval question padded to 500 chars
with courtesy (dropped before reading); or padded with words of substance (a 500-character
topic: BM25 and coverage read it all, e5 embeds the first QUERY_EMBED_CHARS).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from assistant.config import PROJECT_ROOT, Settings
from assistant.evaluation.questions import load_questions
from assistant.evaluation.scoring import percentile

TURN_CHARS = 500
TURNS = 20


PADS = {  # what makes an earlier user turn long: courtesy (dropped), or words of substance
    "courtesy": "您好！我是市里新来的同事，对分工方案还不太熟悉。谢谢！",
    "substance": "关于今年重点任务分工中经济发展、城乡建设、民生保障和生态环境的安排，",
}


def long_history(questions: list[str], last: str, kind: str) -> list[dict[str, str]]:
    """20 turns of 500 characters: earlier eval questions padded to length."""
    pad = PADS[kind]
    turns = []
    for i in range(TURNS // 2):
        user = questions[i % len(questions)] if i < TURNS // 2 - 1 else last
        turns.append({"role": "user", "content": (pad * 20 + user)[-TURN_CHARS:]})
        turns.append({"role": "assistant", "content": ("粮食产量1268万吨以上，由省农业农村厅牵头[1]。" * 40)[:TURN_CHARS]})
    return turns


def timed(assistant, question: str, history: list[dict[str, str]]) -> float:
    started = time.perf_counter()
    assistant.ask(question, history)
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=PROJECT_ROOT / "eval" / "questions.jsonl")
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args(argv)
    from assistant.retrieve.assistant import Assistant

    assistant = Assistant.load(Settings())
    questions = [q.question for q in load_questions(args.questions) if not q.history]
    result = {}
    for case in ("standalone", "followup:courtesy", "followup:substance"):
        plain, with_history, extra = [], [], []
        for q in questions:  # warm-up: embeddings and parses cached for both variants alike
            assistant.ask(q)
        for _ in range(args.passes):
            for q in questions:
                history = long_history(questions, q, case.split(":")[-1] if ":" in case else "courtesy")
                if case == "standalone":
                    a, b = timed(assistant, q, []), timed(assistant, q, history)
                else:
                    short = [{"role": "user", "content": q}, {"role": "assistant", "content": "…"}]
                    a, b = timed(assistant, "配合单位有哪些？", short), timed(assistant, "配合单位有哪些？", history)
                plain.append(a)
                with_history.append(b)
                extra.append(b - a)
        result[case] = {"calls": len(extra), "p95_no_history_ms": round(percentile(plain, 95), 2),
                        "p95_with_history_ms": round(percentile(with_history, 95), 2),
                        "p50_extra_ms": round(percentile(extra, 50), 2),
                        "p95_extra_ms": round(percentile(extra, 95), 2)}
    print(json.dumps(result))
    for case, r in result.items():
        print(f"{case}: {r['calls']} calls; p95 without history {r['p95_no_history_ms']} ms, with "
              f"{TURNS} turns x {TURN_CHARS} chars {r['p95_with_history_ms']} ms; extra per call "
              f"p50 {r['p50_extra_ms']} ms, p95 {r['p95_extra_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
