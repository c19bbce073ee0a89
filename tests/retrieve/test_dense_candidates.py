"""Dense candidates (index-free): a corpus small enough for an exact product is searched
exactly, without asking the nearest-neighbour graph; a larger one asks the graph of a
Chroma server, and is scanned exactly in slices of the memory-mapped matrix otherwise."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from assistant.retrieve import search
from assistant.retrieve.search import HybridSearcher
from assistant.store.vector_store import VectorHit


class Graph:
    def __init__(self, ids: list[str]) -> None:
        self.ids, self.asked = ids, 0

    def query(self, vector, k):
        self.asked += 1
        return [VectorHit(pid, 0.0) for pid in self.ids[:k]]


def searcher(n: int, server: bool = True) -> tuple[HybridSearcher, Graph, np.ndarray]:
    rng = np.random.default_rng(7)
    matrix = rng.normal(size=(n, 8)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = [f"p{i}" for i in range(n)]
    graph = Graph(ids)
    s = HybridSearcher.__new__(HybridSearcher)  # only what dense_candidates reads
    s.passages = ids
    s._matrix = matrix
    s._all_rows = np.arange(n, dtype=np.int64)
    s.store = SimpleNamespace(vectors=graph, nearest_neighbours=server,
                              records=SimpleNamespace(passage_index={p: i for i, p in enumerate(ids)}))
    return s, graph, matrix


def test_a_small_corpus_is_searched_exactly():
    s, graph, matrix = searcher(300)
    vector = matrix[5]
    got = s.dense_candidates(vector, None, exhaustive=False)
    expected = np.argsort(-(matrix @ vector), kind="stable")[:search.CANDIDATES].tolist()
    assert got == expected and got[0] == 5 and graph.asked == 0


def test_a_corpus_past_the_exact_bound_asks_the_graph(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(search, "EXACT_ROWS", 100)
    s, graph, matrix = searcher(300)
    got = s.dense_candidates(matrix[5], None, exhaustive=False)
    assert graph.asked == 1 and got == list(range(search.CANDIDATES))


def exact(matrix: np.ndarray, vector: np.ndarray, rows: np.ndarray) -> list[int]:
    sims = matrix[rows] @ vector
    return [int(rows[i]) for i in np.lexsort((np.arange(len(rows)), -sims))[:search.CANDIDATES]]


@pytest.mark.parametrize("scope", ["all", "most", "few"])
def test_without_a_server_a_large_scope_is_scanned_exactly_in_slices(monkeypatch: pytest.MonkeyPatch, scope):
    monkeypatch.setattr(search, "EXACT_ROWS", 100)
    monkeypatch.setattr(search, "SCAN_ROWS", 64)  # several slices, the last one short
    s, graph, matrix = searcher(1000, server=False)
    matrix[700] = matrix[5]  # a tie: the lower index first
    rows = {"all": None, "most": np.arange(100, 1000), "few": np.arange(0, 1000, 5)}[scope]
    got = s.dense_candidates(matrix[5], rows, exhaustive=False)
    assert graph.asked == 0
    assert got == exact(matrix, matrix[5], np.arange(1000) if rows is None else rows)
    if rows is None:
        assert got[:2] == [5, 700]
