"""Follow-up questions: carry over the task, document, year or person of earlier turns.

A follow-up ("那2024年的呢？", "配合单位有哪些？", "她还负责什么？", "第11项呢？") has no subject
of its own. We rebuild the previous turn's Query (recursively, from the history's user
turns, only as far back as needed), then merge in what the new question changes. The
result is a standalone Query with a readable rewritten question (`resolved_question`).
Facts of an earlier answer (its first task, its documents) come from `outcome_of`, which
the Assistant caches by Query: an earlier turn is never answered twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.records import Answer
from assistant.retrieve.intents import ASK, FOLLOWUPS
from assistant.retrieve.query import TASK_INTENTS, Aspect, Intent, Query
from assistant.retrieve.refusals import Refusal
from assistant.retrieve.understand import DOC_NO, QueryParser

PERSON_PRONOUN = re.compile(r"他|她|此人|这位|该领导|这个领导|这名")
# "这项" / "该项": the task the previous answer gave; "上面第二项": the n-th task it listed.
ITEM_PRONOUN = re.compile(r"这项|该项|此项|这一项|这个任务|该任务|这项工作|这活儿?|这事儿|这件事")
ORDINAL_REF = re.compile(r"(?:上面|上述|刚才|前面)(?:的|说的|列的)?第([一二三四五六七八九十\d]+)(?:项|条|个)")
# "那X呢？", "这个意见…": a subject of its own, asked in the frame of the previous turn.
WHAT_ABOUT = re.compile(r"^(那|那么)|呢[？?！!。]*$")
DOC_PRONOUN = re.compile(r"(这个|该|这份|本|此)(意见|办法|通知|文件|方案|规划|纲要|分工)")
UNIT_PRONOUN = re.compile(r"该单位|这个单位|该部门|这个部门|这家单位|牵头单位还|它还")
REFINE = re.compile(r"^(其中|这些|这里面|里面)")
NEXT = re.compile(r"下一项|上一项|下一条|上一条|还有呢|还有吗|还有哪些")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}

OutcomeOf = Callable[[Query], Answer]


def render(q: Query) -> str:
    """A readable standalone question for a merged Query."""
    scope = "、".join(q.docs) if q.docs and len(q.docs) <= 2 else ""
    if q.task_no and q.intent is Intent.TASK_LOOKUP:
        subject = f"第{q.task_no}项任务"
    elif q.person and q.unit:
        subject = f"{q.person}分管的任务中，{q.unit}"
    else:
        subject = q.person or q.unit or q.topic
    ask = ASK.get((q.intent, q.aspect)) or ("的内容是什么？" if q.intent is Intent.PASSAGE else "是多少？")
    return f"{scope + ' ' if scope else ''}{subject}{ask}".strip()


def is_followup(q: Query, raw: str) -> bool:
    """No subject of its own ("配合单位有哪些？"), or a word standing for one ("她还负责什么？",
    "这项由谁分管？", "上面第二项呢？", "下一项呢？")."""
    return not q.subject or bool(
        (PERSON_PRONOUN.search(raw) and not q.person) or (UNIT_PRONOUN.search(raw) and not q.unit)
        or NEXT.search(raw) or ITEM_PRONOUN.search(raw) or ORDINAL_REF.search(raw))


def in_frame(q: Query, raw: str, attributes: frozenset[str]) -> bool:
    """A subject of its own asked in the previous turn's frame: "那停放管理呢？", "这个意见要求…",
    or only an attribute of a document ("有效期多久？")."""
    only_attributes = bool(q.topic) and all(w in attributes for w in q.topic.split())
    return bool(WHAT_ABOUT.search(raw) or DOC_PRONOUN.search(raw) or only_attributes) and not q.docs


def confine(q: Query, scope: str | None, parser: QueryParser) -> Query:
    """A hard scope: every answer comes from the chosen document. A question that names
    another document, or a year the chosen task document is not of, is told so."""
    if not scope or q.refuse:
        return q
    doc = parser.lexicon.documents[scope]
    names_other = q.doc_explicit and scope not in q.docs
    other_year = q.year is not None and scope in parser.lexicon.task_docs and doc.year != q.year
    if names_other or other_year:
        return q.with_(refuse=Refusal.OUT_OF_SCOPE, docs=(scope,))
    return q.with_(docs=(scope,), soft_scope=False)


def resolve(parser: QueryParser, question: str, history: list[dict[str, str]], outcome_of: OutcomeOf,
            scope: str | None = None) -> Query:
    """The standalone Query for `question` given earlier turns (oldest first), inside `scope`."""
    current = parser.parse(question)
    users = [i for i, t in enumerate(history) if t["role"] == "user"]
    if not users and not current.refuse and not (current.subject or current.topic or current.section_label
                                                   or current.task_no or current.doc_explicit):
        # "那2024年的呢？" as the first message: no subject and nothing to follow, so ask what is meant
        return current.with_(refuse=Refusal.NO_SUBJECT)
    if not users or current.refuse or confine(current, scope, parser).refuse:
        return confine(current, scope, parser)
    refines = bool(REFINE.search(question)) and bool(current.person or current.unit)
    followup = is_followup(current, question)
    framed = not followup and in_frame(current, question, parser.lexicon.data.document_attributes)
    if not (followup or refines or framed):
        return confine(current, scope, parser)  # its own subject: answered as asked, earlier turns unread
    last = users[-1]
    previous = resolve(parser, history[last]["content"], history[:last], outcome_of, scope)
    if previous.refuse:
        return confine(current, scope, parser)
    if refines and (previous.person or previous.unit):
        # "其中哪些是省水利厅牵头的？": narrow the previous list by one more person or unit.
        refined = previous.with_(person=current.person or previous.person, unit=current.unit or previous.unit,
                                 aspect=current.aspect, intent=Intent.REVERSE, question=question)
        return confine(refined.with_(question=render(refined)), scope, parser)
    if framed:
        # "那停放管理呢？": the new subject, in the previous turn's documents and with its question
        docs = previous.docs or _answer_docs(outcome_of(previous))
        intent = current.intent
        if intent is Intent.PASSAGE and previous.intent is not Intent.PASSAGE:
            intent = previous.intent if previous.intent in (Intent.RESPONSIBILITY, Intent.FIGURE) \
                else Intent.RESPONSIBILITY
        # the same attribute of the new subject ("有效期几年？" … "那X的意见呢？")
        asked = [w for w in previous.topic.split() if w in parser.lexicon.data.document_attributes
                 and w not in current.topic.split()]
        framed_q = current.with_(docs=docs, year=current.year or previous.year, soft_scope=True,
                                 level=current.level or previous.level, intent=intent,
                                 topic=" ".join([current.topic, *asked]).strip())
        return confine(framed_q.with_(question=render(framed_q)), scope, parser)
    said = next((t["content"] for t in history[last + 1:] if t["role"] == "assistant"), "")
    return confine(_merge(parser, question, current, previous, outcome_of, said), scope, parser)


def _merge(parser: QueryParser, question: str, current: Query, previous: Query, outcome_of: OutcomeOf,
           said: str = "") -> Query:
    """A follow-up without a subject: the previous Query with what the question changes."""
    merged = previous.with_(question=question, refuse=None, soft_scope=False)
    list_intent = current.intent if FOLLOWUPS.get(current.intent) and FOLLOWUPS[current.intent].lists_tasks \
        else Intent.REVERSE
    ordinal = ORDINAL_REF.search(question)
    if PERSON_PRONOUN.search(question) and not current.person:
        first = _first_task(outcome_of(previous))
        person = previous.person or (first or {}).get("leaders", [None])[0]
        if person and current.topic and not current.unit and current.intent is Intent.PASSAGE:
            # "他是什么职务？": an ask of its own about the person (the one asked about before, or
            # who oversees the task the answer gave), not their tasks
            named = parser.parse(PERSON_PRONOUN.sub(person, question, count=1))
            return named.with_(docs=named.docs or current.docs or previous.docs)
        if first and first.get("leaders"):
            merged = merged.with_(person=first["leaders"][0], unit=current.unit, topic="", intent=list_intent,
                                  aspect=current.aspect, docs=current.docs or (first["doc_id"],), task_no=None)
    elif UNIT_PRONOUN.search(question) and not current.unit:
        first = _first_task(outcome_of(previous))
        if first and first.get("lead_units"):
            merged = merged.with_(unit=first["lead_units"][0], person=None, topic="", intent=list_intent,
                                  aspect=Aspect.LEAD, docs=current.docs or (first["doc_id"],), task_no=None)
    elif ordinal or ITEM_PRONOUN.search(question):
        # "这项由谁分管？", "上面第二项的配合单位？": a task the previous answer named, in the
        # order the official read them (the assistant turn's text), else the answer's records
        n = _number(ordinal.group(1)) if ordinal else 1
        tasks = tasks_named(said, parser) or [r for r in outcome_of(previous).records if r.get("task_no")]
        if 0 < n <= len(tasks):
            task = tasks[n - 1]
            merged = merged.with_(task_no=task["task_no"], intent=Intent.TASK_LOOKUP, docs=(task["doc_id"],),
                                  topic="", person=None, unit=None, aspect=current.aspect)
    elif NEXT.search(question):
        first = _first_task(outcome_of(previous))
        if first:
            step = -1 if "上" in NEXT.search(question).group(0) else 1
            prefix, _, number = first["task_no"].rpartition("-")
            task_no = f"{prefix}-{int(number) + step}" if prefix else str(int(number) + step)
            merged = merged.with_(task_no=task_no, intent=Intent.TASK_LOOKUP, docs=(first["doc_id"],), topic="")
    elif current.task_no:
        docs = current.docs or previous.docs or _answer_docs(outcome_of(previous))
        merged = merged.with_(task_no=current.task_no, intent=Intent.TASK_LOOKUP, docs=docs[:1], topic="",
                              aspect=current.aspect)
    elif current.year or current.level or current.docs:
        year = current.year or previous.year
        level = current.level or (previous.level if year is None or parser.lexicon.task_docs_for(year, previous.level)
                                  or previous.level == "市" else None)
        if current.level and not current.year and not parser.lexicon.task_docs_for(year, level):
            year = None  # "换成广州市的": that level's documents, whatever their year
        if current.doc_explicit:
            docs: tuple[str, ...] = current.docs
        else:
            docs, why = parser.scope_for(year, level, previous.intent in TASK_INTENTS)
            if why or not docs:
                return current.with_(refuse=why or Refusal.NO_DOCUMENT_FOR_YEAR)
        merged = merged.with_(docs=docs, year=year, level=level)
        if current.aspect is not Aspect.ALL:
            merged = merged.with_(aspect=current.aspect)
    else:
        if current.aspect is not Aspect.ALL:
            merged = merged.with_(aspect=current.aspect)
            if not FOLLOWUPS.get(merged.intent) or not FOLLOWUPS[merged.intent].keeps_intent_on_aspect:
                merged = merged.with_(intent=Intent.RESPONSIBILITY)
        if FOLLOWUPS.get(current.intent) and FOLLOWUPS[current.intent].lists_tasks and (merged.person or merged.unit):
            merged = merged.with_(intent=current.intent)
    return merged.with_(question=render(merged))


_TASK_MENTION = re.compile(r"第\s*(\d+)\s*项")


def tasks_named(text: str, parser: QueryParser) -> list[dict[str, str]]:
    """Tasks an assistant turn names, in order ("穗府〔2024〕1号 … 第256项 … 第323项"); a number
    belongs to the last document named before it."""
    found, doc = [], None
    positions = sorted([(m.start(), "doc", parser.find_doc(m.group(0))) for m in DOC_NO.finditer(text)]
                       + [(m.start(), "task", m.group(1)) for m in _TASK_MENTION.finditer(text)])
    for _, kind, value in positions:
        if kind == "doc":
            doc = value if value in parser.lexicon.documents else doc
        elif doc and (doc, value) in parser.lexicon.records.task_by_key:
            item = {"doc_id": doc, "task_no": value}
            if item not in found:
                found.append(item)
    return found


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _NUMERALS.get(text[1:], 0)
    return _NUMERALS.get(text, 0)


def _first_task(answer: Answer) -> dict[str, Any] | None:
    return next((r for r in answer.records if r.get("task_no")), None)


def _answer_docs(answer: Answer) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.doc_id for c in answer.citations))
