"""`assistant add` / `assistant remove`: put a document into the corpus or take it out, then ingest.

Adding copies the file into the corpus dir, writes its [[file]] entry into manifest.toml
(with what the text says about itself, see detect.py) and ingests. Removing deletes the
entry (and the file when no other document lives in it) and ingests. When the ingest
fails, the manifest and the corpus dir are put back as they were.

The manifest is edited as text, so its comments and layout stay as written.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.ingest.detect import Detected, canonical_doc_id, detect
from assistant.ingest.formats import read_text
from assistant.ingest.manifest import AUTO, MANIFEST_NAME, load_manifest
from assistant.ingest.parsers import LAYOUTS

LOCK_NAME = ".manifest.lock"
MANIFEST_HEADER = """\
# The corpus: per source file, the documents inside, their ids and layouts.
# Only name and doc_id are required; `assistant add FILE` writes an entry for you.
"""
_FILE_HEADER = re.compile(r"(?m)^[ \t]*\[\[file\]\][ \t]*(?:#.*)?$")
_DOC_HEADER = re.compile(r"(?m)^[ \t]*\[\[file\.document\]\][ \t]*(?:#.*)?$")


@dataclass
class Added:
    doc_id: str
    file: Path
    fields: dict  # what went into the manifest entry
    detected: Detected
    layout_detected: bool
    summary: object = None  # IngestSummary of the ingest that followed
    warnings: list[str] = field(default_factory=list)

    def document(self) -> dict:
        return next((d for d in self.summary.documents if d["doc_id"] == self.doc_id), {})

    def lines(self) -> list[str]:
        d = self.document()
        f = self.fields
        how = "detected" if self.layout_detected else "given"
        out = [f"added {self.doc_id} ({self.file})",
               f"  title   {f.get('title', '')}",
               f"  issuer  {f.get('issuer', '') or '-'}   level {f.get('level', '') or '-'}   "
               f"year {f.get('year', '') or '-'}",
               f"  layout  {f['layout']} ({how})",
               f"  found   tasks {d.get('tasks', 0)}, sections {d.get('sections', 0)}, "
               f"passages {d.get('passages', 0)}, uncertain tasks {d.get('uncertain_tasks', 0)}"]
        out += [f"  warning: {w}" for w in self.warnings]
        s = self.summary
        out.append(f"index {s.build_id} built in {s.seconds:.1f}s "
                   f"({s.embedded} passages embedded, {s.cached} from cache)")
        return out


@contextlib.contextmanager
def corpus_lock(settings: Settings) -> Iterator[None]:
    """One add / remove at a time per corpus dir (waits for the other to finish)."""
    settings.corpus_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.corpus_dir / LOCK_NAME, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _toml(value: object) -> str:
    return str(value) if isinstance(value, int) else json.dumps(str(value), ensure_ascii=False)


def _ids(settings: Settings) -> dict[str, str]:
    """doc_id -> file name of every document the manifest lists ({} for a new corpus)."""
    if not (settings.corpus_dir / MANIFEST_NAME).is_file():
        return {}
    data = tomllib.loads((settings.corpus_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    return {d.get("doc_id", ""): f.get("name", "") for f in data.get("file", []) for d in f.get("document", [])}


def add_document(settings: Settings, path: Path, *, doc_id: str | None = None, title: str | None = None,
                 year: int | None = None, level: str | None = None, layout: str = AUTO,
                 progress: bool = False) -> Added:
    """Copy `path` into the corpus, list it in the manifest and ingest."""
    from assistant.ingest.pipeline import ingest

    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path} does not exist or is not a file")
    if layout != AUTO and layout not in LAYOUTS:
        raise CorpusError(f"unknown layout {layout!r}; use {AUTO} or one of: {', '.join(sorted(LAYOUTS))}")
    text = read_text(path)  # refuses unreadable files before anything changes
    found = detect(text)
    did = canonical_doc_id(doc_id) if doc_id else found.doc_id or canonical_doc_id(title or found.title)
    if not did:
        raise CorpusError(f"{path}: no 文号 is printed in its first lines and no title was found; "
                          "give the document an id with --id")
    fields: dict[str, object] = {"doc_id": did}
    for key, given, seen in (("title", title, found.title or path.stem), ("issuer", None, found.issuer),
                             ("level", level, found.level), ("year", year, found.year)):
        value = given if given not in (None, "") else seen
        if value:
            fields[key] = value
    fields["layout"] = found.layout if layout == AUTO else layout

    with corpus_lock(settings):
        known = _ids(settings)
        if did in known:
            raise CorpusError(f"{did} is already in the corpus (file {known[did]}); "
                              f"run `assistant remove {did}` first to replace it")
        manifest = settings.corpus_dir / MANIFEST_NAME
        before = manifest.read_text(encoding="utf-8") if manifest.is_file() else None
        target, copied = _place(settings.corpus_dir, path)
        block = "\n[[file]]\n" + f"name = {_toml(target.name)}\n\n  [[file.document]]\n" + \
            "".join(f"  {k} = {_toml(v)}\n" for k, v in fields.items())
        manifest.write_text((before if before is not None else MANIFEST_HEADER).rstrip("\n") + "\n" + block,
                            encoding="utf-8")
        try:
            summary = ingest(settings, progress=progress)
        except BaseException:
            _restore(manifest, before)
            if copied:
                target.unlink(missing_ok=True)
            raise
    own = [w for w in summary.warnings if w.startswith(did)]
    return Added(did, target, fields, found, layout == AUTO, summary, own)


def _place(corpus_dir: Path, path: Path) -> tuple[Path, bool]:
    """Where the file lives in the corpus dir, and whether we copied it there."""
    target = corpus_dir / path.name
    if target.exists() and target.resolve() == path.resolve():
        return target, False  # dropped into the corpus dir by hand: list it where it is
    if target.exists():
        if target.read_bytes() == path.read_bytes():
            return target, False
        n = 2
        while (corpus_dir / f"{path.stem}-{n}{path.suffix}").exists():
            n += 1
        target = corpus_dir / f"{path.stem}-{n}{path.suffix}"
    shutil.copyfile(path, target)
    return target, True


def _restore(manifest: Path, before: str | None) -> None:
    if before is None:
        manifest.unlink(missing_ok=True)
    else:
        manifest.write_text(before, encoding="utf-8")


@dataclass
class Removed:
    doc_id: str
    file: str
    file_deleted: bool
    summary: object = None

    def lines(self) -> list[str]:
        s = self.summary
        gone = "deleted" if self.file_deleted else "kept (other documents live in it)"
        return [f"removed {self.doc_id} (file {self.file} {gone})",
                f"index {s.build_id} built in {s.seconds:.1f}s; documents now: "
                + ", ".join(d["doc_id"] for d in s.documents)]


def _segments(text: str, header: re.Pattern[str]) -> list[str]:
    """`text` cut before every header line; the first piece is what precedes the first header."""
    cuts = [m.start() for m in header.finditer(text)]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def remove_document(settings: Settings, doc_id: str, progress: bool = False) -> Removed:
    """Take a document out of the manifest (and its file out of the corpus dir) and ingest."""
    from assistant.ingest.pipeline import ingest

    with corpus_lock(settings):
        manifest = settings.corpus_dir / MANIFEST_NAME
        load_manifest(settings.corpus_dir)  # a broken manifest is reported before it is edited
        before = manifest.read_text(encoding="utf-8")
        known = _ids(settings)
        did = doc_id if doc_id in known else canonical_doc_id(doc_id)
        if did not in known:
            raise CorpusError(f"no document {doc_id!r} in {manifest}; documents: {', '.join(known)}")
        if len(known) == 1:
            raise CorpusError(f"{did} is the only document of the corpus; add another one first")
        files = _segments(before, _FILE_HEADER)
        out, file_name, deleted = [files[0]], "", False
        for seg in files[1:]:
            entry = tomllib.loads(seg.replace("[[file]]", "[file]", 1))["file"]
            docs = entry.get("document", [])
            k = next((i for i, d in enumerate(docs) if d.get("doc_id") == did), -1)
            if k < 0:
                out.append(seg)
                continue
            file_name = entry["name"]
            if len(docs) == 1:
                deleted = True
                continue
            parts = _segments(seg, _DOC_HEADER)  # [file part, doc 0, doc 1, ...]
            gone = docs[k]
            if k > 0 and not docs[k - 1].get("end") and gone.get("start"):
                # the document before would otherwise run on over the removed one's text
                parts[k] = parts[k].rstrip("\n") + f"\n  end = {_toml(gone['start'])}\n\n"
            del parts[k + 1]
            out.append("".join(parts))
        manifest.write_text("".join(out), encoding="utf-8")
        path = settings.corpus_dir / file_name
        saved = path.read_bytes() if deleted and path.is_file() else None
        if deleted:
            path.unlink(missing_ok=True)
        try:
            summary = ingest(settings, progress=progress)
        except BaseException:
            manifest.write_text(before, encoding="utf-8")
            if saved is not None:
                path.write_bytes(saved)
            raise
    return Removed(did, file_name, deleted, summary)
