"""粤府〔2023〕18号 (layout task_list) parsed from the real corpus file.

Every expected value below was read off data/corpus/001_12b2ee999df5f0c2.txt.
"""

from __future__ import annotations


import pytest

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.ingest.parsers.task_list import parse, parse_responsibility, split_units
from assistant.records import Task
from tests.conftest import corpus_document

SOURCE = "001_12b2ee999df5f0c2.txt"


@pytest.fixture(scope="module")
def doc() -> DocText:
    return corpus_document("粤府〔2023〕18号")


@pytest.fixture(scope="module")
def result(doc: DocText) -> ParseResult:
    return parse(doc)


@pytest.fixture(scope="module")
def tasks(result: ParseResult) -> dict[str, Task]:
    return {t.task_no: t for t in result.tasks}


def test_counts_and_numbering(result: ParseResult) -> None:
    main = [t for t in result.tasks if t.kind == "task"]
    annex = [t for t in result.tasks if t.kind == "annex"]
    assert [t.task_no for t in main] == [str(n) for n in range(1, 181)]
    assert [t.task_no for t in annex] == [f"民生实事-{n}" for n in range(1, 30)]
    assert len(result.tasks) == 209
    assert result.warnings == []


def test_every_task_is_complete(result: ParseResult, doc: DocText) -> None:
    for t in result.tasks:
        assert t.title, t.task_no
        assert t.doc_id == "粤府〔2023〕18号" and t.source_file == SOURCE
        start, end = t.span
        assert 0 <= start < end <= len(doc.text.text)
        assert t.section
    lacking = [t.task_no for t in result.tasks if not (t.leaders and t.lead_units) and not t.uncertain]
    assert lacking == []
    assert all(t.confidence == 1.0 for t in result.tasks)


def test_span_covers_heading_and_responsibility(tasks: dict[str, Task], doc: DocText) -> None:
    start, end = tasks["14"].span
    text = doc.text.text[start:end]
    assert text.startswith("14.打造“轨道上的大湾区”。")
    assert text.endswith("广州地铁集团、深圳地铁集团等配合。")
    raw_start, raw_end = doc.text.raw_span(start, end)
    assert doc.text.raw[raw_start:raw_end].startswith("14. 打造“轨道上的大湾区”。")


def test_first_target(tasks: dict[str, Task]) -> None:
    t = tasks["1"]
    assert t.title == "地区生产总值增长5%以上。"
    assert t.measures == ""
    assert t.leaders == ("张虎",)
    assert t.lead_units == ("省发展改革委",)
    assert t.co_units == ("各地", "各部门")
    assert t.section == "一、2023年经济社会发展主要预期目标"
    assert t.responsibility == "分管省领导：张虎\n部门分工：省发展改革委牵头，各地、各部门配合。"


def test_title_broken_across_lines(tasks: dict[str, Task]) -> None:
    # lines 83-85: "…均完成" / blank / "国家下达任务。"
    assert tasks["11"].title == "全省空气质量优良天数比率和地表水水质优良率均完成国家下达任务。"
    assert tasks["11"].leaders == ("张少康",) and tasks["11"].lead_units == ("省生态环境厅",)


def test_measures_joined_across_page_break(tasks: dict[str, Task]) -> None:
    t = tasks["13"]  # "…进一步落实“澳车北" / blank / "上”，推动“港车北上”落地实施。…"
    assert t.measures.startswith("争取中央支持，研究制定粤港澳大湾区规则衔接")
    assert "进一步落实“澳车北上”，推动“港车北上”落地实施。" in t.measures
    assert t.measures.endswith("推动数据、人才、技术、资金、土地等“要素通”。")
    assert t.section == "二、纵深推进粤港澳大湾区、深圳先行示范区建设，高水平建设横琴、前海、南沙三大平台"


def test_two_leaders_two_leads_cities_and_groups(tasks: dict[str, Task]) -> None:
    t = tasks["14"]
    assert t.leaders == ("张虎", "吕玉印")
    assert t.lead_units == ("省发展改革委", "省交通运输厅")
    assert t.co_units == ("广州市政府", "深圳市政府", "省铁投集团", "中国铁路广州局集团",
                          "广州地铁集团", "深圳地铁集团")


def test_co_units_mix_city_governments_and_provincial_departments(tasks: dict[str, Task]) -> None:
    t = tasks["12"]
    assert t.co_units == ("深圳市政府", "珠海市政府", "省科技厅", "省商务厅", "省文化和旅游厅",
                          "省卫生健康委", "省港澳办", "省地方金融监管局", "省政府横琴办",
                          "横琴粤澳深度合作区执委会")


def test_lead_units_mix_province_and_cities(tasks: dict[str, Task]) -> None:
    t = tasks["93"]  # "省发展改革委，广州、深圳市政府牵头，省政府办公厅，省司法厅、…等配合。"
    assert t.lead_units == ("省发展改革委", "广州市政府", "深圳市政府")
    assert t.co_units == ("省政府办公厅", "省司法厅", "省政务服务数据管理局")


def test_four_leaders_shared_by_duty(tasks: dict[str, Task]) -> None:
    t = tasks["72"]
    assert t.title == "建强中心镇、专业镇、特色镇。"
    assert t.leaders == ("王曦", "孙志洋", "冯玲", "陈良贤")
    assert t.lead_units == ("省住房城乡建设厅", "省科技厅", "省文化和旅游厅", "省农业农村厅")
    assert t.co_units == ()
    assert dict(t.extra) == {"部门分工方式": "按职责分工负责"}
    assert t.section.startswith("六、全面推进乡村振兴")


def test_shared_by_duty_two_units(tasks: dict[str, Task]) -> None:
    t = tasks["118"]
    assert t.leaders == ("张少康", "陈良贤")
    assert t.lead_units == ("省生态环境厅", "省农业农村厅")
    assert dict(t.extra) == {"部门分工方式": "按职责分工负责"}


def test_party_units_share_their_prefix(tasks: dict[str, Task]) -> None:
    t = tasks["23"]  # "省工业和信息化厅牵头，省委组织部、编办，各地、各部门配合。"
    assert t.co_units == ("省委组织部", "省委编办", "各地", "各部门")
    assert tasks["95"].leaders == ("张虎", "陈敏")


def test_last_task(tasks: dict[str, Task]) -> None:
    t = tasks["180"]
    assert t.title == "深入推进法治广东建设。"
    assert t.leaders == ("张虎", "王志忠")
    assert t.lead_units == ("省司法厅",)
    assert t.section == "十一、加固底板防范风险，确保社会大局平安稳定"
    assert t.measures.startswith("开展法治建设“一规划两纲要”中期评估和落实督察")


def test_annex_first_row(tasks: dict[str, Task]) -> None:
    t = tasks["民生实事-1"]
    assert t.kind == "annex"
    assert t.title == "开展“粤菜师傅”培训4万人次以上。"
    assert t.leaders == ("王曦",)
    assert t.lead_units == ("省人力资源社会保障厅",)
    assert t.section == "2023年省十件民生实事任务分解表 / 一、深入实施“粤菜师傅”“广东技工”“南粤家政”三项工程"
    extra = dict(t.extra)
    assert extra["序号"] == "1" and extra["分管省领导"] == "王曦"
    assert extra["主要负责人"] == "杨红山" and extra["分管负责人"] == ""
    assert extra["省牵头部门及主要负责人、分管负责人"] == "省人力资源社会保障厅 杨红山"


def test_annex_spaced_two_character_names(tasks: dict[str, Task]) -> None:
    extra = dict(tasks["民生实事-5"].extra)  # "省卫生健康委 朱 宏 高 燕"
    assert extra["省牵头部门"] == "省卫生健康委"
    assert extra["主要负责人"] == "朱宏" and extra["分管负责人"] == "高燕"
    assert tasks["民生实事-5"].leaders == ("冯玲",)
    assert dict(tasks["民生实事-19"].extra)["分管负责人"] == "王玲"  # "省药监局 江效东 王 玲"


def test_annex_row_with_cells_split_by_tabs(tasks: dict[str, Task]) -> None:
    t = tasks["民生实事-9"]  # "…\t孙志洋\t省住房城乡建设厅\t张 勇\t刘 玮"
    assert t.title.startswith("推动重点城市加快筹建保障性租赁住房，新增筹集保障性租赁住房不少于22万套(间)")
    assert t.leaders == ("孙志洋",) and t.lead_units == ("省住房城乡建设厅",)
    extra = dict(t.extra)
    assert (extra["主要负责人"], extra["分管负责人"]) == ("张勇", "刘玮")
    assert t.section.endswith("三、推进城镇保障性安居工程建设")


def test_annex_item_carries_down_and_last_row(tasks: dict[str, Task]) -> None:
    assert dict(tasks["民生实事-3"].extra)["事项"].startswith("一、深入实施")
    t = tasks["民生实事-29"]
    assert t.title.startswith("打造全省统一接听的12355青少年服务热线")
    assert t.leaders == ("冯玲",) and t.lead_units == ("团省委",)
    assert dict(t.extra)["分管负责人"] == "王浩"
    assert t.section.endswith("十、提高惠企利民服务便捷度")


@pytest.mark.parametrize(("phrase", "lead", "co"), [
    ("省发展改革委牵头，各地、各部门配合。", ("省发展改革委",), ("各地", "各部门")),
    ("省科技厅牵头，省教育厅、财政厅等配合。", ("省科技厅",), ("省教育厅", "省财政厅")),
    ("省发展改革委，广州、深圳市政府牵头，省委组织部、编办等配合。",
     ("省发展改革委", "广州市政府", "深圳市政府"), ("省委组织部", "省委编办")),
    ("省税务局牵头，省人力资源社会保障厅，省税务局、广东银保监局等配合。",
     ("省税务局",), ("省人力资源社会保障厅", "省税务局", "广东银保监局")),
    ("省疫情防控指挥办牵头，省疫情防控指挥部各成员单位、工作组、专班按职责落实。",
     ("省疫情防控指挥办",), ("省疫情防控指挥部各成员单位", "工作组", "专班")),
])
def test_parse_responsibility_shapes(phrase: str, lead: tuple[str, ...], co: tuple[str, ...]) -> None:
    resp = parse_responsibility("张虎、王 曦", phrase)
    assert resp.leaders == ("张虎", "王曦")
    assert (resp.lead_units, resp.co_units, resp.parsed) == (lead, co, True)


def test_unknown_shape_is_reported_not_guessed() -> None:
    resp = parse_responsibility("张虎", "由省发展改革委统筹。")
    assert not resp.parsed and resp.lead_units == ()
    assert split_units("省文化和旅游厅、省委宣传部") == ("省文化和旅游厅", "省委宣传部")
