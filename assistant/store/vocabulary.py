"""Names of units and leaders: the jieba user dictionary and common short forms.

Officials write "省发改委" for "省发展改革委" and "人社局" for "人力资源社会保障局".
ALIASES maps each short form (or a fragment of one) to the form the documents print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# short form -> printed form; applied as substring replacements, longest first.
ALIASES: dict[str, str] = {
    "规上": "规模以上",
    "GDP": "地区生产总值",
    "gdp": "地区生产总值",
    "发改委": "发展改革委",
    "发改局": "发展改革局",
    "人社厅": "人力资源社会保障厅",
    "人社局": "人力资源社会保障局",
    "人力资源和社会保障": "人力资源社会保障",
    "工信厅": "工业和信息化厅",
    "工信局": "工业和信息化局",
    "住建厅": "住房城乡建设厅",
    "住建局": "住房城乡建设局",
    "住房和城乡建设": "住房城乡建设",
    "卫健委": "卫生健康委",
    "卫生健康委员会": "卫生健康委",
    "文旅厅": "文化和旅游厅",
    "文广旅局": "文化广电旅游局",
    "交通厅": "交通运输厅",
    "交通局": "交通运输局",
    "政数局": "政务服务数据管理局",
    "规自局": "规划和自然资源局",
    "自然资源局": "规划和自然资源局",
    "应急厅": "应急管理厅",
    "应急局": "应急管理局",
    "市监局": "市场监管局",
    "市场监督管理局": "市场监管局",
    "金融局": "地方金融监管局",
    "城管局": "城市管理和综合执法局",
    "国资委": "国资委",
    "农业厅": "农业农村厅",
    "农业局": "农业农村局",
    "教育局": "教育局",
    "科技局": "科技局",
}

_ALIAS_RX = re.compile("|".join(sorted(map(re.escape, ALIASES), key=len, reverse=True)))


def expand_aliases(text: str) -> str:
    """Replace short forms with printed forms ("省发改委" -> "省发展改革委")."""
    return _ALIAS_RX.sub(lambda m: ALIASES[m.group(0)], text)


def unit_core(unit: str) -> str:
    """A unit without its level prefix, for matching "发展改革委" against "省发展改革委"."""
    return re.sub(r"^(广东省|广州市|省|市)", "", unit)


def user_dictionary(leaders: Iterable[str], units: Iterable[str]) -> list[str]:
    """jieba user-dictionary lines ("word freq tag") for names, units and their short forms."""
    words: dict[str, str] = {}
    for name in leaders:
        if 2 <= len(name) <= 4:
            words[name] = "nr"
    for unit in units:
        if 2 <= len(unit) <= 20:
            words[unit] = "nt"
            core = unit_core(unit)
            if len(core) >= 2:
                words[core] = "nt"
    for short, full in ALIASES.items():
        words.setdefault(short, "nt")
        words.setdefault(full, "nt")
    return [f"{w} 100000 {tag}" for w, tag in sorted(words.items())]
