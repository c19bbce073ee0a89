"""Parser for notices, opinions and measures (layout "notice").

Reads the document line by line and cuts it into units:

- preamble: the title, addressees and opening text before the first point;
- point: 一、 / (一) / 1. items, nested by level; path = the heading path;
- article: 第N条 under 第N章 chapters (path = (chapter heading, "第N条"));
- item "落款": the signature (issuer, date, attachment list) closing a notice;
- table / table_row: the attachment table after the line "附件".

A notice may forward another document (穗府办规〔2022〕3号 forwards
粤府办〔2021〕22号): its number line, after the forwarding notice's signature,
starts the forwarded part, whose units carry "<number> <title>" as first path
element. PDF-extracted text (003) breaks lines at the page margin: a line filled
to the margin without a sentence end continues on the next line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.ingest.parsers.parsing_names import names
from assistant.records import Section
from assistant.text import NormText, compact

_NUM = "一二三四五六七八九十"
_POINT_LEVELS = (
    (1, re.compile(rf"^([{_NUM}]+、)")),
    (2, re.compile(rf"^(\([{_NUM}]+\))")),
    (3, re.compile(r"^(\d{1,2}\.)(?!\d)")),
)
_CHAPTER = re.compile(rf"^(第[{_NUM}]+章)\s*([^\s。，]{{1,30}})$")
_ARTICLE = re.compile(rf"^(第[{_NUM}百零]+条)")
_DOCNO = re.compile(r"^[\u4e00-\u9fff]{1,10}〔\d{4}〕\d+号$")
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_ATTACH_LIST = re.compile(r"^附件[:：]")
_ATTACH = re.compile(r"^附件\d*$")
_END = re.compile(r"^公开方式")
_TIER = re.compile(rf"^(第[{_NUM}]+档)[:：]\s*(.+?/亩(?:以[上下])?)\s*(\d+(?:\.\d+)?%)\s*(.*)$")
_LEVEL = re.compile(rf"^(第[{_NUM}]+级)\s*(.*)$")

_TERMINAL = ("。", "；", "！", "？", "：", ":")
_TITLE_ENDS = ("通知", "意见", "办法", "规定", "方案", "决定", "标准", "表")
WRAP = 30  # a PDF line this long was filled to the margin (full lines are 33-40 chars)
TITLE_MAX = 30
SIGNATURE = "落款"
# The 征地社保费 attachment table of 穗府办规〔2022〕3号, header printed over 7 lines.
TIER_COLUMNS = names("tier_columns")  # data/lexicon.toml [parsing]


@dataclass
class _Line:
    start: int
    end: int
    text: str


@dataclass
class _Unit:
    kind: str
    label: str
    path: tuple[str, ...]
    lines: list[_Line] = field(default_factory=list)
    title: str = ""
    heading_only: bool = False  # first line is a heading standing alone ("二、征地社保费筹集")


def parse(doc: DocText) -> ParseResult:
    """Cut a notice into preamble, point, article, signature and table Sections."""
    result = ParseResult()
    lines = _lines(doc.text.text)
    own = compact(doc.entry.doc_id)
    while lines and (lines[0].text.endswith("文件") or compact(lines[0].text) == own):
        lines.pop(0)  # issuer banner and own number: the SourceDocument carries them

    units: list[_Unit] = []
    prefix: tuple[str, ...] = ()
    chapter = ""
    stack: list[tuple[int, _Unit]] = []  # open points, outermost first
    unit: _Unit | None = None
    prev = ""

    def close() -> None:
        nonlocal unit
        if unit is not None and unit.lines:
            if unit.kind == "point":
                _finish_point(unit, prefix, [u for _, u in stack])
            units.append(unit)
        unit = None

    for n, line in enumerate(lines):
        t = line.text
        new_paragraph = not (len(prev) >= WRAP and not prev.endswith(_TERMINAL))
        prev = t
        if _END.match(t):
            break
        if _ATTACH.match(t):
            close()
            result.sections.extend(_attachment(doc, lines[n + 1:], result))
            break
        if _DATE.match(t):
            signature = _signature(unit, line, prefix)  # takes its lines off `unit`
            close()
            units.append(signature)
            stack = []
        elif _DOCNO.match(t) and compact(t) != own:
            # A forwarded document: the lines since the last signature are its title.
            title = _reflow(unit.lines) if unit is not None and unit.kind == "preamble" else ""
            prefix = (f"{t} {title}".strip(),)
            chapter, stack = "", []
            if unit is not None:
                unit.path = prefix
        elif new_paragraph and (m := _CHAPTER.match(t)):
            close()
            chapter, stack = f"{m.group(1)} {m.group(2)}", []
        elif new_paragraph and (m := _ARTICLE.match(t)):
            close()
            label = m.group(1)
            unit = _Unit("article", label, prefix + ((chapter,) if chapter else ()) + (label,))
            unit.lines.append(line)
        elif new_paragraph and (hit := _point(t)):
            close()
            level, label = hit
            while stack and stack[-1][0] >= level:
                stack.pop()
            unit = _Unit("point", label, ())
            unit.lines.append(line)
            stack.append((level, unit))
        else:
            if unit is None:
                unit = _Unit("preamble", "", prefix)
            unit.lines.append(line)
    close()

    result.sections.extend(_section(doc, u) for u in units if not _bare_title(u))
    result.sections.sort(key=lambda s: s.span)
    return result


def _finish_point(unit: _Unit, prefix: tuple[str, ...], open_points: list[_Unit]) -> None:
    """Set a point's heading flag, title and path once all its lines are known."""
    first = unit.lines[0].text[len(unit.label):]
    unit.heading_only = _is_heading(first, unit.lines[1:])
    unit.title = _title(first, _reflow(unit.lines)[len(unit.label):], unit.heading_only)
    unit.path = prefix + tuple(u.label + u.title for u in open_points)


def _lines(text: str) -> list[_Line]:
    return [_Line(m.start(1), m.end(1), m.group(1))
            for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]*?)[ \t]*$", text)]


def _point(text: str) -> tuple[int, str] | None:
    for level, rx in _POINT_LEVELS:
        if m := rx.match(text):
            return level, m.group(1)
    return None


def _is_heading(rest: str, following: list[_Line]) -> bool:
    """A point heading standing on its own line: short, no clause break, body below."""
    core = rest.rstrip("。")
    return bool(following) and len(rest) < WRAP and not re.search(r"[，。；：:]", core)


def _title(rest: str, body: str, heading_only: bool) -> str:
    """The heading, or else the lead sentence / clause (cut at TITLE_MAX chars)."""
    if heading_only:
        return rest.rstrip("。")
    sentence = body.split("。", 1)[0]
    if "。" in body and len(sentence) <= TITLE_MAX:
        return sentence
    clause = re.split(r"[，；：:。]", body, maxsplit=1)[0]
    return clause if len(clause) <= TITLE_MAX else body[:TITLE_MAX] + "…"


def _continues(prev: str, line: str) -> bool:
    """Is `line` the continuation of the line `prev` (PDF wrap, or a title broken
    over short lines)?"""
    if prev.endswith(_TERMINAL):
        return False
    if len(prev) >= WRAP:
        return True
    return len(line) < WRAP and not prev.endswith(_TITLE_ENDS)


def _reflow(lines: list[_Line], keep_first: bool = False) -> str:
    """Join wrapped lines into paragraphs, one paragraph per output line."""
    paras: list[str] = []
    for i, line in enumerate(lines):
        if paras and not (keep_first and i == 1) and _continues(lines[i - 1].text, line.text):
            paras[-1] += line.text
        else:
            paras.append(line.text)
    return "\n".join(paras)


def _signature(unit: _Unit | None, date: _Line, prefix: tuple[str, ...]) -> _Unit:
    """The signature closing a notice: date, the issuer line above it and the
    attachment list above that, taken off the end of the unit they follow."""
    sig = _Unit("item", SIGNATURE, prefix, [date])
    body = unit.lines if unit is not None else []
    if body and len(body[-1].text) <= 25 and not re.search(r"[，。：:；]", body[-1].text):
        sig.lines.insert(0, body.pop())
        sig.title = sig.lines[0].text
    if body and _ATTACH_LIST.match(body[-1].text):
        sig.lines.insert(0, body.pop())
    return sig


def _bare_title(u: _Unit) -> bool:
    """A preamble that is only a title (the name of the measures printed above
    第一章) says nothing the document title does not."""
    text = _reflow(u.lines)
    return u.kind == "preamble" and "\n" not in text and text.endswith(_TITLE_ENDS)


def _section(doc: DocText, u: _Unit) -> Section:
    title = u.title
    if u.kind == "item":  # signature lines stay as printed
        text = "\n".join(line.text for line in u.lines)
    else:
        text = _reflow(u.lines, keep_first=u.heading_only)
    if u.kind == "preamble":
        first = text.split("\n", 1)[0]
        title = first if first.endswith(_TITLE_ENDS) and len(first) < 80 else ""
    return Section(doc.entry.doc_id, u.kind, u.label, title, text, u.path, doc.source_file,
                   (u.lines[0].start, u.lines[-1].end))


# --- attachment tables -------------------------------------------------------

def _attachment(doc: DocText, lines: list[_Line], result: ParseResult) -> list[Section]:
    """The table after the line "附件": title line, then a tab-separated or a tier table."""
    body: list[_Line] = []
    for line in lines:
        if _END.match(line.text):
            break
        body.append(line)
    if len(body) < 2:
        result.warnings.append(f"{doc.entry.doc_id}: attachment without a table")
        return []
    title_line, rows = body[0], body[1:]
    title = title_line.text
    path = (f"附件 {title}",)
    if any(len(_tab_cells(doc.text, r.start, r.end)) > 1 for r in rows):
        header, table_rows, notes = _tsv_rows(doc.text, rows)
    else:
        header, table_rows, notes = _tier_rows(doc, rows, result)
    rendered = [title, " | ".join(header)]
    row_sections = []
    for cells, span, *borrowed in table_rows:
        extra = tuple(zip(header, cells))
        rendered.append(" | ".join(cells))
        # a merged cell printed on other lines (the 级 band of a 档 row) keeps its lines' spans
        spans = tuple(sorted({*borrowed[0], span})) if borrowed and borrowed[0] else ()
        row_sections.append(Section(doc.entry.doc_id, "table_row", cells[0], cells[0],
                                    "；".join(f"{c}：{v}" for c, v in extra if v),
                                    path + (cells[0],), doc.source_file, span, extra, spans))
    if notes:
        rendered.append(_reflow(notes))
    table = Section(doc.entry.doc_id, "table", "附件", title, "\n".join(rendered), path,
                    doc.source_file, (title_line.start, (notes or rows)[-1].end))
    return [table] + row_sections


def _tab_cells(nt: NormText, start: int, end: int) -> list[str]:
    """Cells of one line split at the tabs of the raw file (normalization drops a
    tab next to CJK text, so the raw text between two kept chars is checked)."""
    cells: list[list[str]] = [[]]
    for i in range(start, end):
        if i > start and "\t" in nt.raw[nt.offsets[i - 1] + 1:nt.offsets[i]]:
            cells.append([])
        if nt.text[i] == "\t":
            cells.append([])
        else:
            cells[-1].append(nt.text[i])
    return [re.sub(r"\s+", " ", "".join(c)).strip() for c in cells]


def _tsv_rows(nt: NormText, lines: list[_Line]):
    """Header = first tabbed line; every later tabbed line is a row; the rest are notes."""
    header: list[str] = []
    rows: list[tuple[list[str], tuple[int, int]]] = []
    notes: list[_Line] = []
    for line in lines:
        cells = _tab_cells(nt, line.start, line.end)
        if len(cells) < 2:
            notes.append(line)
        elif not header:
            header = cells
        else:
            rows.append((cells, (line.start, line.end)))
    return header, rows, notes


def _tier_rows(doc: DocText, lines: list[_Line], result: ParseResult):
    """The 征地社保费 table: "第N级" province bands over several lines, then one
    line per 档: "第二档: 5万至8万元(含8万元)/亩19%1. 00" (range, ratio, minimum)."""
    rows: list[tuple[list[str], tuple[int, int], list[tuple[int, int]]]] = []
    notes: list[_Line] = []
    header_text, band, band_text = "", "", ""
    band_spans: list[tuple[int, int]] = []
    for line in lines:
        t = line.text
        if notes or t.startswith("说明"):
            notes.append(line)
        elif m := _TIER.match(t):
            minimum = re.sub(r"(?<=\d\.)\s+(?=\d)", "", m.group(4)).strip()
            rows.append(([m.group(1), f"{band} {band_text}".strip(), m.group(2).replace(" ", ""),
                          m.group(3), minimum], (line.start, line.end), list(band_spans)))
        elif m := _LEVEL.match(t):
            band, band_text = m.group(1), m.group(2)
            band_spans = [(line.start, line.end)]
        elif band:
            band_text += t  # the band continues: "5万元" / "(含5万元)/亩以下"
            band_spans.append((line.start, line.end))
        else:
            header_text += t
    missing = [c for c in TIER_COLUMNS[1:] if compact(c) not in compact(header_text)]
    if missing or not rows:
        result.warnings.append(f"{doc.entry.doc_id}: attachment table header lacks {missing}"
                               if missing else f"{doc.entry.doc_id}: no 档 rows found")
    return list(TIER_COLUMNS), rows, notes
