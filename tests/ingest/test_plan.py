"""plan parser on the real 广东省十四五规划纲要 (data/corpus/002_1da531ebc3724b8d.txt).

Expected values were read from the source file (in normalized form: fullwidth
"（%）" is written "(%)"), never from the parser's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult, plan
from tests.conftest import corpus_document
from assistant.records import Section
from assistant.text import compact, normalize

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "data" / "corpus" / "002_1da531ebc3724b8d.txt"
DOC_ID = "广东省十四五规划纲要"
HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+)(章|节)\s*(\S.*?)\s*$")


@pytest.fixture(scope="module")
def doc() -> DocText:
    return corpus_document(DOC_ID)


@pytest.fixture(scope="module")
def result(doc: DocText) -> ParseResult:
    return plan.parse(doc)


@pytest.fixture(scope="module")
def raw() -> str:
    return SOURCE.read_text(encoding="utf-8")


def of_kind(result: ParseResult, kind: str) -> list[Section]:
    return [s for s in result.sections if s.kind == kind]


def table_rows(result: ParseResult, label: str) -> list[Section]:
    return [s for s in of_kind(result, "table_row") if s.label.startswith(label + "-")]


def test_every_chapter_and_section_heading_is_a_record(result: ParseResult, raw: str) -> None:
    printed = []
    for line in raw.splitlines():
        if m := HEADING.match(line):
            printed.append((m.group(1) + m.group(2), compact(m.group(3))))
    parsed = [(s.label, compact(s.title)) for s in result.sections
              if s.kind in ("chapter", "section")]
    assert parsed == printed
    assert sum(1 for label, _ in printed if label.endswith("章")) == 21
    assert sum(1 for label, _ in printed if label.endswith("节")) == 83


def test_heading_format_and_paths(result: ParseResult) -> None:
    chapters = of_kind(result, "chapter")
    first = chapters[0]
    assert first.label == "第一章"
    assert first.path == ("第一章 “十三五”时期重大成就和“十四五”时期发展环境",)
    assert chapters[-1].path == ("第二十一章 完善规划实施保障机制",)
    sect = next(s for s in of_kind(result, "section")
                if s.path[0].startswith("第十二章") and s.label == "第三节")
    assert sect.path == ("第十二章 深入推进新型城镇化优化区域协调发展格局",
                         "第三节 支持推动深圳建设先行示范区、广州实现老城市新活力和“四个出新出彩”")
    assert sect.text.startswith("充分发挥广州、深圳“双核联动、比翼双飞”作用")


def test_chapter_text_is_its_intro_and_section_text_its_full_body(result: ParseResult) -> None:
    ch2 = next(s for s in of_kind(result, "chapter") if s.label == "第二章")
    assert ch2.text == ("围绕总定位总目标，准确把握新发展阶段，贯彻落实新发展理念，打造新发展格局战略支点，"
                        "扎实推动经济社会高质量发展，顺利开启全面建设社会主义现代化新征程。")
    # 第四章第一节 goes on after its box (专栏2): the closing paragraph is kept, the box is not.
    s41 = next(s for s in of_kind(result, "section")
               if s.path[0].startswith("第四章") and s.label == "第一节")
    assert "统筹谋划重点产业及产业集群布局。" in s41.text
    assert "培育具有国际竞争力的企业群。" in s41.text
    assert "1.新一代电子信息产业集群" not in s41.text


def test_footnote_breaks_rejoined_and_image_debris_dropped(result: ParseResult) -> None:
    # Source lines 29-30: "...五大险种" / "参保人数和基金累计结余均居全国第一。"
    s11 = next(s for s in of_kind(result, "section") if s.title == "“十三五”时期取得的重大成就")
    assert "五大险种参保人数和基金累计结余均居全国第一。" in s11.text
    # Source lines 830-833: "、“四免”" / "优化及“跨域通办”" / "。进一步增强..."
    assert any("“一件事”主题服务、“四免”优化及“跨域通办”。进一步增强" in s.text
               for s in result.sections)
    # Source line 943: "[image: image3.jpg]FREEAReEREERRTEE" and OCR debris below it.
    assert not any("[image" in s.text or "FREEAR" in s.text or "NERRNNN" in s.text
                   for s in result.sections)


def test_boxes(result: ParseResult, raw: str) -> None:
    boxes = of_kind(result, "box")
    assert len(boxes) == len(re.findall(r"(?m)^\s*专栏\d+", raw)) == 22
    assert [b.label for b in boxes] == [f"专栏{i}" for i in range(1, 23)]
    box5 = boxes[4]
    assert box5.title == "广东贸易高质量发展十大工程"
    assert box5.path[-1] == "专栏5 广东贸易高质量发展十大工程"
    assert box5.path[:2] == ("第六章 打造新发展格局战略支点畅通国内国际双循环",
                             "第四节 推动对外贸易高质量发展")
    assert box5.text.startswith("1.数字贸易工程。")
    assert "10.贸易金融创新工程。" in box5.text
    box8 = boxes[7]
    assert box8.text.endswith("三、水利信息化及其他\n实施广东智慧水利工程、广东水文能力提升工程等。")


def test_table2_indicator_rows(result: ParseResult) -> None:
    table = next(s for s in of_kind(result, "table") if s.label == "表2")
    assert table.title == "广东省“十四五”经济社会发展主要指标表"
    assert table.path[:2] == ("第二章 总体要求", "第四节 主要目标")
    rows = table_rows(result, "表2")
    assert len(rows) == 20
    assert [dict(r.extra)["序号"] for r in rows] == [str(i) for i in range(1, 21)]
    assert [c for c, _ in rows[0].extra] == ["序号", "指标", "2020年", "2025年", "年均增长[累计]", "属性"]
    by_no = {dict(r.extra)["序号"]: dict(r.extra) for r in rows}
    assert by_no["1"] == {"序号": "1", "指标": "地区生产总值增长(%)", "2020年": "2.3",
                          "2025年": "—", "年均增长[累计]": "5.0左右", "属性": "预期性"}
    assert (by_no["3"]["指标"], by_no["3"]["2020年"], by_no["3"]["2025年"]) == (
        "常住人口城镇化率(%)", "71.4*", "74.8")
    assert (by_no["9"]["2020年"], by_no["9"]["2025年"], by_no["9"]["年均增长[累计]"],
            by_no["9"]["属性"]) == ("11.14", "11.76", "[0.62]", "约束性")
    assert by_no["14"]["年均增长[累计]"] == "按国家核定目标执行"
    assert (by_no["18"]["指标"], by_no["18"]["2025年"], by_no["18"]["年均增长[累计]"]) == (
        "森林覆盖率(%)", "58.90", "[0.24]")
    assert by_no["20"] == {"序号": "20", "指标": "能源综合生产能力(万吨标准煤)", "2020年": "8900",
                           "2025年": "9500", "年均增长[累计]": "1.3%", "属性": "约束性"}
    # Category lines ("一、经济发展") sit in the path.
    assert rows[0].path[-2:] == ("一、经济发展", "地区生产总值增长(%)")
    assert rows[19].path[-2] == "五、安全保障"
    assert "注：1. [ ]内为累计数，*为2019年数。" in table.text


def test_table1_two_level_header_and_sub_indicators(result: ParseResult) -> None:
    rows = table_rows(result, "表1")
    assert [c for c, _ in rows[0].extra] == [
        "指标", "2015年基期数", "“十三五”规划目标值2020年", "“十三五”规划目标值五年年均增长[累计]",
        "“十三五”实际完成数2020年", "“十三五”实际完成数五年年均增长[累计]", "指标属性"]
    first = dict(rows[0].extra)
    assert (first["指标"], first["2015年基期数"], first["“十三五”实际完成数2020年"]) == (
        "1.地区生产总值(万亿元)", "7.47", "11.08")
    # "4.城镇化率" spans two sub-indicators; its 指标属性 cell is merged over both.
    sub = next(dict(r.extra) for r in rows if "户籍人口城镇化率" in r.title)
    assert sub["指标"] == "4.城镇化率 户籍人口城镇化率(%)"
    assert (sub["2015年基期数"], sub["“十三五”规划目标值2020年"], sub["指标属性"]) == (
        "44.1", "48.1", "预期性")


def test_annex_tables(result: ParseResult) -> None:
    annex1 = table_rows(result, "附件1")
    assert len(annex1) == 22
    assert dict(annex1[8].extra) == {"序号": "9", "规划名称": "广东省新型城镇化规划(2021-2035年)"}
    annex2 = table_rows(result, "附件2")
    total = dict(annex2[0].extra)
    assert (total["项目类别"], total["总投资"], total["到2020年底累计完成投资"],
            total["“十四五”投资"]) == ("合计103个大项", "93860", "12750", "50000")
    # The 农业农村 row lost a cell to an image in the source: kept, flagged, no columns.
    broken = next(r for r in annex2 if r.title.startswith("农业农村领域"))
    assert broken.extra == ()
    assert any("附件2" in w for w in result.warnings)


def test_glossary(result: ParseResult, raw: str) -> None:
    items = of_kind(result, "item")
    assert len(items) == raw.count("\ufffd") == 31
    lng = next(s for s in items if s.label == "LNG")
    assert lng.text == "LNG：液化天然气。"
    assert items[0].text == "5G：第五代移动通信网络。"


def test_preamble(result: ParseResult) -> None:
    pre = of_kind(result, "preamble")
    assert len(pre) == 1
    assert pre[0].text.startswith("本规划纲要根据党的十九届五中全会精神")
    assert pre[0].text.endswith("是未来五年我省经济社会发展的宏伟蓝图和全省人民共同的行动纲领。")


def test_records_are_clean_and_spans_point_at_them(doc: DocText, result: ParseResult) -> None:
    text = doc.text.text
    for s in result.sections:
        assert s.doc_id == DOC_ID and s.source_file == "002_1da531ebc3724b8d.txt"
        assert 0 <= s.span[0] < s.span[1] <= len(text)
        assert s.text.strip() and "\n\n" not in s.text
        if s.kind in ("chapter", "section", "box", "table"):
            assert text[s.span[0]:].startswith(s.label)
    for s in of_kind(result, "section") + of_kind(result, "chapter"):
        assert normalize(s.title) == s.title and "  " not in s.title
