"""The 分工 task table: every task of the task-division documents, filtered by document,
year, leader, unit (as lead, as co-operating unit or either) and keyword, as rows for the
UI and as CSV / XLSX files."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import Enum
from typing import Any

from assistant.records import Task
from assistant.store.records_db import RecordsDB
from assistant.store.vocabulary import expand_aliases
from assistant.text import compact

COLUMNS = ("文件", "年份", "序号", "任务", "工作措施", "分管领导", "牵头单位", "配合单位")
NAME_SEPARATOR = "、"


class UnitRole(str, Enum):
    """Where the unit filter looks: lead units, co-operating units, or both."""

    LEAD = "lead"
    CO = "co"
    ANY = "any"


@dataclass(frozen=True)
class TaskFilter:
    doc_id: str | None = None
    year: int | None = None
    leader: str | None = None
    unit: str | None = None
    role: UnitRole = UnitRole.ANY
    q: str | None = None

    def describe(self, sep: str = "，") -> str:
        """The filter in Chinese, for captions ("，") and file names ("_")."""
        parts = [p for p in (self.doc_id, f"{self.year}年" if self.year else None,
                             f"{self.leader}分管" if self.leader else None,
                             _unit_caption(self.unit, self.role),
                             f"含“{self.q}”" if self.q else None) if p]
        return sep.join(parts) or "全部任务"


def _unit_caption(unit: str | None, role: UnitRole) -> str | None:
    if not unit:
        return None
    return unit + {UnitRole.LEAD: "牵头", UnitRole.CO: "配合", UnitRole.ANY: ""}[role]


def unit_matches(query: str, units: tuple[str, ...]) -> bool:
    """A unit filter matches a unit that contains it (短称 expanded: 市发改委 -> 市发展改革委)."""
    needle = expand_aliases(compact(query))
    return any(needle in compact(u) for u in units)


def filter_tasks(records: RecordsDB, f: TaskFilter) -> list[Task]:
    """Tasks matching every given filter, in document order (documents newest first)."""
    result = list(records.tasks)
    if f.doc_id:
        result = [t for t in result if t.doc_id == f.doc_id]
    if f.year:
        result = [t for t in result if records.documents[t.doc_id].year == f.year]
    if f.leader:
        name = compact(f.leader)
        result = [t for t in result if name in t.leaders]
    if f.unit:
        def units(t: Task) -> tuple[str, ...]:
            if f.role == UnitRole.LEAD:
                return t.lead_units
            if f.role == UnitRole.CO:
                return t.co_units
            return t.lead_units + t.co_units
        result = [t for t in result if unit_matches(f.unit, units(t))]
    if f.q:
        needle = expand_aliases(compact(f.q))
        result = [t for t in result if needle in compact(t.title + t.measures)]
    order = {d: i for i, d in enumerate(sorted(
        records.documents, key=lambda d: (-records.documents[d].year, d)))}
    return sorted(result, key=lambda t: (order[t.doc_id], t.span[0]))


def task_row(records: RecordsDB, t: Task) -> dict[str, Any]:
    """One row: the COLUMNS plus doc_id / task_no keys for links."""
    return {"文件": t.doc_id, "年份": records.documents[t.doc_id].year,
            "序号": t.task_no, "任务": t.title, "工作措施": t.measures,
            "分管领导": NAME_SEPARATOR.join(t.leaders),
            "牵头单位": NAME_SEPARATOR.join(t.lead_units),
            "配合单位": NAME_SEPARATOR.join(t.co_units),
            "doc_id": t.doc_id, "task_no": t.task_no}


def task_rows(records: RecordsDB, tasks: list[Task]) -> list[dict[str, Any]]:
    return [task_row(records, t) for t in tasks]


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with BOM (Excel opens it as Chinese), one header row of COLUMNS."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r[c] for c in COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: list[dict[str, Any]], title: str = "任务清单") -> bytes:
    """One sheet: a bold frozen header of COLUMNS, then one row per task."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(title)
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([r[c] for c in COLUMNS])
    widths = {"文件": 18, "年份": 8, "序号": 8, "任务": 60, "工作措施": 60, "分管领导": 14,
              "牵头单位": 30, "配合单位": 40}
    for i, c in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = widths[c]
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            if cell.data_type == "f":  # text such as "=..." is data here, never a formula
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_title(title: str) -> str:
    bad = set("[]:*?/\\")
    return "".join(ch for ch in title if ch not in bad)[:31] or "任务清单"
