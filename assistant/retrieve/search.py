"""Hybrid search as a pipeline of named steps:

    scope (documents, kinds, a named part) as passage indices
      -> BM25 candidates (jieba tokens)
      -> lexically decisive? then no query embedding: fusion of the BM25 ranking alone
      -> else dense candidates (exact cosine over the scope's rows of the memory-mapped
         vector matrix; with a Chroma server, its nearest neighbours for a scope of more
         than EXACT_ROWS)
      -> exact cosine for every candidate -> reciprocal-rank fusion
      -> re-weighting: vocabulary coverage, own heading, plan period, preferred kind
      -> top k

Each step is a function with its constants beside it; `Hit` carries the score breakdown.
The work of one question is bounded by what it touches: word statistics come from the
substring index (store/term_index.py), scopes are index arrays per document, and the BM25
candidates are a partial sort; nothing scans every passage in Python.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from assistant.lru import LRU
from assistant.records import Passage
from assistant.retrieve.expansion import joined_singles, stand_in
from assistant.retrieve.query import QUESTION_COMPOUND
from assistant.retrieve.sentences import nearest_periods
from assistant.store.store import Store
from assistant.store.text_column import TextColumn
from assistant.text import normalize

T = TypeVar("T")

RRF_K = 60  # the usual reciprocal-rank-fusion constant (Cormack et al. 2009)
# Query expansion (retrieve/expansion.py) is evidence of a lower grade than the question's own
# words: its BM25 ranking counts this much in the fusion, and a question word present only
# through an expansion counts this much of its weight in coverage.
# Measured on the held-out sets: a coverage credit of 0.7 answered one more near miss wrongly
# (充电桩 -> 设施) and recovered no paraphrase, so expansion only ranks and never vouches.
# The data file's everyday nouns (周末 -> 休息日) are chosen by hand, one meaning each: a word
# present through one of them counts in full.
EXPANSION_RANK_WEIGHT = 0.5
EXPANSION_CREDIT = 0.0
CURATED_CREDIT = 1.0
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
# Dense candidates of a scope up to this many passages are exact (a matrix product over a
# copy of its rows, ~3 ms). Larger scopes: with a Chroma server, its nearest neighbours (up
# to ANN_MAX_FETCH, kept if in scope); in-process, an exact scan of the memory-mapped matrix
# SCAN_ROWS rows at a time (~20 ms at 167k passages, one core), so no worker holds an
# in-memory graph with its own copy of every vector (Chroma's: 335 MB at 167k passages).
EXACT_ROWS = 8192
ANN_MAX_FETCH = 1000
SCAN_ROWS = 16384
WORD_CACHE_SIZE = 20_000  # per-word statistics kept (IDF, per-document counts); bounded
# The query embedding is skipped when the best BM25 candidate holds every rare word of the
# question and its lexical score (the same re-weighting, without the dense ranking) is at
# least this multiple of the runner-up's. A dense rank adds at most 1/(RRF_K+1) to a passage,
# so at 2 no dense ranking could reorder the top two; 1.5 changed no answer of the five eval
# sets (1.2 changed two follow-ups), and 56% of their questions still embed
# (benchmarks/embed_share.py; 64% at 2.0).
DECISIVE_LEAD = 1.5
# Provisionally decisive (issue 12): the embedding is also skipped when the best candidate
# leads by PROVISIONAL_LEAD and holds PROVISIONAL_COVERAGE of the rare words' weight, or is a
# task record leading by TASK_LEAD holding TASK_COVERAGE of it; but such a skip only stands
# when the question is answered: `Assistant._answer` asks again, embedding, when it would
# refuse (a refusal names the passages nearest in meaning, and a lexical ranking alone could
# refuse what the dense one finds). Chosen on the 17 dev eval sets (the held-out round 8 not
# looked at): no answer changed, 43% -> 30% of the main set's questions embed (55% of all).
PROVISIONAL_LEAD = 1.5
PROVISIONAL_COVERAGE = 0.7
TASK_LEAD = 1.2
TASK_COVERAGE = 0.5


def lexical_verdict(best: float, runner_up: float, best_weighted: float, best_is_task: bool) -> str:
    """How far the lexical ranking (re-weighted, without the dense ranking) settles a search,
    from its best score, the runner-up's (0: none), the best passage's weighted coverage and
    whether it is a task record: "decisive" (every rare word, lead of DECISIVE_LEAD: the
    embedding is skipped), "provisional" (a weaker lead, see PROVISIONAL_LEAD: skipped unless
    the answer would be a refusal) or "" (embed)."""
    if best <= 0:
        return ""

    def leads(factor: float) -> bool:
        return runner_up <= 0 or best >= factor * runner_up
    if best_weighted >= 1.0 and leads(DECISIVE_LEAD):
        return "decisive"
    if (best_weighted >= PROVISIONAL_COVERAGE and leads(PROVISIONAL_LEAD)) or (
            best_is_task and best_weighted >= TASK_COVERAGE and leads(TASK_LEAD)):
        return "provisional"
    return ""


@dataclass
class Trial:
    """One answer attempt: whether a search in it skipped the embedding provisionally."""
    provisional: bool = False


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused, re-weighted score
    bm25: float  # raw BM25 score (0 if not among BM25 candidates)
    dense: float  # cosine similarity (0 if not among dense candidates)
    coverage: float  # share of the query's topic tokens found in the passage
    weighted: float  # the same share, each token weighted by its rarity in the corpus (IDF)


def reciprocal_rank_fusion(*rankings: Sequence[int], k: int = RRF_K,
                           weights: Sequence[float] = ()) -> dict[int, float]:
    """Sum of weight / (k + rank) over the rankings each candidate appears in (weight 1 unless given)."""
    fused: dict[int, float] = {}
    for n, ranking in enumerate(rankings):
        weight = weights[n] if n < len(weights) else 1.0
        for rank, i in enumerate(ranking):
            fused[i] = fused.get(i, 0.0) + weight / (k + rank + 1)
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
    named = nearest_periods(reversed(section.split(" / ")), periods)
    return 1.0 if not named or asked[0] in named else OTHER_PERIOD_FACTOR


class HybridSearcher:
    def __init__(self, store: Store, query_cache_size: int = 0, periods: Sequence[str] = (),
                 skip_dense_when_decisive: bool = True) -> None:
        self.store = store
        self.periods = tuple(periods)
        self.skip_dense_when_decisive = skip_dense_when_decisive
        # one-character colloquial verbs (建, 搞, 管: data/lexicon.toml) are never part of a name
        self.verbs = frozenset(w for w in store.bm25.tokenizer.lexicon.colloquial if len(w) == 1)
        self.curated = frozenset(store.bm25.tokenizer.lexicon.colloquial)  # the data file's word pairs
        self._query_vectors: LRU[str, np.ndarray] = LRU(query_cache_size)
        self._asking = threading.local()  # the query vectors of the question being answered
        self.passages = store.records.passages
        n = len(self.passages)
        doc_ids = list(store.records.documents)
        self._doc_code = {d: i for i, d in enumerate(doc_ids)}
        self._doc_of = np.fromiter((self._doc_code[p.doc_id] for p in self.passages), np.int32, n)
        self._doc_size = np.bincount(self._doc_of, minlength=len(doc_ids))
        order = np.argsort(self._doc_of, kind="stable")  # passage indices grouped by document
        bounds = np.concatenate([[0], np.cumsum(self._doc_size)])
        self._doc_rows = {d: order[bounds[c]:bounds[c + 1]] for d, c in self._doc_code.items()}
        kinds = sorted({p.kind for p in self.passages})
        self._kind_code = {k: i for i, k in enumerate(kinds)}
        self._kind_of = np.fromiter((self._kind_code[p.kind] for p in self.passages), np.int8, n)
        # A passage inherits its document's title: "学历补贴" in the 环卫 notice is about 环卫工人.
        # (a memory-mapped column of the build, store/text_column.py)
        self._compact = store.search_column()
        # A passage's own heading: the task title for tasks, the last heading for sections
        # (one packed column in memory, not a string object each).
        self._leaf = TextColumn.of(store.leaf_headings())
        self._terms = store.substring_index(self._compact)
        # word -> (passages holding it, documents holding it, how many passages in each)
        self._word_stats: LRU[str, tuple[int, np.ndarray, np.ndarray]] = LRU(WORD_CACHE_SIZE)
        self._parts: LRU[str, np.ndarray] = LRU(256)  # section label -> passage indices
        self._headings: dict[str, np.ndarray] | None = None  # heading label -> passage indices
        self._headings_lock = threading.Lock()
        # Every passage's vector (memory-mapped): BM25 candidates that the nearest-neighbour
        # query did not return still get their true cosine similarity.
        self._matrix = store.matrix
        self._all_rows = np.arange(n, dtype=np.int64)
        self.counts: Counter[str] = Counter()  # searches, query embeddings skipped

    # ---- word statistics ---------------------------------------------------------------
    def word_stats(self, token: str) -> tuple[int, np.ndarray, np.ndarray]:
        """(passages holding `token`, the documents holding it, how many of their passages);
        letters match in any case (the search texts are lower-cased)."""
        token = token.lower()

        def compute() -> tuple[int, np.ndarray, np.ndarray]:
            found = self._terms.matches(token)
            counts = np.bincount(self._doc_of[found], minlength=len(self._doc_size))
            docs = np.flatnonzero(counts)
            # int32: a cached word present in most documents costs 8 bytes a document, not 16
            return len(found), docs.astype(np.int32), counts[docs].astype(np.int32)
        return self._word_stats.get_or_compute(token, compute)

    def idf(self, token: str) -> float:
        """Rarity of a token over passages (substring match); absent tokens weigh most."""
        df = self.word_stats(token)[0]
        n = len(self._compact)
        return math.log(1 + n / (1 + df))

    def topic_tokens(self, text: str) -> list[str]:
        """`question_tokens` of `text`, computed once per question (`question`): a question's
        topic is read by the search, the expansions, the sentence picker and the task answer."""
        return list(self.per_question(("topic_tokens", text), lambda: tuple(self.question_tokens(text))))

    def question_tokens(self, text: str) -> list[str]:
        """Content words of a query, unique, as the documents print them: jieba words without
        stopwords and single characters, plus single characters the documents print together
        ("建碧道" -> 碧道); a word no document prints stands for its printed part (加班费 -> 加班),
        and an unprinted sub-word of a longer query word (班费 of 加班费) is dropped."""
        tokenizer = self.store.bm25.tokenizer
        words = tokenizer.tokenize(text)
        asking = [t for t in words if QUESTION_COMPOUND.match(t)]  # and their parts: 地方 of 哪些地方
        tokens = [t for t in words if len(t) >= 2 and not any(t in a for a in asking)]
        tokens += joined_singles(tokenizer.words(normalize(text).lower()), lambda w: self.word_stats(w)[0],
                                 lambda w: w in tokenizer.stopwords or w in self.verbs)
        out = []
        for t in dict.fromkeys(tokens):
            if not self.attested(t):
                if any(t != other and t in other for other in tokens):
                    continue
                t = stand_in(t, self.attested) or t
            out.append(t)
        return list(dict.fromkeys(out))

    def attested(self, word: str) -> bool:
        """Whether any document prints `word`."""
        return self.word_stats(word)[0] > 0

    def doc_code(self, doc_id: str) -> int:
        """The index of a document in the word statistics (`word_stats(...)[1]`)."""
        return self._doc_code[doc_id]

    def doc_share(self, token: str, doc_code: int) -> float:
        """Share of a document's passages that hold `token`."""
        _, docs, counts = self.word_stats(token)
        j = int(np.searchsorted(docs, doc_code))
        held = int(counts[j]) if j < len(docs) and docs[j] == doc_code else 0
        return held / int(self._doc_size[doc_code])

    def has(self, token: str, index: int) -> bool:
        """Whether passage `index` speaks of `token`: in its text, or pervasive in its document."""
        return token.lower() in self._compact[index] or self.pervasive(token, index)

    def pervasive(self, token: str, index: int) -> bool:
        """Whether `token` runs through the document of passage `index` (in DOC_CONTEXT_SHARE of
        its passages): then every passage of it speaks of it, said or not."""
        return self.doc_share(token, int(self._doc_of[index])) >= DOC_CONTEXT_SHARE

    # ---- parts -------------------------------------------------------------------------
    def hit(self, index: int) -> Hit:
        """Passage `index` as a hit of its own (a part quoted because the question named it)."""
        return Hit(self.passages[index], 1.0, 0.0, 0.0, 1.0, 1.0)

    def warm_up(self) -> None:
        """Build what the first question of a kind would otherwise build: the heading index."""
        self._heading_index()

    def _heading_index(self) -> dict[str, np.ndarray]:
        """Heading label ("专栏3" of "专栏3 粤港澳大湾区…") -> passages under it; built on first use."""
        with self._headings_lock:
            if self._headings is None:
                found: dict[str, list[int]] = {}
                for i, p in enumerate(self.passages):
                    for el in {el.split(" ", 1)[0] for el in p.section.split(" / ")}:
                        found.setdefault(el, []).append(i)
                self._headings = {k: np.array(v, dtype=np.int64) for k, v in found.items()}
            return self._headings

    def section_rows(self, label: str) -> np.ndarray:
        """Passages inside the part named `label` ("专栏3", "第十七条"; "第二章/第三节" for the 节
        of that 章): each named label is an element of the passage's heading path (the element
        itself or the element followed by a space and its title)."""
        def compute() -> np.ndarray:
            parts = label.split("/")
            if any(" " in part or not part for part in parts):  # not a bare label: check each path
                def named(path: list[str], part: str) -> bool:
                    return any(el == part or el.startswith(part + " ") for el in path)
                return np.array([i for i, p in enumerate(self.passages)
                                 if all(named(p.section.split(" / "), part) for part in parts)], np.int64)
            index = self._heading_index()
            rows = index.get(parts[0], np.zeros(0, np.int64))
            for part in parts[1:]:
                rows = np.intersect1d(rows, index.get(part, np.zeros(0, np.int64)), assume_unique=True)
            return rows
        return self._parts.get_or_compute(label, compute)

    def in_section(self, label: str) -> np.ndarray:
        """Mask of passages inside the part named `label` (see `section_rows`)."""
        mask = np.zeros(len(self.passages), dtype=bool)
        mask[self.section_rows(label)] = True
        return mask

    def doc_rows(self, docs: Sequence[str]) -> np.ndarray:
        """Passage indices (ascending) of documents `docs`; unknown ids hold none."""
        parts = [self._doc_rows[d] for d in dict.fromkeys(docs) if d in self._doc_rows]
        return np.sort(np.concatenate(parts)) if parts else np.zeros(0, np.int64)

    # ---- the pipeline ------------------------------------------------------------------
    @contextmanager
    def question(self) -> Iterator[None]:
        """The span of one question (Assistant.ask): a text searched twice in it (the prose of a
        table's document, an earlier turn's topic) is embedded once, also with the query cache
        off. Per thread, dropped at the end: nothing of one question is kept for the next."""
        self._asking.vectors = {}
        self._asking.memo = {}
        try:
            yield
        finally:
            self._asking.vectors = None
            self._asking.memo = None

    def per_question(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, once per `key` in the question being answered (`question`); outside
        one, every time. For what depends only on the question's text and the index."""
        memo: dict[Hashable, Any] | None = getattr(self._asking, "memo", None)
        if memo is None:
            return compute()
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def embed_query(self, text: str) -> np.ndarray:
        text = text[:QUERY_EMBED_CHARS]
        memo: dict[str, np.ndarray] | None = getattr(self._asking, "vectors", None)
        if memo is not None and text in memo:
            return memo[text]
        vector = self._query_vectors.get_or_compute(text, lambda: self.store.embedder.embed_query(text))
        if memo is not None:
            memo[text] = vector
        return vector

    def scope_rows(self, docs: tuple[str, ...], kinds: tuple[str, ...],
                   section_label: str) -> np.ndarray | None:
        """Passage indices in scope (ascending), or None for every passage."""
        rows = self.doc_rows(docs) if docs else None
        if kinds:
            codes = [self._kind_code[k] for k in kinds if k in self._kind_code]
            if rows is None:
                rows = np.flatnonzero(np.isin(self._kind_of, codes))
            else:
                rows = rows[np.isin(self._kind_of[rows], codes)]
        if section_label:
            part = self.section_rows(section_label)
            rows = part if rows is None else np.intersect1d(rows, part, assume_unique=True)
        return rows

    def scope_mask(self, docs: tuple[str, ...], kinds: tuple[str, ...], section_label: str) -> np.ndarray:
        """`scope_rows` as a mask over all passages."""
        rows = self.scope_rows(docs, kinds, section_label)
        if rows is None:
            return np.ones(len(self.passages), dtype=bool)
        mask = np.zeros(len(self.passages), dtype=bool)
        mask[rows] = True
        return mask

    def bm25_candidates(self, text: str, rows: np.ndarray | None) -> tuple[list[int], np.ndarray]:
        """Passages in scope by BM25 score, best first (score > 0; ties by index), and all scores."""
        scores = self.store.bm25.scores(text)
        sub = scores if rows is None else scores[rows]
        pos = np.flatnonzero(sub > 0)
        if len(pos) > CANDIDATES:
            pos = pos[np.argpartition(-sub[pos], CANDIDATES - 1)[:CANDIDATES]]
        pos = pos[np.lexsort((pos, -sub[pos]))]
        order = pos if rows is None else rows[pos]
        return [int(i) for i in order], scores

    def dense_candidates(self, vector: np.ndarray, rows: np.ndarray | None, exhaustive: bool) -> list[int]:
        """Nearest passages in scope: every passage in scope when `exhaustive`; exact cosine over
        the scope's rows of the vector matrix for a scope (or a whole corpus) of at most
        EXACT_ROWS passages; a larger one is scanned exactly (`_scan_top`) unless the store
        has a Chroma server (`Store.nearest_neighbours`): then its nearest neighbours over the
        whole corpus (no `where` filter: filtered HNSW queries cost 330-380 ms at 172k
        passages), over-fetched in proportion to the share of the corpus in scope and kept if
        in scope, exact cosine when too few are."""
        n = len(self.passages)
        if rows is None and n <= EXACT_ROWS:  # a small corpus: exact, no graph to ask
            rows = self._all_rows
        if rows is not None and (exhaustive or len(rows) <= EXACT_ROWS):
            if exhaustive:
                return [int(i) for i in rows]
            return self._exact_top(vector, rows)
        if not self.store.nearest_neighbours:
            return self._scan_top(vector, rows)
        want = CANDIDATES if rows is None else min(n, ANN_MAX_FETCH, CANDIDATES * 2 * n // len(rows) + 1)
        index = self.store.records.passage_index
        found = [index[h.passage_id] for h in self.store.vectors.query(vector, min(want, n))
                 if h.passage_id in index]
        if rows is None:
            return found
        arr = np.asarray(found, dtype=np.int64)
        pos = np.searchsorted(rows, arr).clip(0, len(rows) - 1)
        inside = [int(i) for i in arr[rows[pos] == arr]]
        return inside[:CANDIDATES] if len(inside) >= CANDIDATES else self._exact_top(vector, rows)

    def _exact_top(self, vector: np.ndarray, rows: np.ndarray) -> list[int]:
        sims = np.asarray(self._matrix[rows]) @ vector
        top = np.argpartition(-sims, CANDIDATES - 1)[:CANDIDATES] if len(rows) > CANDIDATES \
            else np.arange(len(rows))
        top = top[np.lexsort((top, -sims[top]))]
        return [int(i) for i in rows[top]]

    def _scan_top(self, vector: np.ndarray, rows: np.ndarray | None) -> list[int]:
        """`_exact_top` for a scope larger than EXACT_ROWS (None: every passage), without a
        copy of its rows: the memory-mapped matrix is multiplied SCAN_ROWS rows at a time
        (whole slices when the scope is most of the corpus, gathered rows otherwise)."""
        n = len(self._matrix)
        vector = np.asarray(vector, dtype=self._matrix.dtype)
        if rows is None or 4 * len(rows) >= n:
            sims = np.empty(n, dtype=self._matrix.dtype)
            for start in range(0, n, SCAN_ROWS):
                np.dot(self._matrix[start:start + SCAN_ROWS], vector, out=sims[start:start + SCAN_ROWS])
            if rows is not None:
                sims = sims[rows]
        else:
            sims = np.concatenate([np.asarray(self._matrix[rows[i:i + SCAN_ROWS]]) @ vector
                                   for i in range(0, len(rows), SCAN_ROWS)])
        ids = self._all_rows if rows is None else rows
        top = np.argpartition(-sims, CANDIDATES - 1)[:CANDIDATES] if len(ids) > CANDIDATES \
            else np.arange(len(ids))
        top = top[np.lexsort((top, -sims[top]))]
        return [int(i) for i in ids[top]]

    def exact_cosine(self, vector: np.ndarray, candidates: list[int]) -> dict[int, float]:
        if not candidates:
            return {}
        return dict(zip(candidates, (float(c) for c in np.asarray(self._matrix[candidates]) @ vector)))

    def _question_words(self, tokens: list[str]) -> tuple[list[float], list[set[int]]]:
        """Per question word: its IDF weight and the documents it pervades (held by at least
        DOC_CONTEXT_SHARE of their passages), computed once per search."""
        weights, pervades = [], []
        for t in tokens:
            df, docs, counts = self.word_stats(t)
            weights.append(math.log(1 + len(self._compact) / (1 + df)))
            pervades.append({int(d) for d in docs[counts >= DOC_CONTEXT_SHARE * self._doc_size[docs]]})
        return weights, pervades

    def reweight(self, fused: dict[int, float], text: str, tokens: list[str],
                 cover: dict[int, tuple[float, float]],
                 prefer: Callable[[Passage], bool] | None,
                 expansions: dict[str, tuple[str, ...]] | None = None,
                 factors: dict[int, tuple[float, bool]] | None = None) -> dict[int, float]:
        """Rank fusion knows only ranks; weight it by how much of the question's rare vocabulary
        the passage really holds, and by the plan period and passage kind the question asks for.
        (`coverage` and `heading_coverage` per passage, with the word statistics looked up once;
        `cover` and `factors` keep each passage's coverage and weight for a second fusion of the
        same search.)"""
        factors = {} if factors is None else factors
        words: tuple[list[float], list[set[int]], float] | None = None
        out = {}
        for i, score in fused.items():
            if i not in factors:
                if words is None:
                    weights, pervades = self._question_words(tokens)
                    words = (weights, pervades, sum(weights))
                weights, pervades, total = words
                if i not in cover:
                    if tokens:
                        text_i, doc = self._compact[i], int(self._doc_of[i])
                        present = [1.0 if t in text_i or doc in pervade else
                                   self._credit(t) if any(e in text_i for e in (expansions or {}).get(t, ())) else 0.0
                                   for t, pervade in zip(tokens, pervades)]
                        cover[i] = (sum(present) / len(tokens),
                                    sum(w * held for w, held in zip(weights, present)) / total)
                    else:
                        cover[i] = (0.0, 0.0)
                leaf = self._leaf[i].lower()
                heading = sum(w for t, w in zip(tokens, weights) if t in leaf) / total if tokens else 0.0
                factors[i] = (coverage_weight(cover[i][1]) * heading_weight(heading)
                              * period_weight(text, self.passages[i].section, self.periods),
                              prefer is not None and prefer(self.passages[i]))
            factor, preferred = factors[i]
            score *= factor
            if preferred:
                score *= PREFER_FACTOR
            out[i] = score
        return out

    def _credit(self, word: str) -> float:
        """Coverage credit of a question word held only through its expansion."""
        return CURATED_CREDIT if word in self.curated else EXPANSION_CREDIT

    def lexically_decisive(self, lexical: dict[int, float], cover: dict[int, tuple[float, float]]) -> str:
        """Whether the BM25 ranking alone settles the answer (`lexical_verdict` on its best
        passage and runner-up): "decisive", "provisional" or ""."""
        if not lexical:
            return ""
        best = max(lexical, key=lexical.__getitem__)
        runner_up = max((v for i, v in lexical.items() if i != best), default=0.0)
        return lexical_verdict(lexical[best], runner_up, cover[best][1], self.passages[best].task_no is not None)

    # ---- provisional skips ---------------------------------------------------------------
    @contextmanager
    def trial(self) -> Iterator[Trial]:
        """The span of one answer attempt (`Assistant._answer`): records whether a search in it
        skipped the embedding only provisionally (`Trial.provisional`)."""
        outer = getattr(self._asking, "trial", None)
        self._asking.trial = attempt = Trial()
        try:
            yield attempt
        finally:
            self._asking.trial = outer
            if outer is not None:
                outer.provisional |= attempt.provisional

    @contextmanager
    def strict(self) -> Iterator[None]:
        """Inside it, only a decisive lexical lead skips the embedding (not a provisional one)."""
        outer = getattr(self._asking, "strict", False)
        self._asking.strict = True
        try:
            yield
        finally:
            self._asking.strict = outer

    def _skips(self, verdict: str) -> bool:
        if verdict == "decisive":
            return True
        if verdict != "provisional" or getattr(self._asking, "strict", False):
            return False
        attempt: Trial | None = getattr(self._asking, "trial", None)
        if attempt is None:  # no one to ask again on a refusal: embed
            return False
        attempt.provisional = True
        return True

    def search(self, text: str, docs: tuple[str, ...] = (), kinds: tuple[str, ...] = (),
               k: int = 10, prefer: Callable[[Passage], bool] | None = None,
               section_label: str = "", expansions: dict[str, tuple[str, ...]] | None = None) -> list[Hit]:
        """Top-k passages in `docs` (all if empty) of `kinds`, inside `section_label` if given;
        passages `prefer` accepts rank higher; `expansions` (question word -> corpus words for
        it) add a lower-weighted BM25 ranking and partial coverage."""
        if k <= 0:
            raise ValueError(f"k must be greater than 0, got {k}")
        if not text.strip():
            return []
        rows = self.scope_rows(docs, kinds, section_label)
        if rows is not None and not len(rows):
            return []
        self.counts["searches"] += 1
        bm25_order, bm25 = self.bm25_candidates(text, rows)
        extra = " ".join(w for words in (expansions or {}).values() for w in words)
        expanded_order = self.bm25_candidates(extra, rows)[0] if extra else []
        rankings, rank_weights = [bm25_order, expanded_order], [1.0, EXPANSION_RANK_WEIGHT]
        tokens = self.topic_tokens(text)
        cover: dict[int, tuple[float, float]] = {}
        factors: dict[int, tuple[float, bool]] = {}
        dense: dict[int, float] = {}
        fused = None
        if self.skip_dense_when_decisive and tokens:
            lexical = self.reweight(reciprocal_rank_fusion(*rankings, weights=rank_weights), text, tokens, cover,
                                    prefer, expansions, factors)
            verdict = self.lexically_decisive(lexical, cover)
            if self._skips(verdict):
                fused = lexical
                self.counts["embedding_skipped"] += 1
                self.counts[f"embedding_skipped_{verdict}"] += 1
        if fused is None:
            vector = self.embed_query(text)
            ann = self.dense_candidates(vector, rows, exhaustive=bool(section_label))
            candidates = list(dict.fromkeys(ann + bm25_order + expanded_order))
            dense = self.exact_cosine(vector, candidates)
            dense_order = sorted(candidates, key=lambda i: -dense[i])[:CANDIDATES]
            fused = self.reweight(reciprocal_rank_fusion(*rankings, dense_order, weights=rank_weights),
                                  text, tokens, cover, prefer, expansions, factors)
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        return [Hit(self.passages[i], s, float(bm25[i]), float(dense.get(i, 0.0)), *cover[i])
                for i, s in ranked]
