"""OpenAPI descriptions of the error responses the routers share."""

from __future__ import annotations

from typing import Any

from assistant.api.schemas import ErrorResponse


def _err(description: str, type_: str, message: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description,
            "content": {"application/json": {"example": {
                "error": {"type": type_, "message": message}}}}}


UNAUTHORIZED = {401: _err("API key missing or wrong (only when one is configured)",
                          "UnauthorizedError", "wrong API key")}
NOT_READY = {503: _err("No index loaded", "IndexNotReadyError",
                       "index/ has no built index; run `assistant ingest` first")}
INVALID = {422: _err("Invalid request (question, history, scope, JSON)",
                     "InvalidQuestionError", "question is empty (or only whitespace)")}
TOO_LARGE = {413: _err("Request body too large", "PayloadTooLargeError",
                       "request body exceeds 262144 bytes")}

NOT_FOUND = {404: _err("No such document, task or passage", "SourceNotFoundError",
                       "粤府〔2023〕18号 has no task '999'")}

READ_ERRORS: dict[int | str, dict[str, Any]] = {**UNAUTHORIZED, **INVALID, **NOT_READY}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {**UNAUTHORIZED, **TOO_LARGE, **INVALID,
                                                 **NOT_READY}
