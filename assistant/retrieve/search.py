"""Hybrid search as a pipeline of named steps:

    candidates per retriever (BM25 over jieba tokens, e5 vectors in Chroma)
      -> exact cosine for every candidate -> reciprocal-rank fusion
      -> re-weighting: vocabulary coverage, own heading, plan period, preferred kind
      -> top k

Each step is a function with its constants beside it; `Hit` carries the score breakdown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.lru import LRU
from assistant.records import Passage
from assistant.store.store import Store
from assistant.text import compact

RRF_K = 60  # the usual reciprocal-rank-fusion constant (Cormack et al. 2009)
CANDIDATES = 40  # per retriever, before fusion: a task document's topic rarely spans more
# Coverage re-weighting: a passage holding none of the question's rare words keeps half its
# fused score, one holding all of them 1.5 times (tuned on eval/questions.jsonl).
COVERAGE_FLOOR = 0.5
HEADING_BONUS = 0.5  # the question's words in the passage's own heading count this much extra
OTHER_PERIOD_FACTOR = 0.5  # a plan question about one five-year period, passage of the other
PREFER_FACTOR = 1.5  # passages the intent prefers (task records naming who is responsible)
# A word found in this share of a document's passages belongs to all of them ("环卫工人"
# runs through the 环卫 notice even where a point does not repeat it).
DOC_CONTEXT_SHARE = 0.3
# e5 costs about 1 ms of CPU per character of query; a long question's words beyond this
# many characters still count in BM25 and coverage, but are not embedded.
QUERY_EMBED_CHARS = 128
WORD_CACHE_SIZE = 50_000  # per-word statistics kept (IDF, per-document share); bounded


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused, re-weighted score
    bm25: float  # raw BM25 score (0 if not among BM25 candidates)
    dense: float  # cosine similarity (0 if not among dense candidates)
    coverage: float  # share of the query's topic tokens found in the passage
    weighted: float  # the same share, each token weighted by its rarity in the corpus (IDF)


def reciprocal_rank_fusion(*rankings: Sequence[int], k: int = RRF_K) -> dict[int, float]:
    """Sum of 1 / (k + rank) over the rankings each candidate appears in."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, i in enumerate(ranking):
            fused[i] = fused.get(i, 0.0) + 1.0 / (k + rank + 1)
    return fused


def coverage_weight(weighted_coverage: float) -> float:
    return COVERAGE_FLOOR + weighted_coverage


def heading_weight(heading_coverage: float) -> float:
    return 1 + HEADING_BONUS * heading_coverage


def period_weight(query: str, section: str, periods: Sequence[str]) -> float:
    """A plan question about one five-year period should not be answered from the other's
    table. The deepest heading that names a period decides which period a passage belongs to."""
    asked = [p for p in periods if p in query]
    if len(asked) != 1:
        return 1.0
    for heading in reversed(section.split(" / ")):
        named = [p for p in periods if p in heading]
        if named:
            return 1.0 if asked[0] in named else OTHER_PERIOD_FACTOR
    return 1.0


class HybridSearcher:
    def __init__(self, store: Store, query_cache_size: int = 0, periods: Sequence[str] = ()) -> None:
        self.store = store
        self.periods = tuple(periods)
        self._query_vectors: LRU[str, np.ndarray] = LRU(query_cache_size)
        self.passages = store.records.passages
        self._doc_of = np.array([p.doc_id for p in self.passages])
        self._kind_of = np.array([p.kind for p in self.passages])
        # A passage inherits its document's title: "学历补贴" in the 环卫 notice is about 环卫工人.
        titles = {d.doc_id: d.title for d in store.records.documents.values()}
        self._compact = [compact(titles[p.doc_id] + p.text) for p in self.passages]
        # A passage's own heading: the task title for tasks, the last heading for sections.
        self._leaf = [compact(p.text.split("\n")[1] if p.task_no is not None and "\n" in p.text
                              else p.section.split(" / ")[-1]) for p in self.passages]
        self._doc_members: dict[str, list[int]] = {}
        for i, p in enumerate(self.passages):
            self._doc_members.setdefault(p.doc_id, []).append(i)
        self._df: LRU[str, int] = LRU(WORD_CACHE_SIZE)
        self._doc_share: LRU[tuple[str, str], float] = LRU(WORD_CACHE_SIZE)
        self._parts: LRU[str, np.ndarray] = LRU(256)  # section label -> passage mask
        # Every passage's vector, read once from Chroma: BM25 candidates that the ANN query did
        # not return still get their true cosine similarity.
        self._matrix = store.vectors.vectors([p.passage_id for p in self.passages])

    # ---- word statistics ---------------------------------------------------------------
    def idf(self, token: str) -> float:
        """Rarity of a token over passages (substring match); absent tokens weigh most."""
        df = self._df.get_or_compute(token, lambda: sum(1 for text in self._compact if token in text))
        n = len(self._compact)
        return math.log(1 + n / (1 + df))

    def topic_tokens(self, text: str) -> list[str]:
        """Content words of a query (jieba, stopwords and single characters dropped), unique."""
        return list(dict.fromkeys(t for t in self.store.bm25.tokenizer.tokenize(text) if len(t) >= 2))

    def has(self, token: str, index: int) -> bool:
        """Whether passage `index` speaks of `token`: in its text, or pervasive in its document."""
        return token in self._compact[index] or self.pervasive(token, index)

    def pervasive(self, token: str, index: int) -> bool:
        """Whether `token` runs through the document of passage `index` (in DOC_CONTEXT_SHARE of
        its passages): then every passage of it speaks of it, said or not."""
        doc = self.passages[index].doc_id
        members = self._doc_members[doc]
        share = self._doc_share.get_or_compute(
            (token, doc), lambda: sum(token in self._compact[i] for i in members) / len(members))
        return share >= DOC_CONTEXT_SHARE

    def coverage(self, tokens: list[str], index: int) -> tuple[float, float]:
        """(plain, IDF-weighted) share of query tokens present in passage `index`."""
        if not tokens:
            return 0.0, 0.0
        present = [self.has(t, index) for t in tokens]
        weights = [self.idf(t) for t in tokens]
        return sum(present) / len(tokens), sum(w for w, p in zip(weights, present) if p) / sum(weights)

    def heading_coverage(self, tokens: list[str], index: int) -> float:
        """IDF-weighted share of the query found in the passage's own heading ("(四)设立学历补贴")."""
        if not tokens:
            return 0.0
        leaf = self._leaf[index]
        weights = [self.idf(t) for t in tokens]
        return sum(w for t, w in zip(tokens, weights) if t in leaf) / sum(weights)

    # ---- parts -------------------------------------------------------------------------
    def hit(self, index: int) -> Hit:
        """Passage `index` as a hit of its own (a part quoted because the question named it)."""
        return Hit(self.passages[index], 1.0, 0.0, 0.0, 1.0, 1.0)

    def in_section(self, label: str) -> np.ndarray:
        """Mask of passages inside the part named `label` ("专栏3", "第十七条"; "第二章/第三节" for
        the 节 of that 章): each named label is an element of the passage's heading path."""
        def named(path: list[str], part: str) -> bool:
            return any(el == part or el.startswith(part + " ") for el in path)

        parts = label.split("/")
        mask = self._parts.get_or_compute(label, lambda: np.array(
            [all(named(p.section.split(" / "), part) for part in parts) for p in self.passages]))
        return mask.copy()

    # ---- the pipeline ------------------------------------------------------------------
    def embed_query(self, text: str) -> np.ndarray:
        text = text[:QUERY_EMBED_CHARS]
        return self._query_vectors.get_or_compute(text, lambda: self.store.embedder.embed_query(text))

    def scope_mask(self, docs: tuple[str, ...], kinds: tuple[str, ...], section_label: str) -> np.ndarray:
        mask = np.ones(len(self.passages), dtype=bool)
        if docs:
            mask &= np.isin(self._doc_of, list(docs))
        if kinds:
            mask &= np.isin(self._kind_of, list(kinds))
        if section_label:
            mask &= self.in_section(section_label)
        return mask

    def bm25_candidates(self, text: str, mask: np.ndarray) -> tuple[list[int], np.ndarray]:
        """Passages in scope by BM25 score, best first (score > 0), and all scores."""
        scores = np.where(mask, self.store.bm25.scores(text), 0.0)
        return [int(i) for i in np.argsort(-scores)[:CANDIDATES] if scores[i] > 0], scores

    def dense_candidates(self, vector: np.ndarray, mask: np.ndarray, docs: tuple[str, ...],
                         kinds: tuple[str, ...], exhaustive: bool) -> list[int]:
        """Nearest passages in scope from Chroma (or every passage in scope when it is small)."""
        if exhaustive:
            return [int(i) for i in np.flatnonzero(mask)]
        index = self.store.records.passage_index
        hits = self.store.vectors.query(vector, min(CANDIDATES, int(mask.sum())), _where(docs, kinds))
        return [index[h.passage_id] for h in hits if h.passage_id in index]

    def exact_cosine(self, vector: np.ndarray, candidates: list[int]) -> dict[int, float]:
        return dict(zip(candidates, (float(c) for c in self._matrix[candidates] @ vector)))

    def search(self, text: str, docs: tuple[str, ...] = (), kinds: tuple[str, ...] = (),
               k: int = 10, prefer: Callable[[Passage], bool] | None = None,
               section_label: str = "") -> list[Hit]:
        """Top-k passages in `docs` (all if empty) of `kinds`, inside `section_label` if given;
        passages `prefer` accepts rank higher."""
        if k <= 0:
            raise ValueError(f"k must be greater than 0, got {k}")
        if not text.strip():
            return []
        mask = self.scope_mask(docs, kinds, section_label)
        if not mask.any():
            return []
        bm25_order, bm25 = self.bm25_candidates(text, mask)
        vector = self.embed_query(text)
        ann = self.dense_candidates(vector, mask, docs, kinds, exhaustive=bool(section_label))
        candidates = list(dict.fromkeys(ann + bm25_order))
        dense = self.exact_cosine(vector, candidates)
        dense_order = sorted(candidates, key=lambda i: -dense[i])[:CANDIDATES]
        fused = reciprocal_rank_fusion(bm25_order, dense_order)
        # Rank fusion knows only ranks; weight it by how much of the question's rare vocabulary
        # the passage really holds, and by the plan period and passage kind the question asks for.
        tokens = self.topic_tokens(text)
        cover = {i: self.coverage(tokens, i) for i in fused}
        for i in fused:
            fused[i] *= coverage_weight(cover[i][1]) * heading_weight(self.heading_coverage(tokens, i)) \
                * period_weight(text, self.passages[i].section, self.periods)
            if prefer is not None and prefer(self.passages[i]):
                fused[i] *= PREFER_FACTOR
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        return [Hit(self.passages[i], s, float(bm25[i]), float(dense.get(i, 0.0)), *cover[i])
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
