"""POST /api/ask: one question (plus history) -> the Answer of DESIGN.md."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from assistant.api.answering import answer_in_thread
from assistant.api.dependencies import AssistantDep, SettingsDep, check_history, check_question
from assistant.api.responses import WRITE_ERRORS
from assistant.api.schemas import AnswerResponse, AskRequest

router = APIRouter(prefix="/api", tags=["answer"])


@router.post("/ask", response_model=AnswerResponse, responses=WRITE_ERRORS,
             summary="Answer a question with citations")
async def ask(body: AskRequest, settings: SettingsDep, assistant: AssistantDep,
              request: Request) -> dict[str, Any]:
    """Answer `question` in the context of `history`, optionally within one document.

    `answerable` is false when the corpus does not hold the answer; then `answer` says
    what was not found and `citations` may be empty.
    """
    question = check_question(body.question, settings)
    history = check_history([t.model_dump() for t in body.history], settings)
    answer = await answer_in_thread(assistant, question, history, body.scope, request)
    return answer.to_dict()
