"""Dependencies shared by the routers: settings, the loaded Assistant, the API key, checks."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.api.errors import UnauthorizedError
from assistant.config import Settings
from assistant.errors import AssistantError, IndexNotReadyError, InvalidQuestionError

if TYPE_CHECKING:
    from assistant.retrieve.assistant import Assistant

_bearer = HTTPBearer(auto_error=False, description="Required only when ASSISTANT_API_KEY is set")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def current_assistant(state: Any) -> Assistant:
    """The loaded Assistant, or the load error (always a 503) when loading failed."""
    assistant = getattr(state, "assistant", None)
    if assistant is not None:
        return assistant
    error = getattr(state, "load_error", None)
    if isinstance(error, IndexNotReadyError):
        raise error
    if isinstance(error, AssistantError):
        raise IndexNotReadyError(f"the assistant could not be loaded: {error}")
    raise IndexNotReadyError("the index is still loading; retry in a few seconds")


def get_assistant(request: Request) -> Assistant:
    return current_assistant(request.app.state)


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """401 unless `Authorization: Bearer <settings.api_key>` when a key is configured."""
    if not settings.api_key:
        return
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise UnauthorizedError("missing API key; send the header 'Authorization: Bearer <key>'")
    if not secrets.compare_digest(credentials.credentials.encode(), settings.api_key.encode()):
        raise UnauthorizedError("wrong API key")


def check_question(question: str, settings: Settings) -> str:
    """The stripped question, or InvalidQuestionError naming the limit."""
    text = question.strip()
    if not text:
        raise InvalidQuestionError("question is empty (or only whitespace); ask something")
    if len(text) > settings.max_question_chars:
        raise InvalidQuestionError(
            f"question has {len(text)} characters; the limit is {settings.max_question_chars}")
    return text


def check_history(history: list[dict[str, str]], settings: Settings) -> list[dict[str, str]]:
    """History within settings.max_history_turns, or InvalidQuestionError."""
    if len(history) > settings.max_history_turns:
        raise InvalidQuestionError(
            f"history has {len(history)} turns; the limit is {settings.max_history_turns} "
            f"(send only the most recent turns)")
    return history


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[Any, Depends(get_assistant)]  # an Assistant; Any keeps imports light
