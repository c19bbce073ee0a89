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
