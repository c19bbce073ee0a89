"""GET /api/documents and GET /api/tasks: what the index holds, as structured records."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import AssistantDep
from assistant.api.responses import READ_ERRORS
from assistant.api.schemas import DocumentsResponse, TasksResponse

router = APIRouter(prefix="/api", tags=["catalog"])

_Filter = Annotated[str | None, Query(max_length=200)]


@router.get("/documents", response_model=DocumentsResponse, responses=READ_ERRORS,
            summary="Documents in the index with their record counts")
async def documents(assistant: AssistantDep) -> dict[str, Any]:
    docs = await run_in_threadpool(assistant.documents)
    return {"documents": docs, "total": len(docs)}


@router.get("/tasks", response_model=TasksResponse, responses=READ_ERRORS,
            summary="Task records filtered by document, leader, unit and text, paginated")
async def tasks(
    assistant: AssistantDep,
    doc_id: Annotated[str | None, Query(max_length=200, examples=["粤府〔2023〕18号"],
                                        description="exact doc_id")] = None,
    leader: Annotated[str | None, Query(max_length=200, examples=["张虎"],
                                        description="a leader's name")] = None,
    unit: Annotated[str | None, Query(max_length=200, examples=["省农业农村厅"],
                                      description="a lead or co-operating unit")] = None,
    q: Annotated[str | None, Query(max_length=200, examples=["粮食"],
                                   description="text that the task contains")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    def clean(value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    found = await run_in_threadpool(assistant.tasks, clean(doc_id), clean(leader),
                                    clean(unit), clean(q))
    start = (page - 1) * page_size
    items = [t.to_dict() for t in found[start:start + page_size]]
    return {"total": len(found), "page": page, "page_size": page_size, "items": items}
