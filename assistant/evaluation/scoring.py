"""Scoring rules of DESIGN.md ("Eval question file"), as pure functions.

Responses are Answer dicts (`Answer.to_dict()`, as stored in a results file), so
a results file can be re-scored without running the assistant again.
Strings are compared in their match form: NFKC, all whitespace removed
("５ ％" == "5%"). This is deliberately plain NFKC, not `assistant.text.compact`:
the eval contract must not move when the ingest normalization changes.

Beyond the DESIGN.md metrics (answer accuracy, hit@k, MRR, refusal accuracy):

- scope accuracy (`scope_ok`, questions with a "scope"): every response citation
  comes from the scope document (a refusal without citations passes). It is a
  separate metric: answer accuracy keeps its DESIGN.md definition, so numbers stay
  comparable across sets; a citation outside the scope makes the question a failure
  (listed with the offending citations).
- direct-answer rate (`direct_ok`): of the questions expected answerable, with
  must_include strings, that the response answered (answerable true, no error), the
  share whose every must_include string occurs within the first DIRECT_CHARS (160)
  characters of the answer in match form. Refusals are not in the denominator
  (answer accuracy already counts them).
- median answer length (`answer_len`): characters of the answer in match form
  (whitespace removed), over the questions expected answerable that were answered.
- Both leave out listings (`is_listing`: the answer lists every task of a person or unit,
  intent "reverse", or a count that lists them): their direct answer is the count and the
  first items, and the item a question checks may sit anywhere in the complete list.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.evaluation.questions import EvalQuestion, Expected, ExpectedCitation

HIT_KS: tuple[int, ...] = (1, 5)
FAIL_K = 5  # a question whose expected citation is not among the first FAIL_K is a failure
DIRECT_CHARS = 160  # a direct answer states every must_include string within this many characters

_WS = re.compile(r"\s+")


def match_form(text: str | None) -> str:
    """NFKC-normalized, all whitespace removed: the form every comparison uses."""
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


# --- citations ---------------------------------------------------------------

def citation_matches(response_citation: Mapping[str, Any], expected: ExpectedCitation) -> bool:
    """Same doc_id, and the expected task_no is null (any part of the doc) or equal."""
    if match_form(response_citation.get("doc_id")) != match_form(expected.doc_id):
        return False
    if expected.task_no is None:
        return True
    got = response_citation.get("task_no")
    return got is not None and match_form(str(got)) == match_form(expected.task_no)


def first_match_rank(response_citations: Sequence[Mapping[str, Any]],
                     expected: Sequence[ExpectedCitation]) -> int | None:
    """1-based rank of the first response citation matching any expected one, or None."""
    for rank, cit in enumerate(response_citations, start=1):
        if any(citation_matches(cit, e) for e in expected):
            return rank
    return None


def hit_at_k(response_citations: Sequence[Mapping[str, Any]],
             expected: Sequence[ExpectedCitation], k: int) -> bool:
    """Some expected citation matches among the first k response citations."""
    rank = first_match_rank(response_citations, expected)
    return rank is not None and rank <= k


def reciprocal_rank(response_citations: Sequence[Mapping[str, Any]],
                    expected: Sequence[ExpectedCitation]) -> float:
    """1/rank of the first matching citation; 0.0 when none matches."""
    rank = first_match_rank(response_citations, expected)
    return 0.0 if rank is None else 1.0 / rank


# --- answers and refusals ----------------------------------------------------

def missing_strings(answer_text: str | None, must_include: Iterable[str]) -> list[str]:
    """The must_include strings that do not occur in the answer (match form)."""
    text = match_form(answer_text)
    return [s for s in must_include if match_form(s) not in text]


def answer_correct(response: Mapping[str, Any], expected: Expected) -> bool:
    """`answerable` is true and every must_include string occurs in the answer."""
    return (response.get("answerable") is True and "error" not in response
            and not missing_strings(response.get("answer"), expected.must_include))


def refusal_correct(response: Mapping[str, Any]) -> bool:
    """For a question the corpus cannot answer: the response says answerable false."""
    return response.get("answerable") is False and "error" not in response


def direct_answer(answer_text: str | None, must_include: Sequence[str], chars: int = DIRECT_CHARS) -> bool:
    """Every must_include string occurs within the first `chars` characters of the answer.

    Counted in match form (NFKC, whitespace removed), like answer accuracy; a string that
    starts before the limit but ends after it does not count.
    """
    head = match_form(answer_text)[:chars]
    return all(match_form(s) in head for s in must_include)


def answer_length(answer_text: str | None) -> int:
    """Characters of the answer without whitespace (match form)."""
    return len(match_form(answer_text))


def outside_scope(response_citations: Sequence[Mapping[str, Any]], scope: str) -> list[Mapping[str, Any]]:
    """The response citations whose doc_id is not the scope document."""
    want = match_form(scope)
    return [c for c in response_citations if match_form(c.get("doc_id")) != want]


def is_listing(response: Mapping[str, Any]) -> bool:
    """An answer that lists every task of a person or unit (see the module docstring)."""
    intent = response.get("intent")
    return intent == "reverse" or (intent == "count" and bool(response.get("records")))


def median(values: Iterable[float]) -> float | None:
    return percentile(values, 50)


def evidence_at_k(passages: Sequence[str], must_include: Iterable[str], k: int) -> bool:
    """Every must_include string occurs in the concatenation of the top-k passages."""
    return not missing_strings("".join(passages[:k]), must_include)


# --- latency -----------------------------------------------------------------

def percentile(values: Iterable[float], q: float) -> float | None:
    """q-th percentile with linear interpolation (numpy's default); None when empty."""
    xs = sorted(values)
    if not xs:
        return None
    pos = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


# --- per question ------------------------------------------------------------

@dataclass(frozen=True)
class QuestionScore:
    """How one response did; a metric is None where it does not apply to the question."""

    id: str
    type: str
    question: str
    latency_ms: float
    answer_ok: bool | None = None  # expected answerable
    refusal_ok: bool | None = None  # expected not answerable
    hits: Mapping[int, bool] | None = None  # k -> hit@k; expected citations given
    rr: float | None = None  # reciprocal rank; expected citations given
    direct_ok: bool | None = None  # expected answerable, with must_include, and answered
    answer_len: int | None = None  # expected answerable and answered: characters without whitespace
    scope_ok: bool | None = None  # the question has a scope: every response citation is from it
    why: tuple[str, ...] = field(default=())  # empty: not a failure

    @property
    def failed(self) -> bool:
        return bool(self.why)


def score_question(question: EvalQuestion, response: Mapping[str, Any],
                   latency_ms: float, ks: Sequence[int] = HIT_KS) -> QuestionScore:
    """Score one response against the question's expectations, with the reasons it failed."""
    exp = question.expected
    citations = list(response.get("citations") or [])
    why: list[str] = []
    if "error" in response:
        why.append(f"assistant error: {response['error']}")

    answer_ok = refusal_ok = direct_ok = answer_len = None
    answered = response.get("answerable") is True and "error" not in response
    if exp.answerable:
        answer_ok = answer_correct(response, exp)
        if answered and not is_listing(response):
            answer_len = answer_length(response.get("answer"))
            if exp.must_include:
                direct_ok = direct_answer(response.get("answer"), exp.must_include)
        if response.get("answerable") is not True:
            why.append("refused wrongly")
        else:
            missing = missing_strings(response.get("answer"), exp.must_include)
            if missing:
                why.append("missing strings: " + ", ".join(f"「{s}」" for s in missing))
    else:
        refusal_ok = refusal_correct(response)
        if response.get("answerable") is True:
            why.append("should have refused")

    hits = rr = None
    if exp.citations:
        hits = {k: hit_at_k(citations, exp.citations, k) for k in ks}
        rr = reciprocal_rank(citations, exp.citations)
        if not hit_at_k(citations, exp.citations, FAIL_K):
            why.append(_citation_failure(citations, exp.citations))

    scope_ok = None
    if question.scope is not None:
        outside = outside_scope(citations, question.scope)
        scope_ok = not outside
        if outside:
            why.append(f"citation outside scope {question.scope}: "
                       + ", ".join(_label(c.get("doc_id"), c.get("task_no")) for c in outside[:FAIL_K]))

    return QuestionScore(id=question.id, type=question.type, question=question.question,
                         latency_ms=latency_ms, answer_ok=answer_ok, refusal_ok=refusal_ok,
                         hits=hits, rr=rr, direct_ok=direct_ok, answer_len=answer_len,
                         scope_ok=scope_ok, why=tuple(why))


def _citation_failure(citations: Sequence[Mapping[str, Any]],
                      expected: Sequence[ExpectedCitation]) -> str:
    want = " or ".join(_label(e.doc_id, e.task_no) for e in expected)
    got = ", ".join(_label(c.get("doc_id"), c.get("task_no")) for c in citations[:FAIL_K]) or "no citations"
    expected_docs = {match_form(e.doc_id) for e in expected}
    same_doc = any(match_form(c.get("doc_id")) in expected_docs for c in citations[:FAIL_K])
    kind = "wrong task" if same_doc else "wrong doc"
    return f"{kind}: expected {want}; got {got}"


def _label(doc_id: Any, task_no: Any) -> str:
    return f"{doc_id}" if task_no in (None, "") else f"{doc_id} #{task_no}"


# --- aggregation -------------------------------------------------------------

def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(scores: Sequence[QuestionScore], ks: Sequence[int] = HIT_KS) -> dict[str, Any]:
    """Metrics of a group of questions; a metric is None when no question in it applies."""
    answered = [s.answer_ok for s in scores if s.answer_ok is not None]
    refused = [s.refusal_ok for s in scores if s.refusal_ok is not None]
    cited = [s for s in scores if s.hits is not None]
    latencies = [s.latency_ms for s in scores]
    out: dict[str, Any] = {
        "n": len(scores),
        "answer_n": len(answered),
        "answer_accuracy": _mean([float(x) for x in answered]),
        "citation_n": len(cited),
    }
    for k in ks:
        out[f"hit@{k}"] = _mean([float(s.hits[k]) for s in cited])  # type: ignore[index]
    out["mrr"] = _mean([s.rr for s in cited])  # type: ignore[misc]
    out["refusal_n"] = len(refused)
    out["refusal_accuracy"] = _mean([float(x) for x in refused])
    direct = [s.direct_ok for s in scores if s.direct_ok is not None]
    out["direct_n"] = len(direct)
    out["direct_answer_rate"] = _mean([float(x) for x in direct])
    lengths = [s.answer_len for s in scores if s.answer_len is not None]
    out["answer_len_n"] = len(lengths)
    out["answer_len_median"] = median(lengths)
    scoped = [s.scope_ok for s in scores if s.scope_ok is not None]
    out["scope_n"] = len(scoped)
    out["scope_accuracy"] = _mean([float(x) for x in scoped])
    out["latency_p50_ms"] = percentile(latencies, 50)
    out["latency_p95_ms"] = percentile(latencies, 95)
    out["failures"] = sum(s.failed for s in scores)
    return out


def metrics_by_type(scores: Sequence[QuestionScore], ks: Sequence[int] = HIT_KS) -> dict[str, Any]:
    """{"overall": summary, "by_type": {type: summary}} with types in first-seen order."""
    types = list(dict.fromkeys(s.type for s in scores))
    return {
        "overall": summarize(scores, ks),
        "by_type": {t: summarize([s for s in scores if s.type == t], ks) for t in types},
    }


def evidence_applies(question: EvalQuestion) -> bool:
    """evidence@k is defined for answerable questions that name strings to find."""
    return question.expected.answerable and bool(question.expected.must_include)


def compare_with_baseline(questions: Sequence[EvalQuestion], scores: Sequence[QuestionScore],
                          passages: Mapping[str, Sequence[str]],
                          ks: Sequence[int] = HIT_KS) -> dict[str, Any]:
    """Our answer accuracy and hit@k beside the baseline's evidence@k, on the same questions.

    `passages` maps question id -> the baseline's retrieved passages, best first.
    Only questions where evidence@k applies are compared (refusals and questions
    without must_include strings are left out of both columns).
    """
    by_id = {s.id: s for s in scores}
    rows = [(q, by_id[q.id]) for q in questions
            if evidence_applies(q) and q.id in by_id and q.id in passages]

    def group(pairs: list[tuple[EvalQuestion, QuestionScore]]) -> dict[str, Any]:
        cited = [s for _, s in pairs if s.hits is not None]
        out: dict[str, Any] = {
            "n": len(pairs),
            "answer_accuracy": _mean([float(bool(s.answer_ok)) for _, s in pairs]),
            "citation_n": len(cited),
        }
        for k in ks:
            out[f"hit@{k}"] = _mean([float(s.hits[k]) for s in cited])  # type: ignore[index]
        for k in ks:
            out[f"evidence@{k}"] = _mean(
                [float(evidence_at_k(passages[q.id], q.expected.must_include, k)) for q, _ in pairs])
        return out

    types = list(dict.fromkeys(q.type for q, _ in rows))
    return {"overall": group(rows),
            "by_type": {t: group([r for r in rows if r[0].type == t]) for t in types}}
