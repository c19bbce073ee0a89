"""Build lifecycle: one writer, crash-safe publish, manifest verification and self-repair.

Every test works on a copy of the mini corpus with its own index; the processes it starts
are real `assistant` CLI runs (or a tiny driver that kills itself with SIGKILL at a stage).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from assistant.errors import IndexBusyError, IndexDamagedError
from assistant.ingest.pipeline import ingest
from assistant.store.integrity import MANIFEST, read_manifest, verify_build
from assistant.store.layout import current_build, previous_build
from assistant.store.lock import index_lock
from assistant.store.store import Store
from benchmarks.kill_ingest import DRIVER, STAGES
from tests.conftest import REPO

pytestmark = pytest.mark.integration


def _env(settings, **extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1",
            "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
            "ASSISTANT_INDEX_DIR": str(settings.index_dir),
            "ASSISTANT_EMBEDDING_CACHE_DIR": str(settings.embedding_cache_dir), **extra}


def _cli(settings, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=_env(settings, **extra),
                          capture_output=True, text=True, timeout=300, cwd=REPO)


def _builds(settings) -> set[str]:
    builds = settings.index_dir / "builds"
    return {p.name for p in builds.iterdir()} if builds.is_dir() else set()


def _kept(settings) -> set[str]:
    return {p.name for p in (current_build(settings.index_dir), previous_build(settings.index_dir)) if p}


def _assert_healthy(settings) -> None:
    build = current_build(settings.index_dir)
    assert build is not None
    assert verify_build(build, checksums=True) == []
    assert _builds(settings) == _kept(settings)  # no stray (partial or old) builds
    store = Store.open(settings)
    assert store.vectors.count() == len(store.records.passages) > 0


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Aborted!" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


# ---- one writer ------------------------------------------------------------------------

def test_second_writer_is_refused_with_the_holders_pid(mini_settings):
    ingest(mini_settings, progress=False)
    with index_lock(mini_settings.index_dir):
        proc = _cli(mini_settings, "ingest", "--force", "--quiet", ASSISTANT_INDEX_LOCK_WAIT_S="0.5")
    line = _one_line_error(proc)
    assert f"another ingest is running (pid {os.getpid()})" in line
    _assert_healthy(mini_settings)


def test_second_writer_waits_briefly_for_the_first(mini_settings):
    ingest(mini_settings, progress=False)
    held, released = threading.Event(), threading.Event()

    def hold() -> None:
        with index_lock(mini_settings.index_dir):
            held.set()
            time.sleep(0.5)
        released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(30)  # the first writer holds the lock before the second one asks
    summary = ingest(mini_settings.model_copy(update={"index_lock_wait_s": 10}), progress=False,
                     force=True)
    holder.join()
    assert released.is_set() and not summary.up_to_date
    with index_lock(mini_settings.index_dir), pytest.raises(IndexBusyError, match="another ingest"):
        ingest(mini_settings.model_copy(update={"index_lock_wait_s": 0}), progress=False)


def test_two_concurrent_ingests(mini_settings):
    ingest(mini_settings, progress=False)  # fills the embedding cache
    env = _env(mini_settings, ASSISTANT_INDEX_LOCK_WAIT_S="0")
    procs = [subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", "--force", "--quiet"],
                              env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    assert any(rc == 0 for rc, _, _ in results), results
    for rc, out, err in results:
        assert "Traceback" not in err, err
        if rc != 0:
            assert rc == 1 and err.strip().startswith("error: another ingest is running (pid "), err
    _assert_healthy(mini_settings)


# ---- kill -9 at each stage, then a plain ingest heals ----------------------------------



def _kill_at(settings, stage: str) -> None:
    target, nth, when = STAGES[stage]
    proc = subprocess.run([sys.executable, "-c", DRIVER, target, str(nth), when],
                          env=_env(settings), capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == -9, (stage, proc.returncode, proc.stderr[-2000:])


@pytest.mark.parametrize("stage", list(STAGES))
def test_kill_at_stage_then_plain_ingest_heals(mini_settings, stage):
    ingest(mini_settings, progress=False)
    good = current_build(mini_settings.index_dir)
    _kill_at(mini_settings, stage)
    if stage in ("parse", "bm25", "chroma", "manifest"):
        assert current_build(mini_settings.index_dir) == good  # the old build keeps serving
    Store.open(mini_settings)  # whatever `current` points at is complete
    summary = ingest(mini_settings, progress=False)
    _assert_healthy(mini_settings)
    if stage in ("bm25", "chroma", "manifest"):
        assert summary.removed, "the partial build of the killed run is removed"


def test_killed_first_ingest_then_plain_ingest_builds(mini_settings):
    _kill_at(mini_settings, "manifest")
    assert current_build(mini_settings.index_dir) is None and _builds(mini_settings)
    summary = ingest(mini_settings, progress=False)
    assert not summary.up_to_date and summary.removed
    _assert_healthy(mini_settings)


def test_current_and_previous_builds_are_kept(mini_settings):
    ids = [ingest(mini_settings, progress=False, force=True).build_id for _ in range(3)]
    assert current_build(mini_settings.index_dir).name == ids[2]
    assert previous_build(mini_settings.index_dir).name == ids[1]
    assert _builds(mini_settings) == {ids[1], ids[2]}


# ---- damage is detected, reported in one line, and repaired ----------------------------

def _index_files(settings) -> list[str]:
    ingest(settings, progress=False)
    return sorted(read_manifest(current_build(settings.index_dir))["files"])


def test_manifest_lists_every_file_with_checksums(mini_settings):
    files = _index_files(mini_settings)
    build = current_build(mini_settings.index_dir)
    manifest = read_manifest(build)["files"]
    assert {"records.sqlite", "meta.json", "chroma/chroma.sqlite3", "vectors.npy",
            "terms/postings.npy"} <= set(files)
    assert any(f.startswith("bm25/") and f.endswith(".npy") for f in files)
    assert any(f.endswith("data_level0.bin") for f in files)  # Chroma's HNSW vectors
    assert all("sha256" in e for f, e in manifest.items() if not f.endswith("chroma.sqlite3"))


@pytest.mark.parametrize("victim", ["records.sqlite", "vectors.npy", "terms/postings.npy", "meta.json", "bm25/data.csc.index.npy",
                                    "bm25/vocab.index.json", "data_level0.bin", "header.bin",
                                    "chroma/chroma.sqlite3", MANIFEST])
def test_truncated_file_is_detected_and_ingest_repairs_it(mini_settings, victim):
    files = _index_files(mini_settings) + [MANIFEST]
    build = current_build(mini_settings.index_dir)
    rel = next(f for f in files if f == victim or f.endswith("/" + victim))
    path = build / rel
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(IndexDamagedError):
        Store.open(mini_settings)
    line = _one_line_error(_cli(mini_settings, "stats"))
    assert "damaged" in line and "assistant ingest" in line
    summary = ingest(mini_settings, progress=False)  # no --force
    assert not summary.up_to_date and summary.repaired
    _assert_healthy(mini_settings)
    assert _cli(mini_settings, "stats", "--verify").returncode == 0


def test_emptied_records_file_is_rebuilt_by_plain_ingest(mini_settings):
    ingest(mini_settings, progress=False)
    (current_build(mini_settings.index_dir) / "records.sqlite").write_bytes(b"")
    proc = _cli(mini_settings, "ingest", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "up to date" not in proc.stdout and "failed verification" in proc.stdout
    _assert_healthy(mini_settings)


def test_garbled_bm25_weights_are_caught_by_checksums(mini_settings):
    ingest(mini_settings, progress=False)
    path = current_build(mini_settings.index_dir) / "bm25" / "data.csc.index.npy"
    data = bytearray(path.read_bytes())
    data[-64:] = bytes(64)  # same size, different weights
    path.write_bytes(bytes(data))
    assert _cli(mini_settings, "stats").returncode == 0  # sizes only: not seen
    line = _one_line_error(_cli(mini_settings, "stats", "--verify"))
    assert "data.csc.index.npy has changed" in line
    with pytest.raises(IndexDamagedError, match="data.csc.index.npy"):
        Store.open(mini_settings)  # checksums on load by default
    assert ingest(mini_settings, progress=False).repaired
    _assert_healthy(mini_settings)
