"""The typed result of understanding a question: its intent and its slots."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from assistant.retrieve.refusals import Refusal

ANNEX_WORD = "民生实事"  # task numbers of the annex rows are "民生实事-N"
# A question word with its measure ("多少钱", "多少倍", "几个") asks; it is no topic word, nor is
# a word made with 哪 ("哪些地方", "哪家"), which only asks.
QUESTION_COMPOUND = re.compile(r"(?:多少|几)[\u4e00-\u9fff]?$|哪[\u4e00-\u9fff]*$")
# A rate's unit (每个, 每月, 一天, 每人) names no subject either.
_PER_UNIT = re.compile(r"[每一]个?[月年天日人次户亩周]?$")


class Intent(str, Enum):
    """What the question asks for; each has one handler module in retrieve/intents/."""

    RESPONSIBILITY = "responsibility"  # who leads / oversees / co-operates on a topic
    REVERSE = "reverse"  # which tasks a person or unit has
    COUNT = "count"  # how many tasks (of a document, person or unit)
    TASK_LOOKUP = "task_lookup"  # task number N of a document
    FIGURE = "figure"  # how much / which target
    PASSAGE = "passage"  # what a document says about a topic
    SECTION = "section"  # a named part: 专栏3, 表2, 第十七条, 第二章第三节
    EMPTY = "empty"  # no words at all

    def __str__(self) -> str:
        return self.value


class Aspect(str, Enum):
    """Which part of a task's responsibility is asked about."""

    ALL = "all"
    LEADER = "leader"  # 分管领导
    LEAD = "lead"  # 牵头单位
    CO = "co"  # 配合单位
    MEASURES = "measures"  # 工作措施 (what is to be done, by when)

    def __str__(self) -> str:
        return self.value


# Intents answered from the task records (documents of a task layout).
TASK_INTENTS = frozenset({Intent.RESPONSIBILITY, Intent.REVERSE, Intent.COUNT, Intent.TASK_LOOKUP})


@dataclass(frozen=True)
class Query:
    """A question as slots. Frozen and hashable: conversation state is cached by it."""

    question: str  # normalized question as asked (or as rewritten from history)
    topic: str  # the question minus scope and intent words
    intent: Intent
    aspect: Aspect = Aspect.ALL
    docs: tuple[str, ...] = ()  # document scope (empty = all documents)
    doc_explicit: bool = False  # scope named by 文号 (not inferred from year/level)
    year: int | None = None
    level: str | None = None  # "省" | "市"
    task_no: str | None = None
    person: str | None = None
    unit: str | None = None
    section_label: str = ""  # a named part ("专栏3", "第十七条", "第二章/第三节")
    refuse: Refusal | None = None  # set: the corpus cannot answer, and why
    # docs inherited from the conversation, or a level's task lists chosen by a level word
    # alone ("市里"): widen (to the level's documents, or to all) if nothing is found there
    soft_scope: bool = False

    def with_(self, **changes) -> Query:
        return replace(self, **changes)

    @property
    def subject(self) -> bool:
        """Whether the question names its own subject (a topic word, person, unit or task)."""
        # a lone character is no subject, nor a rate's unit: "每个月补多少？" continues the ask before
        words = [w for w in self.topic.split()
                 if len(w) > 1 and not _PER_UNIT.match(w) and not QUESTION_COMPOUND.match(w)]
        return bool(words or self.person or self.unit or (self.task_no and self.docs))
