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
