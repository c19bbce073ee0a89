"""Comparison test with the source file as the oracle: every record's `source_text` is the
printed text of its `spans`, and the record's parsed fields come from that text."""

from __future__ import annotations

import functools

import pytest

from assistant.config import Settings
from assistant.ingest.parsers.task_list_web import MISSING_TITLE
from assistant.ingest.pipeline import parse_corpus
from assistant.ingest.passages import build_passages
from assistant.records import SOURCE_SEPARATOR
from assistant.text import compact, source_form
from tests.conftest import REPO

CORPUS = REPO / "data" / "corpus"


@functools.cache
def _corpus():
    documents, tasks, sections, _, _ = parse_corpus(Settings(corpus_dir=CORPUS))
    raw = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    return documents, tasks, sections, raw


@functools.cache
def _printed(name: str) -> str:
    return source_form(_corpus()[3][name])


def _check(record, raw: dict[str, str]) -> None:
    text = raw[record.source_file]
    where = f"{record.doc_id} {getattr(record, 'task_no', None) or getattr(record, 'label', '')}"
    pieces = [source_form(text[a:b]) for a, b in record.spans]
    assert SOURCE_SEPARATOR.join(pieces) == record.source_text, where
    assert all(pieces), where
    start, end = record.span
    for a, b in record.spans:
        assert start <= a < b <= end <= len(text), where
    for piece in pieces:
        assert piece in _printed(record.source_file), where


def test_every_task_is_verbatim_source_text():
    documents, tasks, _, raw = _corpus()
    assert len({t.doc_id for t in tasks}) == 4
    checked = 0
    for t in tasks:
        if not t.spans:  # only tasks the web page keeps nothing of (no heading, no line)
            assert t.doc_id == "粤府〔2022〕13号" and t.uncertain and not t.measures
            continue
        _check(t, raw)
        body = compact(t.source_text)
        if t.title != MISSING_TITLE:
            assert compact(t.title) in body, (t.doc_id, t.task_no, t.title)
        for name in t.leaders:  # in order; a garbled cell "陈谭杰谭萍" is read as 陈杰、谭萍
            rest = iter(body)
            assert all(ch in rest for ch in name), (t.doc_id, t.task_no, name)
        checked += 1
    assert checked > 900


def test_every_section_is_verbatim_source_text():
    _, _, sections, raw = _corpus()
    assert len({s.doc_id for s in sections}) >= 5
    for s in sections:
        _check(s, raw)
        body = compact(s.source_text)
        # a merged table cell is joined to its sub-row's cell with a space: check each part
        for column, value in (("title", s.title), *s.extra):
            for part in value.split():
                assert compact(part).rstrip(".") in body, (s.doc_id, s.label, column, value)


def test_passages_carry_their_records_source_text():
    _, tasks, sections, raw = _corpus()
    for p in build_passages(tasks, sections):
        if p.spans:
            _check(p, raw)


def test_stitched_tasks_are_flagged():
    _, tasks, _, raw = _corpus()
    for t in tasks:
        far_apart = [b2 for (_, b1), (b2, _) in zip(t.spans, t.spans[1:])
                     if raw[t.source_file][b1:b2].strip()]
        if far_apart:
            assert t.confidence < 1.0 and any(k == "原文拼接" for k, _ in t.extra), t.task_no


@pytest.mark.parametrize("task_no", ["12", "44"])
def test_no_labels_are_inserted(task_no):
    _, tasks, _, _ = _corpus()
    t = next(t for t in tasks if t.doc_id == "粤府〔2022〕13号" and t.task_no == task_no)
    assert "工作措施：" in t.source_text  # printed, so kept
    assert "分管市领导" not in t.source_text and "牵头单位：" not in t.source_text
