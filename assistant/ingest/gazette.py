"""Read a corpus file and split it into its documents (gazette contents/about pages dropped)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import CorpusError
from assistant.ingest.formats import read_text
from assistant.ingest.manifest import DocumentEntry, FileEntry
from assistant.text import NormText


@dataclass
class DocText:
    """One document's normalized text; offsets point into the raw source file."""

    entry: DocumentEntry
    source_file: str
    text: NormText


def read_source(entry: FileEntry) -> NormText:
    """File (.txt .md .docx .pdf) -> normalized text with page noise removed. Errors name the file."""
    text = read_text(entry.path)
    for pattern in entry.noise:
        text = text.delete(pattern)
    return text


def _line_start(text: str, marker: str, after: int = 0) -> int:
    """Index of the first line (at or after `after`) whose content equals `marker`."""
    rx = re.compile(rf"(?m)^[ \t]*{re.escape(marker)}[ \t]*$")
    m = rx.search(text, after)
    return -1 if m is None else m.start()


def split_documents(entry: FileEntry, text: NormText) -> list[DocText]:
    """Cut the file at each document's `start` line (plus its '...文件' banner above)."""
    starts: list[int] = []
    for doc in entry.documents:
        if not doc.start:
            starts.append(0)
            continue
        pos = _line_start(text.text, doc.start, starts[-1] if starts else 0)
        if pos < 0:
            raise CorpusError(f"{entry.path}: cannot find the start line {doc.start!r} "
                              f"of document {doc.doc_id}; check manifest.toml")
        # Include the issuer banner ("广州市人民政府办公厅文件") right above the number.
        before = text.text[:pos].rstrip("\n")
        banner = before.rfind("\n") + 1
        if before[banner:].strip().endswith("文件"):
            pos = banner
        starts.append(pos)
    docs: list[DocText] = []
    for i, doc in enumerate(entry.documents):
        start = starts[i]
        end = starts[i + 1] if i + 1 < len(starts) else len(text.text)
        if doc.end:
            stop = _line_start(text.text, doc.end, start)
            if stop >= 0:
                end = min(end, stop)
        if not text.text[start:end].strip():
            raise CorpusError(f"{entry.path}: document {doc.doc_id} is empty")
        docs.append(DocText(doc, entry.name, text.slice(start, end)))
    return docs
