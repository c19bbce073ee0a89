"""Assistant: the one entry point the edges (API, UI, CLI, eval) call."""

from __future__ import annotations

import time
from typing import Any

from assistant.config import Settings
from assistant.errors import InvalidQuestionError
from assistant.records import Answer, Task, Turn


class Assistant:
    """Loads the built index once; `ask` answers one question (plus history) with citations."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Filled in by the retrieval layer (loads records, BM25, Chroma, embedder).
        raise NotImplementedError("retrieval layer not built yet")

    @classmethod
    def load(cls, settings: Settings) -> Assistant:
        """Open the index under settings.index_dir; IndexNotReadyError if there is none."""
        return cls(settings)

    def ask(self, question: str, history: list[Turn] | list[dict[str, Any]] | None = None,
            scope: str | None = None) -> Answer:
        """Answer `question`; `history` is earlier turns (oldest first); `scope` a doc_id or None."""
        raise NotImplementedError

    def documents(self) -> list[dict[str, Any]]:
        """Per document: doc_id, title, level, year, layout, tasks, sections, passages."""
        raise NotImplementedError

    def tasks(self, doc_id: str | None = None, leader: str | None = None,
              unit: str | None = None, q: str | None = None) -> list[Task]:
        """Structured task records filtered by document, leader, unit and a text query."""
        raise NotImplementedError
