"""GET /api/source (a citation located in its source file) and GET /api/documents/{doc_id}
(one document's structure with anchors): the API side of the officials' workbench."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from starlette.concurrency import run_in_threadpool

from assistant.api.dependencies import AssistantDep, SettingsDep
from assistant.api.responses import READ_ERRORS, NOT_FOUND
from assistant.api.schemas import DocumentDetail, SourceResponse
from assistant.workbench import document_outline
from assistant.workbench.errors import SourceNotFoundError
from assistant.workbench.sources import locator_for

router = APIRouter(prefix="/api", tags=["catalog"])

@router.get("/source", response_model=SourceResponse, responses={**READ_ERRORS, **NOT_FOUND},
            summary="A citation in its source file: the cited span with the text around it")
async def source(
    assistant: AssistantDep,
    settings: SettingsDep,
    doc_id: Annotated[str, Query(min_length=1, max_length=200, examples=["粤府〔2023〕18号"],
                                 description="the citation's doc_id")],
    task_no: Annotated[str | None, Query(max_length=50, examples=["10"],
                                         description="the citation's task_no (tasks)")] = None,
    section: Annotated[str | None, Query(max_length=500,
                                         description="the citation's section (passages)")] = None,
    text: Annotated[str | None, Query(max_length=4000,
                                      description="the citation's verbatim text (passages)")] = None,
    highlight: Annotated[str | None, Query(max_length=4000,
                                           description="the citation's highlight (answering "
                                                       "sentences), marked by `focus`")] = None,
) -> dict[str, Any]:
    """Locate a citation from `(doc_id, task_no)` or `(doc_id, section, text)`.

    `cited` is the raw source text of the task, or of the cited lines of a passage;
    `before` / `after` are the text around it; `anchor` is the id of the part in the
    document view (`task-10`, `sec-12`). `focus` gives the characters of `cited` that hold
    `highlight` (the answering sentences) when found there. `exact` is false when the cited text was not
    found verbatim and the span of the section it names is shown instead.
    """
    if not (task_no and task_no.strip()) and not (text and text.strip()) \
            and not (section and section.strip()):
        raise SourceNotFoundError("give task_no, or section and text, with doc_id")
    locator = locator_for(assistant.records, settings.corpus_dir)
    view = await run_in_threadpool(locator.locate, doc_id.strip(),
                                   (task_no or "").strip() or None, section, text, highlight)
    return view.to_dict()


@router.get("/documents/{doc_id}", response_model=DocumentDetail,
            responses={**READ_ERRORS, **NOT_FOUND},
            summary="One document: metadata, counts and its structure in reading order")
async def document(
    assistant: AssistantDep,
    doc_id: Annotated[str, Path(max_length=200, examples=["粤府〔2023〕18号"])],
) -> dict[str, Any]:
    """Headings, sections and tasks in reading order; each section and task has an
    `anchor` (`task-10`, `sec-3`) that `GET /api/source` returns for a citation."""
    return await run_in_threadpool(document_outline, assistant.records, doc_id)
