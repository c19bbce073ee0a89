"""Read data/corpus/manifest.toml into typed entries, checking it against the corpus dir."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import CorpusError

MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class DocumentEntry:
    doc_id: str
    title: str
    issuer: str
    level: str
    year: int
    layout: str
    start: str = ""  # first line of the document inside a gazette ("" = file start)
    end: str = ""  # first line after it ("" = next document or file end)


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
        for d in f.get("document", []):
            try:
                entry = DocumentEntry(**d)
            except TypeError as exc:
                raise CorpusError(f"{path}: a document of {name} is malformed: {exc}") from exc
            if entry.layout not in LAYOUTS:
                raise CorpusError(f"{path}: document {entry.doc_id} of {name} has unknown layout "
                                  f"{entry.layout!r}; known layouts: {', '.join(sorted(LAYOUTS))}")
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
