"""Citations are verbatim: for every record of every document, the text a citation of it
carries occurs in its source file (after the documented normalization, whitespace aside)."""

from __future__ import annotations

import functools

import pytest

from assistant.config import Settings
from assistant.ingest.pipeline import parse_corpus
from assistant.retrieve import compose
from assistant.text import compact, source_form
from tests.conftest import REPO
from tests.retrieve.conftest import records_of

CORPUS = REPO / "data" / "corpus"


@functools.cache
def corpus():
    documents, tasks, sections, _, _ = parse_corpus(Settings(corpus_dir=CORPUS))
    records = records_of(documents, tasks, sections)
    printed = {p.name: compact(source_form(p.read_text(encoding="utf-8"))) for p in CORPUS.glob("*.txt")}
    return records, printed


def test_a_task_the_page_does_not_print_has_no_citation_text_and_is_flagged():
    records, _ = corpus()
    unprinted = [t for t in records.tasks if not compose.task_citation(records, t, 1.0).text]
    assert len(unprinted) <= 8 and all(t.uncertain for t in unprinted)
    assert all(compose.task_citation(records, t, 1.0).display for t in unprinted)


def test_every_task_citation_is_printed_text():
    records, printed = corpus()
    bad = [(t.doc_id, t.task_no) for t in records.tasks
           if not all(compact(piece) in printed[t.source_file]
                      for piece in compose.task_citation(records, t, 1.0).text.split("\n") if piece.strip())]
    assert not bad, f"{len(bad)} task citations not in their source: {bad[:10]}"


def test_every_passage_citation_is_printed_text():
    records, printed = corpus()
    bad = [(p.doc_id, p.section[-30:], p.kind) for p in records.passages
           if not all(compact(piece) in printed[p.source_file]
                      for piece in compose.passage_citation(records, p, 1.0).text.split("\n") if piece.strip())]
    assert not bad, f"{len(bad)} passage citations not in their source: {bad[:10]}"


@pytest.mark.parametrize("text,part", [("城镇调查失业率控制在 5.5% 以内。", "城镇调查失业率控制在5.5%以内"),
                                       ("新增建设高标准农田\n120万亩", "新增建设高标准农田120万亩")])
def test_highlight_is_found_across_the_prints_whitespace(text, part):
    bold = compose._bold(text, part)
    assert "**" in bold and compact(bold.replace("**", "")) == compact(text)
