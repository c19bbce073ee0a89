"""Responsibility wording of a task (no index needed)."""

from __future__ import annotations

import pytest

from assistant.records import Task
from assistant.retrieve import compose
from assistant.retrieve.query import Aspect

ROW = Task("粤府〔2023〕18号", "民生实事-4", "开展“南粤家政”培训16万人次以上。", leaders=("王曦",),
           lead_units=("省人力资源社会保障厅",), kind="annex",
           extra=(("省牵头部门", "省人力资源社会保障厅"), ("主要负责人", "杨红山"), ("分管负责人", "谢忠保")))
TASK = Task("粤府〔2023〕18号", "5", "稳住粮食产量。", leaders=("张虎",), lead_units=("省农业农村厅",),
            co_units=("省发展改革委",))


@pytest.mark.parametrize(("task", "aspect", "clause"), [
    # an annex row names the lead unit's people: "一把手是谁" is answered with the lead unit
    (ROW, Aspect.ALL, "由省人力资源社会保障厅（主要负责人杨红山，分管负责人谢忠保）牵头、王曦分管"),
    (ROW, Aspect.LEAD, "由省人力资源社会保障厅（主要负责人杨红山，分管负责人谢忠保）牵头"),
    # the leader asked first, then the unit doing the work (without its people)
    (ROW, Aspect.LEADER, "由王曦分管，省人力资源社会保障厅牵头"),
    (TASK, Aspect.LEADER, "由张虎分管，省农业农村厅牵头"),
    (TASK, Aspect.ALL, "由省农业农村厅牵头、张虎分管，省发展改革委配合"),
    (TASK, Aspect.CO, "配合单位为省发展改革委"),
])
def test_responsibility_clause(task, aspect, clause):
    assert compose.responsibility_clause(task, aspect) == clause


def test_lead_people_skips_empty_roles():
    row = Task("d", "民生实事-1", "t", extra=(("主要负责人", "杨红山"), ("分管负责人", "")))
    assert row.lead_people == [("主要负责人", "杨红山")]


@pytest.mark.parametrize(("header", "value", "worded"), [
    ("津贴标准(元/日)", "20", "津贴标准20元/日"),  # a plain number takes the header's unit
    ("区片价（万元/亩）", "9.5", "区片价9.5万元/亩"),
    ("2025年", "5.5", "2025年5.5"),  # no unit in the header
    ("津贴标准(元/日)", "按实际", "津贴标准(元/日)按实际"),  # not a plain number: as printed
    ("(%)", "12", "(%)12"),  # nothing before the unit to name the value
])
def test_a_cell_is_worded_with_its_header(header, value, worded):
    assert compose._cell(header, value) == worded


@pytest.mark.parametrize(("sentence", "clause"), [
    ("免去周亚伟同志的广州开发区管委会主任职务。(穗人社任免〔2022〕9号)", "免去周亚伟同志的广州开发区管委会主任职务(穗人社任免〔2022〕9号)"),
    ("推动出台《广东省科技创新条例》。", "推动出台《广东省科技创新条例》"),
    ("每区新建3—5个口袋公园；", "每区新建3—5个口袋公园"),
])
def test_a_quoted_sentence_as_a_clause(sentence, clause):
    from assistant.retrieve.compose import as_clause
    assert as_clause(sentence) == clause
