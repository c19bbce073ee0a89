"""A uvicorn server in a background thread, and the error-shape assertion the tests share."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import httpx
import uvicorn

API_KEY = "test-key-7c1f"


class LiveServer:
    """uvicorn serving `app` on a pre-bound 127.0.0.1 socket (no port race)."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on",
                                                    timeout_graceful_shutdown=2))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True, name=f"uvicorn{self.url[-6:]}")

    def start(self, timeout: float = 120) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError(f"server on {self.url} exited during startup")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server on {self.url} not started after {timeout}s")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.sock.close()


def assert_error(response: httpx.Response, status: int, type_: str | None = None) -> str:
    """The response is our JSON error of `status` (and `type_`); returns its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"type", "message"}, body
    assert body["error"]["message"], body
    if type_ is not None:
        assert body["error"]["type"] == type_, body
    return body["error"]["message"]
