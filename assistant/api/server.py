"""`assistant serve`: run the app with uvicorn. `python -m assistant.api.server` does the same
with Settings() from ASSISTANT_* environment variables (used by the load benchmark).

With `workers` > 1 uvicorn starts that many processes, each building the app from the
environment (`app_from_environment`): `serve` passes the settings down as ASSISTANT_*
variables. The workers share one index directory; its vector matrix, BM25 arrays and
substring index are memory-mapped, so the page cache holds them once. Each worker gets an
equal share of the cores for query embeddings (OpenMP threads and concurrent calls)
unless `omp_num_threads` / `embed_concurrency` are set.
"""

from __future__ import annotations

import logging
import os

import uvicorn
from fastapi import FastAPI

from assistant.api.app import create_app
from assistant.config import Settings
from assistant.store.embedders import cores

logger = logging.getLogger(__name__)


def worker_environment(settings: Settings) -> dict[str, str]:
    """ASSISTANT_* variables that rebuild `settings` in a worker process."""
    env = {f"ASSISTANT_{name.upper()}": str(value) for name, value in settings.model_dump().items()}
    if settings.workers > 1 and settings.omp_num_threads == 0 and "OMP_NUM_THREADS" not in os.environ:
        env["ASSISTANT_OMP_NUM_THREADS"] = str(max(1, cores() // settings.workers))
    if settings.workers > 1 and settings.embed_concurrency == 0:
        env["ASSISTANT_EMBED_CONCURRENCY"] = str(max(1, cores() // settings.workers))
    return env


def app_from_environment() -> FastAPI:
    """The app of one worker process (uvicorn factory): settings from ASSISTANT_* variables."""
    return create_app(Settings())


def serve(settings: Settings) -> None:
    """Serve on settings.host:settings.port until interrupted, with settings.workers processes."""
    logger.info("serving on http://%s:%d with %d worker(s) (UI at /ui)", settings.host, settings.port,
                settings.workers)
    if settings.workers == 1:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info",
                    timeout_graceful_shutdown=5)
        return
    os.environ.update(worker_environment(settings))
    uvicorn.run("assistant.api.server:app_from_environment", factory=True, workers=settings.workers,
                host=settings.host, port=settings.port, log_level="info", timeout_graceful_shutdown=5)


def main() -> None:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    serve(Settings())


if __name__ == "__main__":
    main()
