"""notice parser on the real notices of the 2022 No. 8 and 2024 No. 7 gazettes
(data/corpus/003_285df7e8bd13503d.txt, PDF-extracted; 004_fcba8d3c3089ad58.txt).

Expected values were read from the source files (written here in normalized
form: fullwidth digits as ASCII, the PDF glyphs ꎬ ꎮ as ， 。).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.gazette import DocText, read_source, split_documents
from assistant.ingest.manifest import load_manifest
from assistant.ingest.parsers import ParseResult, notice
from assistant.records import Section

REPO = Path(__file__).resolve().parents[2]
CN = "一二三四五六七八九十"
ARTICLES = [f"第{n}条" for n in (*CN, "十一", "十二", "十三", "十四", "十五", "十六", "十七",
                                  "十八", "十九")]
FORWARDED = "粤府办〔2021〕22号"


def load(doc_id: str) -> DocText:
    for entry in load_manifest(REPO / "data" / "corpus"):
        for d in split_documents(entry, read_source(entry)):
            if d.entry.doc_id == doc_id:
                return d
    raise AssertionError(f"{doc_id} not in the manifest")


@pytest.fixture(scope="module")
def docs() -> dict[str, DocText]:
    return {i: load(i) for i in ("穗府办规〔2022〕3号", "穗工信规字〔2022〕1号", "穗府办规〔2024〕3号")}


@pytest.fixture(scope="module")
def results(docs: dict[str, DocText]) -> dict[str, ParseResult]:
    return {i: notice.parse(d) for i, d in docs.items()}


def of_kind(result: ParseResult, kind: str) -> list[Section]:
    return [s for s in result.sections if s.kind == kind]


def point(result: ParseResult, *path_end: str) -> Section:
    hits = [s for s in of_kind(result, "point") if s.path[-len(path_end):] == path_end]
    assert len(hits) == 1, (path_end, [s.path for s in hits])
    return hits[0]


# --- 穗工信规字〔2022〕1号: 第N章 / 第N条 ----------------------------------------

def test_all_19_articles_in_order_under_their_chapters(results) -> None:
    r = results["穗工信规字〔2022〕1号"]
    articles = of_kind(r, "article")
    assert [a.label for a in articles] == ARTICLES
    chapters = {a.label: a.path[0] for a in articles}
    assert chapters["第一条"] == chapters["第三条"] == "第一章 总则"
    assert chapters["第四条"] == chapters["第十条"] == "第二章 安全主体职责"
    assert chapters["第十一条"] == chapters["第十三条"] == "第三章 监管职责分工"
    assert chapters["第十四条"] == chapters["第十七条"] == "第四章 追责处置机制"
    assert chapters["第十八条"] == chapters["第十九条"] == "第五章 附则"
    assert all(a.path == (a.path[0], a.label) for a in articles)


def test_article_texts(results) -> None:
    arts = {a.label: a for a in of_kind(results["穗工信规字〔2022〕1号"], "article")}
    # Source line 3650: "第十九条　 本办法自 ２０２２ 年 ３ 月 １ 日起施行ꎬ 有效期 ３ 年ꎮ"
    assert arts["第十九条"].text == "第十九条本办法自2022年3月1日起施行，有效期3年。"
    # Source line 3522, wrapped mid-sentence in the PDF: "(ＧＢ ５０９６６) 要求建立完整的..."
    assert "《电动汽车充电站设计规范》(GB 50966)要求建立完整的充电监控及视频安防监控系统" in arts["第十条"].text
    # 第十二条 lists one department per paragraph.
    assert "\n市消防救援部门根据职责对充电设施场所进行消防安全检查和消防事故救援。\n" in arts["第十二条"].text
    assert "第十三条" not in arts["第十二条"].text


def test_measures_notice_preamble_and_signature(results) -> None:
    r = results["穗工信规字〔2022〕1号"]
    (pre,) = of_kind(r, "preamble")
    assert pre.title == "广州市工业和信息化局关于印发广州市电动汽车充电基础设施安全管理办法的通知"
    assert pre.text.endswith("现将《广州市电动汽车充电基础设施安全管理办法》印发给你们，请遵照执行。")
    (sig,) = of_kind(r, "item")
    assert sig.text == "广州市工业和信息化局\n2022年1月18日"


# --- 穗府办规〔2024〕3号: 一、(一) 1. points and the 环卫 allowance table -------------

def test_allowance_table_rows(results) -> None:
    r = results["穗府办规〔2024〕3号"]
    (table,) = of_kind(r, "table")
    assert table.title == "广州市环卫工人岗位津贴等级划分标准"
    rows = of_kind(r, "table_row")
    assert [(dict(x.extra)["岗位等次"], dict(x.extra)["津贴标准(元/日)"]) for x in rows] == [
        ("一类岗位", "25"), ("二类岗位", "23"), ("三类岗位", "20")]
    assert [c for c, _ in rows[0].extra] == ["岗位等次", "津贴标准(元/日)", "岗位明细"]
    assert dict(rows[0].extra)["岗位明细"].startswith("道路人工清扫保洁工、高压清洗工、消杀员；")
    assert dict(rows[1].extra)["岗位明细"] == (
        "乱涂写、乱张贴清除工；垃圾渗滤液处理工；垃圾填埋场沼气收集工；吊车司机(桥吊、正面吊)；"
        "市容环境卫生质量监管巡查人员。")
    assert rows[2].path == ("附件 广州市环卫工人岗位津贴等级划分标准", "三类岗位")


def test_sanitation_points(results) -> None:
    r = results["穗府办规〔2024〕3号"]
    assert len([s for s in of_kind(r, "point") if s.label.endswith("、")]) == 6
    allowance = point(r, "三、环卫用工基本成本标准构成", "(二)环卫岗位津贴")
    assert "一类岗位津贴，每人每日补助25元；二类岗位津贴，每人每日补助23元" in allowance.text
    heat = point(r, "(四)高温津贴")
    assert "我市高温津贴标准为每人每月300元" in heat.text
    driver = point(r, "四、鼓励建立激励性分配机制", "(二)设立技能岗位补贴", "1.驾驶员")
    assert driver.label == "1." and driver.title == "驾驶员"
    guide = point(r, "一、总体要求", "(一)指导思想")
    assert guide.text.startswith("(一)指导思想。\n坚持以习近平新时代中国特色社会主义思想为指导")
    # Source lines 105-107: "...鼓励设立职业技能" / "等级补贴，参考发放标准：..."
    skill = point(r, "(三)设立职业技能等级补贴")
    assert "鼓励设立职业技能等级补贴，参考发放标准：职业技能五级/初级工100元/月" in skill.text
    (sig,) = of_kind(r, "item")
    assert sig.text.splitlines() == ["附件：广州市环卫工人岗位津贴等级划分标准",
                                     "广州市人民政府办公厅", "2024年2月5日"]
    assert "广州市人民政府办公厅" not in point(r, "六、附则").text


# --- 穗府办规〔2022〕3号 forwarding 粤府办〔2021〕22号 (PDF text) -------------------

def test_forwarding_notice_and_forwarded_document(results) -> None:
    r = results["穗府办规〔2022〕3号"]
    own = [s for s in of_kind(r, "point") if not s.path[0].startswith(FORWARDED)]
    assert [s.label for s in own] == ["一、", "二、", "三、", "四、"]
    assert own[3].text == ("四、本通知自印发之日起执行，有效期5年。2021年8月1日至本通知印发前，"
                           "按粤府办〔2021〕22号文执行新计提办法的征地社保费，参照本通知执行。")
    fwd = [s for s in of_kind(r, "point") if s.path[0].startswith(FORWARDED)]
    assert [s.label for s in fwd if s.label.endswith("、")] == [f"{c}、" for c in CN[:8]]
    assert fwd[0].path[0] == (f"{FORWARDED} 广东省人民政府办公厅转发省人力资源社会保障厅"
                              "关于进一步完善我省被征地农民养老保障政策意见的通知")
    second = point(r, "(二)坚持“先保后征”，合理确定标准")
    assert second.path[1:] == ("一、指导思想和基本原则", "(二)坚持“先保后征”，合理确定标准")
    # PDF lines 3148-3150 joined: "...在１５ 万—２０ 万元" / "(含 ２０ 万元) / 亩区间的..."
    raise_ = point(r, "二、征地社保费筹集")
    assert "在15万—20万元(含20万元)/亩区间的，按不低于12%计提；在20万元/亩以上的，按不低于10%计提。" \
        in raise_.text
    assert raise_.text.startswith("二、征地社保费筹集\n每次征地时，")
    sigs = of_kind(r, "item")
    assert [s.text.splitlines()[-1] for s in sigs] == ["2022年2月21日", "2021年7月6日"]
    pre = of_kind(r, "preamble")
    assert pre[0].title == "广州市人民政府办公厅转发关于进一步完善我省被征地农民养老保障政策意见的通知"
    assert pre[-1].text.endswith("为进一步做好我省被征地农民养老保障(以下简称征地社保)工作，完善相关政策，提出以下意见。")


def test_land_social_security_table(results) -> None:
    r = results["穗府办规〔2022〕3号"]
    (table,) = of_kind(r, "table")
    assert table.title == "广州市征地社保费计提比例表"
    assert "说明: 1.征地社保费按照所在区的平均区片价乘以对应档次的计提比例计算。计算结果向上取整，精确到百元。" \
        in table.text
    rows = {s.label: dict(s.extra) for s in of_kind(r, "table_row")}
    assert len(rows) == 11
    assert rows["第一档"]["征地社保费计提比例"] == "20%"
    assert rows["第一档"]["本档最低计提标准(万元/亩)"] == "—"
    assert rows["第二档"] == {"档次": "第二档", "省的划分范围": "第二级 5万至10万元(含10万元)/亩",
                              "广州市的划分范围": "5万至8万元(含8万元)/亩",
                              "征地社保费计提比例": "19%", "本档最低计提标准(万元/亩)": "1.00"}
    assert (rows["第九档"]["征地社保费计提比例"], rows["第九档"]["本档最低计提标准(万元/亩)"]) == (
        "12%", "2.47")
    assert rows["第十一档"]["广州市的划分范围"] == "50万元/亩以上"
    assert rows["第十一档"]["省的划分范围"] == "第五级 20万元/亩以上"
    assert rows["第十一档"]["本档最低计提标准(万元/亩)"] == "5.5"


# --- all three -------------------------------------------------------------------

def test_records_are_clean_and_spans_point_at_them(docs, results) -> None:
    for doc_id, r in results.items():
        text = docs[doc_id].text.text
        assert not r.warnings
        for s in r.sections:
            assert s.doc_id == doc_id and s.source_file == docs[doc_id].source_file
            assert 0 <= s.span[0] < s.span[1] <= len(text)
            assert s.text.strip() and "\n\n" not in s.text
            assert "本文与正式文件同等效力" not in s.text and "公开方式" not in s.text
            if s.kind in ("point", "article"):
                assert text[s.span[0]:].startswith(s.label)
                assert s.text.startswith(s.label)
            if s.kind == "point":
                assert s.path[-1] == s.label + s.title
