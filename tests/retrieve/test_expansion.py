"""Query expansion as a table: question word -> expanded corpus words (no index needed)."""

from __future__ import annotations

import pytest

from assistant.retrieve.expansion import Expander
from assistant.store.vocabulary import default_lexicon

CORPUS_WORDS = {"运行", "运作", "建设", "开展", "推进", "实施", "分管", "负责", "管理", "休息", "补休",
                "征收农用地区片综合地价", "认知障碍", "资金"}
SYNONYMS = {"运转": ["运作", "运行", "转动"], "歇息": ["休息", "睡觉"], "平均区片价": ["征收农用地区片综合地价"],
            "失智": ["痴呆"], "运行": ["运转"]}


@pytest.fixture(scope="module")
def expander() -> Expander:
    return Expander(SYNONYMS, default_lexicon().colloquial, CORPUS_WORDS.__contains__)


@pytest.mark.parametrize(("word", "expanded"), [
    ("运转", ("运作", "运行")),  # Cilin synonyms the corpus uses; 转动 is not in it
    ("歇息", ("休息",)),
    ("平均区片价", ("征收农用地区片综合地价",)),  # a short form the corpus defines
    ("失智", None),  # a synonym the corpus never uses does not help
    ("运行", None),  # the corpus's own word is not expanded
    ("建", ("建设",)), ("搞", ("开展", "推进", "实施")), ("管", ("分管", "负责", "管理")),  # colloquial verbs
    ("钱", ("资金",)),
])
def test_expansion(expander, word, expanded):
    assert expander.expand([word]).get(word) == expanded
