"""Records' dict forms: the same as the dataclasses.asdict form they replaced."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from assistant.records import Section, Task

TASK = Task("粤府〔2023〕18号", "10", "稳定粮食生产", "措施", ("陈良贤",), ("省农业农村厅",), ("各地",),
            "一、… / (一)…", "分管省领导：陈良贤", "001.txt", (5, 9), 0.5, "task", (("主要负责人", "某"),),
            ((5, 7), (8, 9)), "原文")
SECTION = Section("广东省十四五规划纲要", "table_row", "", "常住人口城镇化率(%)", "74.8", ("表2", "一、经济发展"),
                  "003.txt", (1, 2), (("2025年", "74.8"),), ((1, 2),), "原文")


def _old(record) -> dict:
    d = asdict(record)
    for name in ("leaders", "lead_units", "co_units", "path"):
        if name in d:
            d[name] = list(getattr(record, name))
    d["span"] = list(record.span)
    d["spans"] = [list(s) for s in record.spans]
    d["extra"] = dict(record.extra)
    return d


@pytest.mark.parametrize("record", [TASK, SECTION, Task("d", "1", "t")])
def test_to_dict_is_the_asdict_form(record):
    new = record.to_dict()
    assert new == _old(record) and list(new) == list(_old(record))
