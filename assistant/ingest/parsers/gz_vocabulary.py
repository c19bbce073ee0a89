"""Names and cells of the Guangzhou task tables: city leaders (分管市领导) and units.

Shared by the two Guangzhou task-table parsers: task_table_tsv (穗府〔2024〕1号,
tab-separated) and task_table_pdf (穗府〔2022〕2号, PDF-extracted), together with the
small helpers both need (line spans, cell cleaning, the responsibility line).

Normalization (assistant.text) deletes every space or tab next to a CJK character,
so the tab between two cells and the gap in "陈杰 市商务局" are gone from the
normalized text. The parsers get them back with `raw_gap`, which reads the raw file
through the normalized text's offsets. Names that are still glued together are split
with the names of the clean 2024 table (`LEADERS_2024`, `LEAD_UNITS_2024`, read from
data/lexicon.toml [parsing]; tests/ingest/test_task_table_tsv.py checks them against the
parsed table) and, for unit names, with the shape of a unit name (`split_glued`). The
lists only help to cut; a cleanly printed name that is not in them is taken as printed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from assistant.ingest.parsers.parsing_names import names
from assistant.text import NormText, normalize_name

COLUMNS = ("序号", "重点工作", "分管市领导", "牵头单位", "配合单位")
NUMERALS = "一二三四五六七八九十"  # of the headings "一、…" and "(一)…"

# Names of the 2024 table (data/lexicon.toml [parsing]): a parsing aid for cells whose
# borders were lost, never a reason to doubt a cleanly printed name.
LEADERS_2024: frozenset[str] = frozenset(names("leaders_2024"))
LEAD_UNITS_2024: frozenset[str] = frozenset(names("lead_units_2024"))

_SEPARATORS = "、，,;；"
# How a unit name starts and ends ("市…局", "各区政府", "广州…管委会", "…委(市大湾区办)").
_UNIT_START = re.compile(rf"(市|各|省|团市委|国家|人民银行|中国|民航|{'|'.join(names('unit_starts'))})")
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


_PERSON = re.compile(r"[\u3400-\u9fff]{2,4}|.{2,12}(领导|负责同志|负责人)")


def split_leaders(cell: str, vocab: Collection[str]) -> tuple[list[str], bool]:
    """The leader names in a 分管市领导 cell, and whether the cell reads cleanly.

    A piece made of known names is cut into them ("陈杰张勇"); else a piece shaped like
    one name (2-4 ideographs, or "…主要领导") is taken as printed; else it is read as the known names
    whose characters it holds in order: the garbled "陈谭杰 谭萍" gives 陈杰, 谭萍 (not
    clean, so the caller lowers its confidence). The vocabulary only helps to cut: a
    name missing from it is no sign of trouble.
    """
    names: list[str] = []
    exact = True
    for piece in split_names(cell):
        parts = segment(piece, vocab)
        if parts:
            names.extend(parts)
            continue
        if _PERSON.fullmatch(piece):
            names.append(piece)
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
