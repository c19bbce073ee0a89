"""Direct-answer rate, median answer length and scope accuracy (table-driven, no index)."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.evaluation.questions import EvalQuestion, Expected, ExpectedCitation, parse_question
from assistant.evaluation.questions import QuestionFileError
from assistant.evaluation.report import markdown_report, metric_rows
from assistant.evaluation.scoring import (DIRECT_CHARS, answer_length, direct_answer, metrics_by_type,
                                          outside_scope, score_question, summarize)

DOC23 = "粤府〔2023〕18号"
DOC24 = "穗府〔2024〕1号"
PAD = "甲" * DIRECT_CHARS  # filler that pushes a string past the first 160 characters


def q(qid="q1", qtype="paraphrase", *, answerable=True, must=("省商务厅",), scope=None,
      citations=((DOC23, "4"),)) -> EvalQuestion:
    return EvalQuestion(id=qid, type=qtype, question="进出口谁牵头？",
                        expected=Expected(answerable, tuple(ExpectedCitation(d, t) for d, t in citations)
                                          if answerable else (), tuple(must) if answerable else ()),
                        scope=scope)


def resp(answer="", answerable=True, docs=((DOC23, "4"),), error=None) -> dict:
    r = {"answer": answer, "answerable": answerable, "records": [], "latency_ms": 1.0,
         "citations": [{"doc_id": d, "task_no": t, "text": "", "score": 0.5} for d, t in docs]}
    if error:
        r["error"] = error
    return r


@pytest.mark.parametrize("answer, must, expected", [
    ("由省商务厅牵头[1]。", ["省商务厅"], True),
    ("由 省 商 务 厅 牵头。", ["省商务厅"], True),                        # whitespace removed first
    ("增长５％。", ["5%"], True),                                          # NFKC
    (PAD + "省商务厅", ["省商务厅"], False),                              # after the first 160 chars
    ("甲" * (DIRECT_CHARS - 4) + "省商务厅", ["省商务厅"], True),         # ends exactly at 160
    ("甲" * (DIRECT_CHARS - 3) + "省商务厅", ["省商务厅"], False),        # straddles the limit
    (" " * 300 + "省商务厅", ["省商务厅"], True),                          # spaces do not count
    ("张新分管。" + PAD + "省商务厅牵头。", ["张新", "省商务厅"], False),   # one of two is late
    ("张新分管，省商务厅牵头。", ["张新", "省商务厅"], True),
    ("", ["省商务厅"], False),
])
def test_direct_answer(answer, must, expected):
    assert direct_answer(answer, must) is expected


@pytest.mark.parametrize("answer, length", [
    ("由省商务厅牵头。", 8),
    ("由 省商务厅\n牵头。\t", 8),
    ("５％", 2),
    ("", 0),
    (None, 0),
])
def test_answer_length_counts_characters_without_whitespace(answer, length):
    assert answer_length(answer) == length


@pytest.mark.parametrize("docs, scope, outside", [
    ([(DOC24, "177")], DOC24, []),
    ([(DOC24, "177"), (DOC23, "10")], DOC24, [DOC23]),
    ([("穗府 〔２０２４〕 1 号", "177")], DOC24, []),                      # match form
    ([], DOC24, []),                                                     # a refusal without citations
])
def test_outside_scope(docs, scope, outside):
    cits = [{"doc_id": d, "task_no": t} for d, t in docs]
    assert [c["doc_id"] for c in outside_scope(cits, scope)] == outside


# question, response -> (direct_ok, answer_len, scope_ok, failed)
CASES = [
    ("direct", q(), resp("由省商务厅牵头[1]。"), (True, 11, None, False)),
    ("late fact", q(), resp(PAD + "省商务厅"), (False, DIRECT_CHARS + 4, None, False)),
    ("missing fact", q(), resp("由张新分管。"), (False, 6, None, True)),
    ("wrong refusal", q(), resp("没有找到。", answerable=False), (None, None, None, True)),
    ("error", q(), resp("", answerable=False, error="InvalidQuestionError: x"), (None, None, None, True)),
    ("no must_include", q(must=()), resp("由省商务厅牵头。"), (None, 8, None, False)),
    ("refusal expected", q(answerable=False), resp("没有找到。", answerable=False, docs=()),
     (None, None, None, False)),
    ("in scope", q(scope=DOC23), resp("由省商务厅牵头。"), (True, 8, True, False)),
    ("outside scope", q(scope=DOC24, citations=((DOC24, None),)),
     resp("由省商务厅牵头。", docs=((DOC24, "3"), (DOC23, "4"))), (True, 8, False, True)),
    ("refusal in scope", q(answerable=False, scope=DOC24), resp("没有找到。", answerable=False, docs=()),
     (None, None, True, False)),
]


@pytest.mark.parametrize("name, question, response, expected", CASES, ids=[c[0] for c in CASES])
def test_score_question_shape_metrics(name, question, response, expected):
    s = score_question(question, response, 1.0)
    assert (s.direct_ok, s.answer_len, s.scope_ok, s.failed) == expected


def test_outside_scope_is_a_listed_failure_but_answer_accuracy_is_unchanged():
    s = score_question(q(scope=DOC24, citations=((DOC24, None),)),
                       resp("由省商务厅牵头。", docs=((DOC24, "3"), (DOC23, "4"))), 1.0)
    assert s.answer_ok is True and s.hits == {1: True, 5: True}
    assert s.why == (f"citation outside scope {DOC24}: {DOC23} #4",)


def test_summary_per_type_and_overall():
    scores = [score_question(question, response, 1.0) for _, question, response, _ in CASES]
    scores += [score_question(dataclasses.replace(q(qid="x"), type="followup"), resp("由省商务厅牵头。"), 1.0)]
    m = metrics_by_type(scores)
    overall = m["overall"]
    # direct: direct, late fact, missing fact, in scope, outside scope, followup -> 4 of 6
    assert overall["direct_n"] == 6
    assert overall["direct_answer_rate"] == pytest.approx(4 / 6)
    # lengths of answered, expected-answerable items: 11, 164, 6, 8, 8, 8, 8 -> median 8
    assert overall["answer_len_n"] == 7
    assert overall["answer_len_median"] == 8
    assert overall["scope_n"] == 3 and overall["scope_accuracy"] == pytest.approx(2 / 3)
    assert m["by_type"]["followup"]["direct_answer_rate"] == 1.0
    assert m["by_type"]["followup"]["scope_accuracy"] is None


def test_summary_of_nothing_applicable_is_none():
    s = summarize([score_question(q(answerable=False), resp("没有。", answerable=False, docs=()), 1.0)])
    assert s["direct_n"] == 0 and s["direct_answer_rate"] is None
    assert s["answer_len_median"] is None and s["scope_accuracy"] is None


def test_metric_table_and_report_show_the_new_columns():
    questions = [question for _, question, _, _ in CASES]
    scores = [score_question(question, response, 1.0) for _, question, response, _ in CASES]
    m = metrics_by_type(scores)
    m["failures"] = []
    head, rows = metric_rows(m)
    for col in (f"direct@{DIRECT_CHARS}", "n direct", "median len", "scope acc", "n scoped"):
        assert col in head
    overall = dict(zip(head, rows[-1]))
    assert overall["n direct"] == "5" and overall["median len"] == "8"
    assert overall["scope acc"] == "66.7%" and overall["n scoped"] == "3"
    md = markdown_report(questions, scores, m, "set.jsonl", "out.jsonl")
    assert f"direct@{DIRECT_CHARS}" in md and "median len" in md and "scope acc" in md


@pytest.mark.parametrize("line, scope", [
    ('{"id": "m1", "type": "followup", "question": "菜篮子谁牵头？", "scope": "穗府〔2024〕1号", '
     '"expected": {"answerable": true}}', "穗府〔2024〕1号"),
    ('{"id": "m1", "type": "followup", "question": "菜篮子谁牵头？", "expected": {"answerable": true}}', None),
    ('{"id": "m1", "type": "followup", "question": "菜篮子谁牵头？", "scope": null, '
     '"expected": {"answerable": true}}', None),
])
def test_scope_field_is_read(line, scope):
    assert parse_question(line).scope == scope


@pytest.mark.parametrize("bad", ['""', '"  "', "3", '["穗府〔2024〕1号"]'])
def test_bad_scope_is_named(bad):
    line = '{"id": "m1", "type": "followup", "question": "q", "scope": %s, "expected": {"answerable": true}}' % bad
    with pytest.raises(QuestionFileError, match="'scope' must be a non-empty doc_id"):
        parse_question(line)
