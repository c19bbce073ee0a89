"""Answers per intent on the real records (the repo's index, built by `make test`)."""

from __future__ import annotations

import pytest

from assistant.errors import InvalidQuestionError
from assistant.text import compact

pytestmark = pytest.mark.slow


def cited(answer) -> set[tuple[str, str | None]]:
    return {(c.doc_id, c.task_no) for c in answer.citations}


def test_mission_example_grain_output_both_years(full_assistant):
    a = full_assistant.ask("谁负责粮食产量？")
    assert a.answerable
    assert "农业农村厅" in a.answer
    assert {("粤府〔2023〕18号", "10"), ("粤府〔2022〕13号", "10")} <= cited(a)
    for doc in ("粤府〔2023〕18号", "粤府〔2022〕13号"):
        task = full_assistant.records.task_by_key[(doc, "10")]
        assert all(name in a.answer for name in task.leaders)
    # newest first
    assert a.citations[0].doc_id == "粤府〔2023〕18号"


def test_scoped_lead_unit(full_assistant):
    a = full_assistant.ask("2023年进出口总额增长目标由哪个部门牵头？")
    assert a.answerable and "省商务厅" in a.answer
    assert a.citations[0].doc_id == "粤府〔2023〕18号" and a.citations[0].task_no == "4"
    assert "进出口总额增长3%" in compact(a.citations[0].text)


def test_reverse_lookup_is_complete(full_assistant):
    a = full_assistant.ask("2023年省政府工作报告分工中张虎分管哪些任务？")
    expected = [t for t in full_assistant.records.tasks_by_doc["粤府〔2023〕18号"] if "张虎" in t.leaders]
    assert len(expected) > 10
    assert a.answerable and f"共{len(expected)}项" in a.answer
    assert cited(a) == {(t.doc_id, t.task_no) for t in expected}


def test_count_of_tasks(full_assistant):
    a = full_assistant.ask("穗府〔2024〕1号共有多少项任务？")
    assert a.answerable and "363" in a.answer


def test_unit_short_form(full_assistant):
    a = full_assistant.ask("2024年市发改委牵头多少项任务？")
    n = sum(1 for t in full_assistant.records.tasks_by_doc["穗府〔2024〕1号"] if "市发展改革委" in t.lead_units)
    assert a.answerable and f"共{n}项" in a.answer


def test_task_number_lookup(full_assistant):
    a = full_assistant.ask("粤府〔2023〕18号第4项任务是什么？")
    assert a.answerable and a.citations[0].task_no == "4" and "进出口" in a.answer


def test_notice_clause(full_assistant):
    a = full_assistant.ask("环卫工人工龄工资怎么算？")
    assert a.answerable and a.citations[0].doc_id == "穗府办规〔2024〕3号"
    assert "工龄" in a.answer


def test_plan_passage(full_assistant):
    a = full_assistant.ask("十四五规划对常住人口城镇化率的目标是多少？")
    assert a.answerable and a.citations[0].doc_id == "广东省十四五规划纲要"


@pytest.mark.parametrize("question", [
    "深圳市2023年谁负责粮食产量？",
    "2021年省政府工作报告分工中谁负责粮食产量？",
    "粤府〔2023〕18号第500项是什么？",
    "今天天气怎么样？",
    "粤府〔2019〕1号讲了什么？",
])
def test_refusals(full_assistant, question):
    a = full_assistant.ask(question)
    assert not a.answerable and a.answer.startswith("抱歉")


def test_followup_year(full_assistant):
    history = [{"role": "user", "content": "2023年谁负责粮食产量？"},
               {"role": "assistant", "content": "分管省领导：张虎；牵头单位：省农业农村厅。"}]
    a = full_assistant.ask("那2022年的呢？", history=history)
    assert a.answerable and a.citations[0].doc_id == "粤府〔2022〕13号" and a.citations[0].task_no == "10"
    assert "2022" in a.resolved_question or "粤府〔2022〕13号" in a.resolved_question


def test_followup_aspect(full_assistant):
    history = [{"role": "user", "content": "2023年进出口总额增长目标由哪个部门牵头？"},
               {"role": "assistant", "content": "省商务厅牵头。"}]
    a = full_assistant.ask("配合单位有哪些？", history=history)
    assert a.answerable and a.citations[0].task_no == "4" and "配合单位" in a.answer
    assert a.resolved_question != "配合单位有哪些？"


def test_followup_person(full_assistant):
    history = [{"role": "user", "content": "2023年进出口总额增长目标由谁分管？"},
               {"role": "assistant", "content": "张新。"}]
    a = full_assistant.ask("他还负责什么？", history=history)
    assert a.answerable and "张新" in a.resolved_question
    assert all("张新" in full_assistant.records.task_by_key[(c.doc_id, c.task_no)].leaders for c in a.citations)


@pytest.mark.parametrize("bad", ["", "   ", "问" * 501])
def test_bad_questions_are_clear_errors(full_assistant, bad):
    with pytest.raises(InvalidQuestionError):
        full_assistant.ask(bad)


@pytest.mark.parametrize("history", ["not a list", [{"role": "robot", "content": "x"}], [1, 2]])
def test_bad_history_is_a_clear_error(full_assistant, history):
    with pytest.raises(InvalidQuestionError, match="history"):
        full_assistant.ask("谁负责粮食产量？", history=history)


@pytest.mark.parametrize("odd", ["？？？", "😀😀", "……"])
def test_punctuation_or_emoji_only(full_assistant, odd):
    a = full_assistant.ask(odd)
    assert not a.answerable and "请输入" in a.answer


def test_traditional_characters(full_assistant):
    a = full_assistant.ask("誰負責糧食產量？")
    assert a.answerable and "农业农村厅" in a.answer


def test_named_box_is_quoted_from_that_box(full_assistant):
    a = full_assistant.ask("专栏3有哪些内容？")
    assert a.answerable and all("专栏3" in c.section for c in a.citations)


def test_article_by_number(full_assistant):
    a = full_assistant.ask("充电设施安全管理办法第十七条规定了什么？")
    assert a.answerable and a.citations[0].doc_id == "穗工信规字〔2022〕1号"
    assert a.citations[0].section.endswith("第十七条") and "12345" in a.answer


def test_which_task_number(full_assistant):
    a = full_assistant.ask("做好第四次全国文物普查工作在2024年市分工表里是第几项？")
    assert a.answerable and (a.citations[0].doc_id, a.citations[0].task_no) == ("穗府〔2024〕1号", "263")
    assert "第263项" in a.answer


def test_value_question_about_something_absent_is_refused(full_assistant):
    a = full_assistant.ask("广州环卫工人的伙食补贴每月多少钱？")
    assert not a.answerable


def test_refining_a_list_by_unit(full_assistant):
    history = [{"role": "user", "content": "2023年张少康分管几项任务？"},
               {"role": "assistant", "content": "……"}]
    a = full_assistant.ask("其中哪些是省水利厅牵头的？", history=history)
    for c in a.citations:
        task = full_assistant.records.task_by_key[(c.doc_id, c.task_no)]
        assert "张少康" in task.leaders and "省水利厅" in task.lead_units
    assert a.answerable and a.citations
