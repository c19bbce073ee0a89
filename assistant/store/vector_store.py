"""Chroma wrapper: embedded (PersistentClient under the build dir) or a Chroma server.

Chroma objects stay inside this module. We always pass embeddings, so Chroma's
default embedding function (which downloads a model) never runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.errors import IndexNotReadyError, StoreUnavailableError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VectorHit:
    passage_id: str
    score: float  # cosine similarity


def open_client(chroma_url: str, path: Path | None):
    """A Chroma client: HttpClient when a server URL is set, else PersistentClient(path)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url)
        try:
            client = chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                         ssl=url.scheme == "https", settings=chroma_settings)
            client.heartbeat()
        except Exception as exc:  # connection errors come in several types
            raise StoreUnavailableError(f"Chroma server at {chroma_url} is not reachable ({exc}); "
                                        "start it with `chroma run --path DIR --port N` or unset "
                                        "ASSISTANT_CHROMA_URL to use the embedded store") from exc
        return client
    assert path is not None
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class VectorStore:
    def __init__(self, collection: Any, chroma_url: str = "") -> None:
        self._opened = collection
        self._url = chroma_url
        self._open: Callable[[], VectorStore] | None = None
        self._lock = threading.Lock()

    @classmethod
    def deferred(cls, open_collection: Callable[[], VectorStore]) -> VectorStore:
        """A store whose collection is opened when first used. An embedded collection loads
        its HNSW graph (its own float32 copy of every vector, plus the links: 335 MB at 167k
        passages) into the process that opens it; search reads vectors.npy instead, so a
        serving process never needs it."""
        store = cls(None)
        store._open = open_collection
        return store

    @property
    def _col(self) -> Any:
        if self._opened is None and self._open is not None:
            with self._lock:
                if self._opened is None:
                    opened = self._open()
                    self._opened, self._url = opened._opened, opened._url
        return self._opened

    @classmethod
    def create(cls, client: Any, name: str, chroma_url: str = "") -> VectorStore:
        """A new empty collection (cosine); replaces one of the same name."""
        try:
            client.delete_collection(name)
        except Exception:  # absent: nothing to delete
            pass
        col = client.create_collection(name, embedding_function=None,
                                       configuration={"hnsw": {"space": "cosine"}})
        return cls(col, chroma_url)

    @classmethod
    def open(cls, client: Any, name: str, chroma_url: str = "") -> VectorStore:
        try:
            col = client.get_collection(name, embedding_function=None)
        except Exception as exc:
            raise IndexNotReadyError(f"the index has no Chroma collection {name!r}; "
                                     "run `assistant ingest` first") from exc
        return cls(col, chroma_url)

    def add(self, client: Any, ids: list[str], vectors: np.ndarray,
            metadatas: list[dict[str, Any]], documents: list[str]) -> None:
        """Add in slices of the client's max batch size."""
        step = max(1, int(client.get_max_batch_size()))
        for i in range(0, len(ids), step):
            self._col.add(ids=ids[i:i + step], embeddings=vectors[i:i + step],
                          metadatas=metadatas[i:i + step], documents=documents[i:i + step])

    def vectors(self, ids: list[str]) -> np.ndarray:
        """The stored embeddings of `ids`, in that order (for exact re-scoring of candidates)."""
        got: dict[str, np.ndarray] = {}
        for i in range(0, len(ids), 1000):
            res = self._col.get(ids=ids[i:i + 1000], include=["embeddings"])
            got.update(zip(res["ids"], np.asarray(res["embeddings"], dtype=np.float32)))
        return np.stack([got[i] for i in ids])

    def ids(self) -> set[str]:
        """Every id in the collection."""
        out: set[str] = set()
        step, offset = 10_000, 0
        while True:
            got = self._col.get(include=[], limit=step, offset=offset)["ids"]
            out.update(got)
            if len(got) < step:
                return out
            offset += step

    def delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), 5000):
            self._col.delete(ids=ids[i:i + 5000])

    def rename(self, name: str) -> None:
        self._col.modify(name=name)

    def count(self) -> int:
        return int(self._col.count())

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[VectorHit]:
        try:
            res = self._col.query(query_embeddings=[np.asarray(vector, dtype=np.float32)],
                                  n_results=k, where=where or None, include=["distances"])
        except Exception as exc:
            if self._url:
                raise StoreUnavailableError(f"Chroma server at {self._url} failed: {exc}") from exc
            raise
        return [VectorHit(pid, 1.0 - float(d)) for pid, d in zip(res["ids"][0], res["distances"][0])]
