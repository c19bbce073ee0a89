"""kill -9 inside `assistant ingest` at a chosen stage: shared by benchmarks/faults.py and
tests/store/test_lifecycle.py.

    subprocess.run([sys.executable, "-c", DRIVER, target, str(nth), when], env=...)

replaces the function `target` so that its `nth` call kills the process before or after
running the real one, then runs a forced ingest; exit code -9 means the stage was hit.
"""

from __future__ import annotations

import textwrap

DRIVER = textwrap.dedent("""
    import importlib, os, signal, sys
    from assistant.config import Settings
    from assistant.ingest.pipeline import ingest
    target, nth, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    path, _, attr = target.rpartition(".")
    try:
        owner = importlib.import_module(path)
    except ModuleNotFoundError:
        path, _, cls = path.rpartition(".")
        owner = getattr(importlib.import_module(path), cls)
    real = getattr(owner, attr)
    calls = 0
    def dying(*a, **k):
        global calls
        calls += 1
        if calls == nth and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(*a, **k)
        if calls == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(owner, attr, dying)
    ingest(Settings(), progress=False, force=True)
    sys.exit(3)  # not reached: the stage must be hit
""")

STAGES = {
    # stage: (function replaced, which call dies, before or after running the real one)
    "parse": ("assistant.ingest.pipeline.build_passages", 1, "before"),
    "bm25": ("assistant.ingest.pipeline.BM25Index.save", 1, "before"),  # records.sqlite written
    "chroma": ("assistant.ingest.pipeline.write_vectors", 1, "after"),  # vectors written
    "manifest": ("assistant.store.layout.write_manifest", 1, "before"),  # meta.json written
    "swap": ("assistant.store.layout._swap_link", 2, "before"),  # `previous` moved, not `current`
    "prune": ("assistant.ingest.pipeline.prune_builds", 2, "before"),  # published, not pruned
}
