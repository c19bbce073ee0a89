"""Read data/corpus/manifest.toml into typed entries, checking it against the corpus dir."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import CorpusError

MANIFEST_NAME = "manifest.toml"


AUTO = "auto"  # layout chosen from the text (assistant/ingest/detect.py)


@dataclass(frozen=True)
class DocumentEntry:
    """One document of a corpus file. Only doc_id is required: empty fields are read
    from the text at ingest (assistant/ingest/detect.py)."""

    doc_id: str
    title: str = ""
    issuer: str = ""
    level: str = ""  # "省" | "市" ("" = from the text)
    year: int = 0  # 0 = from the text
    layout: str = AUTO
    start: str = ""  # first line of the document inside a gazette ("" = file start)
    end: str = ""  # first line after it ("" = next document or file end)


FIELDS = {f: t for f, t in (("doc_id", str), ("title", str), ("issuer", str), ("level", str),
                            ("year", int), ("layout", str), ("start", str), ("end", str))}


@dataclass(frozen=True)
class FileEntry:
    name: str
    path: Path
    documents: tuple[DocumentEntry, ...]
    noise: tuple[str, ...] = ()


def load_manifest(corpus_dir: Path) -> list[FileEntry]:
    """Parse and validate the manifest; every error names the file and the fix."""
    from assistant.ingest.parsers import LAYOUTS

    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory {corpus_dir} does not exist; "
                          "set ASSISTANT_CORPUS_DIR or copy the documents into data/corpus/")
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        raise CorpusError(f"{path} is missing; the corpus needs a manifest listing its files")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} is not valid TOML: {exc}") from exc
    files: list[FileEntry] = []
    seen: set[str] = set()
    for i, f in enumerate(data.get("file", [])):
        name = f.get("name")
        if not name:
            raise CorpusError(f"{path}: [[file]] #{i + 1} has no name")
        fpath = corpus_dir / name
        if not fpath.is_file():
            raise CorpusError(f"{path} names {name}, but {fpath} does not exist")
        docs = []
        for j, d in enumerate(f.get("document", [])):
            entry = _document_entry(path, name, j, d)
            if entry.layout != AUTO and entry.layout not in LAYOUTS:
                raise CorpusError(f"{path}: document {entry.doc_id} of {name} has unknown layout "
                                  f"{entry.layout!r}; known layouts: {AUTO}, {', '.join(sorted(LAYOUTS))}")
            if entry.doc_id in seen:
                raise CorpusError(f"{path}: document id {entry.doc_id} appears twice")
            seen.add(entry.doc_id)
            docs.append(entry)
        if not docs:
            raise CorpusError(f"{path}: file {name} lists no documents")
        files.append(FileEntry(name, fpath, tuple(docs), tuple(f.get("noise", []))))
    if not files:
        raise CorpusError(f"{path} lists no files")
    return files


def _document_entry(path: Path, name: str, j: int, d: dict) -> DocumentEntry:
    """One [[file.document]] table; a missing doc_id or a wrong field is one readable error."""
    where = f"{path}: document #{j + 1} of {name}"
    if not d.get("doc_id"):
        raise CorpusError(f"{where} has no doc_id; add doc_id = \"<文号, or a name of your choice>\"")
    for key, value in d.items():
        if key not in FIELDS:
            raise CorpusError(f"{where} has an unknown field {key!r}; fields: {', '.join(FIELDS)}")
        if not isinstance(value, FIELDS[key]) or isinstance(value, bool):
            raise CorpusError(f"{where}: field {key} = {value!r} should be "
                              f"{'a number' if FIELDS[key] is int else 'a string'}")
    return DocumentEntry(**d)
