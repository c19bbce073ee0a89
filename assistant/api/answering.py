"""Run Assistant.ask off the event loop (it is CPU-bound) and log what happened."""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import check_scope
from assistant.records import Answer

logger = logging.getLogger(__name__)


def _ask(assistant: Any, state: Any, question: str, history: list[dict[str, str]],
         scope: str | None) -> Answer:
    scope = check_scope(scope, assistant, state)
    return assistant.ask(question, history=history, scope=scope)


async def answer_in_thread(assistant: Any, state: Any, question: str,
                           history: list[dict[str, str]], scope: str | None) -> Answer:
    """Assistant.ask in the thread pool; validation errors propagate as AssistantError."""
    started = time.perf_counter()
    answer = await run_in_threadpool(_ask, assistant, state, question, history, scope)
    logger.info("ask: %d chars, %d history turns, scope=%s -> answerable=%s, %d citations, "
                "%.1f ms", len(question), len(history), scope, answer.answerable,
                len(answer.citations), (time.perf_counter() - started) * 1000)
    return answer
