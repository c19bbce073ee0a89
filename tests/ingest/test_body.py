"""The notice around a task list (assistant/ingest/body.py): its preamble, closing
requirements and signature become Sections; nothing a task already holds does."""

from __future__ import annotations

from assistant.ingest.body import outside_tasks
from assistant.ingest.formats import read_text
from assistant.ingest.gazette import DocText
from assistant.ingest.manifest import DocumentEntry
from assistant.ingest.parsers import task_list
from assistant.records import Task
from assistant.text import NormText
from tests.ingest.notice_files import NEW_DOCS

TASKS = ("一、重点工作\n"
         "1. 建设智慧停车平台。\n分管市领导：黄志远\n部门分工：市交通运输局牵头，市公安局配合。\n"
         "2. 新增公共充电桩1万个。\n分管市领导：韩冬青\n部门分工：市工业和信息化局牵头。\n")


def _body(raw: str, doc_id: str = "穗府〔2030〕1号"):
    doc = DocText(DocumentEntry(doc_id), "x.txt", NormText.from_raw(raw))
    tasks = task_list.parse(doc).tasks
    assert [t.task_no for t in tasks] == ["1", "2"]
    return outside_tasks(doc, tasks)


def test_preamble_closing_requirements_and_signature_are_kept() -> None:
    raw = ("广州市人民政府关于印发2030年市政府工作报告部署工作责任分工的通知\n"
           "各区人民政府，市政府各部门：\n"
           "《2030年市政府工作报告部署工作责任分工》已经市政府第17届5次常务会议审议通过，现印发给你们。\n"
           + TASKS +
           "二、工作要求\n"
           "(一)定期报告。各牵头单位于每月第3个工作日前报送市政府督查室。\n"
           "广州市人民政府\n2030年2月1日\n")
    sections = _body(raw)
    by_kind = {(s.kind, s.label): s for s in sections}
    assert "第17届5次常务会议审议通过" in by_kind[("preamble", "")].text
    assert by_kind[("preamble", "")].path == ("通知正文",) and by_kind[("item", "落款")].path == ("落款",)
    point = by_kind[("point", "(一)")]
    assert point.path == ("二、工作要求", "(一)定期报告") and "每月第3个工作日前" in point.text
    assert by_kind[("item", "落款")].text.endswith("2030年2月1日")
    # what the tasks hold is theirs alone
    assert not any("智慧停车" in s.text or "黄志远" in s.text for s in sections)


def test_a_second_printed_copy_and_repeated_headers_are_dropped() -> None:
    notice = "《2030年工作任务分工方案》已经省政府全体会议审议通过，现印发给你们，请认真贯彻执行。\n"
    raw = (notice + notice + "序号重点工作分管市领导牵头单位\n" + TASKS
           + "序号重点工作分管市领导牵头单位\n"
           + "1. 建设智慧停车平台。\n"  # the page printed the first task twice
           + "三、明确进度。各牵头单位于2030年4月10日前报送省政府督查室。\n")
    texts = [s.text for s in _body(raw)]
    assert sum(t.count("全体会议审议通过") for t in texts) == 1
    assert not any("序号" in t or "智慧停车" in t for t in texts)
    assert any("2030年4月10日前报送省政府督查室" in t for t in texts)


def test_text_between_tasks_is_not_the_notice() -> None:
    """A page printing tasks in pieces (the web layout): a sentence between two tasks' pieces
    that no task claims is not notice text."""
    text = "现将分工方案印发给你们。\n1.建设智慧停车平台。\n这一句无人认领。\n2.新增公共充电桩1万个。\n"
    doc = DocText(DocumentEntry("x"), "x.txt", NormText.from_raw(text))

    def task(no: str, title: str) -> Task:
        start = text.index(f"{no}.")
        return Task("x", no, title, span=(start, text.index("\n", start)))

    sections = outside_tasks(doc, [task("1", "建设智慧停车平台"), task("2", "新增公共充电桩1万个")])
    assert [s.text for s in sections] == ["现将分工方案印发给你们。"]


def test_a_list_without_a_notice_around_it_adds_nothing() -> None:
    assert _body(TASKS) == []


def test_signature_of_a_written_task_list() -> None:
    name = "gz_2025_tasks.txt"
    doc = DocText(DocumentEntry("穗府〔2025〕2号"), name, read_text(NEW_DOCS / name))
    sections = outside_tasks(doc, task_list.parse(doc).tasks)
    assert [(s.kind, s.label) for s in sections] == [("preamble", ""), ("item", "落款")]
    assert "现将《2025年市政府工作报告重点工作任务分工》印发给你们" in sections[0].text
    assert sections[1].text == "广州市人民政府\n2025年1月10日"


def test_a_task_heading_glued_to_a_notice_sentence_is_cut_exactly() -> None:
    """"…请认真执行1.建设智慧停车平台。": the repeated task heading goes, the notice's words stay whole."""
    texts = [s.text for s in _body("现将分工方案印发给你们。请认真执行1.建设智慧停车平台。\n" + TASKS)]
    assert texts == ["现将分工方案印发给你们。请认真执行"]
