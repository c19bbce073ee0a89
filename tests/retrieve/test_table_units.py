"""A table row's unit: in its header cell ("(万吨)") or in the note above its table
("投资单位：亿元"). No index needed."""

from __future__ import annotations

import pytest

from assistant.records import Passage
from assistant.retrieve.context import UNIT_NOTE, Context

TABLE = "附件2 广东省“十四五”规划重大建设项目汇总表"


def _context() -> Context:
    ctx = Context.__new__(Context)  # only what _unit_in_header reads
    ctx.table_units = {("规划", TABLE): "亿元"}
    return ctx


@pytest.mark.parametrize(("text", "section", "unit", "shown"), [
    ("粮食综合生产能力(万吨)：1250", "表2 / 粮食综合生产能力", "万吨", True),
    ("新型基础设施建设领域(9个大项)：“十四五”投资4390", f"{TABLE} / 新型基础设施建设领域(9个大项)", "亿", True),
    ("新型基础设施建设领域(9个大项)：“十四五”投资4390", f"{TABLE} / 新型基础设施建设领域(9个大项)", "万吨", False),
    ("新型基础设施建设领域：“十四五”投资4390", "另一张表 / 新型基础设施建设领域", "亿", False),
])
def test_unit_of_a_table_row(text, section, unit, shown):
    p = Passage("x", "规划", text, None, section, kind="table_row")
    assert _context()._unit_in_header(text, p, unit) is shown


def test_unit_note_above_a_header():
    assert UNIT_NOTE.search("投资单位：亿元").group(1) == "亿元"


class _Words:
    """A searcher stand-in: topic words by a fixed table."""

    WORDS = {"GDP年均增长目标": ["地区生产总值", "年均", "增长", "目标"], "地区生产总值增长": ["地区生产总值", "增长"],
             "单位地区生产总值能源消耗降低": ["单位", "地区生产总值", "能源", "消耗", "降低"],
             "人均地区生产总值": ["人均", "地区生产总值"]}

    def topic_tokens(self, text):
        return self.WORDS[text]


def _hit(section: str, kind: str = "table_row"):
    from assistant.retrieve.search import Hit

    return Hit(Passage(section, "规划", "", None, section, kind=kind), 1.0, 0.0, 0.0, 1.0, 1.0)


@pytest.mark.parametrize(("rows", "kept"), [
    # a row labelled with the question's words only: rows about other indicators go
    (["表2 / 地区生产总值增长(%)", "表2 / 单位地区生产总值能源消耗降低(%)"], ["表2 / 地区生产总值增长(%)"]),
    # the best row is not all question words: every row stays
    (["表2 / 人均地区生产总值", "表2 / 单位地区生产总值能源消耗降低(%)"],
     ["表2 / 人均地区生产总值", "表2 / 单位地区生产总值能源消耗降低(%)"]),
    (["表2 / 单位地区生产总值能源消耗降低(%)", "表2 / 地区生产总值增长(%)"],
     ["表2 / 单位地区生产总值能源消耗降低(%)", "表2 / 地区生产总值增长(%)"]),
])
def test_rows_about_other_indicators_are_dropped(rows, kept):
    from assistant.retrieve.query import Query

    ctx = Context.__new__(Context)
    ctx.searcher = _Words()
    q = Query.__new__(Query)
    object.__setattr__(q, "topic", "GDP年均增长目标")
    hits = [_hit("第二章 / 第四节 主要目标", "section")] + [_hit(r) for r in rows]
    got = [h.passage.section for h in ctx._rows_about_the_ask(q, hits)]
    assert got == ["第二章 / 第四节 主要目标"] + kept
