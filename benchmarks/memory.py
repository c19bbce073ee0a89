"""Memory under many unique questions (a benchmark, not a test): RSS after N1 and N2
distinct questions, so unbounded caches show as growth. Every cache is an LRU with a size
in code or Settings (query embeddings, parses, earlier answers, word statistics).

    .venv/bin/python benchmarks/memory.py [--first 2000] [--then 20000]

Questions are made from corpus words ("<word> <word>的目标是多少？"), all distinct, so each
one parses, searches and embeds anew.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sys
import time


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=2000)
    parser.add_argument("--then", type=int, default=20000)
    args = parser.parse_args(argv)
    from assistant.config import Settings
    from assistant.retrieve.assistant import Assistant

    assistant = Assistant.load(Settings())
    words = sorted({w for p in assistant.records.passages[:400]
                    for w in assistant.store.bm25.tokenizer.tokenize(p.text) if 2 <= len(w) <= 4})
    random.Random(7).shuffle(words)
    pairs = itertools.permutations(words, 2)
    result, asked, started = {"rss_after_load_mb": round(rss_mb(), 1)}, 0, time.perf_counter()
    for target in (args.first, args.then):
        while asked < target:
            a, b = next(pairs)
            assistant.ask(f"{a}{b}的目标是多少？")
            asked += 1
        result[f"rss_after_{target}_mb"] = round(rss_mb(), 1)
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["growth_mb"] = round(result[f"rss_after_{args.then}_mb"] - result[f"rss_after_{args.first}_mb"], 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
