"""粤府〔2022〕13号 (layout task_list_web) parsed from the real, interleaved web text.

Every expected value below was read off data/corpus/000_66e95e684e169078.txt; the
comments say where (physical line of the file) the deciding text sits.
"""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.ingest.parsers.task_list_web import MISSING_TITLE, parse
from assistant.records import Task
from tests.conftest import corpus_document

SOURCE = "000_66e95e684e169078.txt"


@pytest.fixture(scope="module")
def doc() -> DocText:
    return corpus_document("粤府〔2022〕13号")


@pytest.fixture(scope="module")
def result(doc: DocText) -> ParseResult:
    return parse(doc)


@pytest.fixture(scope="module")
def tasks(result: ParseResult) -> dict[str, Task]:
    return {t.task_no: t for t in result.tasks}


def test_every_number_once(result: ParseResult) -> None:
    # The last heading printed on the page is "166.防范化解经济领域重大风险。"
    assert [t.task_no for t in result.tasks] == [str(n) for n in range(1, 167)]
    assert all(t.doc_id == "粤府〔2022〕13号" and t.source_file == SOURCE for t in result.tasks)


def test_titles_spans_and_sections(result: ParseResult, doc: DocText) -> None:
    for t in result.tasks:
        assert t.title, t.task_no
        start, end = t.span
        assert 0 <= start <= end <= len(doc.text.text)
        assert t.section.startswith(("一、", "二、", "三、", "四、", "五、", "六、", "七、",
                                     "八、", "九、", "十、", "十一、"))
    # 40 headings are in neither copy of the page text; those tasks say so.
    missing = [t for t in result.tasks if t.title == MISSING_TITLE]
    assert len(missing) == 40
    assert all(("标题", "网页文本中缺失") in t.extra for t in missing)


def test_attribution_counts(result: ParseResult) -> None:
    lacking = [t.task_no for t in result.tasks if not (t.leaders and t.lead_units) and not t.uncertain]
    assert lacking == []
    counts = Counter(t.confidence for t in result.tasks)
    # 67 tasks are stitched from fragments that are not next to each other (copy A + B)
    assert counts == {1.0: 62, 0.95: 67, 0.9: 2, 0.5: 2, 0.0: 33}
    assert all(t.leaders and t.lead_units for t in result.tasks if t.confidence >= 0.9)
    assert all(not t.leaders for t in result.tasks if t.confidence <= 0.5)


@pytest.mark.parametrize("task_no", ["12", "15", "17", "18", "19", "21", "39", "44", "45", "46"])
def test_stitched_tasks_keep_every_fragment(tasks: dict[str, Task], doc: DocText, task_no: str) -> None:
    """Tasks put together from far-apart places of the page keep each place's span, say so,
    and are not fully certain; every printed sentence of the task lies in one of the spans."""
    t = tasks[task_no]
    assert len(t.spans) >= 2 and t.confidence < 1.0
    assert any(k == "原文拼接" for k, _ in t.extra)
    printed = "".join(doc.text.text[a:b] for a, b in t.spans)
    assert t.title in printed
    for sentence in t.measures.split("。"):
        assert sentence in printed
    assert t.responsibility.replace("\n", "") in printed


def test_first_target_printed_twice_kept_once(tasks: dict[str, Task], doc: DocText) -> None:
    t = tasks["1"]
    assert t.title == "地区生产总值增长5.5%左右。"
    assert t.section == "一、2022年经济社会发展主要预期目标"
    assert (t.leaders, t.lead_units, t.co_units) == (("张虎",), ("省发展改革委",), ("各地", "各部门"))
    assert t.responsibility == "分管省领导：张虎\n部门分工：省发展改革委牵头，各地、各部门配合。"
    start, end = t.span
    assert doc.text.text[start:end].endswith("1.地区生产总值增长5.5%左右。分管省领导：张虎部门分工：省发展改革委牵头，各地、各部门配合。")


def test_responsibility_continues_on_next_line(tasks: dict[str, Task]) -> None:
    # line 3 ends "5.规模以上工业增加值增长5.5%。", line 4 starts with its responsibility
    t = tasks["5"]
    assert t.leaders == ("王曦",)
    assert t.lead_units == ("省工业和信息化厅",)
    assert t.co_units == ("各地", "制造强省建设领导小组各成员单位")


def test_responsibility_printed_after_another_tasks_measures(tasks: dict[str, Task]) -> None:
    # line 8: "工作措施：编制《粤港澳大湾区都市现代农业发展规划》。分管省领导：张虎部门分工：
    # 省发展改革委牵头。8.居民消费价格涨幅3%。" — the 工作措施 is task 16's (copy A),
    # the responsibility is task 7's (copy B, whose "7." ends line 7).
    assert tasks["7"].title == "居民人均可支配收入增长与经济增长基本同步。"
    assert (tasks["7"].leaders, tasks["7"].lead_units, tasks["7"].co_units) == (("张虎",), ("省发展改革委",), ())
    t = tasks["16"]  # its own responsibility is on line 18, before "17.全力建设好深圳先行示范区。"
    assert t.leaders == ("叶贞琴",)
    assert t.lead_units == ("省农业农村厅",)
    assert t.co_units == ("省住房城乡建设厅", "省生态环境厅", "省自然资源厅")
    assert t.measures.startswith("编制《粤港澳大湾区都市现代农业发展规划》。开展“美丽家园”")


def test_heading_followed_by_other_tasks_text(tasks: dict[str, Task]) -> None:
    # line 27: "五、…45.加强项目谋划储备…。工作措施：编制出台关于加强重大科技基础设施建设的
    # 实施意见。…分管省领导：张虎部门分工：省发展改革委牵头，省科技厅、财政厅等配合。
    # 分管省领导：张虎部门分工：省发展改革委牵头，省财政厅、…林业局等配合。46.…"
    t22, t45 = tasks["22"], tasks["45"]
    assert t22.title == "打造学科集中、区域集聚的世界一流重大科技基础设施群。"
    assert t22.co_units == ("省科技厅", "省财政厅")
    assert t22.measures.startswith("编制出台关于加强重大科技基础设施建设的实施意见。")
    assert t45.section == "五、多措并举扩大内需、稳定外需，加快重大基础设施建设，提升链接国内国际双循环功能"
    assert t45.co_units == ("省财政厅", "省自然资源厅", "省生态环境厅", "省交通运输厅", "省水利厅",
                            "省能源局", "省林业局")
    assert t45.measures.startswith("出台《加快推进重大项目建设促进有效投资的若干措施》")  # line 59
    assert "重大科技基础设施" not in t45.measures


def test_two_headings_back_to_back(tasks: dict[str, Task]) -> None:
    # line 42: "七、…72.全力稳定粮食产量，抓好重要农产品稳产保供。32.扩大制造业设备更新和技术改造投资。"
    t72, t32 = tasks["72"], tasks["32"]
    assert t72.section.startswith("七、全面推进乡村振兴")
    assert t72.lead_units == ("省农业农村厅",)
    assert t72.co_units[-3:] == ("省粮食和物资储备局", "省农科院", "省气象局")
    assert (t32.leaders, t32.lead_units) == (("王曦",), ("省工业和信息化厅",))
    assert t32.co_units == ("省发展改革委", "省科技厅", "省财政厅")
    assert "推动8500家企业开展技术改造。" in t32.measures
    assert "菜篮子" not in t32.measures


def test_two_leaders_and_the_same_line_for_two_tasks(tasks: dict[str, Task]) -> None:
    # tasks 13 and 46 print the same responsibility line (lines 13 and 28)
    for number in ("13", "46"):
        t = tasks[number]
        assert t.leaders == ("张虎", "陈良贤")
        assert t.lead_units == ("省发展改革委", "省交通运输厅")
        assert t.co_units == ("省财政厅", "省自然资源厅", "省生态环境厅", "省铁投集团", "中国铁路广州局集团")
    assert tasks["13"].title == "加快建设“轨道上的大湾区”。"
    assert tasks["46"].title == "加快交通强省建设。"


def test_city_governments_mixed_with_provincial_units(tasks: dict[str, Task]) -> None:
    t = tasks["14"]  # line 14
    assert t.title == "创新口岸通关模式。"
    assert t.co_units == ("深圳市政府", "珠海市政府", "省公安厅", "省港澳办", "省政府横琴办",
                          "海关总署广东分署", "广东海事局", "深圳边检总站", "珠海边检总站")
    t = tasks["39"]  # line 52, and copy A's on line 23 just before "40.促进工业互联网发展。"
    assert t.title == "大力发展数字经济。"
    assert t.leaders == ("张虎", "王曦")
    assert t.lead_units == ("省发展改革委", "省工业和信息化厅")
    assert t.co_units[:3] == ("广州市政府", "深圳市政府", "省委网信办")
    assert tasks["19"].lead_units == ("省发展改革委", "省政府横琴办")
    assert tasks["19"].co_units[0] == "珠海市政府"


def test_heading_lost_but_responsibility_before_next_heading(tasks: dict[str, Task]) -> None:
    # line 46: "…分管省领导：叶贞琴部门分工：省农业农村厅牵头，…农垦总局，广东银保监局等配合。
    # 78.加快发展休闲农业、设施农业、特色产业。" — "77." is in neither copy.
    t = tasks["77"]
    assert t.title == MISSING_TITLE
    assert t.confidence == 0.95  # responsibility settled, but its text comes in two pieces
    assert t.leaders == ("叶贞琴",)
    assert t.co_units[-1] == "广东银保监局"
    assert t.measures.startswith("创建一批国家农业现代化示范区和国家级现代农业产业园。")
    assert tasks["78"].title == "加快发展休闲农业、设施农业、特色产业。"


def test_task_without_responsibility_on_the_page(tasks: dict[str, Task]) -> None:
    # "76." is on line 44; copy A skips its responsibility and copy B ends at task 75.
    t = tasks["76"]
    assert t.title == "提升农业综合生产能力。"
    assert t.measures.startswith("大力实施乡村振兴科技支撑行动。")
    assert t.confidence == 0.0 and t.leaders == () and t.responsibility == ""


def test_number_inferred_from_hole_length(tasks: dict[str, Task]) -> None:
    # line 77 starts "分管省领导：许瑞生、孙志洋部门分工：省水利厅、林业局牵头。", then five
    # sentences of copy B, then "十、…128." — five lost sentences of copy A sit between,
    # so the line is not task 127's (that would stand right before "128.").
    t = tasks["126"]
    assert t.confidence == 0.9 and t.uncertain
    assert t.leaders == ("许瑞生", "孙志洋")
    assert t.lead_units == ("省水利厅", "省林业局")
    assert "林长制" in t.measures
    assert tasks["127"].confidence == 0.0


def test_undecidable_responsibility_is_not_guessed(tasks: dict[str, Task]) -> None:
    # line 96 starts with "分管省领导：王曦部门分工：省人力资源社会保障厅牵头，…"; it may be
    # task 157's or 158's (both headings are missing).
    for number in ("157", "158"):
        t = tasks[number]
        assert t.confidence == 0.5 and t.leaders == () and t.lead_units == ()
        (candidate,) = [v for k, v in t.extra if k == "可能的分工"]
        assert candidate.startswith("分管省领导：王曦部门分工：省人力资源社会保障厅牵头")


def test_non_person_leader_and_other_co_phrase(tasks: dict[str, Task]) -> None:
    t = tasks["165"]  # line 101, before "166.防范化解经济领域重大风险。"
    assert t.title == "慎终如始抓好常态化疫情防控。"
    assert t.leaders == ("省疫情防控指挥部领导",)
    assert t.lead_units == ("省疫情防控指挥办",)
    assert t.co_units == ("省疫情防控指挥部各成员单位", "工作组", "专班")
    assert tasks["166"].title == "防范化解经济领域重大风险。"
    assert tasks["166"].section.startswith("十一、持续保障和改善民生")


def test_measures_have_no_sentence_twice_from_the_copies(result: ParseResult) -> None:
    for t in result.tasks:
        sentences = [s for s in t.measures.split("。") if s]
        repeated = [s for s, n in Counter(sentences).items() if n > 1]
        # task 79 prints "推进珠三角百万亩池塘升级改造，建设一批美丽渔场。" twice itself (line 47)
        assert repeated == [] or (t.task_no == "79" and repeated == ["推进珠三角百万亩池塘升级改造，建设一批美丽渔场"])
