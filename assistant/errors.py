"""One exception root; each subclass knows the HTTP status the edges translate it to."""

from __future__ import annotations


class AssistantError(Exception):
    """Root of every error this package raises on purpose."""

    status_code: int = 500


class ConfigError(AssistantError):
    """A setting has a value we cannot use."""

    status_code = 500


class CorpusError(AssistantError):
    """A corpus file or the manifest cannot be read or parsed (names the file)."""

    status_code = 500


class IndexNotReadyError(AssistantError):
    """No usable index: ingest has not run, or the index is damaged."""

    status_code = 503


class StoreUnavailableError(AssistantError):
    """The vector store (e.g. a Chroma server) cannot be reached."""

    status_code = 503


class InvalidQuestionError(AssistantError):
    """The question or history is malformed (empty, too long, wrong shape)."""

    status_code = 422


class IndexDamagedError(IndexNotReadyError):
    """A built index fails verification (a file missing, truncated or changed)."""


class IndexBusyError(AssistantError):
    """Another writer (ingest, add, remove) holds the index lock."""

    status_code = 409
