"""Rules of the hybrid searcher that need no index."""

from __future__ import annotations

import pytest

from assistant.retrieve.search import QUESTION_COMPOUND


@pytest.mark.parametrize(("token", "asks"), [
    ("多少钱", True), ("多少倍", True), ("几个", True), ("多少", True),
    ("多少钱一亩", False), ("岗位津贴", False), ("几何", True),  # 几何 is no policy word either
])
def test_a_question_word_with_its_measure_is_no_topic_word(token, asks):
    assert bool(QUESTION_COMPOUND.match(token)) is asks


@pytest.mark.parametrize(("word", "credit"), [
    ("周末", 1.0), ("物价", 1.0),  # the data file's pairs (周末 -> 休息日) vouch for the word
    ("林子", 0.0), ("运转", 0.0),  # a Cilin synonym only ranks: it answered a near miss once (充电桩 -> 设施)
])
def test_coverage_credit_of_an_expansion(word, credit):
    from assistant.retrieve.search import HybridSearcher
    from assistant.store.vocabulary import default_lexicon

    searcher = HybridSearcher.__new__(HybridSearcher)  # the rule needs no index
    searcher.curated = frozenset(default_lexicon().colloquial)
    assert searcher._credit(word) == credit
