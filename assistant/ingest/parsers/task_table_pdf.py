"""Parser for the PDF-extracted Guangzhou task table (穗府〔2022〕2号).

The PDF text lists each row cell after cell, every cell wrapped over several lines:

    ４ 构建战略性新兴产业体系ꎮ 张勇        <- number, 重点工作 and 分管市领导 on one line
    市发展                                  <- 牵头单位, wrapped
    改革委
    市政府办公厅、 市科技局、 市            <- 配合单位, wrapped
    工业和信息化局 …

Rows are found by their numbers, which run 1, 2, 3, … (a number opens a row only
when it is the next one and stands apart: alone on its line or followed by a space
in the raw text). Headings ("一 加快构建…", "(一)坚持…") give the section path;
the column headers repeated on each page are skipped.

Within a row the cells are read in order: the title runs to its last "。"; the
leader follows (a known name); then the lead unit(s) and the co-operating units.
Normalization joins "陈杰 市商务局" into "陈杰市商务局", so cell borders come from
the raw text (a space between two ideographs, see gz_vocabulary.raw_gap), from the
vocabularies, and from the shape of unit names (gz_vocabulary.split_glued). A task
whose attribution rests on a guess gets confidence < 1.0 and a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.ingest.parsers.gz_vocabulary import (
    LEAD_UNITS_2024, LEADERS_2024, NUMERALS, clean_cell, line_spans, looks_like_unit, raw_gap,
    responsibility, section_path, split_glued, split_names)
from assistant.records import Task
from assistant.text import NormText

# Page furniture inside the table: column headers (whole or in fragments) and the table title.
_HEADER = re.compile(r"(序号|重点工作|分管|市领导|牵头单位|配合单位)+|\d{4}年市政府工作报告部署工作责任分工")
_SUB_HEADING = re.compile(rf"\([{NUMERALS}]+\)")
_NUMBER = re.compile(r"\d+")
_TITLE_END = re.compile(r"。[”’)]*")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
_END = "公开方式"  # the line after the table
# Chinese numbers of the top headings, in order: 一 … 十, 十一 … 二十.
_TOP_NUMBERS = [*NUMERALS, *(f"十{n}" for n in NUMERALS[:-1]), "二十"]


@dataclass
class _Row:
    """The text of one numbered row: its number and its lines (number cut off)."""

    number: str
    start: int
    section: str
    lines: list[tuple[int, int]] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.lines[-1][1] if self.lines else self.start + len(self.number)


@dataclass
class _Stream:
    """A row's lines joined without breaks, remembering where the breaks were.

    `hard` holds the positions where the raw text had a space between two ideographs
    on one line (a column gap); `soft` those where a line ended (a wrap or a cell border).
    """

    text: str
    hard: set[int]
    soft: set[int]


def _stands_apart(text: NormText, cut: int, line_end: int) -> bool:
    """True if the text before `cut` ends its line or a raw space follows it."""
    return cut == line_end or any(ch.isspace() for ch in raw_gap(text, cut))


def read_rows(doc: DocText) -> tuple[list[_Row], list[str]]:
    """The numbered rows of the table, each with its section path, plus warnings."""
    text = doc.text
    rows: list[_Row] = []
    warnings: list[str] = []
    top = sub = ""
    tops_seen = 0
    in_table = False
    row: _Row | None = None
    for start, end in line_spans(text.text):
        line = text.text[start:end].strip()
        if not line:
            continue
        if _HEADER.fullmatch(line):
            in_table = True
            continue
        if not in_table:
            continue
        if line.startswith(_END):
            break
        first = text.text.index(line, start)  # where the stripped line begins
        number = _NUMBER.match(line)
        next_top = _TOP_NUMBERS[min(tops_seen, len(_TOP_NUMBERS) - 1)]
        if number and int(number.group()) == len(rows) + 1 and _stands_apart(
                text, first + number.end(), end):
            row = _Row(number.group(), first, section_path(top, sub))
            rows.append(row)
            if number.end() < len(line):  # the title starts on the number's line
                row.lines.append((first + number.end(), end))
        elif line.startswith(next_top) and (line[len(next_top):].startswith("、") or _stands_apart(
                text, first + len(next_top), end)):
            top, sub, row = f"{next_top}、{line[len(next_top):].lstrip('、')}", "", None
            tops_seen += 1
        elif _SUB_HEADING.match(line):
            sub, row = line, None
        elif row is not None:
            row.lines.append((start, end))
        else:
            warnings.append(f"text outside any row: {line!r}")
    return rows, warnings


def _stream(text: NormText, row: _Row) -> _Stream:
    """The row's text as one _Stream (lines joined, breaks remembered)."""
    chars: list[str] = []
    hard: set[int] = set()
    soft: set[int] = set()
    for start, end in row.lines:
        seg = text.text[start:end].strip()
        if not seg:
            continue
        first = start + text.text[start:end].index(seg)
        if chars:
            soft.add(len(chars))
        for i in range(first, first + len(seg)):
            if i > first and _IDEOGRAPH.match(text.text[i - 1]) and _IDEOGRAPH.match(text.text[i]) \
                    and any(ch.isspace() for ch in raw_gap(text, i)):
                hard.add(len(chars))
            chars.append(text.text[i])
    return _Stream("".join(chars), hard, soft)


def _first_cell(stream: _Stream, start: int) -> str:
    """The text from `start` up to the next break (hard or soft)."""
    stops = [k for k in stream.hard | stream.soft if k > start]
    return stream.text[start:min(stops, default=len(stream.text))]


def _is_name(cell: str) -> bool:
    """A person's name: 2–4 ideographs, not shaped like a unit."""
    return bool(re.fullmatch(r"[\u3400-\u9fff]{2,4}", cell)) and not looks_like_unit(cell)


def _title_end(stream: _Stream) -> int:
    ends = list(_TITLE_END.finditer(stream.text))
    return ends[-1].end() if ends else 0


def leader_vocabulary(streams: list[_Stream]) -> set[str]:
    """LEADERS_2024 plus the names that stand alone right after a title in several rows."""
    counts = Counter(_first_cell(s, _title_end(s)) for s in streams)
    return LEADERS_2024 | {name for name, n in counts.items() if n >= 2 and _is_name(name)}


@dataclass
class _Cells:
    """A row read into its cells, with how sure the reading is."""

    title: str
    leaders: str = ""
    lead: str = ""
    co: str = ""
    doubts: list[tuple[str, float]] = field(default_factory=list)  # (why, confidence)


def _lead_co_border(stream: _Stream, start: int) -> tuple[int, str]:
    """Where the lead-unit cell ends and the co-unit cell begins, and how that was found.

    The units run from `start` to the end of the stream. The border is the first
    column gap ("gap") or, if earlier, the first piece between separators that is two
    unit names glued together ("vocabulary" or "shape", see split_glued); with
    neither, the row has no co-units ("none").
    """
    gap = min((h for h in stream.hard if h > start), default=len(stream.text))
    offset = start
    for piece in re.split(r"([、，,；])", stream.text[start:]):
        if offset >= gap:
            break
        glued = split_glued(piece, LEAD_UNITS_2024) if len(piece) > 1 else None
        if glued and offset + len(glued[0]) < gap:
            return offset + len(glued[0]), "vocabulary" if glued[2] else "shape"
        offset += len(piece)
    return gap, "gap" if gap < len(stream.text) else "none"


def read_cells(stream: _Stream, known_leaders: set[str]) -> _Cells:
    """Split a row's stream into title, leader, lead units and co-operating units."""
    end = _title_end(stream)
    cells = _Cells(stream.text[:end] if end else stream.text)
    if not end:
        cells.doubts.append(("no 。 closes the title", 0.5))
        return cells
    # Leaders: known names (one or more), else a name-shaped cell.
    k = end
    while name := max((n for n in known_leaders if stream.text.startswith(n, k)), key=len, default=""):
        k += len(name)
        if stream.text.startswith(("、", "，"), k):
            k += 1
    first = _first_cell(stream, end)
    if k == end and _is_name(first):
        k += len(first)
        cells.doubts.append((f"leader {first} is not a known name", 0.8))
    cells.leaders = stream.text[end:k]
    border, how = _lead_co_border(stream, k)
    cells.lead, cells.co = stream.text[k:border], stream.text[border:]
    if how == "shape":
        cells.doubts.append((f"lead units {cells.lead} told from co-units by the shape of unit names", 0.9))
    return cells


def parse(doc: DocText) -> ParseResult:
    """Every numbered row of the table as a Task."""
    rows, warnings = read_rows(doc)
    streams = [_stream(doc.text, row) for row in rows]
    leaders_known = leader_vocabulary(streams)
    tasks: list[Task] = []
    for row, stream in zip(rows, streams):
        cells = read_cells(stream, leaders_known)
        leaders = split_names(cells.leaders)
        lead, co = split_names(cells.lead), split_names(cells.co)
        if not (leaders and lead):
            cells.doubts.append(("no leader or no lead unit", 0.5))
        odd = [u for u in lead if not looks_like_unit(u)]
        if odd:
            cells.doubts.append((f"lead unit {'、'.join(odd)} is not shaped like a unit name", 0.7))
        confidence = min((c for _, c in cells.doubts), default=1.0)
        if cells.doubts:
            why = "; ".join(w for w, _ in cells.doubts)
            warnings.append(f"task {row.number}: {why} (confidence {confidence})")
        tasks.append(Task(
            doc_id=doc.entry.doc_id,
            task_no=row.number,
            title=clean_cell(cells.title),
            leaders=tuple(leaders),
            lead_units=tuple(lead),
            co_units=tuple(co),
            section=row.section,
            responsibility=responsibility(*(clean_cell(c) for c in (cells.leaders, cells.lead, cells.co))),
            source_file=doc.source_file,
            span=(row.start, row.end),
            confidence=confidence,
        ))
    return ParseResult(tasks=tasks, warnings=warnings)
