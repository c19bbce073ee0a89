"""OpenAI-compatible /v1: chat completions (plain and SSE streaming) and the model list.

The last user message is the question, earlier user/assistant messages are the history
(only the most recent settings.max_history_turns are kept), system messages are ignored.
Citations travel in extra top-level fields, which the `openai` client keeps in
`model_extra`; when streaming, the final chunk (the one with `finish_reason`) carries them.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from assistant.api.answering import answer_in_thread
from assistant.api.dependencies import AssistantDep, SettingsDep, check_question
from assistant.api.responses import UNAUTHORIZED, WRITE_ERRORS
from assistant.api.schemas import (MODEL_ID, ChatCompletionRequest, ChatCompletionResponse,
                                   ChatMessage, ModelCard, ModelList)
from assistant.config import Settings
from assistant.errors import InvalidQuestionError
from assistant.records import Answer

router = APIRouter(prefix="/v1", tags=["openai"])

_CREATED = int(time.time())
_PIECE = re.compile(r"[^。；！？，、\n]{1,30}[。；！？，、\n]*|[。；！？，、\n]+")


def split_messages(messages: list[ChatMessage],
                   settings: Settings) -> tuple[str, list[dict[str, str]]]:
    """(question, history) from an OpenAI message list."""
    turns = [(m.role, m.text()) for m in messages if m.role in ("user", "assistant")]
    if not turns or turns[-1][0] != "user":
        raise InvalidQuestionError("the last user/assistant message must be the user's question")
    question = check_question(turns[-1][1], settings)
    history = [{"role": r, "content": c} for r, c in turns[:-1] if c.strip()]
    if settings.max_history_turns == 0:
        return question, []
    history = history[-settings.max_history_turns:]
    return question, history


def _usage(question: str, history: list[dict[str, str]], answer: str) -> dict[str, int]:
    prompt = len(question) + sum(len(t["content"]) for t in history)
    return {"prompt_tokens": prompt, "completion_tokens": len(answer),
            "total_tokens": prompt + len(answer)}


def _extras(answer: Answer) -> dict[str, Any]:
    data = answer.to_dict()
    return {"citations": data["citations"], "answerable": data["answerable"],
            "resolved_question": data["resolved_question"]}


def pieces(text: str) -> list[str]:
    """The answer cut at punctuation into short pieces, the unit of streaming."""
    return _PIECE.findall(text) or [text]


async def _stream(completion_id: str, answer: Answer, usage: dict[str, int],
                  include_usage: bool) -> AsyncIterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = {"id": completion_id, "object": "chat.completion.chunk", "created": _CREATED,
                "model": MODEL_ID,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in pieces(answer.answer):
        yield chunk({"content": piece})
    yield chunk({}, "stop", **_extras(answer))
    if include_usage:
        body = {"id": completion_id, "object": "chat.completion.chunk", "created": _CREATED,
                "model": MODEL_ID, "choices": [], "usage": usage}
        yield f"data: {json.dumps(body)}\n\n"
    yield "data: [DONE]\n\n"


@router.get("/models", response_model=ModelList, responses=UNAUTHORIZED,
            summary="The one model this server answers as")
async def models() -> ModelList:
    return ModelList(data=[ModelCard(created=_CREATED)])


@router.post(
    "/chat/completions", response_model=ChatCompletionResponse,
    responses={**WRITE_ERRORS, 200: {"description": "a chat completion, or with `stream: true` "
                                     "server-sent `chat.completion.chunk` events ending in "
                                     "`data: [DONE]`",
                                     "content": {"text/event-stream": {}}}},
    summary="OpenAI-compatible chat completion with citations")
async def chat_completions(body: ChatCompletionRequest, settings: SettingsDep,
                           assistant: AssistantDep, request: Request) -> Any:
    question, history = split_messages(body.messages, settings)
    answer = await answer_in_thread(assistant, question, history, body.scope, request)
    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    usage = _usage(question, history, answer.answer)
    if body.stream:
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        return StreamingResponse(
            _stream(completion_id, answer, usage, include_usage), media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return {"id": completion_id, "object": "chat.completion", "created": int(time.time()),
            "model": MODEL_ID,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": answer.answer}}],
            "usage": usage, **_extras(answer)}
