"""Cited retrieval assistant over Guangdong / Guangzhou government policy documents."""

from assistant.config import Settings
from assistant.errors import (AssistantError, ConfigError, CorpusError, IndexNotReadyError,
                              InvalidQuestionError, StoreUnavailableError)
from assistant.records import Answer, Citation, Section, SourceDocument, Task, Turn

__all__ = [
    "Answer", "Assistant", "AssistantError", "Citation", "ConfigError", "CorpusError",
    "IndexNotReadyError", "InvalidQuestionError", "Section", "Settings", "SourceDocument",
    "StoreUnavailableError", "Task", "Turn",
]


def __getattr__(name: str):
    # Lazy: importing the package must not load models or the index.
    if name == "Assistant":
        from assistant.retrieve.assistant import Assistant
        return Assistant
    raise AttributeError(name)
