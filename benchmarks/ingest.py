"""Ingest benchmark: cold ingest (empty embedding cache), with the committed cache, unchanged
re-ingest, index size on disk and peak RSS. Prints JSON and one human line. Not a test.

    .venv/bin/python benchmarks/ingest.py [--skip-cold]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.ingest.pipeline import ingest


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(settings: Settings, force: bool = False) -> tuple[float, object]:
    t0 = time.perf_counter()
    summary = ingest(settings, progress=False, force=force)
    return time.perf_counter() - t0, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-cold", action="store_true", help="skip the ~5 min cold embedding run")
    args = parser.parse_args()
    base = Settings()
    work = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    result: dict[str, float | int] = {}
    try:
        if not args.skip_cold:
            cold = base.model_copy(update={"index_dir": work / "cold-index", "embedding_cache_dir": work / "cache"})
            secs, summary = timed(cold)
            result.update(cold_ingest_s=round(secs, 1), cold_embedded=summary.embedded)
        cache = work / "committed-cache"
        shutil.copytree(base.embedding_cache_dir, cache)
        warm = base.model_copy(update={"index_dir": work / "index", "embedding_cache_dir": cache})
        secs, summary = timed(warm)
        result.update(ingest_with_committed_cache_s=round(secs, 1), passages=summary.passages,
                      embedded_with_committed_cache=summary.embedded)
        secs, summary = timed(warm)
        result.update(unchanged_reingest_s=round(secs, 2), unchanged_embedded=summary.embedded)
        secs, summary = timed(warm, force=True)
        result.update(forced_rebuild_s=round(secs, 1))
        result["index_size_mb"] = round(dir_size(work / "index") / 1e6, 1)
        result["embedding_cache_mb"] = round(dir_size(cache) / 1e6, 1)
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=1))
    print(f"cold {result.get('cold_ingest_s', 'skipped')} s, with committed cache "
          f"{result['ingest_with_committed_cache_s']} s, unchanged re-ingest {result['unchanged_reingest_s']} s, "
          f"index {result['index_size_mb']} MB, peak RSS {result['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
