"""Follow-ups merged with the previous turn's slots, one row per rule; the previous answer
is given as records (what the Assistant's outcome cache would hold), so no index is needed."""

from __future__ import annotations

import pytest

from assistant.records import Answer, Citation
from assistant.retrieve.assistant import outcome as outcome_of_answer
from assistant.retrieve.conversation import resolve
from assistant.retrieve.query import Aspect, Intent
from assistant.retrieve.refusals import Refusal

P22, P23, C24 = "粤府〔2022〕13号", "粤府〔2023〕18号", "穗府〔2024〕1号"
GRAIN22 = {"doc_id": P22, "task_no": "10", "leaders": ["叶贞琴"], "lead_units": ["省农业农村厅"]}
GRAIN23 = {"doc_id": P23, "task_no": "10", "leaders": ["陈良贤"], "lead_units": ["省农业农村厅"]}


def outcome(records=(GRAIN23,), docs=(P23,)):
    calls = []

    def outcome_of(query):
        calls.append(query)
        return Answer("…", True, tuple(Citation(d, "", "") for d in docs), tuple(records))
    outcome_of.calls = calls
    return outcome_of


ROWS = [
    # (earlier question, follow-up, expected slots)
    ("谁负责粮食产量？", "配合单位有哪些？", {"intent": Intent.RESPONSIBILITY, "aspect": Aspect.CO, "topic": "粮食产量"}),
    ("谁负责粮食产量？", "那2022年的呢？", {"docs": (P22, "穗府〔2022〕2号"), "year": 2022, "topic": "粮食产量"}),
    ("2023年省里谁负责粮食产量？", "那2022年的呢？", {"docs": (P22,), "year": 2022, "level": "省"}),
    ("谁负责粮食产量？", "广州市的呢？", {"level": "市", "topic": "粮食产量"}),
    ("谁负责粮食产量？", "她还负责什么？", {"intent": Intent.REVERSE, "person": "陈良贤", "docs": (P23,)}),
    ("谁负责粮食产量？", "该单位还牵头哪些任务？", {"intent": Intent.REVERSE, "unit": "省农业农村厅",
                                         "aspect": Aspect.LEAD}),
    ("谁负责粮食产量？", "下一项呢？", {"intent": Intent.TASK_LOOKUP, "task_no": "11", "docs": (P23,)}),
    ("谁负责粮食产量？", "上一项呢？", {"intent": Intent.TASK_LOOKUP, "task_no": "9"}),
    ("粤府〔2023〕18号第4项任务是什么？", "第11项呢？", {"intent": Intent.TASK_LOOKUP, "task_no": "11",
                                               "docs": (P23,)}),
    ("张虎分管哪些任务？", "其中哪些是省商务厅牵头的？", {"intent": Intent.REVERSE, "person": "张虎",
                                          "unit": "省商务厅"}),
    ("张虎分管哪些任务？", "分管多少项？", {"intent": Intent.COUNT, "person": "张虎"}),
    ("谁负责粮食产量？", "2019年的呢？", {"refuse": "no_document_for_year"}),
    # natural wording: year and level switches, aspects, item pronouns, attributes of a document
    ("2023年全省规上工业增加值增长目标由谁分管？", "那2022年的时候是谁分管？",
     {"docs": (P22,), "aspect": Aspect.LEADER}),
    ("2023年省里无废城市建设由哪个部门牵头？", "换成广州市的呢？", {"level": "市", "year": None}),
    ("2024年广州深化无废城市建设谁牵头？", "省里是怎么安排的？", {"level": "省", "year": None}),
    ("2023年开展第三次全国土壤普查由哪个部门牵头？", "具体措施是什么？", {"aspect": Aspect.MEASURES}),
    ("2022年开展农田整治提升行动谁牵头？", "这项由哪位省领导分管？",
     {"intent": Intent.TASK_LOOKUP, "task_no": "10", "aspect": Aspect.LEADER}),
    ("穗工信规字〔2022〕1号什么时候施行？", "有效期多久？", {"docs": ("穗工信规字〔2022〕1号",), "soft_scope": True}),
    ("2024年广州电动自行车充电管理谁牵头？", "那停放管理呢？", {"docs": (C24,), "topic": "停放 管理"}),
    # standalone questions are answered as asked
    ("谁负责粮食产量？", "2024年广州市菜篮子工作由哪个部门牵头？", {"topic": "菜篮子", "docs": (C24,)}),
]


@pytest.mark.parametrize(("earlier", "question", "slots"), ROWS, ids=[f"{r[0]}→{r[1]}" for r in ROWS])
def test_followup_merges_slots(parser, earlier, question, slots):
    history = [{"role": "user", "content": earlier}, {"role": "assistant", "content": "…"}]
    q = resolve(parser, question, history, outcome())
    got = {k: (str(getattr(q, k)) if k == "refuse" else getattr(q, k)) for k in slots}
    assert got == slots


def test_a_standalone_question_never_parses_or_answers_earlier_turns(parser):
    history = []
    for i in range(10):
        history += [{"role": "user", "content": "谁负责粮食产量？" * 40}, {"role": "assistant", "content": "…" * 500}]
    outcome_of = outcome()
    q = resolve(parser, "2024年广州市菜篮子工作由哪个部门牵头？", history, outcome_of)
    assert q.topic == "菜篮子" and outcome_of.calls == []


def test_no_history_means_the_question_as_parsed(parser):
    assert resolve(parser, "谁负责粮食产量？", [], outcome()) == parser.parse("谁负责粮食产量？")


@pytest.mark.parametrize("question", ["那2024年的呢？", "那广州的呢？", "她还负责什么？"])
def test_a_first_message_with_no_subject_asks_what_is_meant(parser, question):
    """Nothing to follow and no subject of its own: not answered from a passage that merely
    prints 2024年, but refused with a request to say what is asked."""
    assert resolve(parser, question, [], outcome()).refuse is Refusal.NO_SUBJECT


@pytest.mark.parametrize("question", ["专栏3有哪些内容？", "充电设施安全管理办法第十七条规定了什么？", "粤府〔2023〕18号第10项是什么？"])
def test_a_first_message_naming_a_part_or_task_is_asked(parser, question):
    assert resolve(parser, question, [], outcome()).refuse is None


def test_the_same_words_after_a_turn_follow_it(parser):
    history = [{"role": "user", "content": "2023年谁负责粮食产量？"}, {"role": "assistant", "content": "…"}]
    q = resolve(parser, "那2024年的呢？", history, outcome())
    assert q.refuse is None and q.year == 2024


def test_ordinal_reference_follows_what_the_assistant_said(parser):
    """"上面第二项" is the second task the official read, in the order the answer printed them."""
    said = "杜新山分管的任务共7项：穗府〔2024〕1号 第254项 …；第323项 …；第256项 …"
    history = [{"role": "user", "content": "2024年广州杜新山分管哪些工作？"}, {"role": "assistant", "content": said}]
    q = resolve(parser, "上面第二项是哪个单位牵头？", history, outcome())
    assert (q.intent, q.docs, q.task_no, q.aspect) == (Intent.TASK_LOOKUP, (C24,), "323", Aspect.LEAD)


@pytest.mark.parametrize(("question", "scope", "expected"), [
    ("菜篮子工作谁牵头？", C24, {"docs": (C24,), "refuse": None}),  # with history too: hard scope
    ("张虎分管哪些任务？", P22, {"docs": (P22,), "refuse": None}),
    ("粤府〔2023〕18号第4项是什么？", P22, {"refuse": Refusal.OUT_OF_SCOPE}),  # names another document
    ("2024年广州菜篮子交易中心谁牵头？", "穗府〔2022〕2号", {"refuse": Refusal.OUT_OF_SCOPE}),  # another year
    ("配合单位有哪些？", "穗府〔2022〕2号", {"docs": ("穗府〔2022〕2号",), "refuse": None}),  # a follow-up too
])
def test_scope_is_a_hard_filter_with_history(parser, question, scope, expected):
    history = [{"role": "user", "content": "谁负责粮食产量？"}, {"role": "assistant", "content": "…"}]
    q = resolve(parser, question, history, outcome(), scope)
    assert {k: getattr(q, k) for k in expected} == expected


FULL = Answer("粮食产量…[1]；…[2]；…[3]", True,
              (Citation(P23, "任务分工", "全文一", "10"), Citation(P22, "任务分工", "全文二", "10"),
               Citation(P23, "任务分工", "全文三", "11")),
              ({**GRAIN23, "title": "粮食产量", "co_units": ["省统计局"], "extra": {}},
               {"doc_id": P22, "kind": "section"}, {**GRAIN22, "measures": "…"}), intent="responsibility")


def test_the_outcome_cache_keeps_what_a_followup_reads():
    kept = outcome_of_answer(FULL)
    assert kept.answer == "" and all(not c.text for c in kept.citations)
    assert [c.doc_id for c in kept.citations] == [P23, P22]  # each document once, in order
    assert list(kept.records) == [GRAIN23, GRAIN22]  # task records, the fields a follow-up reads


@pytest.mark.parametrize("followup", ["她还负责什么？", "该单位还牵头哪些任务？", "下一项呢？", "上面第二项是哪个单位牵头？",
                                      "那2022年的呢？", "第11项呢？", "配合单位有哪些？"])
def test_a_followup_resolves_alike_from_the_whole_answer_and_its_outcome(parser, followup):
    history = [{"role": "user", "content": "谁负责粮食产量？"}, {"role": "assistant", "content": "…"}]
    whole = resolve(parser, followup, history, lambda q: FULL)
    assert resolve(parser, followup, history, lambda q: outcome_of_answer(FULL)) == whole
