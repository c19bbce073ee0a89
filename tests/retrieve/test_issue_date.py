"""A document's issue date is its signature's (Context.issue_date), on records built in
memory: no index needed."""

from __future__ import annotations

import pytest

from assistant.records import Passage, SourceDocument
from assistant.retrieve.context import Context, document_signatures
from assistant.retrieve.query import Intent, Query
from assistant.retrieve.search import Hit
from assistant.store.records_db import RecordsDB

DOC, OTHER = "穗府办规〔2030〕3号", "穗府〔2030〕1号"
SIGNATURE = Passage("s", DOC, f"{DOC} 落款\n附件：等级划分标准\n广州市人民政府办公厅\n2030年2月5日", None,
                    "落款 广州市人民政府办公厅", kind="item", source_text="广州市人民政府办公厅 2030年2月5日")
FORWARDED = Passage("f", DOC, f"{DOC} 粤府办〔2029〕2号 转发的通知\n广东省人民政府办公厅\n2029年7月6日", None,
                    "粤府办〔2029〕2号 转发的通知", kind="item")
OTHER_SIGNATURE = Passage("o", OTHER, f"{OTHER} 落款\n广州市人民政府\n2030年2月6日", None, "落款", kind="item")
TASK = Passage("t", OTHER, f"{OTHER} 第5项\n印发低空经济实施方案。", "5", "一、重点工作", kind="task")


def _context() -> Context:
    docs = [SourceDocument(DOC, "广州市人民政府办公厅关于规范环卫行业用工的意见", "", "市", 2030, "notice", "x"),
            SourceDocument(OTHER, "广州市人民政府关于印发2030年工作责任分工的通知", "", "市", 2030, "task_list", "y")]
    ctx = Context.__new__(Context)  # only what issue_date reads
    ctx.records = RecordsDB(docs, [], [], [SIGNATURE, FORWARDED, OTHER_SIGNATURE, TASK])
    ctx.signatures = document_signatures(ctx.records.passages)
    return ctx


def _ask(question: str, hit: Passage, docs: tuple[str, ...] = ()):
    q = Query(question, "", Intent.PASSAGE, docs=docs)
    return _context().issue_date(q, [Hit(hit, 1.0, 0.0, 0.0, 1.0, 1.0)])


def test_only_a_documents_own_signature_counts():
    assert document_signatures([SIGNATURE, FORWARDED, OTHER_SIGNATURE, TASK]) == {DOC: SIGNATURE, OTHER: OTHER_SIGNATURE}


@pytest.mark.parametrize(("question", "hit", "docs", "says"), [
    # the ask names a kind of document its title has, or its number: the signature's date and issuer
    ("规范环卫行业用工的那份意见是哪天印发的？", SIGNATURE, (), "落款日期为2030年2月5日，发文机关广州市人民政府办公厅"),
    (f"{DOC}是什么时候发布的？", SIGNATURE, (DOC,), "2030年2月5日"),
    # a task that issues something: its document's title holds no 方案, so not its signature's date
    ("2030年什么时候印发低空经济实施方案？", TASK, (OTHER,), None),
    # no time asked, or no issuing
    ("那份意见是谁印发的？", SIGNATURE, (), None),
    ("那份意见哪天开始执行？", SIGNATURE, (), None),
])
def test_issue_date(question, hit, docs, says):
    answer = _ask(question, hit, docs)
    assert (answer is None) if says is None else (says in answer.answer and answer.citations[0].doc_id == DOC)


def test_a_bare_ask_after_the_document_was_named_in_the_message():
    a = _ask("哪天印发的？", TASK, docs=(DOC,))  # "…那个文件管几年？哪天印发的？": its second ask
    assert a is not None and "2030年2月5日" in a.answer
    assert _ask("哪天印发的？", TASK) is None  # no document in scope


def test_the_document_a_notice_forwards():
    from assistant.retrieve.context import forwarded_documents
    found = forwarded_documents([SIGNATURE, FORWARDED, OTHER_SIGNATURE, TASK])
    assert list(found) == [DOC]
    f = found[DOC]
    assert (f.number, f.title, f.issuer, f.date) == ("粤府办〔2029〕2号", "转发的通知", "广东省人民政府办公厅", "2029年7月6日")


@pytest.mark.parametrize(("question", "asks"), [
    ("广州这份征地养老保障通知转发的省里文件是哪个文号？", True),
    ("转发的是哪个文件？", True),
    ("那份通知转发了什么意见", True),
    ("经市人民政府同意，转发给你们", False),
    ("征地社保费怎么转到个人账户", False),
])
def test_a_forwarded_document_asked_for(question, asks):
    from assistant.retrieve.context import FORWARD_ASKED
    assert bool(FORWARD_ASKED.search(question)) is asks
