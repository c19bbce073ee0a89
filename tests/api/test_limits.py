"""Limits on abuse and bad input at the HTTP edge: 422 for text that is not text, failed-key
throttling, the key in front of Gradio's internals and the docs, the answer gate (busy 503,
dropped requests never computed), the read timeout for slow clients, and a damaged index
answered with 503 instead of a dead server."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from live_server import API_KEY, LiveServer, assert_error

from assistant.api import create_app
from assistant.api.server import server_config
from assistant.config import Settings
from assistant.records import Answer

pytestmark = pytest.mark.integration

_SURROGATE_BODY = b'{"question": "\\ud800\xe7\xb2\xae"}'  # JSON escape of a lone surrogate + 粮


# ---- input hygiene ---------------------------------------------------------------------

@pytest.mark.parametrize(("path", "body"), [
    ("/api/ask", _SURROGATE_BODY),
    ("/api/ask", b'{"question": "\\u0007\xe8\xb0\x81\xe8\xb4\x9f\xe8\xb4\xa3"}'),  # BEL + 谁负责
    ("/api/ask", b'{"question": "ok", "history": [{"role": "user", "content": "\\udfff"}]}'),
    ("/v1/chat/completions", b'{"messages": [{"role": "user", "content": "\\ud800"}]}'),
    ("/v1/chat/completions",
     b'{"stream": true, "messages": [{"role": "user", "content": "\\ud800"}]}'),
    ("/v1/chat/completions",
     b'{"messages": [{"role": "user", "content": [{"type": "text", "text": "\\ud83d"}]}]}'),
])
def test_text_that_is_not_text_is_422(client: httpx.Client, path: str, body: bytes) -> None:
    r = client.post(path, content=body, headers={"Content-Type": "application/json"})
    message = assert_error(r, 422, "ValidationError")
    assert "surrogate" in message or "control character" in message


def test_zero_width_characters_do_not_change_the_answer(client: httpx.Client) -> None:
    plain = client.post("/api/ask", json={"question": "谁负责粮食产量？"}).json()
    hidden = client.post("/api/ask", json={"question": "谁负\u200b责粮\u200d食\ufeff产量？"}).json()
    assert hidden["answer"] == plain["answer"]
    assert [c["task_no"] for c in hidden["citations"]] == [c["task_no"] for c in plain["citations"]]


# ---- failed-auth throttling --------------------------------------------------------------

def test_wrong_keys_are_throttled_then_the_right_key_works(settings: Settings, assistant: Any) -> None:
    window = 2.0
    live = LiveServer(create_app(settings.model_copy(update={
        "api_key": API_KEY, "auth_max_failures": 10, "auth_window_s": window}), assistant)).start()
    try:
        with httpx.Client(base_url=live.url, timeout=30) as c:
            statuses = [c.get("/api/documents", headers={"Authorization": f"Bearer wrong{i}"}).status_code
                        for i in range(20)]
            assert statuses[:10] == [401] * 10 and statuses[10:] == [429] * 10
            blocked = c.get("/api/documents", headers={"Authorization": f"Bearer {API_KEY}"})
            assert_error(blocked, 429, "TooManyRequestsError")
            assert 1 <= int(blocked.headers["retry-after"]) <= window + 1
            # the UI login counts too, and is blocked as well
            assert_error(c.post("/ui/login", data={"username": "x", "password": API_KEY}), 429)
            assert c.get("/healthz").status_code == 200  # health stays open
            time.sleep(window + 0.2)
            ok = c.get("/api/documents", headers={"Authorization": f"Bearer {API_KEY}"})
            assert ok.status_code == 200, ok.text
            for i in range(9):  # failed UI logins count as failures
                assert c.post("/ui/login", data={"username": "x", "password": f"no{i}"}).status_code == 400
            assert_error(c.post("/ui/login", data={"username": "x", "password": "no"}), 400)
            assert_error(c.get("/api/documents"), 429)
    finally:
        live.stop()


# ---- the key in front of Gradio's internals and the docs -------------------------------

@pytest.fixture(scope="module")
def keyed(keyed_server: str):
    with httpx.Client(base_url=keyed_server, timeout=60) as c:
        yield c


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/ui/gradio_api/cancel"), ("POST", "/ui/gradio_api/reset"),
    ("GET", "/ui/gradio_api/heartbeat/abc"), ("GET", "/ui/gradio_api/queue/data"),
    ("GET", "/docs"), ("GET", "/openapi.json"), ("GET", "/redoc"),
])
def test_internal_routes_need_the_key(keyed: httpx.Client, method: str, path: str) -> None:
    body = {"session_hash": "x", "fn_index": 0, "event_id": "x"} if method == "POST" else None
    assert_error(keyed.request(method, path, json=body), 401, "UnauthorizedError")
    if path in ("/docs", "/openapi.json", "/redoc"):
        ok = keyed.get(path, headers={"Authorization": f"Bearer {API_KEY}"})
        assert ok.status_code == 200


def test_a_ui_login_opens_the_docs(keyed_server: str) -> None:
    with httpx.Client(base_url=keyed_server, timeout=30) as browser:
        assert browser.post("/ui/login", data={"username": "u", "password": API_KEY}).status_code == 200
        assert browser.get("/openapi.json").status_code == 200
        reset = browser.post("/ui/gradio_api/reset", json={"session_hash": "x", "fn_index": 0})
        assert reset.status_code != 401


def test_docs_can_be_kept_open(settings: Settings, assistant: Any) -> None:
    live = LiveServer(create_app(settings.model_copy(update={"api_key": API_KEY, "open_docs": True}),
                                 assistant)).start()
    try:
        assert httpx.get(f"{live.url}/openapi.json").status_code == 200
        assert_error(httpx.get(f"{live.url}/api/documents"), 401)
    finally:
        live.stop()


def test_gradio_errors_have_the_one_error_shape(keyed: httpx.Client, client: httpx.Client) -> None:
    assert_error(keyed.post("/ui/login", data={"username": "x", "password": "wrong"}), 400)
    r = client.post("/ui/gradio_api/queue/join", json={"not": "valid"})
    assert r.status_code == 422 and set(r.json()) == {"error"}, r.text


# ---- the answer gate --------------------------------------------------------------------

class SlowAssistant:
    """Answers after `delay` seconds and remembers every question it computed."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.asked: list[str] = []
        self.settings = Settings()

    def ask(self, question: str, history: Any = None, scope: Any = None) -> Answer:
        self.asked.append(question)
        time.sleep(self.delay)
        return Answer(answer=f"答：{question}", answerable=True)

    def documents(self) -> list[dict]:
        return []


def _gate_server(**limits: Any) -> tuple[LiveServer, SlowAssistant, Any]:
    fake = SlowAssistant(delay=2.0)
    app = create_app(Settings().model_copy(update=limits), fake)
    return LiveServer(app).start(), fake, app.state.answer_gate


def wait_for(condition, timeout: float = 20.0) -> None:
    """Until `condition()` holds (a state, not a guessed sleep: the machine may be loaded)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the server"
        time.sleep(0.02)


def _ask_later(url: str, question: str, out: list) -> threading.Thread:
    def run() -> None:
        out.append(httpx.post(f"{url}/api/ask", json={"question": question}, timeout=30))
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_dropped_request_is_not_computed() -> None:
    live, fake, gate = _gate_server(max_concurrent_answers=1)
    try:
        done: list[httpx.Response] = []
        first = _ask_later(live.url, "第一问", done)
        wait_for(lambda: fake.asked == ["第一问"])  # the first holds the only slot
        body = json.dumps({"question": "被放弃的问题"}, ensure_ascii=False).encode()
        port = int(live.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            wait_for(lambda: gate.waiting == 1)  # waiting for the slot; now the client goes away
        first.join()
        wait_for(lambda: gate.abandoned + gate.started >= 2)
        assert done[0].status_code == 200
        assert fake.asked == ["第一问"]
        assert gate.abandoned == 1 and gate.started == 1
    finally:
        live.stop()


def test_beyond_the_cap_the_answer_is_503_with_retry_after() -> None:
    live, fake, gate = _gate_server(max_concurrent_answers=1, max_waiting_answers=0)
    try:
        done: list[httpx.Response] = []
        first = _ask_later(live.url, "第一问", done)
        wait_for(lambda: fake.asked == ["第一问"])
        busy = httpx.post(f"{live.url}/api/ask", json={"question": "第二问"}, timeout=30)
        assert_error(busy, 503, "ServerBusyError")
        assert int(busy.headers["retry-after"]) >= 1
        first.join()
        assert done[0].status_code == 200 and fake.asked == ["第一问"] and gate.rejected == 1
    finally:
        live.stop()


# ---- slow clients -------------------------------------------------------------------------

@contextmanager
def uvicorn_server(settings: Settings) -> Iterator[int]:
    """The real server (its own protocol and limits) in a thread on a free port, as `serve`
    configures it; yields the port and stops the server afterwards."""
    app = create_app(settings, SlowAssistant(0.0))
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(server_config(app, settings, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

def test_a_slow_client_is_disconnected_after_the_read_timeout() -> None:
    settings = Settings().model_copy(update={"request_read_timeout_s": 1.0})
    with uvicorn_server(settings) as port:
        with socket.create_connection(("127.0.0.1", port)) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # headers never finished
            slow.settimeout(30)  # a bound for a hung server, not a measure of speed
            assert slow.recv(100) == b""  # closed by the server (the read timeout is 1 s)
        with socket.create_connection(("127.0.0.1", port)) as idle:  # never sends a byte
            idle.settimeout(30)
            assert idle.recv(100) == b""
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200


def test_headers_beyond_the_limit_are_400_and_a_keep_alive_connection_serves_several() -> None:
    settings = Settings().model_copy(update={"max_header_bytes": 2048})
    with uvicorn_server(settings) as port:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            big = client.get("/healthz", headers={"X-Filler": "x" * 4096})
            assert big.status_code == 400
            assert client.get("/healthz", headers={"X-Filler": "x" * 1024}).status_code == 200
        with socket.create_connection(("127.0.0.1", port)) as s:  # headers sent a piece at a time
            s.settimeout(30)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            try:
                for _ in range(6):
                    s.sendall(b"X-Filler: " + b"y" * 500 + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # closed once past the limit, as it should
            assert s.recv(100).startswith(b"HTTP/1.1 400")
        with socket.create_connection(("127.0.0.1", port)) as s:  # keep-alive: two requests
            s.settimeout(30)
            for _ in range(2):
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                assert s.recv(4096).startswith(b"HTTP/1.1 200")


# ---- a damaged index: the server starts and says what is wrong ----------------------------

def test_damaged_index_gives_503_with_the_fix(mini_settings: Settings) -> None:
    from assistant.ingest.pipeline import ingest
    from assistant.store.layout import current_build

    ingest(mini_settings, progress=False)
    build = current_build(mini_settings.index_dir)
    hnsw = next(build.glob("chroma/*/data_level0.bin"))
    hnsw.write_bytes(hnsw.read_bytes()[:100])
    live = LiveServer(create_app(mini_settings)).start()
    try:
        assert httpx.get(f"{live.url}/healthz").status_code == 200
        message = assert_error(httpx.get(f"{live.url}/readyz"), 503, "IndexDamagedError")
        assert "data_level0.bin" in message and "assistant ingest" in message
        assert_error(httpx.post(f"{live.url}/api/ask", json={"question": "谁负责？"}), 503)
    finally:
        live.stop()
    ingest(mini_settings, progress=False)
    live = LiveServer(create_app(mini_settings)).start()
    try:
        assert httpx.get(f"{live.url}/readyz").status_code == 200
    finally:
        live.stop()
    shutil.rmtree(mini_settings.index_dir)
