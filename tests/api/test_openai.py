"""The OpenAI-compatible /v1 driven by the official `openai` client over real HTTP."""

from __future__ import annotations

import httpx
import openai
import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def oa(server: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{server}/v1", api_key="unused", max_retries=0, timeout=60)


def test_models_lists_the_policy_assistant(oa: openai.OpenAI) -> None:
    assert [m.id for m in oa.models.list()] == ["policy-assistant"]


def test_completion_carries_answer_and_citations(oa: openai.OpenAI,
                                                 client: httpx.Client) -> None:
    done = oa.chat.completions.create(
        model="policy-assistant",
        messages=[{"role": "system", "content": "你是政策助手。"},
                  {"role": "user", "content": "谁负责粮食产量？"}])
    assert done.object == "chat.completion"
    message = done.choices[0].message
    assert message.role == "assistant" and done.choices[0].finish_reason == "stop"
    extra = done.model_extra
    assert extra["answerable"] is True and extra["citations"]
    assert "粤府〔2023〕18号" in {c["doc_id"] for c in extra["citations"]}
    # the same answer as the native endpoint: system messages are ignored
    native = client.post("/api/ask", json={"question": "谁负责粮食产量？"}).json()
    assert message.content == native["answer"]
    assert extra["citations"] == native["citations"]
    assert done.usage.total_tokens == done.usage.prompt_tokens + done.usage.completion_tokens


def test_plain_content_shows_markers_and_a_numbered_source_list(oa: openai.OpenAI) -> None:
    """A client that shows only `content` (Open WebUI, LobeChat) still shows the citations."""
    for stream in (False, True):
        if stream:
            content = "".join(c.choices[0].delta.content or "" for c in oa.chat.completions.create(
                model="policy-assistant", messages=[{"role": "user", "content": "谁负责粮食产量？"}], stream=True)
                if c.choices)
        else:
            content = oa.chat.completions.create(
                model="policy-assistant", messages=[{"role": "user", "content": "谁负责粮食产量？"}]
            ).choices[0].message.content
        direct, sources = content.split("来源：")
        assert "[1]" in direct and "[2]" in direct
        assert "[1] 粤府〔2023〕18号 第10项" in sources and "[2] 粤府〔2022〕13号 第10项" in sources


def test_earlier_messages_are_the_history(oa: openai.OpenAI, client: httpx.Client) -> None:
    first = client.post("/api/ask", json={"question": "谁负责粮食产量？"}).json()
    history = [{"role": "user", "content": "谁负责粮食产量？"},
               {"role": "assistant", "content": first["answer"]}]
    done = oa.chat.completions.create(
        model="policy-assistant",
        messages=[*history, {"role": "user", "content": "配合单位有哪些？"}])
    native = client.post("/api/ask", json={"question": "配合单位有哪些？",
                                           "history": history}).json()
    assert done.choices[0].message.content == native["answer"]
    assert done.model_extra["resolved_question"] == native["resolved_question"]


def test_streaming_reassembles_to_the_same_answer(oa: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": "张虎分管哪些任务？"}]
    plain = oa.chat.completions.create(model="policy-assistant", messages=messages)
    stream = oa.chat.completions.create(model="policy-assistant", messages=messages,
                                        stream=True, stream_options={"include_usage": True})
    chunks = list(stream)
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == plain.choices[0].message.content
    assert len([c for c in chunks if c.choices and c.choices[0].delta.content]) >= 1
    final = [c for c in chunks if c.choices and c.choices[0].finish_reason == "stop"]
    assert len(final) == 1
    assert final[0].model_extra["citations"] == plain.model_extra["citations"]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == len(text)


def test_stream_is_server_sent_events_ending_in_done(client: httpx.Client) -> None:
    body = {"model": "policy-assistant", "stream": True,
            "messages": [{"role": "user", "content": "谁负责粮食产量？"}]}
    with client.stream("POST", "/v1/chat/completions", json=body) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert all(line.startswith("data: ") for line in lines)
    assert lines[-1] == "data: [DONE]"


def test_content_parts_and_scope_extension(oa: openai.OpenAI) -> None:
    done = oa.chat.completions.create(
        model="anything",
        messages=[{"role": "user", "content": [{"type": "text", "text": "菜篮子工作谁牵头？"}]}],
        extra_body={"scope": "穗府〔2024〕1号"})
    assert {c["doc_id"] for c in done.model_extra["citations"]} == {"穗府〔2024〕1号"}


def test_invalid_request_raises_a_client_error(oa: openai.OpenAI) -> None:
    with pytest.raises(openai.UnprocessableEntityError) as info:
        oa.chat.completions.create(model="policy-assistant",
                                   messages=[{"role": "user", "content": "   "}])
    assert info.value.body["type"] == "InvalidQuestionError"
