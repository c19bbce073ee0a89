"""create_app(settings): the FastAPI app with the answer API, /v1, health and the UI."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse

from assistant.api import (routes_ask, routes_catalog, routes_feedback, routes_health,
                           routes_openai, routes_workbench)
from assistant.api.answering import AnswerGate
from assistant.api.dependencies import current_assistant, require_api_key
from assistant.api.errors import install_error_handlers
from assistant.api.guard import EdgeGuardMiddleware
from assistant.api.limits import DEFAULT_MAX_BODY_BYTES, BodySizeLimitMiddleware
from assistant.api.reload import IndexWatcher
from assistant.config import Settings
from assistant.errors import AssistantError, IndexDamagedError

logger = logging.getLogger(__name__)

DESCRIPTION = """\
Cited answers over Guangdong / Guangzhou government policy documents.

* `POST /api/ask` answers a question (with history and an optional document scope) with
  citations: document number, task number or section, and the verbatim source text.
* `POST /v1/chat/completions` is the same, OpenAI-compatible (streaming too); citations are in
  the extra field `citations`.
* The chat UI is at [/ui](/ui).

When `ASSISTANT_API_KEY` is set, `/api/*`, `/v1/*`, `/docs` and `/openapi.json` need
`Authorization: Bearer <key>` (or a UI login) and the UI asks for the key at a login page;
`/healthz` and `/readyz` stay open. After `ASSISTANT_AUTH_MAX_FAILURES` failed attempts within
`ASSISTANT_AUTH_WINDOW_S` an address gets 429 with Retry-After.
Errors are always `{"error": {"type": ..., "message": ...}}`.
"""


def _load(settings: Settings) -> Any:
    from assistant.retrieve.assistant import Assistant

    assistant = Assistant.load(settings)
    assistant.warm_up()  # before /readyz says ready: the first requests do not pay for it
    return assistant


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    watch = app.state.assistant is None and settings.reload_interval > 0
    if app.state.assistant is None:
        try:
            app.state.assistant = await anyio.to_thread.run_sync(_load, settings)
            logger.info("assistant loaded from %s", settings.index_dir)
        except AssistantError as exc:
            app.state.load_error = exc
            logger.warning("assistant not loaded, serving 503 on /api and /v1: %s", exc)
        except Exception as exc:  # noqa: BLE001 - a damaged index must not stop the server
            app.state.load_error = IndexDamagedError(
                f"the index could not be loaded ({type(exc).__name__}: {str(exc)[:200]}); "
                "run `assistant ingest` to rebuild it")
            logger.exception("assistant not loaded, serving 503 on /api and /v1")
    async with anyio.create_task_group() as tasks:
        if watch:  # a new ingest is picked up without a restart (assistant/api/reload.py)
            tasks.start_soon(IndexWatcher(app.state, settings, _load).run)
        yield
        tasks.cancel_scope.cancel()


def create_app(settings: Settings, assistant: Any | None = None, *,
               max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> FastAPI:
    """The app; loads `Assistant.load(settings)` at startup unless `assistant` is given,
    and then follows new builds of the index (every settings.reload_interval seconds).

    If loading fails with an AssistantError (e.g. IndexNotReadyError) the app still starts:
    /healthz answers 200, /readyz and every /api, /v1 route answer 503 with the message.
    """
    app = FastAPI(title="Policy assistant API", version="0.1.0", description=DESCRIPTION,
                  lifespan=_lifespan,
                  openapi_tags=[{"name": "answer"}, {"name": "openai"}, {"name": "catalog"},
                                {"name": "feedback"}, {"name": "health"}])
    app.state.settings = settings
    app.state.assistant = assistant
    app.state.load_error = None
    app.state.answer_gate = AnswerGate(settings)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_body_bytes)
    install_error_handlers(app)

    keyed = [Depends(require_api_key)]
    app.include_router(routes_health.router)
    app.include_router(routes_ask.router, dependencies=keyed)
    app.include_router(routes_catalog.router, dependencies=keyed)
    app.include_router(routes_workbench.router, dependencies=keyed)
    app.include_router(routes_feedback.router, dependencies=keyed)
    app.include_router(routes_openai.router, dependencies=keyed)

    @app.get("/", include_in_schema=False)
    async def root(request: Request) -> RedirectResponse:
        return RedirectResponse(request.scope.get("root_path", "") + ("/ui/" if settings.ui else "/docs"))

    gradio_app = None
    if settings.ui:
        @app.post("/ui/gradio_api/upload", include_in_schema=False)
        async def no_uploads() -> None:
            raise HTTPException(404, "uploads are disabled: the UI takes no files")

        from assistant.ui.app import mount_ui  # gradio is heavy; import only when serving the UI

        mount_ui(app, lambda: current_assistant(app.state), path="/ui", api_key=settings.api_key,
                 feedback_store=lambda: routes_feedback.feedback_store(app.state),
                 max_question_chars=settings.max_question_chars)
        gradio_app = next((r.app for r in app.routes if getattr(r, "path", None) == "/ui"
                           and hasattr(r, "app")), None)

    def ui_sessions() -> tuple[list[str], dict]:
        if gradio_app is None:
            return [], {}
        cookie = getattr(gradio_app, "cookie_id", "")
        return ([f"access-token-{cookie}", f"access-token-unsecure-{cookie}"],
                getattr(gradio_app, "tokens", {}))

    app.add_middleware(EdgeGuardMiddleware, settings=settings, ui_path="/ui", ui_sessions=ui_sessions)
    return app
