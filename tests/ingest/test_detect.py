"""What `assistant add` reads from a document: 文号, title, issuer, level, year and layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.detect import canonical_doc_id, detect
from assistant.ingest.formats import read_text
from tests.conftest import REPO
from tests.ingest.notice_files import NEW_DOCS

CASES = [
    ("gd_2025_tasks.txt", "粤府〔2025〕6号", "广东省人民政府关于印发2025年省《政府工作报告》工作任务分工方案的通知",
     "广东省人民政府", "省", 2025, "task_list"),
    ("gz_2025_tasks.txt", "穗府〔2025〕2号", "广州市人民政府关于印发2025年市政府工作报告重点工作任务分工的通知",
     "广州市人民政府", "市", 2025, "task_list"),
    ("gz_2025_table.tsv.txt", "", "", "广州市人民政府", "市", 2025, "task_table_tsv"),
    ("notice.md", "穗府办规〔2025〕9号", "广州市人民政府办公厅关于推进社区嵌入式服务设施建设的实施意见",
     "广州市人民政府办公厅", "市", 2025, "generic"),
]


@pytest.mark.parametrize(("name", "doc_id", "title", "issuer", "level", "year", "layout"), CASES)
def test_new_documents(name, doc_id, title, issuer, level, year, layout) -> None:
    found = detect(read_text(NEW_DOCS / name))
    assert (found.doc_id, found.title, found.issuer, found.level, found.year, found.layout) == \
        (doc_id, title, issuer, level, year, layout)


@pytest.mark.parametrize(("name", "layout"), [
    ("001_12b2ee999df5f0c2.txt", "task_list"),  # 粤府〔2023〕18号
    ("002_1da531ebc3724b8d.txt", "generic"),  # the plan: no task shape (its manifest says plan)
])
def test_corpus_files(name: str, layout: str) -> None:
    assert detect(read_text(REPO / "data" / "corpus" / name)).layout == layout


def test_corpus_number_and_year() -> None:
    found = detect(read_text(REPO / "data" / "corpus" / "001_12b2ee999df5f0c2.txt"))
    assert (found.doc_id, found.year, found.level) == ("粤府〔2023〕18号", 2023, "省")


@pytest.mark.parametrize(("given", "canonical"), [
    ("粤府[2025]3号", "粤府〔2025〕3号"), ("穗府（2025）12号", "穗府〔2025〕12号"),
    (" 粤府〔2023〕18号 ", "粤府〔2023〕18号"), ("广东省十四五规划纲要", "广东省十四五规划纲要"),
])
def test_canonical_doc_id(given: str, canonical: str) -> None:
    assert canonical_doc_id(given) == canonical


def test_markdown_title_is_its_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("# 关于开展夏季防汛检查的通知\n\n各单位：\n\n一、检查范围\n", encoding="utf-8")
    found = detect(read_text(path))
    assert (found.doc_id, found.title, found.layout) == ("", "关于开展夏季防汛检查的通知", "generic")


def _table_rows() -> list[list[str]]:
    text = (NEW_DOCS / "gz_2025_table.tsv.txt").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if "\t" in line]


def test_word_and_markdown_task_tables_are_task_tables(tmp_path: Path) -> None:
    import docx

    from assistant.ingest.gazette import DocText
    from assistant.ingest.manifest import DocumentEntry
    from assistant.ingest.parsers import task_table_tsv

    rows = _table_rows()
    document = docx.Document()
    document.add_paragraph("穗府〔2025〕3号")
    document.add_heading("2025年民生实事任务分工表", level=1)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.add_paragraph("广州市人民政府")
    document.add_paragraph("2025年1月10日")
    document.save(str(tmp_path / "table.docx"))
    pipes = ["| " + " | ".join(row) + " |" for row in rows]
    (tmp_path / "table.md").write_text("穗府〔2025〕3号\n\n# 2025年民生实事任务分工表\n\n" + pipes[0] + "\n|---|---|---|---|---|\n"
                                       + "\n".join(pipes[1:]) + "\n\n广州市人民政府\n2025年1月10日\n", encoding="utf-8")
    for name in ("table.docx", "table.md"):
        text = read_text(tmp_path / name)
        found = detect(text)
        assert (found.doc_id, found.title, found.layout) == ("穗府〔2025〕3号", "2025年民生实事任务分工表",
                                                             "task_table_tsv"), name
        tasks = task_table_tsv.parse(DocText(DocumentEntry(found.doc_id), name, text)).tasks
        assert [(t.task_no, t.leaders, t.lead_units, t.confidence) for t in tasks] == [
            ("1", ("黄志远",), ("市民政局",), 1.0), ("2", ("韩冬青",), ("市住房城乡建设局",), 1.0),
            ("3", ("苏晓岚",), ("市林业园林局",), 1.0)], name
        assert tasks[1].co_units == ("市市场监管局", "各区政府")
