"""HTTP edge: FastAPI app (answer API, OpenAI-compatible /v1, health) with the UI at /ui."""

from assistant.api.app import create_app

__all__ = ["create_app"]
