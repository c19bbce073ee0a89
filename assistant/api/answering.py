"""Run Assistant.ask off the event loop (it is CPU-bound), at most N at once, and log it.

`AnswerGate` caps the answers computed at once (settings.max_concurrent_answers). Beyond
the cap a request waits for a slot (at most max_waiting_answers of them, at most
answer_wait_s each) and gets 503 + Retry-After otherwise. While it waits, and once more
right before it is handed to the thread pool, the client connection is checked: work for a
client that has gone is never started.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from assistant.api.errors import ClientGoneError, ServerBusyError
from assistant.config import Settings
from assistant.records import Answer

logger = logging.getLogger(__name__)

_POLL_S = 0.02


class AnswerGate:
    """Counts answers running and waiting; lives on app.state.answer_gate."""

    def __init__(self, settings: Settings) -> None:
        self.limit = settings.max_concurrent_answers
        self.max_waiting = settings.max_waiting_answers
        self.wait_s = settings.answer_wait_s
        self.active = 0
        self.waiting = 0
        self.started = 0  # answers handed to the thread pool
        self.abandoned = 0  # requests dropped because their client had gone
        self.rejected = 0  # 503s

    async def _client_gone(self, request: Request | None) -> bool:
        return request is not None and await request.is_disconnected()

    async def acquire(self, request: Request | None) -> None:
        """A slot, or ServerBusyError / ClientGoneError. Single event loop: no lock needed."""
        if self.active >= self.limit:
            if self.waiting >= self.max_waiting:
                self.rejected += 1
                raise ServerBusyError(f"the server is busy ({self.active} answers running, "
                                      f"{self.waiting} waiting); retry in a moment")
            self.waiting += 1
            deadline = time.monotonic() + self.wait_s
            try:
                while self.active >= self.limit:
                    if await self._client_gone(request):
                        self.abandoned += 1
                        raise ClientGoneError("the client disconnected while waiting; not computed")
                    if time.monotonic() >= deadline:
                        self.rejected += 1
                        raise ServerBusyError(f"no answer slot became free within {self.wait_s:g} s; "
                                              "retry in a moment")
                    await asyncio.sleep(_POLL_S)
            finally:
                self.waiting -= 1
        if await self._client_gone(request):
            self.abandoned += 1
            raise ClientGoneError("the client disconnected before its answer started; not computed")
        self.active += 1
        self.started += 1

    def release(self) -> None:
        self.active -= 1


async def answer_in_thread(assistant: Any, question: str, history: list[dict[str, str]],
                           scope: str | None, request: Request | None = None) -> Answer:
    """Assistant.ask in the thread pool, through the app's AnswerGate when `request` is given;
    its InvalidQuestionError (e.g. an unknown scope) propagates to the error handler."""
    scope = scope.strip() or None if scope is not None else None
    gate: AnswerGate | None = getattr(request.app.state, "answer_gate", None) if request else None
    started = time.perf_counter()
    if gate is None:
        answer = await run_in_threadpool(assistant.ask, question, history, scope)
    else:
        await gate.acquire(request)
        try:
            answer = await run_in_threadpool(assistant.ask, question, history, scope)
        finally:
            gate.release()
    logger.info("ask: %d chars, %d history turns, scope=%s -> answerable=%s, %d citations, "
                "%.1f ms", len(question), len(history), scope, answer.answerable,
                len(answer.citations), (time.perf_counter() - started) * 1000)
    return answer
