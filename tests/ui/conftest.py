"""The real server as a subprocess (`python -m assistant.api.server`, what `assistant serve`
runs) on a free 127.0.0.1 port, with the repository's index; and headless Debian chromium."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, stop_process

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking"]


class ServerProcess:
    """`python -m assistant.api.server` on a free port with extra ASSISTANT_* variables."""

    def __init__(self, log_path: Path, **env: str) -> None:
        self.log_path = log_path
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> ServerProcess:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "ASSISTANT_HOST": "127.0.0.1", "ASSISTANT_PORT": str(port),
               "ASSISTANT_API_KEY": "", **self.env}
        self._log = self.log_path.open("a")
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant.api.server"], env=env,
                                     stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO)
        deadline = time.monotonic() + 180
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"server exited with {self.proc.returncode}:\n{self.log_path.read_text()}")
            try:
                r = httpx.get(f"{self.url}/readyz", timeout=5)
            except httpx.TransportError:
                r = None
            if r is not None and r.status_code == 200:
                return self
            if r is not None and r.status_code == 503:
                self.stop()
                pytest.skip(f"no built index ({r.json()['error']['message']}); "
                            f"run `assistant ingest` (`make test` does) to run the browser test")
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail("server not ready after 180 s")
            time.sleep(0.3)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None
            self._log.close()


@pytest.fixture(scope="session")
def feedback_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session server's feedback file (never the repository's data/feedback.db)."""
    return tmp_path_factory.mktemp("ui-feedback") / "feedback.db"


@pytest.fixture(scope="session")
def ui_server(tmp_path_factory: pytest.TempPathFactory, feedback_db: Path) -> Iterator[str]:
    """Base URL of the served app; skips only when the repository has no built index."""
    server = ServerProcess(tmp_path_factory.mktemp("ui-server") / "server.log",
                           ASSISTANT_FEEDBACK_DB=str(feedback_db)).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        # On a developer machine without root, skip with the fix; in CI a missing browser is a failure.
        missing = pytest.fail if os.environ.get("CI") else pytest.skip
        missing(f"{CHROMIUM} is missing; apt-get install -y chromium (`make test` does as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
