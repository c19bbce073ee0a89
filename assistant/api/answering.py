"""Run Assistant.ask off the event loop (it is CPU-bound), at most N at once, and log it.

`AnswerGate` caps the answers computed at once (settings.max_concurrent_answers). Beyond
the cap a request waits for a slot (at most max_waiting_answers of them, at most
answer_wait_s each) and gets 503 + Retry-After otherwise. A released slot goes at once to
the oldest waiting request (first come, first served), so no slot stays idle while a
request waits. While it waits (every _CHECK_S), and once more right before it is handed to
the thread pool, the client connection is checked: work for a client that has gone is
never started.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from assistant.api.errors import ClientGoneError, ServerBusyError
from assistant.config import Settings
from assistant.records import Answer

logger = logging.getLogger(__name__)

_CHECK_S = 0.05  # a waiting request checks its client connection this often


class AnswerGate:
    """Counts answers running and waiting; lives on app.state.answer_gate.

    Waiting requests get the freed slots in arrival order (first come, first served): under
    load every request then waits about as long as the others, instead of an unlucky one
    waiting while later ones take the slots (which is what a wake-everyone race did to the
    95th percentile)."""

    def __init__(self, settings: Settings) -> None:
        self.limit = settings.max_concurrent_answers
        self.max_waiting = settings.max_waiting_answers
        self.wait_s = settings.answer_wait_s
        self.active = 0
        self.started = 0  # answers handed to the thread pool
        self.abandoned = 0  # requests dropped because their client had gone
        self.rejected = 0  # 503s
        self._queue: deque[asyncio.Future[None]] = deque()  # waiters, oldest first

    @property
    def waiting(self) -> int:
        return sum(not f.done() for f in self._queue)

    async def _client_gone(self, request: Request | None) -> bool:
        return request is not None and await request.is_disconnected()

    async def acquire(self, request: Request | None) -> None:
        """A slot, or ServerBusyError / ClientGoneError. Single event loop: no lock needed."""
        if self.active < self.limit and not self.waiting:
            if await self._client_gone(request):
                self.abandoned += 1
                raise ClientGoneError("the client disconnected before its answer started; not computed")
            if self.active < self.limit and not self.waiting:  # still free after that await
                self.active += 1
                self.started += 1
                return
        if self.waiting >= self.max_waiting:
            self.rejected += 1
            raise ServerBusyError(f"the server is busy ({self.active} answers running, "
                                  f"{self.waiting} waiting); retry in a moment")
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append(turn)
        deadline = time.monotonic() + self.wait_s
        try:
            while not turn.done():
                left = deadline - time.monotonic()
                if left <= 0:
                    self.rejected += 1
                    raise ServerBusyError(f"no answer slot became free within {self.wait_s:g} s; "
                                          "retry in a moment")
                try:
                    await asyncio.wait_for(asyncio.shield(turn), min(left, _CHECK_S))
                except TimeoutError:
                    if await self._client_gone(request):
                        self.abandoned += 1
                        raise ClientGoneError("the client disconnected while waiting; not computed") from None
            if await self._client_gone(request):  # handed a slot, but its client has gone
                self.abandoned += 1
                raise ClientGoneError("the client disconnected while waiting; not computed")
        except BaseException:
            if turn.done() and not turn.cancelled():
                self.release()  # the slot handed to this request goes to the next one
            else:
                turn.cancel()
            raise
        finally:
            if turn in self._queue:
                self._queue.remove(turn)
        self.started += 1

    def busy(self, share: int) -> bool:
        """Whether this process holds at least `share` answers (running or waiting) besides
        the one being sent."""
        return self.active + self.waiting >= share

    def release(self) -> None:
        """Free a slot: it goes to the oldest waiting request (the count stays), if any."""
        while self._queue:
            turn = self._queue.popleft()
            if not turn.done():
                turn.set_result(None)
                return
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
