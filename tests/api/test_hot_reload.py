"""A running server (`python -m assistant.api.server`) follows `assistant add` / `remove` without a
restart: /readyz reports the new build, answers cite the new document, and requests made
during the switch all succeed. With embedded Chroma and with a `chroma run` server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from assistant.errors import StoreUnavailableError
from assistant.ingest.corpus import add_document, remove_document
from assistant.ingest.pipeline import ingest
from assistant.store.store import collection_name
from assistant.store.vector_store import open_client
from tests.conftest import MINI_CORPUS, free_port, stop_process
from tests.ingest.notice_files import NEW_DOCS

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
NEW = "穗府〔2025〕2号"
QUESTION = "独角兽企业由哪个部门牵头？"
SWITCH_SECONDS = 30


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    """A Chroma server on 127.0.0.1 for this module."""
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(data),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            open_client(url, None)
            break
        except StoreUnavailableError:
            if time.time() > deadline:
                proc.kill()
                pytest.fail("chroma server did not start within 60 s")
            time.sleep(0.5)
    yield url
    stop_process(proc)


def _serve(settings: Settings, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
           "ASSISTANT_INDEX_DIR": str(settings.index_dir),
           "ASSISTANT_EMBEDDING_CACHE_DIR": str(settings.embedding_cache_dir),
           "ASSISTANT_CHROMA_URL": settings.chroma_url, "ASSISTANT_RELOAD_INTERVAL": "1",
           "ASSISTANT_HOST": "127.0.0.1", "ASSISTANT_PORT": str(port), "ASSISTANT_API_KEY": "",
           "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "assistant.api.server"], env=env, cwd=REPO,
                            stdout=log_path.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        assert proc.poll() is None, log_path.read_text()
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"server not ready in 120 s:\n{log_path.read_text()}"
        time.sleep(0.3)


class _Traffic(threading.Thread):
    """Asks a question of the old documents again and again; records every status code."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.codes, self.stop = url, [], threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self.stop.is_set():
                r = client.post("/api/ask", json={"question": "地区生产总值增长目标是多少？"})
                self.codes.append(r.status_code)
                time.sleep(0.05)


def _wait_for(url: str, check, what: str, since: float) -> float:
    """Seconds from `since` until check(answer JSON) holds (fails after SWITCH_SECONDS)."""
    while True:
        body = httpx.post(f"{url}/api/ask", json={"question": QUESTION}, timeout=30).json()
        if check(body):
            return time.monotonic() - since
        assert time.monotonic() - since < SWITCH_SECONDS, f"{what} not served after {SWITCH_SECONDS}s: {body}"
        time.sleep(0.25)


@pytest.mark.parametrize("backend", ["embedded", "chroma-server"])
def test_server_follows_add_and_remove(tmp_path: Path, request, backend: str) -> None:
    shutil.copytree(MINI_CORPUS, tmp_path / "corpus")
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index",
                        embedding_cache_dir=tmp_path / "cache",
                        chroma_url=request.getfixturevalue("chroma_url") if backend == "chroma-server" else "")
    first = ingest(settings, progress=False)
    proc, url = _serve(settings, tmp_path / "server.log")
    traffic = _Traffic(url)
    try:
        ready = httpx.get(f"{url}/readyz").json()
        assert (ready["build_id"], ready["document_ids"]) == (first.build_id, ["粤府〔2023〕18号"])
        traffic.start()

        t0 = time.monotonic()
        added = add_document(settings, NEW_DOCS / "gz_2025_tasks.txt")
        seconds = _wait_for(url, lambda b: b["citations"] and b["citations"][0]["doc_id"] == NEW,
                            "the added document", t0)
        ready = httpx.get(f"{url}/readyz").json()
        assert ready["build_id"] == added.summary.build_id and NEW in ready["document_ids"]
        print(f"\n{backend}: added and answered after {seconds:.1f}s")
        if settings.chroma_url:  # the previous build's collection is still there for other workers
            names = {getattr(c, "name", c) for c in open_client(settings.chroma_url, None).list_collections()}
            assert collection_name(settings.collection, first.build_id) in names

        t1 = time.monotonic()
        removed = remove_document(settings, NEW)
        _wait_for(url, lambda b: not b["answerable"], "the removal", t1)
        assert httpx.get(f"{url}/readyz").json()["build_id"] == removed.summary.build_id
    finally:
        traffic.stop.set()
        if traffic.is_alive():
            traffic.join(timeout=30)
        stop_process(proc)
    assert len(traffic.codes) > 5 and set(traffic.codes) == {200}, traffic.codes
