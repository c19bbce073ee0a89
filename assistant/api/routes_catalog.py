"""GET /api/documents and GET /api/tasks: what the index holds, as structured records."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import AssistantDep
from assistant.api.responses import READ_ERRORS
from assistant.api.schemas import DocumentsResponse, TasksResponse
from assistant.workbench import TaskFilter, filter_tasks, task_rows, to_csv, to_xlsx
from assistant.workbench.task_table import UnitRole

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter(prefix="/api", tags=["catalog"])

_Filter = Annotated[str | None, Query(max_length=200)]


@router.get("/documents", response_model=DocumentsResponse, responses=READ_ERRORS,
            summary="Documents in the index with their record counts")
async def documents(assistant: AssistantDep) -> dict[str, Any]:
    docs = await run_in_threadpool(assistant.documents)
    return {"documents": docs, "total": len(docs)}


@router.get("/tasks", response_model=TasksResponse, responses={
                **READ_ERRORS,
                200: {"content": {"text/csv": {}, XLSX_TYPE: {}},
                      "description": "JSON page; with format=csv or xlsx every match as a file"}},
            summary="Task records filtered by document, year, leader, unit and text; "
                    "JSON pages or a CSV / XLSX file")
async def tasks(
    assistant: AssistantDep,
    doc_id: Annotated[str | None, Query(max_length=200, examples=["粤府〔2023〕18号"],
                                        description="exact doc_id")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, examples=[2024],
                                      description="the document's year")] = None,
    leader: Annotated[str | None, Query(max_length=200, examples=["张虎"],
                                        description="a leader's name")] = None,
    unit: Annotated[str | None, Query(max_length=200, examples=["省农业农村厅"],
                                      description="a unit name or part of one")] = None,
    role: Annotated[UnitRole, Query(description="where `unit` must appear: lead units, "
                                                "co-operating units or either")] = UnitRole.ANY,
    q: Annotated[str | None, Query(max_length=200, examples=["粮食"],
                                   description="text that the task contains")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    format: Annotated[Literal["json", "csv", "xlsx"],
                      Query(description="csv / xlsx: every match (no pages) as a file with the "
                                        "columns 文件 年份 序号 任务 工作措施 分管领导 牵头单位 配合单位")] = "json",
) -> Any:
    def clean(value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    task_filter = TaskFilter(doc_id=clean(doc_id), year=year, leader=clean(leader),
                             unit=clean(unit), role=role, q=clean(q))
    records = assistant.records
    found = await run_in_threadpool(filter_tasks, records, task_filter)
    if format != "json":
        rows = task_rows(records, found)
        body = await run_in_threadpool(to_csv if format == "csv" else to_xlsx, rows)
        name = f"任务清单_{task_filter.describe('_')}.{format}"
        media = "text/csv; charset=utf-8" if format == "csv" else XLSX_TYPE
        return Response(body, media_type=media, headers={
            "Content-Disposition": f"attachment; filename=tasks.{format}; "
                                   f"filename*=UTF-8''{quote(name)}",
            "X-Total-Count": str(len(found))})
    start = (page - 1) * page_size
    items = [t.to_dict() for t in found[start:start + page_size]]
    return {"total": len(found), "page": page, "page_size": page_size, "items": items}
