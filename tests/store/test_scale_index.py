"""The scale-path index files against their references: the substring index against a scan
of every passage, records.sqlite against the records it was written from, the search
texts and BM25 tokens a build stores against computing them anew."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ingest.pipeline import ingest
from assistant.retrieve.search import HybridSearcher
from assistant.store.bm25_index import Tokenizer
from assistant.store.records_db import RecordsDB
from assistant.store.store import Store, leaf_heading, load_records, search_texts
from assistant.store.term_index import SubstringIndex
from assistant.store.text_column import TextColumn
from assistant.text import compact

TEXTS = ["广州市环卫工人高温津贴每月300元", "环卫工人工龄工资", "粮食产量1268万吨以上",
         "推进高质量发展", "", "环卫", "卫生"]


@pytest.mark.parametrize("word", ["环卫", "环卫工人", "工人工龄", "高质量发展", "粮食", "卫",
                                  "不存在的词", "00", "1268万吨", "环卫工人工龄工资"])
def test_substring_index_matches_a_scan(word, tmp_path):
    expected = [i for i, t in enumerate(TEXTS) if word in t]
    assert SubstringIndex.build(TEXTS).matches(word).tolist() == expected
    SubstringIndex.save_arrays(tmp_path, SubstringIndex.build_arrays(TEXTS))
    loaded = SubstringIndex.load(tmp_path, TEXTS.__getitem__, len(TEXTS))
    assert loaded.matches(word).tolist() == expected


def test_empty_corpus_has_no_matches():
    assert SubstringIndex.build([]).matches("环卫").tolist() == []


@pytest.mark.integration
def test_built_index_files_agree_with_the_records(mini_settings):
    ingest(mini_settings, progress=False)
    store = Store.open(mini_settings)
    records = store.records
    # records.sqlite holds what a JSON round trip holds
    json_path = mini_settings.index_dir / "records.json"
    records.save(json_path)
    again = RecordsDB.load(json_path)
    assert again.passages == records.passages and again.tasks == records.tasks
    assert again.sections == records.sections and again.documents == records.documents
    # stored compact texts == computed ones; search texts == the earlier compact(title + text)
    titles = {d.doc_id: d.title for d in records.documents.values()}
    assert search_texts(records, store.derived_columns()[0]) == [compact(titles[p.doc_id] + p.text).lower()
                                                        for p in records.passages]
    # the memory-mapped search column (terms/texts.bin) holds the same texts; the stored
    # leaf headings are the computed ones
    assert isinstance(store.search_column(), TextColumn)
    assert list(store.search_column()) == search_texts(records)
    assert store.leaf_headings() == [leaf_heading(p) for p in records.passages]
    # vectors.npy holds the Chroma vectors, in passage order
    ids = [p.passage_id for p in records.passages]
    assert np.allclose(store.matrix, store.vectors.vectors(ids), atol=1e-6)
    # word statistics from the substring index == a scan over every passage
    searcher = HybridSearcher(store)
    texts = search_texts(records)
    tokenizer = Tokenizer.for_records(records)
    words = {w for p in records.passages[:40] for w in tokenizer.tokenize(p.text) if len(w) >= 2}
    for w in sorted(words)[:200]:
        assert searcher.word_stats(w)[0] == sum(w in t for t in texts), w


@pytest.mark.integration
def test_rebuild_reuses_tokens_and_vectors(mini_settings, caplog):
    ingest(mini_settings, progress=False)
    first = Store.open(mini_settings)
    caplog.set_level("INFO")
    ingest(mini_settings, progress=False, force=True)
    assert "0 of" in caplog.text and "passages segmented" in caplog.text
    assert "+0 vectors" in caplog.text  # Chroma updated from the previous build
    second = Store.open(mini_settings)
    assert second.vectors.count() == first.vectors.count() == len(second.records.passages)
    q = "环卫工人"
    assert (first.bm25.scores(q) == second.bm25.scores(q)).all()
    assert load_records(second.build_dir).passages == first.records.passages


def test_search_texts_match_query_words_in_any_case():
    """Query words are lower-cased by the tokenizer: "5G基站" must hold the word 5g."""
    from types import SimpleNamespace

    doc = SimpleNamespace(doc_id="d", title="关于 5G 的通知")
    records = SimpleNamespace(documents={"d": doc},
                              passages=[SimpleNamespace(doc_id="d", text="5G基站累计达25万座，PM2.5 浓度下降")])
    assert search_texts(records) == ["关于5g的通知5g基站累计达25万座，pm2.5浓度下降"]


@pytest.mark.integration
def test_an_index_of_an_older_build_format_is_rebuilt(mini_settings, monkeypatch):
    """A code change to the derived files (lower-cased search texts) bumps BUILD_FORMAT: the next
    `assistant ingest` rebuilds instead of keeping the old files as up to date."""
    ingest(mini_settings, progress=False)
    assert ingest(mini_settings, progress=False).up_to_date
    monkeypatch.setattr("assistant.ingest.pipeline.BUILD_FORMAT", -1)
    again = ingest(mini_settings, progress=False)
    assert not again.up_to_date and again.embedded == 0  # rebuilt from the embedding cache
