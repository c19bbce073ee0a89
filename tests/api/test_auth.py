"""With an API key configured: /api and /v1 need it, health stays open, the UI asks for it."""

from __future__ import annotations

import httpx
import openai
import pytest
from live_server import API_KEY, assert_error

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def keyed(keyed_server: str):
    with httpx.Client(base_url=keyed_server, timeout=60) as c:
        yield c


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/api/ask", {"question": "谁负责粮食产量？"}),
    ("GET", "/api/documents", None),
    ("GET", "/api/tasks", None),
    ("GET", "/v1/models", None),
    ("POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": "谁负责？"}]}),
])
def test_key_is_required(keyed: httpx.Client, method: str, path: str, body: dict | None) -> None:
    r = keyed.request(method, path, json=body)
    assert_error(r, 401, "UnauthorizedError")
    assert r.headers["www-authenticate"] == "Bearer"
    wrong = keyed.request(method, path, json=body, headers={"Authorization": "Bearer nope"})
    assert_error(wrong, 401, "UnauthorizedError")
    basic = keyed.request(method, path, json=body, headers={"Authorization": f"Basic {API_KEY}"})
    assert_error(basic, 401)
    ok = keyed.request(method, path, json=body, headers={"Authorization": f"Bearer {API_KEY}"})
    assert ok.status_code == 200, ok.text


def test_health_is_open(keyed: httpx.Client) -> None:
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/readyz").status_code == 200


def test_openai_client_with_the_key(keyed_server: str) -> None:
    good = openai.OpenAI(base_url=f"{keyed_server}/v1", api_key=API_KEY, max_retries=0)
    done = good.chat.completions.create(model="policy-assistant",
                                        messages=[{"role": "user", "content": "谁负责粮食产量？"}])
    assert done.choices[0].message.content
    bad = openai.OpenAI(base_url=f"{keyed_server}/v1", api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.models.list()


def test_ui_requires_the_key_as_login(keyed: httpx.Client) -> None:
    assert keyed.get("/ui/config").status_code == 401
    assert keyed.post("/ui/login", data={"username": "x", "password": "nope"}).status_code != 200
    with httpx.Client(base_url=str(keyed.base_url), timeout=30) as browser:
        r = browser.post("/ui/login", data={"username": "official", "password": API_KEY})
        assert r.status_code == 200, r.text
        assert browser.get("/ui/config").status_code == 200


def test_server_without_key_leaves_ui_open(client: httpx.Client) -> None:
    assert client.get("/ui/config").status_code == 200
