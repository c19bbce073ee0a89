"""Names and cells of the Guangzhou task tables: city leaders (分管市领导) and units.

Shared by the two Guangzhou task-table parsers: task_table_tsv (穗府〔2024〕1号,
tab-separated) and task_table_pdf (穗府〔2022〕2号, PDF-extracted), together with the
small helpers both need (line spans, cell cleaning, the responsibility line).

Normalization (assistant.text) deletes every space or tab next to a CJK character,
so the tab between two cells and the gap in "陈杰 市商务局" are gone from the
normalized text. The parsers get them back with `raw_gap`, which reads the raw file
through the normalized text's offsets. Names that are still glued together are split
with closed vocabularies from the clean 2024 table (`LEADERS_2024`,
`LEAD_UNITS_2024`; tests/ingest/test_task_table_tsv.py checks them against the
parsed table) and, for unit names, with the shape of a unit name (`split_glued`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from assistant.text import NormText, normalize_name

COLUMNS = ("序号", "重点工作", "分管市领导", "牵头单位", "配合单位")
NUMERALS = "一二三四五六七八九十"  # of the headings "一、…" and "(一)…"

# The 分管市领导 column of 穗府〔2024〕1号, one name per cell (spaces removed).
LEADERS_2024: frozenset[str] = frozenset(
    "陈杰 谭萍 江智涛 赖志鸿 王焕清 张锐 杜新山 孙志洋 廉奕 王世彤 孙太平 南沙区委主要领导".split())

# The 牵头单位 column of 穗府〔2024〕1号 (normalized: fullwidth brackets become ASCII).
LEAD_UNITS_2024: frozenset[str] = frozenset("""
    市发展改革委 市商务局 市工业和信息化局 市住房城乡建设局 市规划和自然资源局 市科技局
    市农业农村局 市文化广电旅游局 市卫生健康委 市教育局 市地方金融监管局 市民政局 市公安局
    市交通运输局 市生态环境局 市政务服务数据管理局 市市场监管局 市人力资源社会保障局
    市政府办公厅 市司法局 市财政局 市水务局 市委宣传部 市国资委 市体育局 市港务局
    市城市管理综合执法局 南沙开发区管委会 白云区政府 番禺区政府 市林业园林局
    市来穗人员服务管理局 市委外办(市外办) 广州开发区管委会 市退役军人事务局 市统计局
    市应急管理局 市委统战部 市委组织部 市委人才办 市协作办 市医保局 市信访局 黄埔区政府
    荔湾区政府 花都区府 广州空港经济区管委会 广州市税务局 市重点公共建设项目管理中心
    市绩效办 市消防救援支队 市文化旅游局 市审计局 市委网信办 市委编办 市委政法委
    天河区政府 增城区政府 团市委 南沙经济开发区管委会 十五运会和残特奥会广州赛区执委会
    从化区政府
""".split())

_SEPARATORS = "、，,;；"
_DISTRICTS = "越秀|海珠|荔湾|天河|白云|黄埔|番禺|花都|南沙|从化|增城"
# How a unit name starts and ends ("市…局", "各区政府", "广州…管委会", "…委(市大湾区办)").
_UNIT_START = re.compile(rf"(市|各|广州|省|团市委|国家|人民银行|中国|民航|{_DISTRICTS})")
_UNIT_END = re.compile(r"(局|委|办|厅|政府|区府|部|会|院|队|中心|集团|公司|社|站|馆|协|联|海关|分行)"
                       r"(\([^()]*\))?$")


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line of `text`, without the newline."""
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def raw_gap(text: NormText, i: int) -> str:
    """The raw characters normalization dropped between normalized chars i-1 and i.

    A tab there is a cell border of the tab-separated table; a space between two
    ideographs is the gap between two PDF columns on one line.
    """
    if i <= 0 or i > len(text.text):
        return ""
    return text.raw[text.offsets[i - 1] + 1:text.offsets[i]]


def split_names(cell: str) -> list[str]:
    """A cell's names, split on 、，,； (never inside brackets), normalized.

    A one-character piece belongs to the next one: "市、区两级法院" stays whole.
    """
    pieces: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in cell:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
        if ch in _SEPARATORS and depth == 0:
            pieces.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    pieces.append("".join(buf))
    names: list[str] = []
    carry = ""
    for name in (normalize_name(p) for p in pieces):
        if len(name) == 1:
            carry += name + "、"
        elif name:
            names.append(carry + name)
            carry = ""
    if carry:
        names.append(carry.rstrip("、"))
    return names


def segment(text: str, vocab: Collection[str]) -> list[str] | None:
    """Cut `text` entirely into vocabulary names (longest first), or None if it can't be."""
    if not text:
        return []
    for name in sorted((v for v in vocab if text.startswith(v)), key=len, reverse=True):
        rest = segment(text[len(name):], vocab)
        if rest is not None:
            return [name, *rest]
    return None


def _is_subsequence(name: str, text: str) -> bool:
    chars = iter(text)
    return all(ch in chars for ch in name)


def split_leaders(cell: str, vocab: Collection[str]) -> tuple[list[str], bool]:
    """The leader names in a 分管市领导 cell, and whether all of them are known names.

    A piece that is not a known name is cut into known names ("陈杰张勇"), or else
    read as the known names whose characters it holds in order: the garbled
    "陈谭杰 谭萍" gives 陈杰, 谭萍 (not exact, so the caller lowers its confidence).
    """
    names: list[str] = []
    exact = True
    for piece in split_names(cell):
        parts = segment(piece, vocab)
        if parts:
            names.extend(parts)
            continue
        exact = False
        guessed = sorted((v for v in vocab if _is_subsequence(v, piece)), key=lambda v: piece.index(v[0]))
        names.extend(guessed or [piece])
    return list(dict.fromkeys(names)), exact


def looks_like_unit(name: str) -> bool:
    """True for names shaped like a unit: "市商务局", "各区政府", "广州空港经济区管委会"."""
    return bool(_UNIT_START.match(name) and _UNIT_END.search(name))


def split_glued(piece: str, known: Collection[str]) -> tuple[str, str, bool] | None:
    """Cut two unit names glued by a lost cell border: "市司法局市政府办公厅".

    Known names are tried first (longest first), then the shape rule: the left part
    ends like a unit name (局, 委, 办, 政府, …) and the right part starts like one
    (市, 各, 广州, a district, …). Returns (left, right, found_by_vocabulary), or None
    when the piece reads as one name.
    """
    if piece in known:
        return None
    for name in sorted((k for k in known if piece.startswith(k) and len(k) < len(piece)),
                       key=len, reverse=True):
        if _UNIT_START.match(piece, len(name)):
            return name, piece[len(name):], True
    for i in range(3, len(piece) - 2):
        if _UNIT_END.search(piece[:i]) and _UNIT_START.match(piece, i):
            return piece[:i], piece[i:], False
    return None


def clean_cell(cell: str) -> str:
    """A cell as displayed: lines joined, "22. 5" (a PDF decimal point) closed up."""
    cell = re.sub(r"\s*\n\s*", "", cell).strip()
    return re.sub(r"(?<=\d)\. (?=\d)", ".", cell)


def responsibility(leaders: str, lead: str, co: str) -> str:
    """The readable line "分管市领导：…；牵头单位：…；配合单位：…" (empty cells left out)."""
    parts = [f"{label}：{value}" for label, value in zip(COLUMNS[2:], (leaders, lead, co)) if value]
    return "；".join(parts)


def section_path(*headings: str) -> str:
    """The heading path of a task: "一、… / (一)…" (empty levels left out)."""
    return " / ".join(h for h in headings if h)
