"""DESIGN.md scoring rules, on hand-made responses (fast, no model, no index)."""

from __future__ import annotations

import pytest

from assistant.evaluation.questions import EvalQuestion, Expected, ExpectedCitation
from assistant.evaluation.scoring import (citation_matches, evidence_at_k, hit_at_k, match_form,
                                          metrics_by_type, missing_strings, percentile,
                                          reciprocal_rank, score_question, summarize)

DOC23 = "粤府〔2023〕18号"
DOC24 = "穗府〔2024〕1号"


def question(qid: str = "q1", qtype: str = "responsibility", *, answerable: bool = True,
             citations: tuple[tuple[str, str | None], ...] = ((DOC23, "4"),),
             must_include: tuple[str, ...] = ("商务厅",)) -> EvalQuestion:
    return EvalQuestion(
        id=qid, type=qtype, question="2023年进出口总额增长目标由哪个部门牵头？",
        expected=Expected(answerable=answerable,
                          citations=tuple(ExpectedCitation(d, t) for d, t in citations),
                          must_include=must_include))


def cit(doc_id: str, task_no: str | None = None) -> dict:
    return {"doc_id": doc_id, "doc_title": "", "task_no": task_no, "section": "", "text": "", "score": 0.5}


def response(answer: str = "", answerable: bool = True, citations: list[dict] | None = None) -> dict:
    return {"answer": answer, "answerable": answerable, "citations": citations or [], "records": [],
            "latency_ms": 1.0}


def test_hit_right_doc_and_task_counts_everywhere():
    s = score_question(question(), response("由省商务厅牵头。", citations=[cit(DOC23, "4")]), 12.0)
    assert s.answer_ok is True
    assert s.hits == {1: True, 5: True}
    assert s.rr == 1.0
    assert s.refusal_ok is None
    assert not s.failed


def test_miss_names_the_missing_string_and_the_wrong_doc():
    s = score_question(question(), response("由省发展改革委牵头。", citations=[cit(DOC24, "4")]), 5.0)
    assert s.answer_ok is False
    assert s.hits == {1: False, 5: False}
    assert s.rr == 0.0
    why = "; ".join(s.why)
    assert "missing strings: 「商务厅」" in why
    assert "wrong doc" in why and DOC24 in why


def test_right_answer_in_the_wrong_document_is_accurate_but_not_a_hit():
    s = score_question(question(), response("省商务厅牵头。", citations=[cit("粤府〔2022〕13号", "4")]), 1.0)
    assert s.answer_ok is True
    assert s.hits == {1: False, 5: False}
    assert s.failed and s.why[0].startswith("wrong doc")


def test_right_doc_wrong_task_is_reported_as_wrong_task():
    s = score_question(question(), response("省商务厅牵头。", citations=[cit(DOC23, "3")]), 1.0)
    assert s.hits[5] is False
    assert s.why[0].startswith("wrong task")


def test_hit_at_k_respects_citation_order():
    cits = [cit(DOC24, "1"), cit(DOC23, "3"), cit(DOC23, "4")]
    expected = [ExpectedCitation(DOC23, "4")]
    assert not hit_at_k(cits, expected, 1)
    assert not hit_at_k(cits, expected, 2)
    assert hit_at_k(cits, expected, 3)
    assert hit_at_k(cits, expected, 5)
    assert reciprocal_rank(cits, expected) == pytest.approx(1 / 3)
    # the hit at rank 3 is within hit@5, so it is not a citation failure
    s = score_question(question(), response("省商务厅", citations=cits), 1.0)
    assert s.hits == {1: False, 5: True} and not s.failed


def test_hit_beyond_k_is_a_miss():
    cits = [cit(DOC24, str(i)) for i in range(5)] + [cit(DOC23, "4")]
    assert not hit_at_k(cits, [ExpectedCitation(DOC23, "4")], 5)
    assert reciprocal_rank(cits, [ExpectedCitation(DOC23, "4")]) == pytest.approx(1 / 6)


def test_null_task_no_matches_any_task_or_section_of_the_doc():
    expected = ExpectedCitation(DOC23, None)
    assert citation_matches(cit(DOC23, "17"), expected)
    assert citation_matches(cit(DOC23, None), expected)
    assert not citation_matches(cit(DOC24, "17"), expected)
    # but an expected task_no needs the response to name that task
    assert not citation_matches(cit(DOC23, None), ExpectedCitation(DOC23, "4"))


def test_doc_id_and_task_no_compared_after_nfkc_and_whitespace_removal():
    assert citation_matches(cit("粤府 〔２０２３〕 １８ 号", "４"), ExpectedCitation(DOC23, "4"))
    assert citation_matches(cit(DOC23, " 4 "), ExpectedCitation(DOC23, "4"))
    assert not citation_matches(cit(DOC23, "40"), ExpectedCitation(DOC23, "4"))


def test_refusal_right_and_wrong():
    q = question("r1", "refusal", answerable=False, citations=(), must_include=())
    right = score_question(q, response("语料中没有找到相关内容。", answerable=False), 3.0)
    assert right.refusal_ok is True and right.answer_ok is None and not right.failed
    wrong = score_question(q, response("由省商务厅牵头。", answerable=True, citations=[cit(DOC23, "4")]), 3.0)
    assert wrong.refusal_ok is False and wrong.why == ("should have refused",)


def test_refusing_an_answerable_question_is_a_wrong_refusal():
    s = score_question(question(), response("没有找到。", answerable=False), 2.0)
    assert s.answer_ok is False
    assert s.why[0] == "refused wrongly"


def test_error_response_counts_as_failure_not_as_refusal():
    q = question("r1", "refusal", answerable=False, citations=(), must_include=())
    s = score_question(q, {**response(answerable=False), "error": "InvalidQuestionError: too long"}, 1.0)
    assert s.refusal_ok is False and "assistant error" in s.why[0]


def test_fullwidth_digits_and_whitespace_are_normalized():
    assert match_form("增长 ５ ％\n以上") == "增长5%以上"
    assert missing_strings("地区生产总值增长 ５％ 以上", ["5%"]) == []
    assert missing_strings("地区生产总值增长5%以上", ["５ ％"]) == []
    assert missing_strings("粮食产量 1268 万吨", ["1268万吨", "陈良贤"]) == ["陈良贤"]
    s = score_question(question(must_include=("５％", "商务 厅")),
                       response("增长 5% ，由省商务厅牵头", citations=[cit(DOC23, "4")]), 1.0)
    assert s.answer_ok is True


def test_mrr_and_summary_over_a_mixed_set():
    cits_rank1 = [cit(DOC23, "4")]
    cits_rank2 = [cit(DOC24, "1"), cit(DOC23, "4")]
    scores = [
        score_question(question("a"), response("商务厅", citations=cits_rank1), 10.0),
        score_question(question("b"), response("商务厅", citations=cits_rank2), 20.0),
        score_question(question("c"), response("商务厅", citations=[]), 30.0),
        score_question(question("d", "refusal", answerable=False, citations=(), must_include=()),
                       response("没有", answerable=False), 40.0),
    ]
    m = summarize(scores)
    assert m["n"] == 4 and m["citation_n"] == 3 and m["answer_n"] == 3 and m["refusal_n"] == 1
    assert m["mrr"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert m["hit@1"] == pytest.approx(1 / 3)
    assert m["hit@5"] == pytest.approx(2 / 3)
    assert m["answer_accuracy"] == 1.0
    assert m["refusal_accuracy"] == 1.0
    assert m["latency_p50_ms"] == pytest.approx(25.0)
    assert m["latency_p95_ms"] == pytest.approx(38.5)
    assert m["failures"] == 1  # "c": no citation

    by = metrics_by_type(scores)
    assert list(by["by_type"]) == ["responsibility", "refusal"]
    assert by["by_type"]["refusal"]["hit@1"] is None  # no refusal question expects a citation
    assert by["by_type"]["refusal"]["answer_accuracy"] is None
    assert by["by_type"]["responsibility"]["refusal_accuracy"] is None


def test_percentile_matches_numpy_linear_interpolation():
    assert percentile([], 50) is None
    assert percentile([7.0], 95) == 7.0
    assert percentile([1, 2, 3, 4], 50) == pytest.approx(2.5)
    assert percentile(range(1, 101), 95) == pytest.approx(95.05)


def test_evidence_at_k_needs_every_string_within_the_top_k():
    passages = ["4. 进出口总额增长 ３％。", "分管省领导：张新", "部门分工：省商务厅牵头"]
    assert evidence_at_k(passages, ["3%"], 1)
    assert not evidence_at_k(passages, ["3%", "商务厅"], 2)
    assert evidence_at_k(passages, ["3%", "商务厅"], 3)
    assert evidence_at_k(passages, ["张新"], 5)  # k beyond the list is fine
    assert not evidence_at_k([], ["张新"], 5)
