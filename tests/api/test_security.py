"""The UI serves only its own assets; uploads are off; the body limit holds on every path."""

from __future__ import annotations

import httpx
import pytest
from live_server import assert_error

pytestmark = pytest.mark.integration

FILE_PROBES = [
    "/ui/gradio_api/file=/etc/passwd",
    "/ui/file=/etc/passwd",
    "/ui/gradio_api/file=../../../../etc/passwd",
    "/ui/gradio_api/file=%2Fetc%2Fpasswd",
    "/ui/gradio_api/file=/work/main/pyproject.toml",
    "/ui/gradio_api/file=pyproject.toml",
    "/ui/gradio_api/file=index",
    "/ui/static/../../../../etc/passwd",
    "/ui/assets/..%2F..%2F..%2Fetc%2Fpasswd",
    "/ui/gradio_api/proxy=http://127.0.0.1:1/",
]


@pytest.mark.parametrize("path", FILE_PROBES)
def test_no_file_outside_ui_assets_is_served(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code != 200 or "text/html" in r.headers.get("content-type", ""), (
        path, r.status_code, r.text[:200])
    assert "root:x:" not in r.text
    assert "[project]" not in r.text


def test_uploads_are_refused(client: httpx.Client) -> None:
    r = client.post("/ui/gradio_api/upload", files={"files": ("a.txt", b"hello")})
    assert_error(r, 404, "NotFoundError")


def test_body_limit_covers_the_ui_routes(client: httpx.Client) -> None:
    r = client.post("/ui/gradio_api/queue/join", content=b"x" * 300_000,
                    headers={"content-type": "application/json"})
    assert_error(r, 413, "PayloadTooLargeError")


def test_errors_do_not_leak_tracebacks(client: httpx.Client) -> None:
    r = client.post("/api/ask", content=b'{"question": ["a"]}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "Traceback" not in r.text and "/work/" not in r.text
