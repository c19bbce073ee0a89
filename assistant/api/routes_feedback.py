"""POST /api/feedback (👍/👎 on an answer, optional comment) and GET /api/feedback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from assistant.api.responses import UNAUTHORIZED, INVALID, TOO_LARGE
from assistant.api.schemas import FeedbackCreated, FeedbackList, FeedbackRequest
from assistant.workbench import FeedbackEntry, FeedbackStore

router = APIRouter(prefix="/api", tags=["feedback"])


def feedback_store(state: Any) -> FeedbackStore:
    """The app's store (created on first use at settings.feedback_db)."""
    store = getattr(state, "feedback_store", None)
    if store is None:
        store = state.feedback_store = FeedbackStore(state.settings.feedback_db)
    return store


def current_build_id(state: Any) -> str:
    assistant = getattr(state, "assistant", None)
    meta = getattr(getattr(assistant, "store", None), "meta", None) or {}
    return str(meta.get("build_id", ""))


@router.post("/feedback", response_model=FeedbackCreated, status_code=201,
             responses={**UNAUTHORIZED, **TOO_LARGE, **INVALID},
             summary="Rate an answer 👍/👎 with an optional comment")
async def post_feedback(body: FeedbackRequest, request: Request) -> dict[str, Any]:
    """Stores the rating with the question, history, resolved question, answer, citations
    and the index build id. A comment over 2000 characters is a 422."""
    state = request.app.state
    entry = FeedbackEntry(
        rating=body.rating, comment=body.comment or "", question=body.question,
        history=[t.model_dump() for t in body.history],
        resolved_question=body.resolved_question, answer=body.answer,
        answerable=body.answerable, citations=[c.model_dump() for c in body.citations],
        scope=body.scope or "", build_id=body.build_id or current_build_id(state),
        source="api")
    feedback_id = await run_in_threadpool(feedback_store(state).add, entry)
    return {"id": feedback_id, "rating": entry.rating}


@router.get("/feedback", response_model=FeedbackList, responses={**UNAUTHORIZED, **INVALID},
            summary="Stored feedback, oldest first, paginated")
async def list_feedback(
    request: Request,
    rating: Annotated[str | None, Query(pattern="^(up|down)$")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    store = feedback_store(request.app.state)
    total = await run_in_threadpool(store.count, rating)
    items = await run_in_threadpool(store.entries, page_size, (page - 1) * page_size, rating)
    return {"total": total, "page": page, "page_size": page_size, "items": items}
