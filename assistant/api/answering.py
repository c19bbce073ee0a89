"""Run Assistant.ask off the event loop (it is CPU-bound), at most N at once, and log it.

`AnswerGate` caps the answers computed at once (settings.max_concurrent_answers). Beyond
the cap a request waits for a slot (at most max_waiting_answers of them, at most
answer_wait_s each) and gets 503 + Retry-After otherwise. A released slot wakes the waiting
requests at once (an asyncio.Event), so no slot stays idle while a request waits. While it
waits (every _CHECK_S), and once more right before it is handed to the thread pool, the
client connection is checked: work for a client that has gone is never started.
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

_CHECK_S = 0.05  # a waiting request checks its client connection this often


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
        self._freed: asyncio.Event | None = None  # set when a slot is released

    async def _slot_freed(self, timeout: float) -> None:
        """Until a slot is released or `timeout` seconds pass."""
        if self._freed is None:
            self._freed = asyncio.Event()
        try:
            await asyncio.wait_for(self._freed.wait(), timeout)
        except TimeoutError:
            pass

    async def _client_gone(self, request: Request | None) -> bool:
        return request is not None and await request.is_disconnected()

    async def acquire(self, request: Request | None) -> None:
        """A slot, or ServerBusyError / ClientGoneError. Single event loop: no lock needed;
        the count is checked again after every await."""
        deadline = None
        while True:
            if self.active < self.limit:
                if await self._client_gone(request):
                    self.abandoned += 1
                    raise ClientGoneError("the client disconnected before its answer started; not computed")
                if self.active < self.limit:  # still free after that await
                    self.active += 1
                    self.started += 1
                    return
            if deadline is None:
                if self.waiting >= self.max_waiting:
                    self.rejected += 1
                    raise ServerBusyError(f"the server is busy ({self.active} answers running, "
                                          f"{self.waiting} waiting); retry in a moment")
                deadline = time.monotonic() + self.wait_s
            self.waiting += 1
            try:
                while self.active >= self.limit:
                    if await self._client_gone(request):
                        self.abandoned += 1
                        raise ClientGoneError("the client disconnected while waiting; not computed")
                    left = deadline - time.monotonic()
                    if left <= 0:
                        self.rejected += 1
                        raise ServerBusyError(f"no answer slot became free within {self.wait_s:g} s; "
                                              "retry in a moment")
                    await self._slot_freed(min(left, _CHECK_S))
            finally:
                self.waiting -= 1

    def busy(self, share: int) -> bool:
        """Whether this process holds at least `share` answers (running or waiting) besides
        the one being sent."""
        return self.active + self.waiting >= share

    def release(self) -> None:
        self.active -= 1
        if self._freed is not None:  # wake the waiting requests; the first to run takes it
            self._freed.set()
            self._freed = None


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
