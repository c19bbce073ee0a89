"""Query-embedding latency under OpenMP settings, idle and beside a CPU-bound process
(a benchmark, not a test).

For each setting (OMP_NUM_THREADS / OMP_WAIT_POLICY, and how many embeddings may run at
once) a fresh process loads the embedder through `make_embedder` (which applies the
settings before the engine loads) and measures:

* idle: one question at a time, p50 / p95 ms;
* contended: the same while another process spins on one core (`--hog` processes);
* concurrent: T threads embedding different questions at once, questions/s and p95 ms
  (what a server with T requests in flight sees).

    .venv/bin/python benchmarks/embed_threads.py [--questions eval/questions.jsonl] [--n 60]

Prints one JSON line per setting and a Markdown table. Run it on a quiet machine and compare
the rows within one run: absolute numbers move with whatever else is running.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = [  # (label, omp_num_threads, omp_wait_policy, embed_concurrency)
    ("2 threads, active wait (before)", 2, "", 0),
    ("2 threads, passive wait, <=2 at once (default on 2 cores)", 2, "PASSIVE", 0),
    ("1 thread, passive, <=2 at once", 1, "PASSIVE", 2),
    ("1 thread, passive, unbounded", 1, "PASSIVE", 0),
]


def _hog(stop_at: float) -> None:
    x = 0
    while time.time() < stop_at:
        x += 1


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round((len(ordered) - 1) * p / 100)))]


def child(threads: int, policy: str, concurrency: int, questions: list[str], hogs: int) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    from assistant.config import Settings
    from assistant.store.embedders import make_embedder

    settings = Settings(omp_num_threads=threads, omp_wait_policy=policy or "ACTIVE",
                        embed_concurrency=concurrency)
    emb = make_embedder("e5", settings)
    emb.embed_query("热身")

    def timed(q: str) -> float:
        t0 = time.perf_counter()
        emb.embed_query(q)
        return (time.perf_counter() - t0) * 1000

    idle = [timed(q) for q in questions]
    stop_at = time.time() + 600
    procs = [mp.Process(target=_hog, args=(stop_at,), daemon=True) for _ in range(hogs)]
    for p in procs:
        p.start()
    time.sleep(0.3)
    contended = [timed(q) for q in questions[: max(10, len(questions) // 3)]]
    for p in procs:
        p.terminate()
        p.join()
    out = {"omp_num_threads": threads, "omp_wait_policy": policy or "(unset: active)",
           "embed_concurrency": concurrency,
           "idle_p50_ms": round(_pct(idle, 50), 1), "idle_p95_ms": round(_pct(idle, 95), 1),
           "contended_p50_ms": round(_pct(contended, 50), 1),
           "contended_p95_ms": round(_pct(contended, 95), 1)}
    for t in (2, 8):
        with ThreadPoolExecutor(t) as pool:
            t0 = time.perf_counter()
            lat = list(pool.map(timed, questions * 2))
            wall = time.perf_counter() - t0
        out[f"threads{t}_q_per_s"] = round(len(lat) / wall, 1)
        out[f"threads{t}_p95_ms"] = round(_pct(lat, 95), 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    ap.add_argument("--n", type=int, default=60, help="questions per measurement")
    ap.add_argument("--hog", type=int, default=1, help="CPU-bound processes beside it (contended)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8")
                 .splitlines() if line.strip()][: args.n]
    if args.child:
        threads, policy, concurrency = json.loads(args.child)
        print(json.dumps(child(threads, policy, concurrency, questions, args.hog), ensure_ascii=False))
        return
    rows = []
    for label, threads, policy, concurrency in SETTINGS:
        env = {k: v for k, v in os.environ.items() if not k.startswith("OMP_")}
        env["PYTHONPATH"] = str(ROOT)
        res = subprocess.run([sys.executable, __file__, "--questions", str(args.questions), "--n",
                              str(args.n), "--hog", str(args.hog), "--child",
                              json.dumps([threads, policy, concurrency])],
                             env=env, capture_output=True, text=True, check=True)
        row = json.loads(res.stdout.strip().splitlines()[-1])
        row["setting"] = label
        print(json.dumps(row, ensure_ascii=False), flush=True)
        rows.append(row)
    print("\n| setting | idle p50 / p95 | beside a CPU hog p50 / p95 | 2 threads: q/s, p95 | 8 threads: q/s, p95 |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['setting']} | {r['idle_p50_ms']} / {r['idle_p95_ms']} ms | {r['contended_p50_ms']} / "
              f"{r['contended_p95_ms']} ms | {r['threads2_q_per_s']}, {r['threads2_p95_ms']} ms | "
              f"{r['threads8_q_per_s']}, {r['threads8_p95_ms']} ms |")


if __name__ == "__main__":
    main()
