"""Rules of the hybrid searcher that need no index."""

from __future__ import annotations

import pytest

from assistant.retrieve.search import QUESTION_COMPOUND


@pytest.mark.parametrize(("token", "asks"), [
    ("多少钱", True), ("多少倍", True), ("几个", True), ("多少", True),
    ("多少钱一亩", False), ("岗位津贴", False), ("几何", True),  # 几何 is no policy word either
    ("哪些地方", True), ("哪家", True), ("哪", True), ("地方", False),  # a word made with 哪 only asks
])
def test_a_question_word_with_its_measure_is_no_topic_word(token, asks):
    assert bool(QUESTION_COMPOUND.match(token)) is asks


@pytest.mark.parametrize(("word", "credit"), [
    ("周末", 1.0), ("物价", 1.0),  # the data file's pairs (周末 -> 休息日) vouch for the word
    ("林子", 0.0), ("运转", 0.0),  # a Cilin synonym only ranks: it answered a near miss once (充电桩 -> 设施)
])
def test_coverage_credit_of_an_expansion(word, credit):
    from assistant.retrieve.search import HybridSearcher
    from assistant.store.vocabulary import default_lexicon

    searcher = HybridSearcher.__new__(HybridSearcher)  # the rule needs no index
    searcher.curated = frozenset(default_lexicon().colloquial)
    assert searcher._credit(word) == credit


def _hit(body: str, coverage: float = 0.6):
    from assistant.records import Passage
    from assistant.retrieve.search import Hit

    return Hit(Passage(body[:4], "doc", "header\n" + body, "1"), 0.03, 5.0, 0.88, coverage, 0.5)


@pytest.mark.parametrize(("question", "bodies", "first"), [
    # "how much": a passage holding a number comes first
    ("产业链招商一共搞多少场", ["开展产业链招商活动", "举办招商大会12场"], "举办招商大会12场"),
    # a list ask: one that lists beats one that only holds digits
    ("产业链招商主要冲着哪几个国家", ["强化对133个重点项目的要素保障", "面向德、法、英等重点国家，开展产业链招商"],
     "面向德、法、英等重点国家，开展产业链招商"),
    # a where-ask is left as found (places are checked on the sentence)
    ("实验室建在哪个市", ["支持建设实验室", "建设实验室3个"], "支持建设实验室"),
    # a passage of less coverage does not move up
    ("产业链招商一共搞多少场", ["开展产业链招商活动", ("举办大会12场", 0.3)], "开展产业链招商活动"),
])
def test_a_passage_in_the_answer_form_comes_first(question, bodies, first):
    from assistant.retrieve.context import prefer_figures

    hits = [_hit(*b) if isinstance(b, tuple) else _hit(b) for b in bodies]
    assert prefer_figures(hits, question)[0].passage.text.endswith(first)

@pytest.mark.parametrize(("best", "runner_up", "weighted", "task", "verdict"), [
    (3.0, 2.0, 1.0, False, "decisive"),  # every rare word, lead 1.5: the embedding is skipped
    (3.0, 0.0, 1.0, False, "decisive"),  # no runner-up
    (2.9, 2.0, 1.0, False, ""),  # every rare word, lead 1.45: embed
    (3.0, 2.0, 0.7, False, "provisional"),  # lead 1.5, 70% of the rare words' weight
    (3.0, 2.0, 0.69, False, ""),
    (2.4, 2.0, 0.5, True, "provisional"),  # a task record: lead 1.2, half the weight
    (2.4, 2.0, 0.5, False, ""),  # the same lead for a passage that is no task: embed
    (2.3, 2.0, 1.0, True, ""),  # a task leading by 1.15: embed
    (2.4, 2.0, 0.49, True, ""),
    (0.0, 0.0, 1.0, True, ""),  # nothing found lexically
])
def test_lexical_verdict(best, runner_up, weighted, task, verdict):
    from assistant.retrieve.search import lexical_verdict

    assert lexical_verdict(best, runner_up, weighted, task) == verdict


def test_a_provisional_skip_needs_an_attempt_that_can_be_asked_again():
    import threading

    from assistant.retrieve.search import HybridSearcher

    searcher = HybridSearcher.__new__(HybridSearcher)  # the rule needs no index
    searcher._asking = threading.local()
    assert searcher._skips("decisive") and not searcher._skips("")
    assert not searcher._skips("provisional")  # outside an answer attempt: embed
    with searcher.trial() as outer:
        with searcher.trial() as inner:  # an earlier turn answered inside this one
            assert searcher._skips("provisional")
        assert inner.provisional and outer.provisional  # the outer attempt is told
        with searcher.strict():  # asking again: only a decisive lead skips
            assert not searcher._skips("provisional") and searcher._skips("decisive")
        assert searcher._skips("provisional")
    with searcher.trial() as fresh:
        assert searcher._skips("decisive") and not fresh.provisional


def test_per_question_memo_lives_for_one_question():
    import threading

    from assistant.retrieve.search import HybridSearcher

    searcher = HybridSearcher.__new__(HybridSearcher)  # the rule needs no index
    searcher._asking = threading.local()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)
    assert searcher.per_question("k", compute) == 1 and searcher.per_question("k", compute) == 2  # no question: every time
    with searcher.question():
        assert searcher.per_question("k", compute) == 3 and searcher.per_question("k", compute) == 3
    with searcher.question():  # nothing of one question is kept for the next
        assert searcher.per_question("k", compute) == 4
