"""The task table: filters against an independent count over the records; CSV and XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from assistant.workbench import COLUMNS, TaskFilter, filter_tasks, task_rows, to_csv, to_xlsx
from assistant.workbench.documents import document_list, document_outline
from assistant.workbench.task_table import UnitRole

DOC = "穗府〔2024〕1号"


def test_unit_as_lead_or_co(records) -> None:
    lead = filter_tasks(records, TaskFilter(doc_id=DOC, unit="市商务局", role=UnitRole.LEAD))
    co = filter_tasks(records, TaskFilter(doc_id=DOC, unit="市商务局", role=UnitRole.CO))
    either = filter_tasks(records, TaskFilter(doc_id=DOC, unit="市商务局"))
    in_doc = [t for t in records.tasks if t.doc_id == DOC]
    assert len(lead) == sum(any("市商务局" in u for u in t.lead_units) for t in in_doc) > 0
    assert len(co) == sum(any("市商务局" in u for u in t.co_units) for t in in_doc) > 0
    assert {id(t) for t in either} == {id(t) for t in lead} | {id(t) for t in co}


def test_leader_year_and_keyword(records) -> None:
    by_leader = filter_tasks(records, TaskFilter(leader="张虎"))
    assert by_leader and all("张虎" in t.leaders for t in by_leader)
    assert len(by_leader) == len(records.tasks_by_leader["张虎"])
    jobs = filter_tasks(records, TaskFilter(q="就业"))
    assert {records.documents[t.doc_id].year for t in jobs} >= {2022, 2023, 2024}
    jobs_2024 = filter_tasks(records, TaskFilter(q="就业", year=2024))
    assert jobs_2024 and all(records.documents[t.doc_id].year == 2024 for t in jobs_2024)
    assert len(jobs_2024) < len(jobs)


def test_csv_and_xlsx_hold_the_same_rows(records) -> None:
    rows = task_rows(records, filter_tasks(records, TaskFilter(doc_id=DOC, unit="市商务局",
                                                                role=UnitRole.LEAD)))
    expected = [[str(r[c]) for c in COLUMNS] for r in rows]
    text = to_csv(rows).decode("utf-8")
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert parsed[0] == list(COLUMNS) and parsed[1:] == expected
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    values = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == list(COLUMNS) and values[1:] == expected


def test_text_that_looks_like_a_formula_stays_text(records) -> None:
    row = {c: "" for c in COLUMNS} | {"任务": "=HYPERLINK(\"http://x\")", "年份": 2024}
    cell = load_workbook(io.BytesIO(to_xlsx([row]))).active["D2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"


def test_documents_and_outline_anchors(records) -> None:
    docs = document_list(records)
    assert {d["doc_id"] for d in docs} == set(records.documents)
    assert all(d["issuer"] and d["year"] for d in docs)
    outline = document_outline(records, DOC)
    anchors = [i["anchor"] for i in outline["items"] if i["anchor"]]
    assert len(anchors) == len(set(anchors))
    tasks = [i for i in outline["items"] if i["type"] == "task"]
    assert len(tasks) == len(records.tasks_by_doc[DOC])
    assert "task-10" in anchors
    assert any(i["type"] == "heading" for i in outline["items"])
