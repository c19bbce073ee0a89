"""Parser for the Guangdong 14th five-year plan outline (layout "plan").

Units: the preamble, every 章 (chapter) and 节 (section), every 专栏 (box), the
表 tables and the 附件 annex tables with their rows, and the glossary footnotes
at the end (item). The file is web-extracted: prose sits one paragraph per line
(broken only where a footnote mark was dropped), table cells sit one per line and
each cell starts with a tab in the raw file (normalization drops a tab before
CJK text, so cell starts are read from the raw file through the offsets).

Spans are [start, end) in doc.text.text. A chapter's or section's span runs from
its heading to the next heading (boxes and tables inside included); its text is
its own prose only, since boxes and tables are records of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.records import Section
from assistant.text import NormText

_NUM = "一二三四五六七八九十"
_HEADING = re.compile(rf"(?m)^[ \t]*(第[{_NUM}]+)(章|节)[ \t]*([^\s。][^\n。]{{0,60}}?)[ \t]*$")
_BOX = re.compile(r"(?m)^[ \t]*(专栏\d+)[ \t]*(\S[^\n]*?)[ \t]*$")
_TABLE = re.compile(r"(?m)^[ \t]*(表\d+)[ \t]*(\S[^\n]*?)[ \t]*$")
_ANNEX = re.compile(r"(?m)^[ \t]*(附件\d+)[ \t]*\n\s*(\S[^\n]*?)[ \t]*$")
_IMAGE = re.compile(r"\[image:[^\]]*\]")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Starts of lines that open a new paragraph (item, caption or heading).
_ITEM_START = re.compile(rf"^(?:[{_NUM}]+、|\([{_NUM}]+\)|\d+\.|图\d|表\d|专栏\d|第[{_NUM}]+[章节])")
_SERIAL = re.compile(rf"^[\d{_NUM}]+[.、]?$")
_TERMINAL = ("。", "；", "！", "？", "：", ":")
GLOSSARY_HEADING = "注释"  # not printed: the footnotes close the file under no heading


@dataclass
class _Heading:
    start: int
    end: int  # end of the heading line
    kind: str  # "chapter" | "section"
    label: str
    title: str

    @property
    def text(self) -> str:
        return f"{self.label} {self.title}"


def parse(doc: DocText) -> ParseResult:
    """Split the plan into Section records (see the module docstring)."""
    nt = doc.text
    text = nt.text
    result = ParseResult()
    headings = [_Heading(m.start(), m.end(), "chapter" if m.group(2) == "章" else "section",
                         m.group(1) + m.group(2), _collapse(m.group(3)))
                for m in _HEADING.finditer(text)]
    glossary = _glossary_start(nt)
    annexes = [m for m in _ANNEX.finditer(text) if m.start() < glossary]
    hard_stops = sorted([h.start for h in headings] + [m.start() for m in annexes] + [glossary])

    def next_stop(pos: int) -> int:
        i = bisect_right(hard_stops, pos)
        return hard_stops[i] if i < len(hard_stops) else len(text)

    # Boxes end at the first double blank line (or the next heading); tables run
    # to the next heading, their notes included.
    boxes = [m for m in _BOX.finditer(text) if m.start() < glossary]
    tables = [m for m in _TABLE.finditer(text) if m.start() < glossary]
    box_spans = []
    for m in boxes:
        gap = text.find("\n\n\n", m.end())
        box_spans.append((m.start(), min(gap if gap >= 0 else len(text), next_stop(m.start()))))
    table_spans = [(m.start(), next_stop(m.start())) for m in tables]
    excluded = sorted(box_spans + table_spans)

    def path_at(pos: int) -> tuple[str, ...]:
        chapter = sect = None
        for h in headings:
            if h.start > pos:
                break
            if h.kind == "chapter":
                chapter, sect = h, None
            else:
                sect = h
        return tuple(h.text for h in (chapter, sect) if h is not None)

    first = min([h.start for h in headings] + [s for s, _ in excluded] + [len(text)])
    preamble = _prose(text[:first])
    if preamble:
        result.sections.append(_record(doc, "preamble", "", "", preamble, (), (0, first)))

    for h in headings:
        end = next_stop(h.start)
        body = _prose(_without(text, h.end, end, excluded))
        result.sections.append(_record(doc, h.kind, h.label, h.title, body, path_at(h.start),
                                       (h.start, end)))

    for m, (start, end) in zip(boxes, box_spans):
        label, title = m.group(1), _collapse(m.group(2))
        result.sections.append(_record(doc, "box", label, title, _prose(text[m.end():end]),
                                       path_at(start) + (f"{label} {title}",), (start, end)))

    for m, (start, end) in zip(tables, table_spans):
        label, title = m.group(1), _collapse(m.group(2))
        _table(doc, label, title, path_at(start), m.end(), (start, end), result)
    for i, m in enumerate(annexes):
        end = annexes[i + 1].start() if i + 1 < len(annexes) else glossary
        _table(doc, m.group(1), _collapse(m.group(2)), (), m.end(), (m.start(), end), result)

    result.sections.extend(_glossary(doc, glossary))
    result.sections.sort(key=lambda s: (s.span[0], s.kind != "chapter"))
    return result


def _record(doc: DocText, kind: str, label: str, title: str, text: str,
            path: tuple[str, ...], span: tuple[int, int],
            extra: tuple[tuple[str, str], ...] = (),
            spans: tuple[tuple[int, int], ...] = ()) -> Section:
    """`spans` only where the record rests on more than its own lines (merged table cells)."""
    return Section(doc.entry.doc_id, kind, label, title, text, path, doc.source_file, span, extra,
                   tuple(s for s in spans if s[0] < s[1]))


def _collapse(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()


def _without(text: str, start: int, end: int, excluded: list[tuple[int, int]]) -> str:
    """text[start:end] minus the excluded (box/table) spans, pieces split by a blank line."""
    pieces, pos = [], start
    for s, e in excluded:
        if e <= pos or s >= end:
            continue
        pieces.append(text[pos:s])
        pos = max(pos, e)
    pieces.append(text[pos:end])
    return "\n\n".join(pieces)


def _prose(text: str) -> str:
    """Paragraphs one per line; rejoin lines broken at a dropped footnote mark;
    drop image placeholders and the OCR debris lines (no CJK) left by images."""
    paras: list[str] = []
    after_blank = True
    for raw_line in text.split("\n"):
        line = _IMAGE.sub("", raw_line).strip()
        if not line or not _CJK.search(line):
            after_blank = True
            continue
        if paras and not after_blank and _continues(paras[-1], line):
            paras[-1] += line
        else:
            paras.append(line)
        after_blank = False
    return "\n".join(paras)


def _continues(prev: str, line: str) -> bool:
    """Does `line` continue the paragraph `prev` (no sentence end, no new item)?"""
    if prev.endswith(_TERMINAL) or _ITEM_START.match(line):
        return False
    is_item_title = bool(_ITEM_START.match(prev)) and "。" not in prev
    return not is_item_title


def _glossary_start(nt: NormText) -> int:
    """The footnote glossary closing the file: lines marked with U+FFFD in the raw file."""
    for m in re.finditer(r"(?m)^", nt.text):
        i = m.start()
        if i >= len(nt.text):
            break
        raw_start = nt.raw.rfind("\n", 0, nt.offsets[i]) + 1
        if nt.raw[raw_start:nt.offsets[i] + 1].lstrip(" ").startswith("\ufffd"):
            return i
    return len(nt.text)


def _glossary(doc: DocText, start: int) -> list[Section]:
    """One item per footnote line: "term：definition"."""
    out = []
    for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]*?)[ \t]*$", doc.text.text[start:]):
        line = m.group(1)
        term = re.split(r"[：:]", line, maxsplit=1)[0]
        out.append(_record(doc, "item", term, term, line, (GLOSSARY_HEADING, term),
                           (start + m.start(1), start + m.end(1))))
    return out


# --- tables ---------------------------------------------------------------

@dataclass
class _Row:
    cells: list[str]
    start: int
    end: int


def _grid(nt: NormText, start: int, end: int) -> tuple[list[str], list[_Row], list[str]]:
    """(preface lines, rows, note lines) of a table whose cells start with a raw tab.

    A row starts at a tab line that follows a blank line; a line without a tab
    continues the cell above (cell text wrapped over lines, even across a blank);
    a line starting with 注 begins the notes.
    """
    preface: list[str] = []
    rows: list[_Row] = []
    notes: list[str] = []
    blank = True
    for m in re.finditer(r"(?m)^[^\n]*", nt.text[start:end]):
        s, e = start + m.start(), start + m.end()
        line = _IMAGE.sub("", m.group(0)).strip()
        raw_start = nt.raw.rfind("\n", 0, nt.offsets[s]) + 1
        tabbed = re.match(r"[ ]*\t", nt.raw[raw_start:raw_start + 8]) is not None
        if notes or (not tabbed and re.match(r"注[:：]", line)):
            if line:
                notes.append(line)
        elif tabbed:
            if blank or not rows:
                rows.append(_Row([], s + len(m.group(0)) - len(m.group(0).lstrip()), e))
            rows[-1].cells.append(line)
            rows[-1].end = e
            blank = False
        elif not line:
            blank = True
        elif rows:
            rows[-1].cells[-1] += line
            rows[-1].end = e
            blank = False
        else:
            preface.append(line)
    return preface, rows, notes


def _columns(rows: list[_Row]) -> tuple[list[str], int]:
    """Column names and the number of header rows. A second header row (first cell
    empty, more cells) splits the first row's cells: '“十三五”规划目标值' over
    '2020年' and '五年年均增长[累计]' gives two columns; a repeated sub-header starts
    the next upper cell."""
    top = [_collapse(c) for c in rows[0].cells]
    if len(rows) < 2 or rows[1].cells[0] or len(rows[1].cells) <= len(rows[0].cells):
        return top, 1
    cols: list[str] = []
    upper, seen, closed = -1, set(), True
    for sub in rows[1].cells:
        if closed or not sub or sub in seen:  # an empty sub-header is a column of its own
            upper, seen = upper + 1, set()
        closed = not sub
        if upper >= len(top):
            break
        cols.append(top[upper] + sub)
        if sub:
            seen.add(sub)
    return cols, 2


def _table(doc: DocText, label: str, title: str, path: tuple[str, ...], body_start: int,
           span: tuple[int, int], result: ParseResult) -> None:
    """Emit one table Section and one table_row Section per data row."""
    preface, rows, notes = _grid(doc.text, body_start, span[1])
    heading = f"{label} {title}"
    tpath = path + (heading,)
    if not rows:
        result.warnings.append(f"{doc.entry.doc_id}: {label} has no cells")
        return
    cols, n_header = _columns(rows)
    lines = preface + [" | ".join(cols)]
    category = ""
    group, group_last = "", ""
    group_at = last_at = (0, 0)  # the rows where the merged cells are printed
    n = 0
    for row in rows[n_header:]:
        here = (row.start, row.end)
        cells = [_collapse(c) for c in row.cells]
        lines.append(" | ".join(cells))
        if len(cells) == 1:  # a category line such as "一、经济发展"
            category = cells[0]
            continue
        if len(cells) == len(cols) + 1:
            # Indicator with sub-indicators: group cell, sub-indicator cell. The group
            # and attribute cells are merged over the sub-rows (printed empty).
            group, group_at = (cells[0], here) if cells[0] else (group, group_at)
            group_last, last_at = (cells[-1], here) if cells[-1] else (group_last, last_at)
            cells = [f"{group} {cells[1]}"] + cells[2:-1] + [group_last]
        elif len(cells) == len(cols):
            group, group_last = cells[0], cells[-1]
            group_at = last_at = here
        spans = tuple(sorted({group_at, last_at, here})) if {group_at, last_at} != {here} else ()
        n += 1
        row_title = next((c for c in cells if c and not _SERIAL.match(c)), cells[0])
        rpath = tpath + ((category,) if category else ()) + (row_title,)
        if len(cells) != len(cols):
            result.warnings.append(f"{doc.entry.doc_id}: {label} row {n} has {len(cells)} "
                                   f"cells for {len(cols)} columns; kept without columns")
            result.sections.append(_record(doc, "table_row", f"{label}-{n}", row_title,
                                           " | ".join(cells), rpath, (row.start, row.end)))
            continue
        extra = tuple(zip(cols, cells))
        text = "；".join(f"{c}：{v}" for c, v in extra if v)
        result.sections.append(_record(doc, "table_row", f"{label}-{n}", row_title, text, rpath,
                                       (row.start, row.end), extra, spans))
    result.sections.append(_record(doc, "table", label, title, "\n".join(lines + notes), tpath,
                                   span))
