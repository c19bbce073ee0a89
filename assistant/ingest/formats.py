"""Read a corpus file of any supported format into normalized text.

| suffix        | read as                                                                 |
|---------------|-------------------------------------------------------------------------|
| .txt          | UTF-8 (with or without BOM), any line ends                               |
| .md           | UTF-8 Markdown: "#" headings become heading marks, markup is dropped     |
| .docx         | python-docx: paragraphs, Word heading styles, tables (one row a line,    |
|               | cells tab-separated)                                                     |
| .pdf          | the text layer (pypdfium2); no OCR                                       |

For .txt and .md the raw text is the file itself, so record spans point into the file.
For .docx and .pdf the raw text is the text extracted from it (one paragraph or table
row a line, pages joined by newlines), and spans point into that text.

Headings known from the format (Markdown "#", Word "Heading N" / "标题 N") travel with
the text in `NormText.headings` (level by raw offset); the generic layout makes them
section paths.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import CorpusError
from assistant.text import NormText

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")
MIN_PDF_CHARS = 20  # fewer non-space characters than this: the PDF has no text layer

_MD_HEADING = re.compile(r"(?m)^\ufeff?[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
_MD_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_MD_MARKUP = re.compile(
    r"\*\*|__|~~|`"  # bold, strike-through, code
    r"|(?m:^[ \t]*>[ \t]?)"  # block quote
    r"|(?m:^[ \t]*[-*+][ \t]+)"  # bullet
    r"|(?m:^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$)"  # horizontal rule
    r"|(?m:^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+(?:[ \t]*:?-{2,}:?[ \t]*)?$)"  # table rule |---|---|
    r"|\[(?=[^\]\n]*\]\()|\]\([^)\n]*\)"  # [text](url) -> text
    r"|(?m:^[ \t]*```.*$)"  # code fence
)
_WORD_HEADING = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)


def read_text(path: Path) -> NormText:
    """The normalized text of a corpus file; CorpusError names the file and the fix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = " (save a .doc as .docx)" if suffix == ".doc" else ""
        raise CorpusError(f"{path}: unsupported file type {suffix or '(none)'!r}; "
                          f"supported: {', '.join(SUFFIXES)}{hint}")
    try:
        if suffix == ".docx":
            raw, headings = _docx(path)
        elif suffix == ".pdf":
            raw, headings = _pdf(path), {}
        else:
            raw = _decode(path)
            headings = _md_headings(raw) if suffix in (".md", ".markdown") else {}
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc}") from exc
    if not raw.strip():
        raise CorpusError(f"{path} is empty")
    text = NormText.from_raw(raw, headings)
    if suffix in (".md", ".markdown"):
        text = _drop_raw(text, _md_markup(raw))
    return text


def _decode(path: Path) -> str:
    """UTF-8 text (a BOM stays in the raw text; normalization drops it)."""
    data = path.read_bytes()
    for magic, what in ((b"PK\x03\x04", "a Word (.docx) or other zip file: give it the .docx suffix"),
                        (b"%PDF", "a PDF file: give it the .pdf suffix"),
                        (b"\xd0\xcf\x11\xe0", "a legacy Word .doc file: save it as .docx or UTF-8 .txt")):
        if data.startswith(magic):
            raise CorpusError(f"{path} is not UTF-8 text but {what}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{path} is not UTF-8 text but UTF-16; save it as UTF-8 "
                          f"(e.g. `iconv -f UTF-16 -t UTF-8 {path.name} > {path.stem}.utf8{path.suffix}`)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            data.decode("gb18030")
            guess = "it looks like GBK/GB18030 (what Chinese Windows editors save)"
            source = "GB18030"
        except UnicodeDecodeError:
            guess, source = "its encoding is unknown", "<its encoding>"
        raise CorpusError(
            f"{path} is not UTF-8 text (byte {exc.start}); {guess}. Convert it to UTF-8, e.g. "
            f"`iconv -f {source} -t UTF-8 {path.name} > {path.stem}.utf8{path.suffix}`, "
            "or save it as UTF-8 in the editor") from exc


def _md_headings(raw: str) -> dict[int, int]:
    return {m.end(): len(m.group(1)) for m in _MD_HEADING.finditer(raw)}


def _md_markup(raw: str) -> set[int]:
    """Raw offsets of Markdown markup characters: heading hashes, **, bullets, rules, links."""
    drop: set[int] = set()
    for m in _MD_HEADING.finditer(raw):
        drop.update(range(m.start(), m.end()))
        line_end = raw.find("\n", m.end())
        line = raw[m.end():len(raw) if line_end < 0 else line_end].rstrip("\r")
        if c := _MD_CLOSING_HASHES.search(line):
            drop.update(range(m.end() + c.start(), m.end() + c.end()))
    for m in _MD_MARKUP.finditer(raw):
        drop.update(range(m.start(), m.end()))
    return drop


def _drop_raw(text: NormText, raw_offsets: set[int]) -> NormText:
    """`text` without the normalized characters that come from the given raw offsets."""
    if not raw_offsets:
        return text
    keep = [i for i, off in enumerate(text.offsets[:len(text.text)]) if off not in raw_offsets]
    return NormText(text.raw, "".join(text.text[i] for i in keep),
                    [text.offsets[i] for i in keep] + [len(text.raw)], text.headings)


def _docx(path: Path) -> tuple[str, dict[int, int]]:
    """Paragraphs one a line, Word heading styles as heading marks, table rows as tab-separated lines."""
    try:
        import docx
        from docx.table import Table
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise CorpusError("reading .docx needs python-docx (pip install python-docx)") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a damaged file
        raise CorpusError(f"{path} is not a readable .docx file ({exc}); "
                          "open and re-save it in Word, or save it as UTF-8 .txt") from exc
    lines: list[str] = []
    headings: dict[int, int] = {}
    pos = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:  # a merged cell is repeated: keep it once
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(re.sub(r"\s+", " ", cell.text).strip())
                rows.append("\t".join(cells))
            new = rows
        else:
            text = block.text.replace("\t", " ").replace("\v", "\n").strip()
            style = block.style.name if block.style is not None else ""
            level = _WORD_HEADING.search(style or "")
            if level and text:
                headings[pos] = int(level.group(1))
            new = [text]
        for line in new:
            lines.append(line)
            pos += len(line) + 1
    return "\n".join(lines), headings


def _pdf(path: Path) -> str:
    """The PDF's text layer, page after page; CorpusError when it has none."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise CorpusError("reading .pdf needs pypdfium2 (pip install pypdfium2)") from exc
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # PdfiumError: damaged or password-protected
        raise CorpusError(f"{path} cannot be opened as a PDF ({exc}); "
                          "if it is password-protected, save an unprotected copy") from exc
    pages = []
    try:
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", "", text)
    if len(re.sub(r"\s", "", text)) < MIN_PDF_CHARS:
        raise CorpusError(f"{path} has no text layer (a scanned image?); this assistant does no OCR: "
                          "run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) or add the text as .txt/.docx")
    return text
