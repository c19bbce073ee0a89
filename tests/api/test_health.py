"""Liveness, readiness, and a 503 JSON everywhere when no index exists."""

from __future__ import annotations

import httpx
import pytest
from live_server import assert_error

pytestmark = pytest.mark.integration


def test_alive_and_ready(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["status"] == "ready" and r.json()["documents"] > 0


def test_root_redirects_to_ui(client: httpx.Client) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"].endswith("/ui/")
    assert client.get("/ui/").status_code == 200


def test_an_api_only_server_has_no_ui_and_answers(settings, assistant) -> None:
    """`assistant serve --no-ui`: the API answers, /ui is not served, / points to the API docs."""
    from live_server import LiveServer

    from assistant.api import create_app

    live = LiveServer(create_app(settings.model_copy(update={"ui": False}), assistant)).start()
    try:
        with httpx.Client(base_url=live.url, timeout=30) as api:
            r = api.get("/", follow_redirects=False)
            assert r.status_code in (302, 307) and r.headers["location"].endswith("/docs")
            assert api.get("/ui/").status_code == 404
            answer = api.post("/api/ask", json={"question": "谁负责粮食产量？"}).json()
            assert answer["answerable"] and answer["citations"]
    finally:
        live.stop()


def test_openapi_documents_the_endpoints(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/documents", "/api/tasks", "/v1/chat/completions", "/v1/models",
            "/healthz", "/readyz"} <= set(paths)
    assert "422" in paths["/api/ask"]["post"]["responses"]


@pytest.fixture(scope="module")
def empty(empty_server: str):
    with httpx.Client(base_url=empty_server, timeout=30) as c:
        yield c


def test_without_index_the_app_is_alive_but_not_ready(empty: httpx.Client) -> None:
    assert empty.get("/healthz").status_code == 200
    message = assert_error(empty.get("/readyz"), 503, "IndexNotReadyError")
    assert "ingest" in message or "index" in message


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/api/ask", {"question": "谁负责粮食产量？"}),
    ("GET", "/api/documents", None),
    ("GET", "/api/tasks", None),
    ("POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": "谁负责？"}]}),
])
def test_without_index_the_api_answers_503(empty: httpx.Client, method: str, path: str,
                                           body: dict | None) -> None:
    assert_error(empty.request(method, path, json=body), 503, "IndexNotReadyError")

