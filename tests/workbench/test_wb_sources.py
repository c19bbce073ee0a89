"""Citations located in their raw source files: the cited span is the record's own text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.text import compact
from assistant.workbench import SourceLocator
from assistant.workbench.errors import DocumentNotFoundError, SourceNotFoundError
from assistant.workbench.sources import display

REPO = Path(__file__).resolve().parents[2]


def raw_text(corpus_dir: Path, name: str) -> str:
    return (corpus_dir / name).read_bytes().decode("utf-8")


def test_a_task_is_cut_at_its_span_with_context(records, corpus_dir) -> None:
    locator = SourceLocator(records, corpus_dir)
    task = records.task_by_key[("粤府〔2023〕18号", "10")]
    view = locator.locate("粤府〔2023〕18号", "10")
    raw = raw_text(corpus_dir, task.source_file)
    assert view.span == task.span
    assert view.cited == display(raw[task.span[0]:task.span[1]])
    assert "粮食产量" in view.cited and "陈良贤" in view.cited
    assert raw[:task.span[0]].endswith(view.before.replace("\u3000", "\u3000"))
    assert view.after and raw[task.span[1]:].startswith(view.after)
    assert (view.anchor, view.label, view.exact) == ("task-10", "任务第10项", True)


def test_every_task_span_holds_its_title_or_says_it_does_not(records, corpus_dir) -> None:
    """Oracle: the raw span (in matching form) contains the parsed title's first words; only
    the 2022 web text, whose paragraphs are interleaved, has spans without it (exact=False)."""
    locator = SourceLocator(records, corpus_dir)
    for task in records.tasks:
        view = locator.locate(task.doc_id, task.task_no)
        holds = compact(task.title)[:6] in compact(view.cited)
        assert view.exact == holds, (task.doc_id, task.task_no)
        if task.doc_id != "粤府〔2022〕13号":
            assert holds, (task.doc_id, task.task_no)


def test_a_passage_is_found_by_its_text_inside_its_section(records, corpus_dir) -> None:
    locator = SourceLocator(records, corpus_dir)
    passage = next(p for p in records.passages
                   if p.doc_id == "广东省十四五规划纲要" and p.kind == "section" and len(p.text) > 80)
    body = passage.text.split("\n", 1)[-1]
    view = locator.locate(passage.doc_id, None, passage.section, body)
    assert view.exact
    assert compact(body)[:20] in compact(view.cited)
    assert view.anchor.startswith("sec-")
    assert view.section


def test_answers_citations_are_found_verbatim(loaded_assistant, records, corpus_dir) -> None:
    """Every citation of a sample of eval answers is located, nearly all verbatim."""
    locator = SourceLocator(records, corpus_dir)
    questions = [json.loads(line) for line in
                 (REPO / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()][::6]
    total = exact = 0
    for q in questions:
        answer = loaded_assistant.ask(q["question"], history=q.get("history"))
        for c in answer.citations:
            view = locator.locate(c.doc_id, c.task_no, c.section, c.text)
            total += 1
            exact += view.exact
    assert total > 20
    assert exact >= 0.95 * total


def test_unknown_document_and_task_are_errors_that_say_what(records, corpus_dir) -> None:
    locator = SourceLocator(records, corpus_dir)
    with pytest.raises(DocumentNotFoundError, match="no document"):
        locator.locate("粤府〔2099〕1号", "1")
    with pytest.raises(SourceNotFoundError, match="no task '9999'"):
        locator.locate("粤府〔2023〕18号", "9999")
    with pytest.raises(SourceNotFoundError):
        locator.locate("粤府〔2023〕18号", None, "no such section", "完全不存在的一段文字内容")


def test_the_answering_sentences_are_marked_inside_the_cited_span(loaded_assistant, records,
                                                                   corpus_dir) -> None:
    locator = SourceLocator(records, corpus_dir)
    answer = loaded_assistant.ask("环卫工人工龄工资怎么算？")
    c = next(c for c in answer.citations if not c.task_no and c.highlight)
    view = locator.locate(c.doc_id, None, c.section, c.text, c.highlight)
    a, b = view.focus
    assert 0 <= a < b <= len(view.cited)
    assert compact(view.cited[a:b]) == compact(c.highlight)
    assert locator.locate(c.doc_id, None, c.section, c.text, "并不在这段里的一句话").focus == (0, 0)
