"""Typed records that cross layer boundaries. Frozen, plain, JSON-friendly.

The corpus records (documents, tasks, sections, passages) have slots, no `__dict__`: a
process holds hundreds of thousands of them at 100 times the corpus."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from typing import Any

# Joins the printed fragments of a record in `source_text` (fragments that are not next to
# each other in the source file, e.g. a task of the web page put together from two copies).
SOURCE_SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One official document found in a corpus file (a gazette may hold several)."""

    doc_id: str  # 文号, NFKC, no spaces, e.g. "粤府〔2023〕18号"
    title: str
    issuer: str
    level: str  # "省" | "市"
    year: int
    layout: str  # parser name, see assistant/ingest/parsers/__init__.py
    source_file: str
    span: tuple[int, int] = (0, 0)  # char span in the raw source file


def _field_values(record: Any) -> dict[str, Any]:
    """Field name -> value, in field order, without copying: what `dataclasses.asdict` gives
    for a record whose container fields `to_dict` then replaces (asdict deep-copies every
    tuple first, a tenth of a non-embedding answer's CPU)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))

# The people of the lead unit an annex row names ("省人力资源社会保障厅 杨红山"), kept in `extra`.
LEAD_HEAD, LEAD_DEPUTY = "主要负责人", "分管负责人"


@dataclass(frozen=True, slots=True)
class Task:
    """One numbered task of a task-division document (or one annex row)."""

    doc_id: str
    task_no: str  # as printed: "10"; annex rows "民生实事-3"
    title: str
    measures: str = ""  # 工作措施, may be empty
    leaders: tuple[str, ...] = ()  # normalized names, "谭萍"
    lead_units: tuple[str, ...] = ()
    co_units: tuple[str, ...] = ()
    section: str = ""  # heading path, " / "-joined: "一、... / (一)..."
    responsibility: str = ""  # the responsibility text as printed (display)
    source_file: str = ""
    span: tuple[int, int] = (0, 0)  # char span in the raw source file
    confidence: float = 1.0  # < 1.0 when attribution of leaders/units is uncertain
    kind: str = "task"  # "task" | "annex"
    extra: tuple[tuple[str, str], ...] = ()  # annex columns etc. as (name, value)
    # Raw (start, end) spans of every printed fragment the record rests on, in reading order
    # (`span` is their overall extent), and that text as printed (text.source_form of each
    # fragment, joined by SOURCE_SEPARATOR). Both are set by ingest from the source file.
    spans: tuple[tuple[int, int], ...] = ()
    source_text: str = ""

    @property
    def uncertain(self) -> bool:
        return self.confidence < 1.0

    @property
    def lead_people(self) -> list[tuple[str, str]]:
        """(role, names) of the lead unit's people the row prints: [("主要负责人", "杨红山")]."""
        extra = dict(self.extra)
        return [(role, extra[role]) for role in (LEAD_HEAD, LEAD_DEPUTY) if extra.get(role)]

    def to_dict(self) -> dict[str, Any]:
        d = _field_values(self)
        d["leaders"], d["lead_units"], d["co_units"] = (
            list(self.leaders), list(self.lead_units), list(self.co_units))
        d["span"] = list(self.span)
        d["spans"] = [list(s) for s in self.spans]
        d["extra"] = dict(self.extra)
        return d


@dataclass(frozen=True, slots=True)
class Section:
    """A non-task unit: plan chapter/节/专栏/表/table row, notice point or article."""

    doc_id: str
    kind: str  # chapter | section | box | table | table_row | article | point | preamble | item
    label: str  # "第三章", "第二节", "专栏1", "表2", "第五条", "一、", "(一)", "1."
    title: str
    text: str  # body text (display form)
    path: tuple[str, ...] = ()  # heading path down to and including this unit
    source_file: str = ""
    span: tuple[int, int] = (0, 0)
    extra: tuple[tuple[str, str], ...] = ()  # table row cells as (column, value)
    spans: tuple[tuple[int, int], ...] = ()  # as Task.spans
    source_text: str = ""  # as Task.source_text

    @property
    def path_str(self) -> str:
        return " / ".join(self.path)

    def to_dict(self) -> dict[str, Any]:
        d = _field_values(self)
        d["path"] = list(self.path)
        d["span"] = list(self.span)
        d["spans"] = [list(s) for s in self.spans]
        d["extra"] = dict(self.extra)
        return d


@dataclass(frozen=True, slots=True)
class Passage:
    """The unit of search: one task, section, article or table row."""

    passage_id: str  # content-derived
    doc_id: str
    text: str  # what is embedded and BM25-indexed
    task_no: str | None = None
    section: str = ""
    span: tuple[int, int] = (0, 0)
    source_file: str = ""
    kind: str = "task"
    spans: tuple[tuple[int, int], ...] = ()  # its record's raw spans
    source_text: str = ""  # its record's verbatim text (text.source_form)


@dataclass(frozen=True)
class Citation:
    doc_id: str
    doc_title: str
    text: str  # verbatim source text the answer rests on
    task_no: str | None = None
    section: str = ""
    score: float = 0.0
    highlight: str = ""  # the sentence(s) of `text` that answer the question
    kind: str = "task"  # passage kind: task, annex, section, table, table_row, point, article, ...
    display: str = ""  # a labelled rendering where `text` is hard to read (a table row's cells)

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "doc_title": self.doc_title, "task_no": self.task_no,
                "section": self.section, "text": self.text, "score": round(self.score, 4),
                "highlight": self.highlight, "kind": self.kind, "display": self.display}


@dataclass(frozen=True)
class Turn:
    role: str  # "user" | "assistant"
    content: str


@dataclass(frozen=True)
class Answer:
    answer: str
    answerable: bool
    citations: tuple[Citation, ...] = ()
    records: tuple[dict[str, Any], ...] = ()
    latency_ms: float = 0.0
    resolved_question: str = ""  # a follow-up as understood, e.g. "粮食产量的配合单位有哪些？"
    intent: str = ""
    answer_markdown: str = ""  # the same answer for the UI: sources with titles, verbatim text, tables

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "answerable": self.answerable,
            "citations": [c.to_dict() for c in self.citations],
            "records": list(self.records),
            "latency_ms": round(self.latency_ms, 2),
            "resolved_question": self.resolved_question,
            "intent": self.intent,
            "answer_markdown": self.answer_markdown,
        }
