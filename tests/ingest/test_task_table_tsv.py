"""task_table_tsv on the real 穗府〔2024〕1号 (data/corpus/004_fcba8d3c3089ad58.txt).

Every expected value below was read from the source file, not from the parser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.gazette import DocText
from assistant.ingest.manifest import DocumentEntry
from assistant.ingest.parsers import ParseResult, task_table_tsv
from assistant.ingest.parsers.gz_vocabulary import LEAD_UNITS_2024, LEADERS_2024
from tests.conftest import corpus_document
from assistant.records import Task
from assistant.text import NormText

REPO = Path(__file__).resolve().parents[2]
DOC_ID = "穗府〔2024〕1号"
TOP_1 = "一、纵深推进新阶段粤港澳大湾区建设，强化引领高质量发展的增长极和动力源。"


@pytest.fixture(scope="module")
def doc() -> DocText:
    return corpus_document(DOC_ID)


@pytest.fixture(scope="module")
def result(doc: DocText) -> ParseResult:
    return task_table_tsv.parse(doc)


@pytest.fixture(scope="module")
def tasks(result: ParseResult) -> dict[str, Task]:
    return {t.task_no: t for t in result.tasks}


def test_363_tasks_numbered_as_printed(result: ParseResult) -> None:
    assert [t.task_no for t in result.tasks] == [str(n) for n in range(1, 364)]


def test_every_task_has_title_leader_and_lead_unit(result: ParseResult, doc: DocText) -> None:
    for t in result.tasks:
        assert t.title and t.leaders and t.lead_units, t.task_no
        assert t.doc_id == DOC_ID and t.source_file == doc.source_file
        assert t.responsibility.startswith("分管市领导：")


def test_attributed_vs_uncertain(result: ParseResult) -> None:
    uncertain = [t.task_no for t in result.tasks if t.uncertain]
    assert uncertain == ["32"]  # the garbled leader cell "陈谭杰 谭萍"
    assert len(result.tasks) - len(uncertain) == 362


def test_spans_cover_the_row(result: ParseResult, doc: DocText) -> None:
    for t in result.tasks:
        row = doc.text.text[t.span[0]:t.span[1]]
        assert row.startswith(t.task_no) and t.title in row, t.task_no


def test_page_numbers_and_headers_are_not_tasks(tasks: dict[str, Task]) -> None:
    # Page numbers "23" and "37" stand alone before rows 199 and 322; the column
    # headers repeat on every page.
    assert tasks["23"].title.startswith("推进广湛高铁")
    assert tasks["199"].title.startswith("发展壮大新型农村集体经济")
    assert tasks["322"].title.startswith("推进数字化市场监管示范城市建设")
    assert not any("序号" in t.title or "重点工作" in t.title for t in tasks.values())


def test_task_1_several_co_units_and_untitled_section(tasks: dict[str, Task]) -> None:
    t = tasks["1"]
    assert t.title == "地区生产总值增速不低于5%。"
    assert (t.leaders, t.lead_units) == (("陈杰",), ("市发展改革委",))
    assert t.co_units[:3] == ("市公务员局", "市教育局", "市科技局")
    assert t.co_units[-4:] == ("市林业园林局", "广州空港经济区管委会", "市邮政管理局", "各区政府")
    assert t.section == "2024年全市经济社会发展主要预期目标"


def test_task_4_co_units_in_groups(tasks: dict[str, Task]) -> None:
    t = tasks["4"]
    assert t.title == "商品进出口总值保持正增长。"
    assert t.co_units == ("市政府办公厅", "市港务局", "广州空港经济区管委会", "广州市税务局",
                          "广州海关", "黄埔海关", "各区政府", "广州港集团")


def test_task_8_spaced_leader_name(tasks: dict[str, Task]) -> None:
    t = tasks["8"]  # printed "谭 萍"
    assert t.leaders == ("谭萍",)
    assert t.lead_units == ("市人力资源社会保障局",) and t.co_units == ("各区政府",)


def test_task_11_leader_role_and_section_path(tasks: dict[str, Task]) -> None:
    t = tasks["11"]
    assert t.title == "加快三大先行启动区建设。"
    assert t.leaders == ("南沙区委主要领导",)
    assert t.lead_units == ("南沙开发区管委会",) and t.co_units == ("市发展改革委", "广州地铁")
    assert t.section == f"{TOP_1} / (一)推动南沙开发开放取得新突破。"


def test_task_32_two_leaders_in_a_garbled_cell(tasks: dict[str, Task]) -> None:
    t = tasks["32"]
    assert t.leaders == ("陈杰", "谭萍")
    assert t.confidence < 1.0
    assert "陈谭杰谭萍" in t.responsibility  # the cell as printed stays visible
    assert t.lead_units == ("广州空港经济区管委会",)
    assert t.co_units[-3:] == ("广州海关", "南航集团", "省机场集团")


def test_task_33_without_co_units(tasks: dict[str, Task]) -> None:
    t = tasks["33"]
    assert t.lead_units == ("广州开发区管委会",) and t.co_units == ()
    assert "配合单位" not in t.responsibility


def test_task_61_heading_number_and_text_in_one_cell(tasks: dict[str, Task]) -> None:
    t = tasks["61"]
    assert t.title.startswith("着力建设金融强市")
    assert t.section == "二、坚持产业第一、制造业立市，厚植经济发展优势。 / (四)加快打造国际金融枢纽。"
    assert (t.leaders, t.lead_units) == (("赖志鸿",), ("市地方金融监管局",))


def test_task_105_and_106_bracketed_unit_and_shared_prefix(tasks: dict[str, Task]) -> None:
    assert tasks["105"].lead_units == ("市委外办(市外办)",)
    assert tasks["106"].co_units == ("市、区两级法院",)


def test_tasks_139_254_324_less_frequent_leaders(tasks: dict[str, Task]) -> None:
    assert (tasks["139"].leaders, tasks["139"].lead_units) == (("廉奕",), ("市委人才办",))
    assert (tasks["254"].leaders, tasks["254"].lead_units) == (("杜新山",), ("市委宣传部",))
    assert tasks["324"].leaders == ("孙太平",) and tasks["324"].confidence == 1.0


def test_task_363_last_row(tasks: dict[str, Task]) -> None:
    t = tasks["363"]
    assert t.title == "健全正向激励和容错纠错机制，有力推动广大干部以满腔热忱奋进新征程、建功新时代。"
    assert (t.leaders, t.lead_units, t.co_units) == (("廉奕",), ("市委组织部",), ("市纪委监委",))
    assert t.section == ("十二、贯彻全面从严治党要求，推进政府治理体系和治理能力现代化。"
                         " / (四)坚持把作风建设贯穿始终。")


def test_vocabularies_match_the_table(result: ParseResult) -> None:
    """gz_vocabulary's 2024 lists are what this table prints (the PDF parser relies on them)."""
    exact = [t for t in result.tasks if not t.uncertain]
    assert {name for t in exact for name in t.leaders} == LEADERS_2024
    assert {unit for t in result.tasks for unit in t.lead_units} == LEAD_UNITS_2024


def test_row_broken_across_lines_is_joined() -> None:
    """A row whose 配合单位 cell wraps onto the next line stays one task."""
    raw = ("序号\t重点工作\t分管市领导\t牵头单位\t配合单位\n"
           "一\t纵深推进新阶段粤港澳大湾区建设。\t\t\t\n"
           "4\t商品进出口总值保持正增长。\t谭萍\t市商务局\t市政府办公厅、\n"
           "市港务局, 各区政府\n"
           "5\t规模以上工业增加值增长 3% 以上。\t江智涛\t市工业和信息化局\t市国资委、各区政府\n")
    entry = DocumentEntry(DOC_ID, "t", "i", "市", 2024, "task_table_tsv")
    parsed = task_table_tsv.parse(DocText(entry, "x.txt", NormText.from_raw(raw))).tasks
    assert [t.task_no for t in parsed] == ["4", "5"]
    assert parsed[0].co_units == ("市政府办公厅", "市港务局", "各区政府")
    assert parsed[0].section == "一、纵深推进新阶段粤港澳大湾区建设。"
    assert parsed[1].title == "规模以上工业增加值增长3%以上。"
