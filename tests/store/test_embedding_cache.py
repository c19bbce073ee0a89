"""The committed e5 embedding cache matches the corpus and the model it claims to come from."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ingest.passages import build_passages
from assistant.ingest.pipeline import parse_corpus
from assistant.store.embedders import make_embedder
from assistant.store.embedding_cache import EmbeddingCache, content_key


@pytest.fixture(scope="module")
def corpus_passages(full_settings):
    _, tasks, sections, _, _ = parse_corpus(full_settings)
    return build_passages(tasks, sections)


def test_committed_cache_covers_every_passage(full_settings, corpus_passages):
    e5 = make_embedder("e5")
    cache = EmbeddingCache(full_settings.embedding_cache_dir, e5.name, e5.dim)
    keys = {content_key(p.text) for p in corpus_passages}
    missing = keys - cache.keys()
    cache.close()
    assert not missing, f"{len(missing)} passages have no cached vector; run `assistant ingest` and commit data/embedding_cache"


def test_cached_vectors_equal_fresh_embeddings(full_settings, corpus_passages):
    e5 = make_embedder("e5")
    cache = EmbeddingCache(full_settings.embedding_cache_dir, e5.name, e5.dim)
    sample = corpus_passages[:: max(1, len(corpus_passages) // 6)][:6]
    cached = cache.get_many([content_key(p.text) for p in sample])
    cache.close()
    fresh = e5.embed_passages([p.text for p in sample])
    for p, vec in zip(sample, fresh):
        assert float(cached[content_key(p.text)] @ vec) > 0.999


def test_cache_embeds_only_what_is_missing(tmp_path):
    calls = []

    def fake_embed(texts):
        calls.append(list(texts))
        return np.ones((len(texts), 4), dtype=np.float32)

    cache = EmbeddingCache(tmp_path, "fake", 4)
    _, n1 = cache.embed(["甲", "乙"], fake_embed)
    _, n2 = cache.embed(["甲", "乙", "丙"], fake_embed)
    assert (n1, n2) == (2, 1) and calls[-1] == ["丙"]
