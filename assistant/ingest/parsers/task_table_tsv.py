"""Parser for the tab-separated Guangzhou task table (穗府〔2024〕1号).

The table has the columns 序号 | 重点工作 | 分管市领导 | 牵头单位 | 配合单位. Heading rows
("一 | 纵深推进…", "(一) | 推动南沙…", "(四) 加快打造…" in one cell) give each task its
section path; the column-header row repeats on every page, and page numbers stand
alone on a line.

Normalization deletes the tabs (they sit next to CJK characters), so the cells are
recovered from the raw file: a tab among the raw characters dropped between two
normalized ones is a cell border (see gz_vocabulary.raw_gap).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.ingest.parsers.gz_vocabulary import (
    COLUMNS, LEADERS_2024, NUMERALS, clean_cell, line_spans, responsibility, section_path,
    split_leaders, split_names)
from assistant.ingest.parsers.table_rows import line_cells
from assistant.records import Task
from assistant.text import normalize_name

_TOP_LABEL = re.compile(rf"[{NUMERALS}]+、?")  # "一" in its own cell
_SUB_HEADING = re.compile(rf"\([{NUMERALS}]+\)")  # "(一)", text in the next cell or the same one
_END = "公开方式"  # the line after the table
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")  # the signature date after the table


@dataclass
class _Row:
    """One table row being assembled: its cells and where it lies in the text."""

    start: int
    end: int
    cells: list[str]
    section: str = ""


def _heading(cells: list[str]) -> tuple[str, str] | None:
    """("top" | "sub", heading as printed) for a heading row, else None."""
    first, rest = cells[0], " ".join(c for c in cells[1:] if c)
    if _TOP_LABEL.fullmatch(first) and rest:
        return "top", f"{first.rstrip('、')}、{rest}"
    m = _SUB_HEADING.match(first)
    if m and (rest or first[m.end():]):
        return "sub", first + rest
    return None


def read_rows(doc: DocText) -> tuple[list[_Row], list[str]]:
    """The task rows of the table, each with its section path, plus warnings."""
    text = doc.text
    rows: list[_Row] = []
    warnings: list[str] = []
    top = sub = ""
    in_table = False
    lines = [(s, e, line_cells(text, s, e)) for s, e in line_spans(text.text)]
    lines = [line for line in lines if any(line[2])]
    for n, (start, end, cells) in enumerate(lines):
        if in_table and rows and _signature(lines, n):
            break  # "广州市人民政府" / "2025年1月10日" closes the table
        if cells[0] == COLUMNS[0]:  # the column-header row, repeated on every page
            in_table = True
            continue
        if not in_table:
            continue
        if cells[0].startswith(_END):
            break
        nonempty = [c for c in cells if c]
        if cells[0].isdigit() and len(nonempty) == 1:  # a page number
            continue
        if cells[0].isdigit():
            rows.append(_Row(start, end, cells, section_path(top, sub)))
            continue
        heading = _heading(cells)
        if heading and heading[0] == "top":
            top, sub = heading[1], ""
        elif heading:
            sub = heading[1]
        elif not rows and len(nonempty) == 1:  # "2024年全市经济社会发展主要预期目标"
            top, sub = cells[0], ""
        elif rows:  # a row broken across lines: this line continues the last cell
            last = rows[-1]
            last.cells[-1] += cells[0]
            last.cells.extend(cells[1:])
            last.end = end
        else:
            warnings.append(f"unread line in the table: {text.text[start:end]!r}")
    return rows, warnings


def _signature(lines: list[tuple[int, int, list[str]]], n: int) -> bool:
    """Line n is the signature: a date, or a short one-cell line right above a date."""
    def one_cell(k: int) -> str:
        cells = [c for c in lines[k][2] if c] if k < len(lines) else []
        return cells[0] if len(cells) == 1 else ""

    this = one_cell(n)
    if _DATE.match(this):
        return True
    return bool(this) and len(this) <= 25 and not re.search(r"[，。；：、]", this) \
        and bool(_DATE.match(one_cell(n + 1)))


def leader_vocabulary(rows: list[_Row]) -> set[str]:
    """Known leader names: LEADERS_2024 plus any single name that fills several cells."""
    counts = Counter(normalize_name(r.cells[2]) for r in rows if len(r.cells) > 2)
    recurring = {name for name, n in counts.items() if n >= 2 and not re.search(r"[、，,]", name)}
    return recurring | LEADERS_2024


def parse(doc: DocText) -> ParseResult:
    """Every numbered row of the table as a Task."""
    rows, warnings = read_rows(doc)
    vocab = leader_vocabulary(rows)
    tasks: list[Task] = []
    for row in rows:
        cells = [clean_cell(c) for c in row.cells] + [""] * (len(COLUMNS) - len(row.cells))
        if len(cells) > len(COLUMNS):
            warnings.append(f"task {cells[0]}: {len(cells)} cells, extra ones joined")
            cells[4] = "，".join(c for c in cells[4:] if c)
        leaders, exact = split_leaders(cells[2], vocab)
        lead, co = split_names(cells[3]), split_names(cells[4])
        confidence = 1.0
        if not (leaders and lead):
            confidence = 0.5
            warnings.append(f"task {cells[0]}: no leader or no lead unit")
        elif not exact:
            confidence = 0.8
            warnings.append(f"task {cells[0]}: leader cell {cells[2]!r} "
                            f"read as {'、'.join(leaders)}")
        tasks.append(Task(
            doc_id=doc.entry.doc_id,
            task_no=cells[0],
            title=cells[1],
            leaders=tuple(leaders),
            lead_units=tuple(lead),
            co_units=tuple(co),
            section=row.section,
            responsibility=responsibility(cells[2], cells[3], cells[4]),
            source_file=doc.source_file,
            span=(row.start, row.end),
            confidence=confidence,
        ))
    return ParseResult(tasks=tasks, warnings=warnings)
