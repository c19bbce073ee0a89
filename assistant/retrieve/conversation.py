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
from assistant.retrieve.understand import QueryParser

PERSON_PRONOUN = re.compile(r"他|她|此人|这位|该领导|这个领导|这名")
UNIT_PRONOUN = re.compile(r"该单位|这个单位|该部门|这个部门|这家单位|牵头单位还|它还")
REFINE = re.compile(r"^(其中|这些|这里面|里面)")
NEXT = re.compile(r"下一项|上一项|下一条|上一条")
# A question this short with a topic of its own ("有效期多久？") looks first in the documents
# of the previous answer (tuned on the follow-up questions of eval/questions.jsonl).
SHORT_QUESTION_CHARS = 16

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
    """No subject of its own ("配合单位有哪些？"), or a pronoun standing for one ("她还负责什么？")."""
    return not q.subject or bool(
        (PERSON_PRONOUN.search(raw) and not q.person) or (UNIT_PRONOUN.search(raw) and not q.unit)
        or NEXT.search(raw))


def resolve(parser: QueryParser, question: str, history: list[dict[str, str]], outcome_of: OutcomeOf) -> Query:
    """The standalone Query for `question` given earlier turns (oldest first)."""
    current = parser.parse(question)
    users = [i for i, t in enumerate(history) if t["role"] == "user"]
    if not users or current.refuse:
        return current
    refines = bool(REFINE.search(question)) and bool(current.person or current.unit)
    followup = is_followup(current, question)
    if not followup and not refines and (current.docs or len(question) > SHORT_QUESTION_CHARS):
        return current  # a standalone question: earlier turns are not even parsed
    last = users[-1]
    previous = resolve(parser, history[last]["content"], history[:last], outcome_of)
    if previous.refuse:
        return current
    if refines and (previous.person or previous.unit):
        # "其中哪些是省水利厅牵头的？": narrow the previous list by one more person or unit.
        refined = previous.with_(person=current.person or previous.person, unit=current.unit or previous.unit,
                                 aspect=current.aspect, intent=Intent.REVERSE, question=question)
        return refined.with_(question=render(refined))
    if not followup:
        if current.docs or len(question) > SHORT_QUESTION_CHARS:
            return current
        # A short question with a topic of its own ("那二类和三类呢？"): look in the documents of
        # the previous answer first, and everywhere if nothing is found there.
        docs = previous.docs or _answer_docs(outcome_of(previous))
        intent = current.intent
        if intent is Intent.PASSAGE and previous.intent is not Intent.PASSAGE:  # "前海那项呢？"
            intent = previous.intent if previous.intent in (Intent.RESPONSIBILITY, Intent.FIGURE) \
                else Intent.RESPONSIBILITY
        return current.with_(docs=docs, soft_scope=True, intent=intent)
    return _merge(parser, question, current, previous, outcome_of)


def _merge(parser: QueryParser, question: str, current: Query, previous: Query, outcome_of: OutcomeOf) -> Query:
    """A follow-up without a subject: the previous Query with what the question changes."""
    merged = previous.with_(question=question, refuse=None, soft_scope=False)
    list_intent = current.intent if FOLLOWUPS.get(current.intent) and FOLLOWUPS[current.intent].lists_tasks \
        else Intent.REVERSE
    if PERSON_PRONOUN.search(question) and not current.person:
        first = _first_task(outcome_of(previous))
        if first and first.get("leaders"):
            merged = merged.with_(person=first["leaders"][0], unit=current.unit, topic="", intent=list_intent,
                                  aspect=current.aspect, docs=current.docs or (first["doc_id"],), task_no=None)
    elif UNIT_PRONOUN.search(question) and not current.unit:
        first = _first_task(outcome_of(previous))
        if first and first.get("lead_units"):
            merged = merged.with_(unit=first["lead_units"][0], person=None, topic="", intent=list_intent,
                                  aspect=Aspect.LEAD, docs=current.docs or (first["doc_id"],), task_no=None)
    elif NEXT.search(question):
        first = _first_task(outcome_of(previous))
        if first:
            step = 1 if "下" in NEXT.search(question).group(0) else -1
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


def _first_task(answer: Answer) -> dict[str, Any] | None:
    return next((r for r in answer.records if r.get("task_no")), None)


def _answer_docs(answer: Answer) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.doc_id for c in answer.citations))
