"""Run Assistant.ask off the event loop (it is CPU-bound) and log what happened."""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.concurrency import run_in_threadpool

from assistant.records import Answer

logger = logging.getLogger(__name__)


async def answer_in_thread(assistant: Any, question: str, history: list[dict[str, str]],
                           scope: str | None) -> Answer:
    """Assistant.ask in the thread pool; its InvalidQuestionError (e.g. an unknown scope)
    propagates to the error handler."""
    scope = scope.strip() or None if scope is not None else None
    started = time.perf_counter()
    answer = await run_in_threadpool(assistant.ask, question, history, scope)
    logger.info("ask: %d chars, %d history turns, scope=%s -> answerable=%s, %d citations, "
                "%.1f ms", len(question), len(history), scope, answer.answerable,
                len(answer.citations), (time.perf_counter() - started) * 1000)
    return answer
