"""The built index as one object: records, BM25, Chroma vectors and the query embedder."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import AssistantError, IndexDamagedError, IndexNotReadyError
from assistant.records import Passage
from assistant.store.bm25_index import BM25Index, Tokenizer
from assistant.store.embedders import Embedder, make_embedder
from assistant.store.integrity import verify_build
from assistant.store.layout import current_build, read_meta
from assistant.store.records_db import RecordsDB
from assistant.store.vector_store import VectorStore, open_client

log = logging.getLogger(__name__)

RECORDS_FILE = "records.json"
BM25_DIR = "bm25"
CHROMA_DIR = "chroma"


def collection_name(base: str, build_id: str) -> str:
    """One Chroma collection per build, so a server keeps serving the old one during ingest."""
    return f"{base}-{build_id}"


def passage_metadata(p: Passage, records: RecordsDB) -> dict[str, Any]:
    doc = records.documents[p.doc_id]
    meta: dict[str, Any] = {"doc_id": p.doc_id, "kind": p.kind, "section": p.section[:500],
                            "year": doc.year, "level": doc.level}
    if p.task_no is not None:
        meta["task_no"] = p.task_no
        task = records.task_by_key.get((p.doc_id, p.task_no))
        if task:
            meta["leaders"] = "、".join(task.leaders)
            meta["units"] = "、".join(task.lead_units + task.co_units)[:500]
    return meta


def write_vectors(settings: Settings, build_dir: Path, build_id: str, records: RecordsDB,
                  vectors: np.ndarray) -> None:
    client = open_client(settings.chroma_url, build_dir / CHROMA_DIR)
    store = VectorStore.create(client, collection_name(settings.collection, build_id), settings.chroma_url)
    store.add(client, [p.passage_id for p in records.passages], vectors,
              [passage_metadata(p, records) for p in records.passages], [p.text for p in records.passages])


@dataclass
class Store:
    records: RecordsDB
    bm25: BM25Index
    vectors: VectorStore
    embedder: Embedder
    meta: dict[str, Any]

    @classmethod
    def open(cls, settings: Settings) -> Store:
        """Load the published build after checking it against its manifest. Any failure is an
        IndexNotReadyError (IndexDamagedError when files are damaged) naming the fix."""
        t0 = time.perf_counter()
        build = current_build(settings.index_dir)
        if build is None:
            raise IndexNotReadyError(f"{settings.index_dir} has no built index; run `assistant ingest` first")
        meta = read_meta(build)
        problems = verify_build(build, checksums=settings.verify_checksums_on_load)
        if problems:
            raise IndexDamagedError(f"the index build {build.name} in {settings.index_dir} is damaged: "
                                    f"{'; '.join(problems[:3])}; run `assistant ingest` to rebuild it")
        if meta.get("embedder") != settings.embedder:
            raise IndexNotReadyError(
                f"the index in {settings.index_dir} was built with embedder {meta.get('embedder')!r} "
                f"but settings ask for {settings.embedder!r}; run `assistant ingest` again")
        try:
            records = RecordsDB.load(build / RECORDS_FILE)
            tokenizer = Tokenizer.for_records(records)
            bm25 = BM25Index.load(tokenizer, build / BM25_DIR)
            client = open_client(settings.chroma_url, build / CHROMA_DIR)
            vectors = VectorStore.open(client, collection_name(settings.collection, meta["build_id"]),
                                       settings.chroma_url)
            count = vectors.count()
        except AssistantError:
            raise
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - Chroma raises many kinds
            raise IndexDamagedError(f"the index build {build.name} is damaged ({type(exc).__name__}: "
                                    f"{str(exc)[:200]}); run `assistant ingest` to rebuild it") from exc
        if count != len(records.passages):
            raise IndexDamagedError(f"the index in {build} holds {count} vectors for "
                                    f"{len(records.passages)} passages; run `assistant ingest` again")
        embedder = make_embedder(settings.embedder)
        log.info("index %s loaded: %d passages in %.2fs", meta["build_id"], len(records.passages),
                 time.perf_counter() - t0)
        return cls(records, bm25, vectors, embedder, meta)
