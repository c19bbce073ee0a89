"""Follow-up questions: carry over the task, document, year or person of earlier turns.

A follow-up ("那2024年的呢？", "配合单位有哪些？", "她还负责什么？", "第11项呢？") has no topic
of its own. We rebuild the previous turn's Query (recursively, from the history's user
turns), then merge in what the new question changes. The result is a standalone Query
plus a readable rewritten question, shown to the user as `resolved_question`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.records import Answer
from assistant.retrieve.query import TASK_INTENTS, Query, QueryParser

_PERSON_PRONOUN = re.compile(r"他|她|此人|这位|该领导|这个领导|这名")
_UNIT_PRONOUN = re.compile(r"该单位|这个单位|该部门|这个部门|这家单位|牵头单位还|它还")
_REFINE = re.compile(r"^(其中|这些|这里面|里面)")
_NEXT = re.compile(r"下一项|上一项|下一条|上一条")

ASK_TEXT = {
    ("responsibility", "all"): "由谁负责？", ("responsibility", "leader"): "的分管领导是谁？",
    ("responsibility", "lead"): "的牵头单位是哪个？", ("responsibility", "co"): "的配合单位有哪些？",
    ("reverse", "all"): "负责哪些任务？", ("reverse", "lead"): "牵头哪些任务？",
    ("reverse", "co"): "配合哪些任务？", ("reverse", "leader"): "分管哪些任务？",
    ("count", "all"): "负责多少项任务？", ("count", "lead"): "牵头多少项任务？",
    ("count", "co"): "配合多少项任务？", ("count", "leader"): "分管多少项任务？",
    ("task_lookup", "all"): "是什么？", ("task_lookup", "leader"): "的分管领导是谁？",
    ("task_lookup", "lead"): "的牵头单位是哪个？", ("task_lookup", "co"): "的配合单位有哪些？",
}


def render(q: Query) -> str:
    """A readable standalone question for a merged Query."""
    scope = "、".join(q.docs) if q.docs and len(q.docs) <= 2 else ""
    if q.task_no and q.intent == "task_lookup":
        subject = f"第{q.task_no}项任务"
    elif q.person and q.unit:
        subject = f"{q.person}分管的任务中，{q.unit}"
    else:
        subject = q.person or q.unit or q.topic
    ask = ASK_TEXT.get((q.intent, q.aspect)) or ("的内容是什么？" if q.intent == "passage" else "是多少？")
    return f"{scope + ' ' if scope else ''}{subject}{ask}".strip()


def is_followup(q: Query, raw: str) -> bool:
    """No subject of its own ("配合单位有哪些？"), or a pronoun standing for one ("她还负责什么？")."""
    words = [w for w in q.topic.split() if len(w) > 1]  # a lone character is no subject
    own_subject = bool(words or q.person or q.unit or (q.task_no and q.docs))
    return not own_subject or bool(
        (_PERSON_PRONOUN.search(raw) and not q.person) or (_UNIT_PRONOUN.search(raw) and not q.unit)
        or _NEXT.search(raw))


def resolve(parser: QueryParser, question: str, history: list[dict[str, str]],
            answer_of: Callable[[Query], Answer]) -> Query:
    """The standalone Query for `question` given earlier turns (oldest first)."""
    current = parser.parse(question)
    users = [i for i, t in enumerate(history) if t["role"] == "user"]
    if not users or current.refuse:
        return current
    last = users[-1]
    previous = resolve(parser, history[last]["content"], history[:last], answer_of)
    if previous.refuse:
        return current
    if _REFINE.search(question) and (current.person or current.unit) and (previous.person or previous.unit):
        # "其中哪些是省水利厅牵头的？": narrow the previous list by one more person or unit.
        refined = previous.with_(person=current.person or previous.person, unit=current.unit or previous.unit,
                                 aspect=current.aspect, intent="reverse", question=question)
        return refined.with_(question=render(refined))
    if not is_followup(current, question):
        if current.docs or len(question) > 16:
            return current
        # A short question with a topic of its own ("那二类和三类呢？", "有效期多久？"): look in the
        # documents of the previous answer first, and everywhere if nothing is found there.
        docs = previous.docs or _answer_docs(answer_of(previous))
        intent = current.intent
        if intent == "passage" and previous.intent != "passage":  # "前海那项呢？" after a task question
            intent = previous.intent if previous.intent in ("responsibility", "figure") else "responsibility"
        return current.with_(docs=docs, soft_scope=True, intent=intent)

    merged = previous.with_(question=question, refuse="", soft_scope=False)
    if _PERSON_PRONOUN.search(question) and not current.person:
        first = _first_task(answer_of(previous))
        if first and first.get("leaders"):
            intent = current.intent if current.intent in ("count", "reverse") else "reverse"
            merged = merged.with_(person=first["leaders"][0], unit=current.unit, topic="", intent=intent,
                                  aspect=current.aspect, docs=current.docs or (first["doc_id"],), task_no=None)
    elif _UNIT_PRONOUN.search(question) and not current.unit:
        first = _first_task(answer_of(previous))
        if first and first.get("lead_units"):
            intent = current.intent if current.intent in ("count", "reverse") else "reverse"
            merged = merged.with_(unit=first["lead_units"][0], person=None, topic="", intent=intent,
                                  aspect="lead", docs=current.docs or (first["doc_id"],), task_no=None)
    elif _NEXT.search(question):
        first = _first_task(answer_of(previous))
        if first:
            step = 1 if "下" in _NEXT.search(question).group(0) else -1
            prefix, _, number = first["task_no"].rpartition("-")
            task_no = f"{prefix}-{int(number) + step}" if prefix else str(int(number) + step)
            merged = merged.with_(task_no=task_no, intent="task_lookup", docs=(first["doc_id"],), topic="")
    elif current.task_no:
        docs = current.docs or previous.docs or _answer_docs(answer_of(previous))
        merged = merged.with_(task_no=current.task_no, intent="task_lookup", docs=docs[:1], topic="",
                              aspect=current.aspect)
    elif current.year or current.level or current.docs:
        year = current.year or previous.year
        level = current.level or (previous.level if year is None or (year, previous.level) in parser.task_docs
                                  or previous.level == "市" else None)
        if current.doc_explicit:
            docs: tuple[str, ...] = current.docs
        else:
            docs, why = parser.scope_for(year, level, previous.intent in TASK_INTENTS)
            if why or not docs:
                return current.with_(refuse=why or "no_document_for_year")
        merged = merged.with_(docs=docs, year=year, level=level)
        if current.aspect != "all":
            merged = merged.with_(aspect=current.aspect)
    else:
        if current.aspect != "all":
            merged = merged.with_(aspect=current.aspect)
            if merged.intent not in ("responsibility", "task_lookup"):
                merged = merged.with_(intent="responsibility")
        if current.intent in ("count", "reverse") and (merged.person or merged.unit):
            merged = merged.with_(intent=current.intent)
    return merged.with_(question=render(merged))


def _first_task(answer: Answer) -> dict[str, Any] | None:
    return next((r for r in answer.records if r.get("task_no")), None)


def _answer_docs(answer: Answer) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.doc_id for c in answer.citations))
