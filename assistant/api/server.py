"""`assistant serve`: run the app with uvicorn. `python -m assistant.api.server` does the same
with Settings() from ASSISTANT_* environment variables (used by the load benchmark)."""

from __future__ import annotations

import logging

import uvicorn

from assistant.api.app import create_app
from assistant.config import Settings

logger = logging.getLogger(__name__)


def serve(settings: Settings) -> None:
    """Serve on settings.host:settings.port until interrupted."""
    app = create_app(settings)
    logger.info("serving on http://%s:%d (UI at /ui)", settings.host, settings.port)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info",
                timeout_graceful_shutdown=5)


def main() -> None:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    serve(Settings())


if __name__ == "__main__":
    main()
