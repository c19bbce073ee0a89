"""Hybrid search: BM25 over jieba tokens + dense vectors in Chroma, fused by reciprocal rank."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.records import Passage
from assistant.store.store import Store
from assistant.text import compact

RRF_K = 60  # the usual reciprocal-rank-fusion constant
CANDIDATES = 40  # per retriever, before fusion
PREFER_FACTOR = 1.5
DOC_CONTEXT_SHARE = 0.3  # a word in this share of a document's passages belongs to all of them  # e.g. task records for who-is-responsible questions


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused RRF score
    bm25: float  # raw BM25 score (0 if not among BM25 candidates)
    dense: float  # cosine similarity (0 if not among dense candidates)
    coverage: float  # share of the query's topic tokens found in the passage
    weighted: float  # the same share, each token weighted by its rarity in the corpus (IDF)


class HybridSearcher:
    def __init__(self, store: Store, query_cache_size: int = 0) -> None:
        self.store = store
        self._embed_query = (functools.lru_cache(maxsize=query_cache_size)(store.embedder.embed_query)
                             if query_cache_size else store.embedder.embed_query)
        self.passages = store.records.passages
        self._doc_of = np.array([p.doc_id for p in self.passages])
        self._kind_of = np.array([p.kind for p in self.passages])
        # A passage inherits its document's title: "学历补贴" in the 环卫 notice is about 环卫工人.
        titles = {d.doc_id: d.title for d in store.records.documents.values()}
        self._compact = [compact(titles[p.doc_id] + p.text) for p in self.passages]
        self._df: dict[str, int] = {}
        # A passage's own heading: the task title for tasks, the last heading for sections.
        self._leaf = [compact(p.text.split("\n")[1] if p.task_no is not None and "\n" in p.text
                              else p.section.split(" / ")[-1]) for p in self.passages]
        self._doc_members: dict[str, list[int]] = {}
        for i, p in enumerate(self.passages):
            self._doc_members.setdefault(p.doc_id, []).append(i)
        self._doc_share: dict[tuple[str, str], float] = {}
        self._parts: dict[str, np.ndarray] = {}  # section label -> passage mask
        # Every passage's vector, read once from Chroma: BM25 candidates that the ANN query did
        # not return still get their true cosine similarity.
        self._matrix = store.vectors.vectors([p.passage_id for p in self.passages])

    def idf(self, token: str) -> float:
        """Rarity of a token over passages (substring match); absent tokens weigh most."""
        if token not in self._df:
            self._df[token] = sum(1 for text in self._compact if token in text)
        n = len(self._compact)
        return math.log(1 + n / (1 + self._df[token]))

    def topic_tokens(self, text: str) -> list[str]:
        """Content words of a query (jieba, stopwords and single characters dropped), unique."""
        return list(dict.fromkeys(t for t in self.store.bm25.tokenizer.tokenize(text) if len(t) >= 2))

    def has(self, token: str, index: int) -> bool:
        """Whether passage `index` speaks of `token`: in its text, or pervasive in its document
        ("环卫工人" is what every point of the 环卫 notice is about, even where it goes unsaid)."""
        if token in self._compact[index]:
            return True
        doc = self.passages[index].doc_id
        key = (token, doc)
        if key not in self._doc_share:
            members = self._doc_members[doc]
            self._doc_share[key] = sum(token in self._compact[i] for i in members) / len(members)
        return self._doc_share[key] >= DOC_CONTEXT_SHARE

    def coverage(self, tokens: list[str], index: int) -> tuple[float, float]:
        """(plain, IDF-weighted) share of query tokens present in passage `index`."""
        if not tokens:
            return 0.0, 0.0
        present = [self.has(t, index) for t in tokens]
        weights = [self.idf(t) for t in tokens]
        return sum(present) / len(tokens), sum(w for w, p in zip(weights, present) if p) / sum(weights)

    def _heading_cover(self, tokens: list[str], index: int) -> float:
        """IDF-weighted share of the query found in the passage's own heading ("(四)设立学历补贴")."""
        if not tokens:
            return 0.0
        leaf = self._leaf[index]
        weights = [self.idf(t) for t in tokens]
        return sum(w for t, w in zip(tokens, weights) if t in leaf) / sum(weights)

    def hit(self, index: int) -> Hit:
        """Passage `index` as a hit of its own (a part quoted because the question named it)."""
        return Hit(self.passages[index], 1.0, 0.0, 0.0, 1.0, 1.0)

    def in_section(self, label: str) -> np.ndarray:
        """Mask of passages inside the part named `label` ("专栏3", "第十七条"; "第二章/第三节" for
        the 节 of that 章): each named label is an element of the passage's heading path."""
        def named(path: list[str], part: str) -> bool:
            return any(el == part or el.startswith(part + " ") for el in path)

        if label not in self._parts:
            parts = label.split("/")
            self._parts[label] = np.array([all(named(p.section.split(" / "), part) for part in parts)
                                           for p in self.passages])
        return self._parts[label].copy()

    def search(self, text: str, docs: tuple[str, ...] = (), kinds: tuple[str, ...] = (),
               k: int = 10, prefer: Callable[[Passage], bool] | None = None,
               section_label: str = "") -> list[Hit]:
        """Top-k passages in `docs` (all if empty) of `kinds`, inside `section_label` if given;
        passages `prefer` accepts rank higher."""
        if not text.strip():
            return []
        mask = np.ones(len(self.passages), dtype=bool)
        if docs:
            mask &= np.isin(self._doc_of, list(docs))
        if kinds:
            mask &= np.isin(self._kind_of, list(kinds))
        if section_label:
            mask &= self.in_section(section_label)
        if not mask.any():
            return []
        bm25 = self.store.bm25.scores(text)
        bm25 = np.where(mask, bm25, 0.0)
        bm25_order = [int(i) for i in np.argsort(-bm25)[:CANDIDATES] if bm25[i] > 0]

        vector = self._embed_query(text)
        index = self.store.records.passage_index
        if section_label:  # a few passages: score them all exactly instead of asking Chroma
            ann = [int(i) for i in np.flatnonzero(mask)]
        else:
            dense_hits = self.store.vectors.query(vector, min(CANDIDATES, int(mask.sum())), _where(docs, kinds))
            ann = [index[h.passage_id] for h in dense_hits if h.passage_id in index]
        candidates = list(dict.fromkeys(ann + bm25_order))
        cosine = self._matrix[candidates] @ vector
        dense = dict(zip(candidates, (float(c) for c in cosine)))
        dense_order = sorted(candidates, key=lambda i: -dense[i])[:CANDIDATES]

        fused: dict[int, float] = {}
        for rank, i in enumerate(bm25_order):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, i in enumerate(dense_order):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        # Rank fusion knows only ranks; weight it by how much of the question's rare vocabulary
        # the passage really holds, and by the plan period and passage kind the question asks for.
        tokens = self.topic_tokens(text)
        cover = {i: self.coverage(tokens, i) for i in fused}
        for i in fused:
            fused[i] *= (0.5 + cover[i][1]) * (1 + 0.5 * self._heading_cover(tokens, i)) \
                * _period_factor(text, self.passages[i].section)
            if prefer is not None and prefer(self.passages[i]):
                fused[i] *= PREFER_FACTOR
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        return [Hit(self.passages[i], s, float(bm25[i]), float(dense.get(i, 0.0)), *cover[i])
                for i, s in ranked]


_PERIODS = ("十三五", "十四五")


def _period_factor(query: str, section: str) -> float:
    """A plan question about one five-year period should not be answered from the other's table.
    The deepest heading that names a period decides which period a passage belongs to."""
    asked = [p for p in _PERIODS if p in query]
    if len(asked) != 1:
        return 1.0
    for heading in reversed(section.split(" / ")):
        named = [p for p in _PERIODS if p in heading]
        if named:
            return 1.0 if asked[0] in named else 0.5
    return 1.0


def _where(docs: tuple[str, ...], kinds: tuple[str, ...]) -> dict | None:
    clauses = []
    if docs:
        clauses.append({"doc_id": {"$in": list(docs)}})
    if kinds:
        clauses.append({"kind": {"$in": list(kinds)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
