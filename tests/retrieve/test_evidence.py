"""The evidence rules that let a passage answer (no index needed)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.records import Passage
from assistant.retrieve.context import leading_task
from assistant.retrieve.query import Intent
from assistant.retrieve.search import Hit

ONE_DOC = ("粤府〔2022〕13号",)


def hit(bm25: float, dense: float, task_no: str | None = "112") -> Hit:
    return Hit(Passage("p", ONE_DOC[0], "text", task_no), 0.03, bm25, dense, 0.4, 0.29)


@pytest.mark.parametrize(("intent", "docs", "hits", "leads"), [
    # "2022年天然气管子通到每个县这活儿，省里谁管？": task 112 leads BM25 4x, cosine 0.897
    (Intent.RESPONSIBILITY, ONE_DOC, [hit(6.5, 0.897), hit(1.5, 0.867)], True),
    (Intent.RESPONSIBILITY, ONE_DOC, [hit(6.5, 0.897)], True),
    (Intent.RESPONSIBILITY, ONE_DOC, [hit(3.0, 0.897), hit(2.0, 0.867)], False),  # no clear lead
    (Intent.RESPONSIBILITY, ONE_DOC, [hit(6.5, 0.870), hit(1.5, 0.867)], False),  # not close in meaning
    (Intent.RESPONSIBILITY, ONE_DOC + ("穗府〔2022〕2号",), [hit(6.5, 0.897), hit(1.5, 0.867)], False),
    (Intent.FIGURE, ONE_DOC, [hit(6.5, 0.897), hit(1.5, 0.867)], False),  # a value question: near misses lead too
    (Intent.RESPONSIBILITY, ONE_DOC, [hit(6.5, 0.897, task_no=None), hit(1.5, 0.867)], False),
])
def test_a_leading_task_answers_who_is_responsible(intent, docs, hits, leads):
    assert leading_task(SimpleNamespace(intent=intent, docs=docs), hits) is leads
