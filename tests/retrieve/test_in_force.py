"""When a document takes effect and how long it holds is its own clause ("本办法自…起施行，有效期
3年"): Context.in_force on records built in memory, no index needed."""

from __future__ import annotations

import pytest

from assistant.records import Passage, SourceDocument
from assistant.retrieve.context import Context, asks_in_force, in_force_clauses
from assistant.retrieve.query import Intent, Query
from assistant.retrieve.search import Hit
from assistant.store.records_db import RecordsDB

NOTICE, RULES = "穗府办规〔2030〕3号", "穗工信规字〔2030〕1号"
TITLES = {NOTICE: "广州市人民政府办公厅转发省人力资源社会保障厅关于完善养老保障政策意见的通知",
          RULES: "广州市工业和信息化局关于印发广州市充电基础设施安全管理办法的通知"}
OWN = Passage("n1", NOTICE, f"{NOTICE} 四、本通知自印发之日起执行\n四、本通知自印发之日起执行，有效期5年。", None,
              "四、本通知自印发之日起执行", kind="item")
FORWARDED = Passage("n2", NOTICE, f"{NOTICE} 附件\n本意见自2029年8月1日起实施，原意见同时废止。", None, "附件", kind="item")
CLAUSE = Passage("r1", RULES, f"{RULES} 第十九条\n第十九条本办法自2030年3月1日起施行，有效期3年。", None,
                 "第五章 附则 / 第十九条", kind="item")
DUTY = Passage("r2", RULES, f"{RULES} 第十五条\n第十五条运营企业应当执行停止使用的决定。", None, "第十五条", kind="item")
SIGNATURE = Passage("n3", NOTICE, f"{NOTICE} 落款\n广州市人民政府办公厅\n2030年2月5日", None, "落款", kind="item")
PASSAGES = [OWN, FORWARDED, CLAUSE, DUTY, SIGNATURE]


def test_a_documents_own_clause_not_the_forwarded_ones():
    found = in_force_clauses(PASSAGES, TITLES)
    assert found[NOTICE][0] == (OWN, "四、本通知自印发之日起执行，有效期5年。")  # the notice's own first
    assert found[RULES][0][1] == "第十九条本办法自2030年3月1日起施行，有效期3年。"


@pytest.mark.parametrize(("ask", "in_force"), [
    ("广州充电设施安全管理办法啥时候开始执行", True),
    ("管几年", True),
    ("那个通知管用几年", True),
    ("有效期多久", True),
    ("那个办法几号开始实行", True),
    ("谁负责执行充电设施安全管理办法", False),  # who carries it out
    ("一个区执行两个以上区片价的，多少天内要核定", False),  # 执行 as any verb
    ("各区的实施办法要在什么时候前出台", False),
    ("这个意见实施以后新批的项目，多长时间内要分到人", False),
    ("停止使用的决定要执行多少天", False),  # a count of days, no term of the document
    ("啥时候开始执行，谁负责执行", False),  # a who-ask joined to it
])
def test_asks_about_taking_effect(ask, in_force):
    assert asks_in_force(ask) is in_force


def _answer(question: str, hit: Passage):
    docs = [SourceDocument(d, t, "", "市", 2030, "notice", d) for d, t in TITLES.items()]
    ctx = Context.__new__(Context)  # only what in_force reads
    ctx.records = RecordsDB(docs, [], [], PASSAGES)
    ctx.in_force_clauses = in_force_clauses(PASSAGES, TITLES)
    ctx.signatures = {NOTICE: SIGNATURE}
    return ctx.in_force(Query(question, "", Intent.PASSAGE), [Hit(hit, 1.0, 0.0, 0.0, 1.0, 1.0)])


def test_the_clause_answers_both_asks_of_the_document_named():
    a = _answer("广州充电设施安全管理办法啥时候开始执行，管几年？", DUTY)  # the search found 第十五条 (执行)
    assert a.answerable and "2030年3月1日起施行，有效期3年" in a.answer and a.citations[0].section.endswith("第十九条")


def test_a_term_asked_that_the_clause_does_not_set_is_refused():
    a = _answer("转发的那份意见本身有效期是几年？", OWN)  # 本意见自2029年8月1日起实施: no term
    assert not a.answerable and "有效期" in a.answer


def test_from_the_day_of_issue_says_that_day():
    a = _answer("转发的那个通知管用几年？", OWN)
    assert "有效期5年" in a.answer and "落款日期为2030年2月5日" in a.answer and len(a.citations) == 2


def test_the_clause_of_the_instrument_asked_about():
    a = _answer("转发的那份意见从什么时候起实施？", OWN)  # the forwarded 本意见, not the notice's own
    assert a.answerable and "2029年8月1日起实施" in a.answer


def test_no_clause_answer_without_the_document_named_or_for_another_ask():
    assert _answer("啥时候开始执行？", DUTY) is None  # names no kind of document
    assert _answer("充电设施安全管理办法啥时候开始执行，谁负责执行？", DUTY) is None  # one ask is a who-ask
