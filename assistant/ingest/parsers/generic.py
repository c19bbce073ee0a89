"""Parser for any policy text (layout "generic"): headings into section paths, tables into rows.

Recognized headings, outermost first (a line starting with one opens a unit that runs
to the next heading; its path is the chain of open headings):

    第一编 / 第一章 总则 / 第一节 … / 第一条 …        (an article keeps its (一) 1. items as body)
    一、总体要求 / (一)工作目标 / 1.加强… / (1)…
    Markdown "#" headings and Word heading styles (assistant/ingest/formats.py)

A numbered style first seen on a Markdown / Word heading keeps that heading's level for
the rest of the document ("## 一、…" then a plain "二、…" line are siblings).

Tables (tab-separated lines, Word tables, Markdown pipe tables): the first row is the
header, every other row a Section(kind="table_row") with its cells as `extra`.
The signature (issuer line + date "2025年1月10日") is one Section(kind="item", label
"落款"). Text before the first heading is the preamble. PDF text broken at the page
margin is joined back: a line as long as the page width without a sentence end
continues on the next line, so a number at the start of that next line opens nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.ingest.parsers.table_rows import is_rule, line_cells
from assistant.records import Section
from assistant.text import compact

_NUM = "一二三四五六七八九十百零〇两"
# (style, kind, rank, pattern); rank orders nesting, smaller is outer.
_PATTERNS = (
    ("编", "chapter", 1, re.compile(rf"^(第[{_NUM}\d]+编)\s*")),
    ("章", "chapter", 2, re.compile(rf"^(第[{_NUM}\d]+章)\s*")),
    ("节", "section", 3, re.compile(rf"^(第[{_NUM}\d]+节)\s*")),
    ("条", "article", 4, re.compile(rf"^(第[{_NUM}\d]+条)\s*")),
    ("一、", "point", 5, re.compile(rf"^([{_NUM}]+、)")),
    ("(一)", "point", 6, re.compile(rf"^(\([{_NUM}]+\))")),
    ("1.", "point", 7, re.compile(r"^(\d{1,2}[.、])(?!\d)")),
    ("(1)", "point", 8, re.compile(r"^(\(\d{1,2}\))")),
)
ARTICLE_RANK = 4
_ATTACHMENT = re.compile(r"^附件\s*\d*[:：]?$")
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_TERMINAL = ("。", "；", "！", "？", "：", ":", ";", "!", "?")
_TITLE_ENDS = ("通知", "意见", "办法", "规定", "方案", "决定", "细则", "规划", "纲要", "计划", "报告",
               "批复", "公告", "通告", "函", "规则", "指引", "措施", "要点", "分工", "清单")
TITLE_MAX = 30
SIGNATURE = "落款"


@dataclass
class _Line:
    start: int
    end: int
    text: str
    level: int = 0  # Markdown / Word heading level, 0 for ordinary lines


@dataclass
class _Unit:
    kind: str
    label: str
    rank: float
    heading: str  # the path element: "一、总体要求", "第一章 总则"
    title: str
    path: tuple[str, ...]
    lines: list[_Line] = field(default_factory=list)
    heading_only: bool = False  # the heading line carries no body text
    has_children: bool = False


def parse(doc: DocText) -> ParseResult:
    """Preamble, headed units, table rows and the signature of one document."""
    result = ParseResult()
    lines = _lines(doc)
    own = compact(doc.entry.doc_id)
    wrap = _wrap_width(lines)
    units: list[_Unit] = []
    stack: list[_Unit] = []  # open headed units, outermost first
    style_rank: dict[str, float] = {}
    unit: _Unit | None = None
    title_seen = False
    i = 0
    prev = ""

    def add(u: _Unit) -> None:
        units.append(u)

    while i < len(lines):
        line = lines[i]
        t = line.text
        continued = len(prev) >= wrap and not prev.endswith(_TERMINAL) and not line.level
        prev = t
        if not title_seen and (t.endswith("文件") and len(t) <= 20 or compact(t) == own):
            i += 1  # issuer banner and own number: the SourceDocument carries them
            continue
        cells = line_cells(doc.text, line.start, line.end)
        if len(cells) >= 2:  # a table: this line and the table lines that follow
            table = [line]
            while i + 1 < len(lines) and len(line_cells(doc.text, lines[i + 1].start, lines[i + 1].end)) >= 2:
                i += 1
                table.append(lines[i])
            caption = _caption(unit)
            path = (unit.path if unit is not None and unit.kind != "preamble" else ()) + \
                ((caption,) if caption else ())
            result.sections.extend(_table_rows(doc, table, path))
            i += 1
            prev = ""
            continue
        if _DATE.match(t):
            sig = _signature(unit, line)
            add(sig)
            unit, stack = None, []
            i += 1
            continue
        head = None if continued else _heading(t, line.level, style_rank)
        if head is not None and head[0] == "heading" and not title_seen:
            head = None  # the document title as a Markdown / Word heading: part of the preamble
        elif head is not None and stack and stack[-1].rank == ARTICLE_RANK and head[2] > ARTICLE_RANK \
                and not line.level:
            head = None  # (一) and 1. items inside an article are its body
        if head is None:
            if unit is None:
                unit = _Unit("preamble", "", 99, "", "", ())
                add(unit)
            unit.lines.append(line)
            title_seen = True
            i += 1
            continue
        kind, label, rank, rest = head
        while stack and stack[-1].rank >= rank:
            stack.pop()
        if stack:
            stack[-1].has_children = True
        if not rest and kind == "point" and i + 1 < len(lines) and not lines[i + 1].level:
            rest = lines[i + 1].text  # "1." alone on its line (a PDF break): the text follows
        heading_only = _is_heading(rest, line.level)
        if heading_only:
            title = rest.rstrip("。")
        else:
            title = _lead(rest)
        sep = " " if kind in ("chapter", "section") and label and title else ""
        heading = f"{label}{sep}{title}" if label else title
        unit = _Unit(kind, label, rank, heading, title,
                     tuple(u.heading for u in stack) + (heading,), [line], heading_only)
        stack.append(unit)
        add(unit)
        title_seen = True
        i += 1

    for u in units:
        section = _section(doc, u, wrap)
        if section is not None:
            result.sections.append(section)
    result.sections.sort(key=lambda s: s.span)
    return result


def _lines(doc: DocText) -> list[_Line]:
    out = []
    for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]*?)[ \t]*$", doc.text.text):
        if is_rule(m.group(1)):
            continue
        out.append(_Line(m.start(1), m.end(1), m.group(1), doc.text.heading_level(m.start(1))))
    return out


def _wrap_width(lines: list[_Line]) -> float:
    """The page width of text broken at the page margin (PDF), else infinity.

    Evidence of wrapping: the longest lines are at most 80 chars and at least two lines
    near that width stop without a sentence end."""
    lengths = [len(line.text) for line in lines if not line.level]
    if not lengths or max(lengths) > 80:
        return float("inf")  # paragraphs one a line: nothing is wrapped
    width = 0.85 * max(lengths)
    open_ended = sum(1 for line in lines if len(line.text) >= width and not line.text.endswith(_TERMINAL))
    return width if open_ended >= 2 else float("inf")


def _heading(text: str, level: int, style_rank: dict[str, float]) -> tuple[str, str, float, str] | None:
    """(kind, label, rank, rest of the line) when the line opens a unit, else None."""
    for style, kind, rank, rx in _PATTERNS:
        m = rx.match(text)
        if not m:
            continue
        rest = text[m.end():].strip()
        if level:
            style_rank.setdefault(style, level - 10)
        return kind, m.group(1), style_rank.get(style, rank), rest
    if _ATTACHMENT.match(text):
        return "chapter", text.rstrip(":："), -20, ""
    if level:
        return "heading", "", level - 10, text
    return None


def _is_heading(rest: str, level: int) -> bool:
    """The heading line carries only a heading: a Markdown / Word heading, or short and unbroken."""
    if level:
        return True
    return len(rest) < TITLE_MAX and not re.search(r"[，。；：:,;]", rest)


def _lead(rest: str) -> str:
    """A point's title when its body starts on the heading line: the lead sentence or clause."""
    sentence = rest.split("。", 1)[0]
    if "。" in rest and len(sentence) <= TITLE_MAX:
        return sentence
    clause = re.split(r"[，；：:。,;]", rest, maxsplit=1)[0]
    return clause if len(clause) <= TITLE_MAX else rest[:TITLE_MAX] + "…"


def _caption(unit: _Unit | None) -> str:
    """A short last line above a table ("表1 主要指标") names it; it stays in the body too."""
    if unit is None or not unit.lines:
        return ""
    last = unit.lines[-1].text
    if len(last) <= 40 and not last.endswith(_TERMINAL[:2]) and last != unit.lines[0].text:
        return last
    return ""


def _signature(unit: _Unit | None, date: _Line) -> _Unit:
    """Date, the issuer line above it and the attachment list above that, taken off `unit`."""
    sig = _Unit("item", SIGNATURE, 99, SIGNATURE, "", (SIGNATURE,), [date])
    body = unit.lines if unit is not None else []
    if len(body) > 1 or (unit is not None and unit.kind == "preamble" and body):
        if body and len(body[-1].text) <= 25 and not re.search(r"[，。：:；]", body[-1].text):
            sig.lines.insert(0, body.pop())
            sig.title = sig.lines[0].text
        while body and len(body) > 1 and re.match(r"^(附件[:：]|\d+\.\S{2,40}$)", body[-1].text) \
                and any(line.text.startswith("附件") for line in body[-3:]):
            sig.lines.insert(0, body.pop())
    return sig


def _reflow(lines: list[_Line], wrap: float, wrap_from: int) -> str:
    """Lines joined into paragraphs; a line of page width without a sentence end continues."""
    paras: list[str] = []
    for k, line in enumerate(lines):
        prev = lines[k - 1].text if k else ""
        if paras and k >= wrap_from and len(prev) >= wrap and not prev.endswith(_TERMINAL) \
                and not line.level and not lines[k - 1].level:
            paras[-1] += line.text
        else:
            paras.append(line.text)
    return "\n".join(paras)


def _section(doc: DocText, u: _Unit, wrap: float) -> Section | None:
    if not u.lines:
        return None
    if u.kind == "item":
        text = "\n".join(line.text for line in u.lines)
    elif u.heading_only and len(u.lines) == 1 and u.has_children:
        return None  # a bare heading: its children carry it in their paths
    else:  # the heading line stays first, on its own line when it is only a heading
        text = _reflow(u.lines, wrap, 2 if u.heading_only else 0)
    title = u.title
    if u.kind == "preamble":
        first = compact(u.lines[0].text)
        title = first if first.endswith(_TITLE_ENDS) and len(first) < 80 else ""
    return Section(doc.entry.doc_id, u.kind, u.label, title, text, u.path, doc.source_file,
                   (u.lines[0].start, u.lines[-1].end))


def _table_rows(doc: DocText, table: list[_Line], path: tuple[str, ...]) -> list[Section]:
    """One Section per body row; cells paired with the header row."""
    rows = [line_cells(doc.text, line.start, line.end) for line in table]
    header = rows[0]
    out = []
    for line, cells in zip(table[1:], rows[1:]):
        if cells == header or not any(cells):
            continue  # the header repeated on a new page
        named = next((c for c in cells if c and not re.fullmatch(r"[\d.]+", c)), cells[0])
        title = named if len(named) <= TITLE_MAX else named[:TITLE_MAX] + "…"
        if len(header) == len(cells):
            extra = tuple((h or f"列{k + 1}", v) for k, (h, v) in enumerate(zip(header, cells)))
        else:
            extra = tuple((f"列{k + 1}", v) for k, v in enumerate(cells))
        text = "；".join(f"{h}：{v}" for h, v in extra if v)
        out.append(Section(doc.entry.doc_id, "table_row", cells[0], title, text, path + (title,),
                           doc.source_file, (line.start, line.end), extra))
    return out
