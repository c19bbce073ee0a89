"""Every supported file format gives the same notice; unreadable files get an error saying the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import CorpusError
from assistant.ingest.formats import read_text
from assistant.ingest.gazette import DocText
from assistant.ingest.manifest import DocumentEntry
from assistant.ingest.parsers import generic
from tests.ingest.notice_files import NOTICE_MD, write_docx, write_pdf, write_txt

DOC_ID = "穗府办规〔2025〕9号"


def _sections(path: Path):
    text = read_text(path)
    return generic.parse(DocText(DocumentEntry(DOC_ID, layout="generic"), path.name, text)).sections


def _at(sections, last: str):
    return next(s for s in sections if s.path and s.path[-1] == last)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("notice")
    return {"md": NOTICE_MD, "txt": write_txt(d / "notice.txt"), "docx": write_docx(d / "notice.docx"),
            "pdf": write_pdf(d / "notice.pdf")}


def test_windows_text_keeps_all_16_sections(files) -> None:
    raw = files["txt"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    sections = _sections(files["txt"])
    assert len(sections) == 16
    assert [s.path[-1] for s in sections if s.kind == "point"][:3] == [
        "(一)指导思想", "(二)主要目标", "1.新建住宅小区按每百户不低于30平方米的标准配建社区嵌入式服务…"]
    assert not any("\r" in s.text or "\ufeff" in s.text for s in sections)


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_every_format_gives_the_same_section_paths(files, fmt: str) -> None:
    expected = [(s.kind, s.path) for s in _sections(files["txt"]) if s.kind != "table_row"]
    got = [(s.kind, s.path) for s in _sections(files[fmt]) if s.kind != "table_row"]
    assert got == expected


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_tables_become_rows(files, fmt: str) -> None:
    rows = [s for s in _sections(files[fmt]) if s.kind == "table_row"]
    assert [r.label for r in rows] == ["越秀区", "天河区", "南沙区"]
    assert dict(rows[1].extra) == {"区": "天河区", "新建设施(个)": "15", "改造设施(个)": "10"}


def test_markdown_markup_is_gone(files) -> None:
    for s in _sections(files["md"]):
        assert "#" not in s.text and "**" not in s.text and "|" not in s.text, s
    goal = _at(_sections(files["md"]), "(一)指导思想")
    assert "把社区嵌入式服务设施作为" in goal.text


def test_markdown_spans_point_into_the_file(files) -> None:
    raw = NOTICE_MD.read_text(encoding="utf-8")
    text = read_text(NOTICE_MD)
    section = _at(_sections(files["md"]), "(二)强化用地保障")
    start, end = text.raw_span(*section.span)
    assert raw[start:end].startswith("（二）强化用地保障")


def test_pdf_lines_broken_at_the_margin_are_joined(files) -> None:
    goal = _at(_sections(files["pdf"]), "(二)主要目标")
    assert "每个设施服务半径原则上不超过1000米" in goal.text


def test_signature_is_its_own_section(files) -> None:
    for fmt in ("txt", "docx", "pdf"):
        last = _sections(files[fmt])[-1]
        assert (last.label, last.text) == ("落款", "广州市人民政府办公厅\n2025年2月20日")


def test_gbk_text_gets_conversion_advice(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("一、总体要求\n坚持以人民为中心。".encode("gb18030"))
    with pytest.raises(CorpusError) as err:
        read_text(path)
    message = str(err.value)
    assert "is not UTF-8" in message and "GB18030" in message and "iconv" in message
    assert "\n" not in message


def test_word_file_named_txt_is_recognized(files, tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(files["docx"].read_bytes())
    with pytest.raises(CorpusError, match=r"not UTF-8 text but a Word \(.docx\)"):
        read_text(path)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a scan would be an image: no text either way
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(CorpusError, match="has no text layer.*no OCR"):
        read_text(tmp_path / "scan.pdf")


def test_unsupported_suffix(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0rest")
    with pytest.raises(CorpusError, match=r"unsupported file type '.doc'.*save a .doc as .docx"):
        read_text(tmp_path / "old.doc")
