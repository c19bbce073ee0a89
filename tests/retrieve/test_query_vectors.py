"""Query vectors within one question (index-free): a text searched twice in one question is
embedded once, also with the query cache off; nothing carries over to the next question."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import numpy as np

from assistant.lru import LRU
from assistant.retrieve.search import QUERY_EMBED_CHARS, HybridSearcher


class CountingEmbedder:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed_query(self, text: str) -> np.ndarray:
        self.texts.append(text)
        return np.full(4, float(len(self.texts)), dtype=np.float32)


def searcher(cache_size: int = 0) -> tuple[HybridSearcher, CountingEmbedder]:
    embedder = CountingEmbedder()
    s = HybridSearcher.__new__(HybridSearcher)  # only what embed_query reads
    s.store = SimpleNamespace(embedder=embedder)
    s._query_vectors = LRU(cache_size)
    s._asking = threading.local()
    return s, embedder


def test_a_text_is_embedded_once_per_question_with_the_cache_off():
    s, embedder = searcher(cache_size=0)
    with s.question():
        first = s.embed_query("环卫工人 高温 津贴")
        again = s.embed_query("环卫工人 高温 津贴")
        other = s.embed_query("粮食 产量")
    assert embedder.texts == ["环卫工人 高温 津贴", "粮食 产量"]
    assert again is first and not np.array_equal(first, other)


def test_nothing_is_kept_between_questions_or_outside_one():
    s, embedder = searcher(cache_size=0)
    with s.question():
        s.embed_query("环卫工人")
    with s.question():
        s.embed_query("环卫工人")
    s.embed_query("环卫工人")
    s.embed_query("环卫工人")
    assert embedder.texts == ["环卫工人"] * 4


def test_the_memo_is_per_thread():
    s, embedder = searcher(cache_size=0)
    with s.question():
        s.embed_query("环卫工人")
        t = threading.Thread(target=s.embed_query, args=("环卫工人",))
        t.start()
        t.join()
    assert embedder.texts == ["环卫工人", "环卫工人"]


def test_the_memo_keys_the_embedded_prefix():
    s, embedder = searcher(cache_size=0)
    long = "环" * (QUERY_EMBED_CHARS + 5)
    with s.question():
        s.embed_query(long)
        s.embed_query(long[:QUERY_EMBED_CHARS])
    assert embedder.texts == [long[:QUERY_EMBED_CHARS]]
