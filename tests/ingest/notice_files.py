"""The test notice (tests/data/new_docs/notice.md) written as the other formats a user brings:
.txt with CRLF and a BOM, .docx (python-docx, Word heading styles and a table), .pdf (fpdf2)."""

from __future__ import annotations

import re
from pathlib import Path

NEW_DOCS = Path(__file__).resolve().parents[1] / "data" / "new_docs"
NOTICE_MD = NEW_DOCS / "notice.md"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def notice_blocks() -> list[tuple[str, object]]:
    """("heading", (level, text)) | ("para", text) | ("table", rows) in order, markup removed."""
    blocks: list[tuple[str, object]] = []
    table: list[list[str]] = []
    for line in NOTICE_MD.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("|"):
            if not re.fullmatch(r"\|[-|: ]+\|", line):
                table.append([c.strip() for c in line.strip("|").split("|")])
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line:
            continue
        line = line.replace("**", "")
        m = re.match(r"(#+)\s+(.*)", line)
        blocks.append(("heading", (len(m.group(1)), m.group(2))) if m else ("para", line))
    if table:
        blocks.append(("table", table))
    return blocks


def write_txt(path: Path) -> Path:
    """Plain text as a Windows editor saves it: BOM, CRLF, the table tab-separated."""
    lines = []
    for kind, value in notice_blocks():
        if kind == "heading":
            lines.append(value[1])
        elif kind == "para":
            lines.append(value)
        else:
            lines.extend("\t".join(row) for row in value)
        lines.append("")
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    return path


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, value in notice_blocks():
        if kind == "heading":
            level, text = value
            if level == 1:
                document.add_heading(text, level=0)  # the Title style
            else:
                document.add_heading(text, level=level - 1)
        elif kind == "para":
            document.add_paragraph(value)
        else:
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.save(str(path))
    return path


def write_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", fname=str(CJK_FONT), collection_font_number=2)  # Noto Sans CJK SC
    pdf.set_font("cjk", size=12)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, value in notice_blocks():
        if kind == "heading":
            pdf.multi_cell(width, 8, value[1], new_x="LMARGIN", new_y="NEXT")
        elif kind == "para":
            pdf.multi_cell(width, 8, value, new_x="LMARGIN", new_y="NEXT")
        else:
            for row in value:
                pdf.multi_cell(width, 8, "    ".join(row), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
