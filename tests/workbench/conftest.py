"""The records of the built index (skips when none is built)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.errors import IndexNotReadyError


@pytest.fixture(scope="session")
def records():
    from assistant.store.layout import current_build
    from assistant.store.records_db import RecordsDB
    from assistant.store.store import RECORDS_FILE

    build = current_build(Settings().index_dir)
    if build is None:
        pytest.skip("no built index; run `assistant ingest` (`make test` does)")
    return RecordsDB.load(build / RECORDS_FILE)


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
