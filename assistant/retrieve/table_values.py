"""Table rows found by a value: "9万元一亩的地按哪一档？" -> the row whose range holds 9万元/亩.

A question that states an amount per unit (9万元一亩, 每亩9万元, 9万元/亩) is matched against
the range cells of the table rows ("8万至10万元(含10万元)/亩", "5万元(含5万元)/亩以下",
"50万元/亩以上"). Amounts are compared in yuan; the per-unit (亩, 人, 日) must agree. Ranges
are read as the documents print them: "A至B(含B)" holds B and not A, "A(含A)以下" holds A,
"A以上" does not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.text import compact

SCALE = {"元": 1.0, "万元": 1e4, "万": 1e4, "亿元": 1e8, "亿": 1e8}
_NUMBER = r"(\d+(?:\.\d+)?)"
_MONEY = r"(亿元|万元|元|亿|万)"
_PER = r"(亩|人|日|月|年|平方米|吨)"
# "9万元一亩", "9万元/亩", "9万元每亩", "每亩9万元", "一亩地9万"
_ASKED = (
    re.compile(rf"{_NUMBER}{_MONEY}(?:/|一|每|1)?{_PER}"),
    re.compile(rf"(?:每|一|1){_PER}[\u4e00-\u9fff]{{0,8}}?{_NUMBER}{_MONEY}"),  # 一亩地区片价30万
)
_OVER = re.compile(r"(?:超过|高于|大于|多于|超出)$")
_UPPER = re.compile(rf"(?:到|至|-|~|～){_NUMBER}{_MONEY}?(?:之间)?")  # the upper end of a range asked
_HEADER_UNIT = re.compile(rf"[(（]{_MONEY}/{_PER}[)）]")  # "本档最低计提标准(万元/亩)"
_RANGE = re.compile(rf"{_NUMBER}{_MONEY}?至{_NUMBER}{_MONEY}(?:\(含[^)]*\))?/{_PER}")
_BELOW = re.compile(rf"{_NUMBER}{_MONEY}(?:\(含[^)]*\))?/{_PER}以下")
_ABOVE = re.compile(rf"{_NUMBER}{_MONEY}(?:\(含[^)]*\))?/{_PER}以上")


@dataclass(frozen=True)
class Amount:
    yuan: float
    per: str  # 亩, 人, ...
    printed: str = ""  # as the question says it ("9万元一亩")


@dataclass(frozen=True)
class Range:
    low: float  # exclusive, in yuan
    high: float  # inclusive, in yuan
    per: str

    def holds(self, amount: Amount) -> bool:
        return self.per == amount.per and self.low < amount.yuan <= self.high


def asked_amount(question: str) -> Amount | None:
    """The amount per unit a question states, or None. "50万元/亩以上" and "一亩超过50万" ask for
    the range above the amount, so it is read as just over it."""
    text = _in_digits(compact(question))
    m = _ASKED[0].search(text)
    if m:
        yuan, money, per = float(m.group(1)) * SCALE[m.group(2)], m.group(2), m.group(3)
    elif m := _ASKED[1].search(text):
        yuan, money, per = float(m.group(2)) * SCALE[m.group(3)], m.group(3), m.group(1)
    else:
        return None
    number_at = m.start(1) if m.re is _ASKED[0] else m.start(2)
    if text.startswith("以上", m.end()) or _OVER.search(text[max(0, number_at - 4):number_at]):
        yuan = math.nextafter(yuan, math.inf)  # "超过50万元一亩": just over it
    # "一亩20万到50万之间": a range asked is looked up by its middle (the row printing that range)
    upper = _UPPER.match(text, m.end())
    high = float(upper.group(1)) * SCALE[upper.group(2) or money] if upper else 0.0
    if high > yuan:
        return Amount((yuan + high) / 2, per, m.group(0) + upper.group(0))
    return Amount(yuan, per, m.group(0))


_HAN_DIGIT = {c: str(i) for i, c in enumerate("一二三四五六七八九", start=1)} | {"两": "2", "十": "10"}
_HAN_AMOUNT = re.compile(r"(?<![一二两三四五六七八九十百千])([一二两三四五六七八九十])(?=万|亿|元|到|至)")
_BARE_LOW = re.compile(rf"{_NUMBER}(到|至|-|~|～){_NUMBER}{_MONEY}")


def _in_digits(text: str) -> str:
    """Amounts in digits, the lower end of a range in its upper end's unit: "每亩五到八万" ->
    "每亩5万到8万" (a single Chinese numeral before 万, 元 or 到 is a number, not "一亩")."""
    text = _HAN_AMOUNT.sub(lambda m: _HAN_DIGIT[m.group(1)], text)
    return _BARE_LOW.sub(lambda m: f"{m.group(1)}{m.group(4)}{m.group(2)}{m.group(3)}{m.group(4)}", text)


def ranges(cell: str) -> list[Range]:
    """The ranges a table cell prints ("第二级 5万至10万元(含10万元)/亩" -> (5万, 10万] per 亩)."""
    text = compact(cell)
    found = []
    for m in _RANGE.finditer(text):
        low_unit = m.group(2) or m.group(4)
        found.append(Range(float(m.group(1)) * SCALE[low_unit], float(m.group(3)) * SCALE[m.group(4)], m.group(5)))
    for m in _BELOW.finditer(text):
        found.append(Range(-math.inf, float(m.group(1)) * SCALE[m.group(2)], m.group(3)))
    for m in _ABOVE.finditer(text):
        found.append(Range(float(m.group(1)) * SCALE[m.group(2)], math.inf, m.group(3)))
    return found


def holding_columns(cells: list[tuple[str, str]], amount: Amount) -> list[str]:
    """The columns (header names) of a row whose range holds `amount`, or that print it: a
    plain number under a header naming its unit ("本档最低计提标准(万元/亩)": 2.24)."""
    return [header for header, value in cells
            if any(r.holds(amount) for r in ranges(value)) or prints(header, value, amount)]


def prints(header: str, value: str, amount: Amount) -> bool:
    """Whether a cell is `amount`: its number in the unit its header names."""
    unit, number = _HEADER_UNIT.search(compact(header)), re.fullmatch(_NUMBER, compact(value))
    return bool(unit and number and unit.group(2) == amount.per
                and math.isclose(float(number.group(1)) * SCALE[unit.group(1)], amount.yuan))
