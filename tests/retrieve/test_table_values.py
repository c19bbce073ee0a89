"""Table rows by value, as a table: question amount -> the range cells that hold it (no index)."""

from __future__ import annotations

import math

import pytest

from assistant.retrieve import table_values
from assistant.retrieve.table_values import Amount, Range, asked_amount, holding_columns, ranges


@pytest.mark.parametrize(("question", "yuan", "per"), [
    ("9万元一亩的地属于哪一档？", 90_000, "亩"),
    ("区片价每亩9万元，社保费按多少比例计提？", 90_000, "亩"),
    ("一亩地9万，按第几档？", 90_000, "亩"),
    ("地价8.5万元/亩按什么比例", 85_000, "亩"),
    ("环卫工人每日津贴25元", 25, "日"),  # words may stand between the unit and the amount
    ("9万元", None, None),  # no per-unit: nothing to look up
    ("平均区片价在一亩20万到50万之间的，按啥比例提", 350_000, "亩"),  # a range: its middle
    ("一亩地9万到8万", 90_000, "亩"),  # no range upwards: the amount itself
    ("平均区片价在每亩五到八万那一档的，计提比例是多少", 65_000, "亩"),  # in words, the low end's unit implied
    ("每亩二十万元的地", None, None),  # a numeral of two characters is left as it is
])
def test_asked_amount(question, yuan, per):
    amount = asked_amount(question)
    assert (amount.yuan, amount.per) == (yuan, per) if yuan else amount is None


@pytest.mark.parametrize(("cell", "expected"), [
    ("第二级 5万至10万元(含10万元)/亩", [Range(50_000, 100_000, "亩")]),
    ("8 万至 10 万元 (含 10 万元) /亩", [Range(80_000, 100_000, "亩")]),
    ("5万元(含5万元)/亩以下", [Range(-math.inf, 50_000, "亩")]),
    ("第五级 20万元/亩以上", [Range(200_000, math.inf, "亩")]),
    ("18%", []),
])
def test_ranges(cell, expected):
    assert ranges(cell) == expected


ROW_3 = [("档次", "第三档"), ("省的划分范围", "第二级 5万至10万元(含10万元)/亩"),
         ("广州市的划分范围", "8万至10万元(含10万元)/亩"), ("征地社保费计提比例", "18%")]


@pytest.mark.parametrize(("yuan", "columns"), [
    (90_000, ["省的划分范围", "广州市的划分范围"]),
    (100_000, ["省的划分范围", "广州市的划分范围"]),  # (含10万元): the upper bound is in
    (80_000, ["省的划分范围"]),  # 8万 is the 广州 column's lower bound: the row before holds it
    (120_000, []),
])
def test_holding_columns(yuan, columns):
    assert holding_columns(ROW_3, Amount(yuan, "亩")) == columns


def test_per_unit_must_agree():
    assert holding_columns(ROW_3, Amount(90_000, "人")) == []


def test_an_amount_and_above_is_just_over_it():
    above = asked_amount("平均区片价50万元/亩以上的计提比例是多少？")
    assert not Range(200_000, 500_000, "亩").holds(above) and Range(500_000, math.inf, "亩").holds(above)
    assert Range(200_000, 500_000, "亩").holds(asked_amount("区片价50万元/亩的比例是多少？"))



@pytest.mark.parametrize("question", ["区片价一亩超过50万的按几成计提？", "区片价要是超过50万一亩，按几个点计提？",
                                      "区片价高于50万元/亩的计提比例是多少？"])
def test_an_amount_over_is_just_over_it(question):
    over = asked_amount(question)
    assert not Range(200_000, 500_000, "亩").holds(over) and Range(500_000, math.inf, "亩").holds(over)


def test_words_between_the_unit_and_the_amount():
    assert asked_amount("广州一亩地区片价30万，社保费按几成提？") == Amount(300_000, "亩", "一亩地区片价30万")


@pytest.mark.parametrize(("header", "value", "question", "printed"), [
    ("本档最低计提标准(万元/亩)", "2.24", "每亩最低计提标准是2.24万元的是第几档", True),
    ("本档最低计提标准(万元/亩)", "2.24", "每亩最低计提标准是3万元的是第几档", False),
    ("征地社保费计提比例", "15%", "每亩最低计提标准是2.24万元的是第几档", False),  # no unit in the header
    ("本档最低计提标准(万元/亩)", "2.24", "每人最低2.24万元", False),  # another per-unit
])
def test_a_cell_prints_the_amount_under_its_headers_unit(header, value, question, printed):
    assert table_values.prints(header, value, table_values.asked_amount(question)) is printed
