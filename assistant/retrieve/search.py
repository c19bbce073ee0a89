"""Hybrid search: BM25 over jieba tokens + dense vectors in Chroma, fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.records import Passage
from assistant.store.store import Store
from assistant.text import compact

RRF_K = 60  # the usual reciprocal-rank-fusion constant
CANDIDATES = 40  # per retriever, before fusion


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused RRF score
    bm25: float  # raw BM25 score (0 if not among BM25 candidates)
    dense: float  # cosine similarity (0 if not among dense candidates)
    coverage: float  # share of the query's topic tokens found in the passage


class HybridSearcher:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.passages = store.records.passages
        self._doc_of = np.array([p.doc_id for p in self.passages])
        self._kind_of = np.array([p.kind for p in self.passages])
        self._compact = [compact(p.text) for p in self.passages]

    def topic_tokens(self, text: str) -> list[str]:
        """Content tokens of a query (jieba, stopwords dropped), longest-first unique."""
        seen: list[str] = []
        for t in self.store.bm25.tokenizer.tokenize(text):
            if t not in seen and not any(t in s for s in seen):
                seen.append(t)
        return seen

    def coverage(self, tokens: list[str], index: int) -> float:
        if not tokens:
            return 0.0
        text = self._compact[index]
        return sum(1 for t in tokens if t in text) / len(tokens)

    def search(self, text: str, docs: tuple[str, ...] = (), kinds: tuple[str, ...] = (),
               k: int = 10) -> list[Hit]:
        if not text.strip():
            return []
        mask = np.ones(len(self.passages), dtype=bool)
        if docs:
            mask &= np.isin(self._doc_of, list(docs))
        if kinds:
            mask &= np.isin(self._kind_of, list(kinds))
        if not mask.any():
            return []
        bm25 = self.store.bm25.scores(text)
        bm25 = np.where(mask, bm25, 0.0)
        bm25_order = [int(i) for i in np.argsort(-bm25)[:CANDIDATES] if bm25[i] > 0]

        where = _where(docs, kinds)
        vector = self.store.embedder.embed_query(text)
        dense_hits = self.store.vectors.query(vector, min(CANDIDATES, int(mask.sum())), where)
        index = self.store.records.passage_index
        dense = {index[h.passage_id]: h.score for h in dense_hits if h.passage_id in index}
        dense_order = list(dense)

        fused: dict[int, float] = {}
        for rank, i in enumerate(bm25_order):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, i in enumerate(dense_order):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        tokens = self.topic_tokens(text)
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        return [Hit(self.passages[i], s, float(bm25[i]), float(dense.get(i, 0.0)), self.coverage(tokens, i))
                for i, s in ranked]


def _where(docs: tuple[str, ...], kinds: tuple[str, ...]) -> dict | None:
    clauses = []
    if docs:
        clauses.append({"doc_id": {"$in": list(docs)}})
    if kinds:
        clauses.append({"kind": {"$in": list(kinds)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
