"""Passage embeddings cached by content hash, so unchanged text is never embedded twice.

One SQLite file per embedder under the cache dir. The e5 cache is committed to the
repo (data/embedding_cache/) so a fresh clone ingests in seconds;
tests/store/test_embedding_cache.py checks it matches the corpus and the model.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np


def content_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, cache_dir: Path, embedder_name: str, dim: int) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.path = cache_dir / f"{embedder_name}.sqlite"
        self.dim = dim
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    def close(self) -> None:
        self._db.close()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i:i + 500])
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk):
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (self.dim,):
                    found[key] = vec
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                                 [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])

    def keys(self) -> set[str]:
        return {k for (k,) in self._db.execute("SELECT key FROM vectors")}

    def prune(self, keep: set[str]) -> int:
        """Drop vectors of texts no longer in the corpus (keeps the committed cache small)."""
        stale = self.keys() - keep
        with self._db:
            self._db.executemany("DELETE FROM vectors WHERE key = ?", [(k,) for k in stale])
        if stale:
            self._db.execute("VACUUM")
        return len(stale)

    def embed(self, texts: Sequence[str], embed_fn: Callable[[list[str]], np.ndarray],
              batch_size: int = 16, progress: Callable[[int], None] | None = None,
              parallel: int = 1) -> tuple[np.ndarray, int]:
        """Vectors for `texts` (cache first); returns (matrix, number newly embedded).
        `parallel` batches are embedded at once (the embedder runs one thread per call)."""
        from concurrent.futures import ThreadPoolExecutor

        keys = [content_key(t) for t in texts]
        have = self.get_many(keys)
        missing = [i for i, k in enumerate(keys) if k not in have]
        if progress:
            progress(len(texts) - len(missing))
        batches = [missing[s:s + batch_size] for s in range(0, len(missing), batch_size)]
        with ThreadPoolExecutor(max(1, parallel)) as pool:
            for batch, vecs in zip(batches, pool.map(lambda b: embed_fn([texts[i] for i in b]), batches)):
                new = {keys[i]: vecs[j] for j, i in enumerate(batch)}
                self.put_many(new)  # saved per batch: an interrupted ingest keeps its work
                have.update(new)
                if progress:
                    progress(len(batch))
        matrix = np.stack([have[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)
        return matrix, len(missing)
