"""Liveness and readiness; never behind the API key."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import current_assistant
from assistant.api.reload import build_id
from assistant.api.responses import NOT_READY
from assistant.api.schemas import HealthResponse, ReadyResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse, summary="The process is alive")
async def healthz() -> HealthResponse:
    return HealthResponse()


@router.get("/readyz", response_model=ReadyResponse, responses=NOT_READY,
            summary="The index is loaded and questions can be answered")
async def readyz(request: Request) -> ReadyResponse:
    assistant = current_assistant(request.app.state)
    documents = await run_in_threadpool(assistant.documents)
    return ReadyResponse(documents=len(documents), build_id=build_id(assistant),
                         document_ids=[d["doc_id"] for d in documents])
