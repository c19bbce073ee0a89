"""Session fixtures: the real Assistant over index/ and uvicorn servers on free ports.

Each server runs in a background thread of the test process on 127.0.0.1 and is reached
over real HTTP; all of them share one loaded Assistant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from live_server import API_KEY, LiveServer

from assistant.api import create_app
from assistant.config import Settings
from assistant.errors import IndexNotReadyError



@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Repository defaults: the index under index/; feedback in a temporary file."""
    return Settings(feedback_db=tmp_path_factory.mktemp("feedback") / "feedback.db")


@pytest.fixture(scope="session")
def assistant(settings: Settings) -> Any:
    """The real Assistant, loaded once; skips only when no index has been built yet."""
    from assistant.retrieve.assistant import Assistant

    try:
        return Assistant.load(settings)
    except IndexNotReadyError as exc:
        pytest.skip(f"no built index under {settings.index_dir} ({exc}); "
                    f"run `assistant ingest` (`make test` does) to run the API tests")


@pytest.fixture(scope="session")
def server(settings: Settings, assistant: Any) -> Iterator[str]:
    """Base URL of the API with the real Assistant, no API key."""
    live = LiveServer(create_app(settings, assistant)).start()
    yield live.url
    live.stop()


@pytest.fixture(scope="session")
def keyed_server(settings: Settings, assistant: Any) -> Iterator[str]:
    """Base URL of a second app instance that requires API_KEY."""
    # throttling of failed keys is tested on its own server (test_limits.py)
    live = LiveServer(create_app(settings.model_copy(update={"api_key": API_KEY,
                                                            "auth_max_failures": 100_000}),
                                 assistant)).start()
    yield live.url
    live.stop()


@pytest.fixture(scope="session")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of an app whose index_dir is an empty directory (loads in the lifespan)."""
    empty = tmp_path_factory.mktemp("empty-index")
    live = LiveServer(create_app(Settings(index_dir=empty))).start()
    yield live.url
    live.stop()


@pytest.fixture(scope="session")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as c:
        yield c
