"""Task lists written for the tests (tests/data/new_docs): 分管省领导 and 分管市领导, lists and
tables, a signature after the last task, leaders no earlier document names."""

from __future__ import annotations

from assistant.ingest.formats import read_text
from assistant.ingest.gazette import DocText
from assistant.ingest.manifest import DocumentEntry
from assistant.ingest.parsers import task_list, task_table_tsv
from assistant.text import NormText
from tests.ingest.notice_files import NEW_DOCS


def _parse(parser, name: str, doc_id: str):
    return parser.parse(DocText(DocumentEntry(doc_id), name, read_text(NEW_DOCS / name)))


def test_city_list_reads_every_leader_and_stops_at_the_signature() -> None:
    result = _parse(task_list, "gz_2025_tasks.txt", "穗府〔2025〕2号")
    tasks = {t.task_no: t for t in result.tasks}
    assert len(tasks) == 5 and all(t.leaders for t in tasks.values())
    assert all(t.confidence == 1.0 for t in tasks.values()) and result.warnings == []
    assert tasks["1"].co_units == ("市发展改革委", "市文化广电旅游局")  # "市发展改革委、文化广电旅游局"
    assert tasks["3"].co_units == ("市科技局", "天河区政府")
    last = tasks["5"]
    assert last.responsibility == "分管市领导：苏晓岚\n部门分工：市文化广电旅游局牵头，市交通运输局、港务局配合。"
    assert last.co_units == ("市交通运输局", "市港务局")
    assert "广州市人民政府" not in last.responsibility + last.title + last.measures
    assert "2025年1月10日" not in last.responsibility


def test_provincial_list_2025() -> None:
    result = _parse(task_list, "gd_2025_tasks.txt", "粤府〔2025〕6号")
    tasks = {t.task_no: t for t in result.tasks}
    assert list(tasks) == ["1", "2", "3", "4", "5", "6"] and result.warnings == []
    assert tasks["3"].measures.startswith("推进低空空域管理改革试点")
    assert tasks["3"].section == "二、扎实推进重点工作 / (一)培育低空经济新业态。"
    assert tasks["4"].leaders == ("林海", "欧阳明") and tasks["4"].co_units == ("省交通运输厅", "省商务厅")
    assert tasks["5"].co_units == ("省财政厅", "省医保局")


def test_lead_and_co_unit_lines() -> None:
    raw = ("一、重点工作\n1. 建设智慧停车平台。\n分管市领导：黄志远\n牵头单位：市交通运输局\n"
           "配合单位：市公安局、各区政府\n2. 新增公共充电桩1万个。\n分管市领导：韩冬青\n牵头单位：市工业和信息化局\n")
    tasks = task_list.parse(DocText(DocumentEntry("x"), "x.txt", NormText.from_raw(raw))).tasks
    assert [(t.leaders, t.lead_units, t.co_units) for t in tasks] == [
        (("黄志远",), ("市交通运输局",), ("市公安局", "各区政府")),
        (("韩冬青",), ("市工业和信息化局",), ()),
    ]


def test_table_with_new_leaders_is_clean_and_ends_at_the_signature() -> None:
    result = _parse(task_table_tsv, "gz_2025_table.tsv.txt", "穗府〔2025〕3号")
    assert [(t.task_no, t.leaders, t.confidence) for t in result.tasks] == [
        ("1", ("黄志远",), 1.0), ("2", ("韩冬青",), 1.0), ("3", ("苏晓岚",), 1.0)]
    assert result.tasks[-1].co_units == ("各区政府",) and not result.warnings
