"""The generic layout: headings of any policy text into section paths, tables into rows."""

from __future__ import annotations

from assistant.ingest.gazette import DocText
from assistant.ingest.manifest import DocumentEntry
from assistant.ingest.parsers import generic
from assistant.ingest.passages import MAX_PASSAGE_CHARS, build_passages
from assistant.text import NormText

MEASURES = """广州市停车场管理办法

第一章 总则

第一条 为了加强停车场管理，制定本办法。

第二条 本办法适用于本市行政区域内停车场的规划、建设和管理。

第二章 建设与管理

第一节 规划建设

第三条 新建建筑物应当按照下列标准配建停车位：
（一）住宅每户不少于1个；
（二）办公楼每100平方米不少于0.8个。

第二节 经营管理

第四条 停车场经营者应当遵守下列规定：
1. 公示收费标准；
2. 不得超标准收费。

第三章 附则

第五条 本办法自2025年5月1日起施行。
"""


def _parse(raw: str, doc_id: str = "测试办法"):
    return generic.parse(DocText(DocumentEntry(doc_id, layout="generic"), "t.txt", NormText.from_raw(raw)))


def test_chapters_sections_and_articles_become_paths() -> None:
    sections = {s.label: s for s in _parse(MEASURES).sections if s.kind == "article"}
    assert list(sections) == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert sections["第一条"].path == ("第一章 总则", "第一条为了加强停车场管理，制定本办法")
    assert sections["第三条"].path[:2] == ("第二章 建设与管理", "第一节 规划建设")
    assert sections["第四条"].path[:2] == ("第二章 建设与管理", "第二节 经营管理")
    assert sections["第五条"].path[0] == "第三章 附则"


def test_items_of_an_article_stay_in_its_body() -> None:
    article = next(s for s in _parse(MEASURES).sections if s.label == "第三条")
    assert "(一)住宅每户不少于1个；" in article.text and "(二)办公楼每100平方米不少于0.8个。" in article.text
    fourth = next(s for s in _parse(MEASURES).sections if s.label == "第四条")
    assert "2.不得超标准收费。" in fourth.text


def test_points_nest_by_style() -> None:
    raw = ("一、工作目标\n到2026年，建成示范点10个。\n二、工作措施\n（一）加强统筹\n"
           "1.建立联席会议制度。\n（1）每季度召开一次会议。\n2.明确责任分工。\n（二）强化督查\n定期通报进展。\n")
    paths = [s.path for s in _parse(raw).sections]
    assert paths == [
        ("一、工作目标",),
        ("二、工作措施", "(一)加强统筹", "1.建立联席会议制度"),
        ("二、工作措施", "(一)加强统筹", "1.建立联席会议制度", "(1)每季度召开一次会议"),
        ("二、工作措施", "(一)加强统筹", "2.明确责任分工"),
        ("二、工作措施", "(二)强化督查"),
    ]


def test_markdown_heading_level_carries_over_to_plain_siblings() -> None:
    raw = "# 标题的通知\n\n## 一、总体要求\n\n正文一。\n\n二、重点任务\n\n正文二。\n"
    from assistant.ingest.formats import _drop_raw, _md_headings, _md_markup

    text = _drop_raw(NormText.from_raw(raw, _md_headings(raw)), _md_markup(raw))
    sections = generic.parse(DocText(DocumentEntry("x", layout="generic"), "x.md", text)).sections
    assert [s.path for s in sections if s.kind == "point"] == [("一、总体要求",), ("二、重点任务",)]


def test_tab_separated_table_rows() -> None:
    raw = "三、补贴标准\n补贴标准如下表：\n档次\t补贴(元)\n第一档\t500\n第二档\t300\n说明：按年度发放。\n"
    sections = _parse(raw).sections
    rows = [s for s in sections if s.kind == "table_row"]
    assert [dict(r.extra) for r in rows] == [{"档次": "第一档", "补贴(元)": "500"},
                                             {"档次": "第二档", "补贴(元)": "300"}]
    assert rows[0].path == ("三、补贴标准", "补贴标准如下表：", "第一档")


def test_passage_windows_never_cross_a_heading() -> None:
    long_body = "".join(f"第{i}句说明停车场的具体管理要求和实施细则。" for i in range(60))
    raw = f"一、第一部分\n{long_body}\n二、第二部分\n第二部分的正文。\n"
    sections = _parse(raw).sections
    passages = build_passages([], sections)
    first = [p for p in passages if p.section == "一、第一部分"]
    assert len(first) > 2 and all(len(p.text) <= MAX_PASSAGE_CHARS * 2 for p in first)
    assert not any("第二部分" in p.text for p in first)
    assert any(p.section == "二、第二部分" and "第二部分的正文" in p.text for p in passages)


def test_signature_never_joins_the_last_point() -> None:
    raw = "一、工作要求\n各区要抓好落实。\n\n广州市人民政府\n2025年1月10日\n"
    sections = _parse(raw).sections
    assert sections[0].text == "一、工作要求\n各区要抓好落实。"
    assert (sections[-1].label, sections[-1].text) == ("落款", "广州市人民政府\n2025年1月10日")
