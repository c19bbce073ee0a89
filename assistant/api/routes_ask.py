"""POST /api/ask: one question (plus history) -> the Answer of DESIGN.md.

With several workers, a worker that is still busy with other answers when it sends one
closes that connection (`Connection: close`): keep-alive connections are spread over the
workers once, when they connect, so a few busy clients could pin one worker while the
other idles. The client's next request connects again and goes to whichever worker accepts
it first, usually the one with free time (a loopback connect costs well under a millisecond).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from assistant.api.answering import answer_in_thread
from assistant.api.dependencies import AssistantDep, SettingsDep, check_history, check_question
from assistant.api.responses import WRITE_ERRORS
from assistant.api.schemas import AnswerResponse, AskRequest
from assistant.store.embedders import cores

router = APIRouter(prefix="/api", tags=["answer"])


@router.post("/ask", response_model=AnswerResponse, responses=WRITE_ERRORS,
             summary="Answer a question with citations")
async def ask(body: AskRequest, settings: SettingsDep, assistant: AssistantDep,
              request: Request, response: Response) -> dict[str, Any]:
    """Answer `question` in the context of `history`, optionally within one document.

    `answerable` is false when the corpus does not hold the answer; then `answer` says
    what was not found and `citations` may be empty.
    """
    question = check_question(body.question, settings)
    history = check_history([t.model_dump() for t in body.history], settings)
    answer = await answer_in_thread(assistant, question, history, body.scope, request)
    gate = getattr(request.app.state, "answer_gate", None)
    if settings.workers > 1 and gate is not None and gate.busy(max(1, cores() // settings.workers)):
        response.headers["Connection"] = "close"
    return answer.to_dict()
