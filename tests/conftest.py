"""Shared fixtures: settings for a temporary index over a small real excerpt, and the full index."""

from __future__ import annotations

import functools
import socket
import subprocess
import shutil
from pathlib import Path

import pytest

from assistant.config import Settings

REPO = Path(__file__).resolve().parent.parent
MINI_CORPUS = REPO / "tests" / "data" / "mini_corpus"


@pytest.fixture
def mini_settings(tmp_path: Path) -> Settings:
    """A writable copy of the excerpt corpus, its own index dir and embedding cache."""
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI_CORPUS, corpus)
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index",
                    embedding_cache_dir=tmp_path / "cache")


@pytest.fixture(scope="session")
def full_settings() -> Settings:
    """The repo's own corpus and index (built by `make test` before pytest runs)."""
    return Settings()


@pytest.fixture(scope="session")
def full_assistant(full_settings: Settings):
    from assistant.retrieve.assistant import Assistant

    return Assistant.load(full_settings)


@pytest.fixture(scope="session")
def records():
    """The records of the built index (skips when none is built)."""
    from assistant.store.layout import current_build
    from assistant.store.records_db import RecordsDB
    from assistant.store.store import RECORDS_FILE

    build = current_build(Settings().index_dir)
    if build is None:
        pytest.skip("no built index; run `assistant ingest` (`make test` does)")
    return RecordsDB.load(build / RECORDS_FILE)


@functools.cache
def _corpus_documents() -> dict:
    from assistant.ingest.gazette import read_source, split_documents
    from assistant.ingest.manifest import load_manifest

    return {d.entry.doc_id: d for entry in load_manifest(REPO / "data" / "corpus")
            for d in split_documents(entry, read_source(entry))}


def corpus_document(doc_id: str):
    """One document of the real corpus, normalized and cut out of its gazette (cached)."""
    docs = _corpus_documents()
    if doc_id not in docs:
        raise AssertionError(f"{doc_id} not in the manifest")
    return docs[doc_id]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (for servers the tests start)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen) -> None:
    """Stop a server the tests started: terminate, and kill if it lingers."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
