"""Edge-only errors and the one handler that turns every error into JSON.

Body shape, always: {"error": {"type": "<name>", "message": "<what is wrong and the fix>"}}.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import AssistantError

logger = logging.getLogger(__name__)


class UnauthorizedError(AssistantError):
    """Missing or wrong `Authorization: Bearer <key>` while an API key is configured."""

    status_code = 401


class PayloadTooLargeError(AssistantError):
    """The request body exceeds the configured limit."""

    status_code = 413


class TooManyRequestsError(AssistantError):
    """Too many failed authentications from this client address; retry after the window."""

    status_code = 429

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(max(1, int(retry_after + 0.999)))}


class ServerBusyError(AssistantError):
    """Every answer slot is taken and the waiting line is full (or the wait timed out)."""

    status_code = 503

    def __init__(self, message: str, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(max(1, int(retry_after + 0.999)))}


class ClientGoneError(AssistantError):
    """The client disconnected before its answer was started; nothing was computed."""

    status_code = 499


_HTTP_TYPES = {400: "BadRequestError", 401: "UnauthorizedError", 403: "ForbiddenError",
               404: "NotFoundError", 405: "MethodNotAllowedError", 406: "NotAcceptableError",
               408: "RequestTimeoutError", 413: "PayloadTooLargeError",
               415: "UnsupportedMediaTypeError", 422: "ValidationError",
               429: "TooManyRequestsError", 500: "InternalError", 503: "ServiceUnavailableError"}


def http_error_type(status: int) -> str:
    return _HTTP_TYPES.get(status, "HTTPError")


def error_body(type_: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"type": type_, "message": message}}


def error_response(status: int, type_: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(type_, message), status_code=status, headers=headers)


def _location(loc: tuple | list) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        where, rest = parts[0], parts[1:]
        return f"{where}.{'.'.join(rest)}" if rest else where
    return ".".join(parts) or "request"


def describe_validation(exc: RequestValidationError) -> tuple[str, str]:
    """One readable line per problem; malformed JSON gets its own type."""
    errors = exc.errors()
    for err in errors:
        if err.get("type") == "json_invalid":
            ctx = err.get("ctx") or {}
            detail = ctx.get("error", "")
            return ("MalformedJSONError",
                    f"request body is not valid JSON ({detail}); send a JSON object with "
                    f"Content-Type: application/json" if detail else
                    "request body is not valid JSON; send a JSON object with "
                    "Content-Type: application/json")
    lines = []
    for err in errors[:10]:
        msg = str(err.get("msg", "invalid value"))
        if err.get("type") == "missing":
            msg = "field required"
        elif err.get("type") == "string_unicode":
            msg = ("is not valid Unicode text (it holds a lone surrogate such as \\ud800); "
                   "send the text as UTF-8")
        lines.append(f"{_location(err.get('loc', ()))}: {msg}")
    more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
    return "ValidationError", "; ".join(lines) + more


async def _assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
    status = exc.status_code
    if status >= 500 and status != 503:
        logger.exception("assistant error on %s %s", request.method, request.url.path,
                         exc_info=exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else getattr(exc, "headers", None)
    return error_response(status, type(exc).__name__, str(exc) or type(exc).__doc__ or "",
                          headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    type_, message = describe_validation(exc)
    return error_response(422, type_, message)


_BODY_PARSE_FAILED = "There was an error parsing the body"  # FastAPI's text, e.g. bad UTF-8


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    type_ = _HTTP_TYPES.get(exc.status_code, "HTTPError")
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 400 and message == _BODY_PARSE_FAILED:
        return error_response(422, "MalformedJSONError",
                              "request body is not valid JSON (is it UTF-8?); send a JSON object "
                              "with Content-Type: application/json")
    if exc.status_code == 404 and message == "Not Found":
        message = f"no route for {request.method} {request.url.path}; see /docs"
    return error_response(exc.status_code, type_, message, getattr(exc, "headers", None))


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "InternalError", "internal error; see the server log")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers; every error leaving the API is JSON of one shape."""
    app.add_exception_handler(AssistantError, _assistant_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)
