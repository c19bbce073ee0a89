"""records.sqlite without an index: round trips of every field form, shared strings, the
quoted-文号 table, and files written by earlier builds (JSON-encoded spans and cells, no
quoted table)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from assistant.records import Passage, Section, SourceDocument, Task
from assistant.store.doc_numbers import quoted_doc_numbers
from assistant.store.records_db import RecordsDB, unread


def _records() -> RecordsDB:
    docs = [SourceDocument("穗府办规〔2022〕3号", "关于转发的通知", "广州市人民政府办公厅", "市", 2022, "notice", "a.txt"),
            SourceDocument("粤府〔2023〕18号", "任务分工", "广东省人民政府", "省", 2023, "task_list", "b.txt", (5, 90))]
    tasks = [Task("粤府〔2023〕18号", "1", "稳增长", "措施", ("张虎", "吕玉印"), ("省发展改革委",), ("省统计局",),
                  "一、目标", "张虎、吕玉印", "b.txt", (10, 40), 0.5, "task", (), ((10, 20), (30, 40)), "原文"),
             Task("粤府〔2023〕18号", "民生实事-1", "托育", leaders=("张虎",), kind="annex",
                  extra=(("序号", "1"), ("目标", "[新增] 1,000个"), ("空", "")), spans=((50, 60),))]
    sections = [Section("穗府办规〔2022〕3号", "point", "一、", "总则", "转发粤府办〔2021〕22号", ("一、 总则",),
                        "a.txt", (0, 9), (("列", "值\n二行"),), ((0, 4), (5, 9)), "转发")]
    passages = [Passage("p1", "穗府办规〔2022〕3号", "现将粤府办〔2021〕22号转发给你们，府办〔2021〕22号。", None,
                        "一、 总则", (0, 9), "a.txt", "point", ((0, 9),), "原文"),
                Passage("p2", "粤府〔2023〕18号", "任务1 稳增长", "1", "一、目标", (10, 40), "b.txt", "task"),
                Passage("p3", "粤府〔2023〕18号", "依据粤府办〔2021〕22号", "民生实事-1", "一、目标", (50, 60), "b.txt")]
    return RecordsDB(docs, tasks, sections, passages)


def test_sqlite_round_trip_keeps_every_field(tmp_path):
    records = _records()
    records.save(tmp_path / "records.sqlite")
    again = RecordsDB.load(tmp_path / "records.sqlite")
    assert list(again.documents.values()) == list(records.documents.values())
    assert again.tasks == records.tasks
    assert again.sections == records.sections
    assert again.passages == records.passages


def test_repeated_short_fields_share_one_string(tmp_path):
    _records().save(tmp_path / "records.sqlite")
    again = RecordsDB.load(tmp_path / "records.sqlite")
    p2, p3 = again.passages[1], again.passages[2]
    assert p2.doc_id is p3.doc_id is again.tasks[0].doc_id
    assert p2.section is p3.section
    assert again.tasks[0].leaders[0] is again.tasks[1].leaders[0]


def test_quoted_doc_numbers_name_the_documents_that_print_them():
    quoted = quoted_doc_numbers(_records().passages)
    assert quoted["粤府办〔2021〕22号"] == ("穗府办规〔2022〕3号", "粤府〔2023〕18号")
    assert quoted["府办〔2021〕22号"] == ("穗府办规〔2022〕3号", "粤府〔2023〕18号")
    assert "办〔2021〕22号" in quoted  # every suffix the text holds verbatim


def test_quoted_table_is_stored_and_read_back(tmp_path):
    records = _records()
    records.save(tmp_path / "records.sqlite")
    db = sqlite3.connect(tmp_path / "records.sqlite")
    stored = db.execute("SELECT number, doc_id FROM quoted ORDER BY seq").fetchall()
    db.close()
    assert ("粤府办〔2021〕22号", "粤府〔2023〕18号") in stored
    assert RecordsDB.load(tmp_path / "records.sqlite").quoted == quoted_doc_numbers(records.passages)


def test_file_of_an_earlier_build_still_loads(tmp_path):
    """JSON-encoded spans and cells, and no quoted table (computed from the passages then)."""
    records = _records()
    path = tmp_path / "records.sqlite"
    records.save(path)
    db = sqlite3.connect(path)
    with db:
        db.execute("DROP TABLE quoted")
        for table, rows in (("tasks", records.tasks), ("sections", records.sections)):
            for seq, r in enumerate(rows, 1):
                db.execute(f"UPDATE {table} SET spans = ?, extra = ? WHERE seq = ?",
                           (json.dumps(r.spans) if r.spans else "",
                            json.dumps(r.extra, ensure_ascii=False) if r.extra else "", seq))
    db.close()
    again = RecordsDB.load(path)
    assert again.tasks == records.tasks and again.sections == records.sections
    assert again.quoted == quoted_doc_numbers(records.passages)


@pytest.mark.parametrize("cells", [(("a\x1fb", "c"),), (("列", "值\x1e"),)])
def test_cells_holding_a_separator_fall_back_to_json(tmp_path, cells):
    records = _records()
    task = records.tasks[1]
    odd = RecordsDB(list(records.documents.values()), [Task(task.doc_id, "9", "x", extra=cells)], [], [])
    odd.save(tmp_path / "records.sqlite")
    assert RecordsDB.load(tmp_path / "records.sqlite").tasks[0].extra == cells


def test_long_texts_are_read_from_the_file_when_asked_for(tmp_path):
    records = _records()
    records.save(tmp_path / "records.sqlite")
    again = RecordsDB.load(tmp_path / "records.sqlite")
    p, plain = again.passages[0], records.passages[0]
    assert set(unread(p)) == {"text", "source_text", "span", "spans"}  # not loaded with the record
    assert not hasattr(p, "__dict__")  # slots only
    assert isinstance(p, Passage) and p.text == plain.text and p.source_text == plain.source_text
    assert p == plain and plain == p and hash(p) == hash(plain) and {p: 1}[plain] == 1
    assert dataclasses.asdict(p) == dataclasses.asdict(plain)
    changed = dataclasses.replace(p, text="新文本")
    assert changed.text == "新文本" and changed.source_text == plain.source_text and p.text == plain.text
    assert again.sections[0].text == records.sections[0].text
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.text = "x"


def test_a_task_reads_its_texts_spans_and_cells_from_the_file(tmp_path):
    records = _records()
    records.save(tmp_path / "records.sqlite")
    again = RecordsDB.load(tmp_path / "records.sqlite")
    for task, plain in zip(again.tasks, records.tasks):
        assert set(unread(task)) == {"title", "measures", "responsibility", "source_text", "span", "spans", "extra"}
        assert (task.leaders, task.lead_units, task.co_units) == (plain.leaders, plain.lead_units, plain.co_units)
        assert task == plain and hash(task) == hash(plain) and task.to_dict() == plain.to_dict()
        assert task.span == plain.span and task.extra == plain.extra and task.lead_people == plain.lead_people
        assert unread(task)  # read through the cache, not kept in the record
    assert again.tasks_by_leader.keys() == records.tasks_by_leader.keys()


def test_equal_name_tuples_are_one_object(tmp_path):
    records = _records()
    same = [dataclasses.replace(records.tasks[0], task_no=str(n)) for n in range(3)]
    RecordsDB(list(records.documents.values()), same, [], []).save(tmp_path / "records.sqlite")
    tasks = RecordsDB.load(tmp_path / "records.sqlite").tasks
    assert tasks[0].lead_units == same[0].lead_units
    assert all(t.lead_units is tasks[0].lead_units and t.leaders is tasks[0].leaders for t in tasks)


def test_passage_texts_of_documents_in_one_read(tmp_path):
    records = _records()
    records.save(tmp_path / "records.sqlite")
    again = RecordsDB.load(tmp_path / "records.sqlite")
    want = [(p.section, p.text) for p in records.passages if p.doc_id == "粤府〔2023〕18号"]
    assert again.passage_texts(["粤府〔2023〕18号"]) == records.passage_texts(["粤府〔2023〕18号"]) == want
    assert again.passage_texts([]) == []


def test_read_texts_fills_every_record_at_once(tmp_path):
    records = _records()
    records.save(tmp_path / "records.sqlite")
    again = RecordsDB.load(tmp_path / "records.sqlite")
    again.read_texts()
    assert not any(unread(r) for r in again.passages + again.sections + again.tasks)
    assert again.passages == records.passages and again.sections == records.sections
    assert again.tasks == records.tasks
    records.read_texts()  # plain records: nothing to read
