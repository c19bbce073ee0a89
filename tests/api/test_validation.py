"""Bad input is a JSON 4xx that says what is wrong, never a 500."""

from __future__ import annotations

import json

import httpx
import pytest
from live_server import assert_error

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(("body", "expected"), [
    ({"question": ""}, "question"),
    ({"question": "   \n\t "}, "empty"),
    ({"question": "问" * 501}, "500"),
    ({}, "question"),
    ({"question": 42}, "question"),
    ({"question": "谁负责粮食产量？", "history": "not a list"}, "history"),
    ({"question": "谁负责粮食产量？", "history": [{"role": "system", "content": "x"}]}, "role"),
    ({"question": "谁负责粮食产量？", "history": [{"role": "user"}]}, "content"),
    ({"question": "谁负责粮食产量？", "history": [{"role": "user", "content": "a"}] * 21}, "20"),
    ({"question": "谁负责粮食产量？", "scope": "粤府〔1999〕1号"}, "scope"),
    ({"question": "谁负责粮食产量？", "histroy": []}, "histroy"),
])
def test_invalid_ask_body_is_422_naming_the_problem(client: httpx.Client, body: dict,
                                                    expected: str) -> None:
    message = assert_error(client.post("/api/ask", json=body), 422)
    assert expected in message


def test_500_characters_are_accepted(client: httpx.Client) -> None:
    r = client.post("/api/ask", json={"question": "粮" * 500})
    assert r.status_code == 200, r.text


def test_20_history_turns_are_accepted(client: httpx.Client) -> None:
    history = [{"role": "user" if i % 2 == 0 else "assistant", "content": "谁负责粮食产量？"}
               for i in range(20)]
    r = client.post("/api/ask", json={"question": "配合单位有哪些？", "history": history})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("raw", [b"{not json", b'{"question": "a",}', b'{"question": "\xc3\x28"}',
                                 b"\x8e\t\r9", b""])
def test_malformed_json_is_a_clear_422(client: httpx.Client, raw: bytes) -> None:
    r = client.post("/api/ask", content=raw, headers={"content-type": "application/json"})
    message = assert_error(r, 422)
    assert "JSON" in message or "body" in message


def test_json_array_body_is_422(client: httpx.Client) -> None:
    assert_error(client.post("/api/ask", json=["谁负责粮食产量？"]), 422)


def test_oversized_body_is_413(client: httpx.Client) -> None:
    body = json.dumps({"question": "粮" * 200_000}).encode()
    assert_error(client.post("/api/ask", content=body,
                             headers={"content-type": "application/json"}),
                 413, "PayloadTooLargeError")


def test_oversized_chunked_body_is_413(client: httpx.Client) -> None:
    def chunks():
        yield b'{"question": "'
        for _ in range(40):
            yield b"x" * 10_000
        yield b'"}'

    r = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert_error(r, 413, "PayloadTooLargeError")


def test_oversized_chat_completion_is_413(client: httpx.Client) -> None:
    body = {"messages": [{"role": "user", "content": "粮" * 200_000}]}
    assert_error(client.post("/v1/chat/completions", json=body), 413)


@pytest.mark.parametrize(("body", "expected"), [
    ({"messages": []}, "messages"),
    ({"messages": [{"role": "user", "content": "  "}]}, "empty"),
    ({"messages": [{"role": "system", "content": "你是助手"}]}, "user"),
    ({"messages": [{"role": "user", "content": "谁负责粮食产量？"},
                   {"role": "assistant", "content": "省农业农村厅"}]}, "user"),
    ({"messages": [{"role": "wizard", "content": "x"}]}, "role"),
    ({"messages": "谁负责粮食产量？"}, "messages"),
])
def test_invalid_chat_completion_is_422(client: httpx.Client, body: dict, expected: str) -> None:
    assert expected in assert_error(client.post("/v1/chat/completions", json=body), 422)


@pytest.mark.parametrize("query", ["page=0", "page_size=0", "page_size=101", "page=abc",
                                   "leader=" + "张" * 201])
def test_invalid_task_query_is_422(client: httpx.Client, query: str) -> None:
    assert_error(client.get(f"/api/tasks?{query}"), 422, "ValidationError")


def test_unknown_route_and_wrong_method_are_json(client: httpx.Client) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "NotFoundError")
    assert_error(client.get("/api/ask"), 405, "MethodNotAllowedError")
