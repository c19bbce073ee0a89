"""The deferred vector store (index-free): a serving process that searches vectors.npy never
opens the Chroma collection (and so never loads its HNSW graph); a caller that asks for it
gets it, opened once."""

from __future__ import annotations

import threading

from assistant.store.vector_store import VectorStore


class Collection:
    def count(self) -> int:
        return 3


def test_the_collection_opens_on_first_use_and_once():
    opened = []

    def open_collection() -> VectorStore:
        opened.append(1)
        return VectorStore(Collection(), "")

    store = VectorStore.deferred(open_collection)
    assert opened == []  # nothing loaded by making it
    threads = [threading.Thread(target=store.count) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count() == 3 and opened == [1]
