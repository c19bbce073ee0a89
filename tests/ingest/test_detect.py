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
