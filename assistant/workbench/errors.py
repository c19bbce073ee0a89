"""Errors of the workbench; each knows its HTTP status (see assistant/errors.py)."""

from __future__ import annotations

from assistant.errors import AssistantError


class DocumentNotFoundError(AssistantError):
    """No document with this doc_id in the loaded index."""

    status_code = 404


class SourceNotFoundError(AssistantError):
    """The cited task or passage cannot be found in its document."""

    status_code = 404


class InvalidFeedbackError(AssistantError):
    """Feedback with a bad rating, an oversized comment or no question."""

    status_code = 422
