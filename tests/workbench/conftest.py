"""The workbench tests' corpus dir and loaded Assistant (`records`: tests/conftest.py)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.errors import IndexNotReadyError


@pytest.fixture(scope="session")
def corpus_dir():
    return Settings().corpus_dir


@pytest.fixture(scope="session")
def loaded_assistant():
    from assistant.retrieve.assistant import Assistant

    try:
        return Assistant.load(Settings())
    except IndexNotReadyError as exc:
        pytest.skip(f"no built index ({exc})")
