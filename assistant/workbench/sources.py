"""Locate a citation in its raw source file and cut the surrounding text.

A citation names (doc_id, task_no) or (doc_id, section, text). Task and section records
carry `span`, the raw char span in `source_file`, so a task is found exactly; a passage
is found by matching the cited text against the raw file in matching form (`compact`),
line by line, falling back to the span of the record its section names.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from assistant.records import Section, SourceDocument, Task
from assistant.store.records_db import RecordsDB
from assistant.text import GLYPHS, normalize_char
from assistant.workbench.errors import DocumentNotFoundError, SourceNotFoundError

CONTEXT_CHARS = 360  # raw chars shown before and after the cited span
MIN_LINE_MATCH = 4  # a cited line shorter than this (in matching form) is not searched alone


def display(raw: str) -> str:
    """Raw text as shown: the PDF glyph substitutions undone (ꎬ -> ，), everything else verbatim."""
    return "".join(GLYPHS.get(ch, ch) if ch not in "\u3000\u00a0" else ch for ch in raw)


def task_anchor(task_no: str) -> str:
    return f"task-{task_no}"


def section_anchor(index: int) -> str:
    return f"sec-{index}"


@dataclass(frozen=True)
class SourceView:
    """A citation located in its source: the cited span and its surroundings, verbatim."""

    doc_id: str
    doc_title: str
    issuer: str
    year: int
    level: str
    source_file: str
    span: tuple[int, int]  # raw char span of `cited` in source_file
    before: str
    cited: str
    after: str
    task_no: str | None = None
    section: str = ""  # heading path, " / "-joined
    label: str = ""  # "任务第10项", "第三章", "表2"
    anchor: str = ""  # id in the document view: "task-10", "sec-12"
    exact: bool = True  # False: the cited text (a task's title) is not verbatim inside `cited`
    focus: tuple[int, int] = (0, 0)  # chars of `cited` holding the answering sentences, if given

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        d["focus"] = list(self.focus)
        return d


class _Compacted:
    """A raw file in matching form (normalized, whitespace removed) with raw offsets."""

    def __init__(self, raw: str) -> None:
        chars: list[str] = []
        offsets: list[int] = []
        for i, ch in enumerate(raw):
            for out in normalize_char(ch):
                if not out.isspace():
                    chars.append(out)
                    offsets.append(i)
        self.text = "".join(chars)
        self.offsets = offsets

    def find(self, needle: str, start: int, end: int) -> tuple[int, int] | None:
        """Raw span of the first occurrence of `needle` (matching form) inside raw[start:end]."""
        lo = _bisect(self.offsets, start)
        hi = _bisect(self.offsets, end)
        i = self.text.find(needle, lo, hi)
        if i < 0:
            return None
        return self.offsets[i], self.offsets[i + len(needle) - 1] + 1


def _bisect(offsets: list[int], value: int) -> int:
    return bisect.bisect_left(offsets, value)


def _compact(text: str) -> str:
    return "".join(out for ch in text for out in normalize_char(ch) if not out.isspace())


_FIELD = re.compile(r"^[^：:]{1,12}[：:]")  # "序号：2；指标：…" rows synthesized from table cells


class SourceLocator:
    """Finds citations of the loaded records in the raw files under `corpus_dir`."""

    def __init__(self, records: RecordsDB, corpus_dir: Path, context_chars: int = CONTEXT_CHARS):
        self.records = records
        self.corpus_dir = Path(corpus_dir)
        self.context_chars = context_chars
        self._sections: dict[str, list[Section]] = {}

    # ---- public ---------------------------------------------------------------------
    def locate(self, doc_id: str, task_no: str | None = None, section: str | None = None,
               text: str | None = None, focus: str | None = None) -> SourceView:
        """The cited span with its context; SourceNotFoundError names what was not found.
        `focus` (a citation's `highlight`: the answering sentences) is marked inside it when
        found there verbatim."""
        view = self._locate(doc_id, task_no, section, text)
        if focus and len(_compact(focus)) >= MIN_LINE_MATCH:
            found = _compacted(self.corpus_dir / view.source_file).find(
                _compact(focus), view.span[0], view.span[1])
            if found:
                raw = self._raw(view.source_file)
                start = len(display(raw[view.span[0]:found[0]]))
                view = replace(view, focus=(start, start + len(display(raw[found[0]:found[1]]))))
        return view

    def _locate(self, doc_id: str, task_no: str | None, section: str | None,
                text: str | None) -> SourceView:
        doc = self.document(doc_id)
        if task_no:
            task = self.records.task_by_key.get((doc_id, str(task_no)))
            if task is None:
                raise SourceNotFoundError(f"{doc_id} has no task {task_no!r}; "
                                          f"see GET /api/documents/{doc_id} for its tasks")
            view = self._view(doc, task.span, task_no=task.task_no, section=task.section,
                              label=_task_label(task), anchor=task_anchor(task.task_no))
            # The 2022 web text interleaves two copies: some task spans lack their title.
            if _compact(task.title)[:6] not in _compact(view.cited):
                view = replace(view, exact=False)
            return view
        span = self._find_text(doc, text or "")
        exact = span is not None
        record = self._section_record(doc_id, section or "", span)
        if span is None:
            if record is None:
                raise SourceNotFoundError(
                    f"cannot find the cited text in {doc_id}"
                    + (f" (section {section!r})" if section else "")
                    + "; pass task_no, or section and text exactly as the citation gives them")
            span = record[1].span
        index, sec = record if record is not None else (None, None)
        path = sec.path_str if sec is not None else (section or "")
        return self._view(doc, span, section=path or (section or ""),
                          label=sec.label if sec is not None else "",
                          anchor=section_anchor(index) if index is not None else "", exact=exact)

    def document(self, doc_id: str) -> SourceDocument:
        doc = self.records.documents.get(doc_id)
        if doc is None:
            raise DocumentNotFoundError(
                f"no document {doc_id!r}; use a doc_id from GET /api/documents")
        return doc

    def sections(self, doc_id: str) -> list[Section]:
        """The document's sections in reading order (their index is the anchor number)."""
        if doc_id not in self._sections:
            secs = self.records.sections_by_doc.get(doc_id, [])
            self._sections[doc_id] = sorted(secs, key=lambda s: (s.span[0], -s.span[1]))
        return self._sections[doc_id]

    # ---- internals ------------------------------------------------------------------
    def _raw(self, source_file: str) -> str:
        return _read_raw(self.corpus_dir / source_file)

    def _find_text(self, doc: SourceDocument, text: str) -> tuple[int, int] | None:
        """Raw span from the first to the last cited line found in order inside the document."""
        compacted = _compacted(self.corpus_dir / doc.source_file)
        start, end = doc.span
        whole = _compact(text)
        if len(whole) >= MIN_LINE_MATCH:
            found = compacted.find(whole, start, end)
            if found:
                return found
        first: tuple[int, int] | None = None
        last: tuple[int, int] | None = None
        pos = start
        for line in re.split(r"[\n；;|]", text):
            needle = _compact(_FIELD.sub("", line.strip()))
            if len(needle) < MIN_LINE_MATCH:
                continue
            found = compacted.find(needle, pos, end)
            if found is None:
                continue
            if first is None:
                first = found
            last = found
            pos = found[1]
        if first is None or last is None:
            return None
        return first[0], last[1]

    def _section_record(self, doc_id: str, section: str,
                        span: tuple[int, int] | None) -> tuple[int, Section] | None:
        """The innermost section containing `span`, else the first whose path is `section`."""
        secs = self.sections(doc_id)
        if span is not None:
            inside = [(i, s) for i, s in enumerate(secs)
                      if s.span[0] <= span[0] and span[1] <= s.span[1] and s.span[1] > s.span[0]]
            if inside:
                return min(inside, key=lambda p: p[1].span[1] - p[1].span[0])
            before = [(i, s) for i, s in enumerate(secs) if s.span[0] <= span[0]]
            if before:
                return before[-1]
        if section:
            want = _compact(section)
            for i, s in enumerate(secs):
                if _compact(s.path_str) == want or _compact(" / ".join(s.path[:-1])) == want:
                    return i, s
            for i, s in enumerate(secs):
                if want and want in _compact(s.path_str):
                    return i, s
        return None

    def _view(self, doc: SourceDocument, span: tuple[int, int], *, task_no: str | None = None,
              section: str = "", label: str = "", anchor: str = "", exact: bool = True) -> SourceView:
        raw = self._raw(doc.source_file)
        s, e = span
        lo = max(doc.span[0], s - self.context_chars)
        hi = min(doc.span[1] or len(raw), e + self.context_chars)
        before, after = raw[lo:s], raw[e:hi]
        if lo > doc.span[0] and "\n" in before:  # start the context at a line start
            before = before[before.index("\n") + 1:]
        if hi < (doc.span[1] or len(raw)) and "\n" in after:  # and end it at a line end
            after = after[:after.rindex("\n")]
        return SourceView(doc_id=doc.doc_id, doc_title=doc.title, issuer=doc.issuer, year=doc.year,
                          level=doc.level, source_file=doc.source_file, span=(s, e),
                          before=display(before), cited=display(raw[s:e]), after=display(after),
                          task_no=task_no, section=section, label=label, anchor=anchor, exact=exact)


_LOCATORS: dict[int, SourceLocator] = {}


def locator_for(records: RecordsDB, corpus_dir: Path) -> SourceLocator:
    """One locator per loaded records (a reloaded index brings new records, hence a new one)."""
    locator = _LOCATORS.get(id(records))
    if locator is None or locator.records is not records or locator.corpus_dir != Path(corpus_dir):
        if len(_LOCATORS) >= 4:
            _LOCATORS.clear()
        locator = _LOCATORS[id(records)] = SourceLocator(records, corpus_dir)
    return locator


def _task_label(task: Task) -> str:
    if task.kind == "annex":
        return f"民生实事第{task.task_no.replace('民生实事-', '')}项"
    return f"任务第{task.task_no}项"


def _stamp(path: Path) -> tuple[int, int]:
    """(mtime, size): cached texts are re-read when a corpus file changes."""
    try:
        st = path.stat()
    except OSError as exc:
        raise SourceNotFoundError(f"cannot read the source file {path.name}: {exc}") from exc
    return st.st_mtime_ns, st.st_size


def _read_raw(path: Path) -> str:
    return _read_raw_cached(path, _stamp(path))


def _compacted(path: Path) -> _Compacted:
    return _compacted_cached(path, _stamp(path))


@functools.lru_cache(maxsize=16)
def _read_raw_cached(path: Path, stamp: tuple[int, int]) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceNotFoundError(f"cannot read the source file {path.name}: {exc}") from exc


@functools.lru_cache(maxsize=16)
def _compacted_cached(path: Path, stamp: tuple[int, int]) -> _Compacted:
    return _Compacted(_read_raw_cached(path, stamp))
