"""Cells of a table line, whatever wrote the table.

- Tab-separated text (the Guangzhou gazette tables, Word tables as assistant/ingest/formats.py
  writes them): normalization deletes a tab next to a CJK character, so borders are read
  from the raw text between two kept characters (see gz_vocabulary.raw_gap).
- Markdown pipe tables ("| 序号 | 重点工作 |"): cells between the pipes; the rule line
  "|---|---|" is dropped when the file is read.
"""

from __future__ import annotations

import re

from assistant.text import NormText

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+(?:\s*:?-{2,}:?\s*)?$")


def _raw_gap(text: NormText, i: int) -> str:
    if i <= 0 or i > len(text.text):
        return ""
    return text.raw[text.offsets[i - 1] + 1:text.offsets[i]]


def line_cells(text: NormText, start: int, end: int) -> list[str]:
    """The cells of the normalized line text[start:end], stripped (one cell if it is no table row)."""
    line = text.text[start:end]
    if _PIPE_ROW.match(line) and not _RULE.match(line):
        return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
    cells: list[str] = []
    cell_start = start
    for i in range(start, end + 1):
        for _ in range(_raw_gap(text, i).count("\t")):
            cells.append(text.text[cell_start:i])
            cell_start = i
        if i < end and text.text[i] == "\t":  # a tab normalization kept (no CJK beside it)
            cells.append(text.text[cell_start:i])
            cell_start = i + 1
    cells.append(text.text[cell_start:end])
    return [c.strip() for c in cells]


def is_rule(line: str) -> bool:
    """A Markdown table rule line "|---|:--:|"."""
    return bool(_RULE.match(line))
