"""`python -m assistant.api.server` (what `assistant serve` runs) as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, stop_process
from live_server import assert_error

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]


def test_serve_starts_without_an_index_and_reports_not_ready(tmp_path: Path) -> None:
    port = free_port()
    empty = tmp_path / "index"
    empty.mkdir()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(empty), "ASSISTANT_PORT": str(port),
           "ASSISTANT_HOST": "127.0.0.1"}
    log_path = tmp_path / "server.log"
    log = log_path.open("w")
    proc = subprocess.Popen([sys.executable, "-m", "assistant.api.server"], env=env,
                            stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, log_path.read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server did not come up in 90 s"
            time.sleep(0.2)
        assert_error(httpx.get(f"http://127.0.0.1:{port}/readyz"), 503, "IndexNotReadyError")
    finally:
        stop_process(proc)
        log.close()
