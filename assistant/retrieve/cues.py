"""The shape of a cue rule: a pattern in the question, slots it needs, and a priority.

Each intent module (retrieve/intents/*.py) declares its cues as a table of `Cue` rows;
`understand.QueryParser` evaluates every table and the matching cue of lowest priority
decides the intent. Conditions are named (`CONDITIONS`), so a row reads as data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.retrieve.query import Aspect, Intent

# Words that make a count question about tasks ("多少项工作") even when a topic is named.
# A bare 项 counts only where it ends the question ("共有多少项？"): "要上线多少项高频服务" counts services.
# "…方案一共有多少项": a document's items are its tasks ("…管理权限，一共有多少项" are not)
_TASK_WORDS = re.compile(r"任务|工作(?!日)|(?:方案|报告|文件|分工|号)[^，,。？?]*项\s*[？?。]?$")


@dataclass(frozen=True)
class Slots:
    """What is known about a question before its intent: the inputs of cue conditions."""

    text: str  # normalized question
    person: str | None
    unit: str | None
    task_no: str | None
    topic: str  # topic without the named person and unit
    aspect: Aspect


CONDITIONS: dict[str, Callable[[Slots], bool]] = {
    "person_or_unit": lambda s: bool(s.person or s.unit),
    "no_person": lambda s: not s.person,
    "no_topic": lambda s: not s.topic,
    "task_words": lambda s: bool(_TASK_WORDS.search(s.text)),
    "task_no": lambda s: bool(s.task_no),
    "aspect": lambda s: s.aspect is not Aspect.ALL,
}


@dataclass(frozen=True)
class Cue:
    """`intent` when `pattern` (None: always) is in the question and every `needs` holds."""

    intent: Intent
    pattern: re.Pattern[str] | None
    needs: tuple[str, ...] = ()
    priority: int = 100

    def __post_init__(self) -> None:
        unknown = [n for n in self.needs if n not in CONDITIONS]
        if unknown:
            raise ValueError(f"cue for {self.intent}: unknown condition(s) {unknown}; known: {sorted(CONDITIONS)}")

    def matches(self, slots: Slots) -> bool:
        return (self.pattern is None or bool(self.pattern.search(slots.text))) and all(
            CONDITIONS[n](slots) for n in self.needs)


@dataclass(frozen=True)
class AspectCue:
    """`aspect` when `pattern` is in the question and every `needs` holds."""

    aspect: Aspect
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()
    yields_to: tuple[Aspect, ...] = ()  # drops out when a row of these aspects matches

    def matches(self, slots: Slots) -> bool:
        return bool(self.pattern.search(slots.text)) and all(CONDITIONS[n](slots) for n in self.needs)


@dataclass(frozen=True)
class Followup:
    """How a follow-up may change an intent of an earlier turn."""

    keeps_intent_on_aspect: bool = False  # "配合单位有哪些？" keeps it (else it becomes responsibility)
    lists_tasks: bool = False  # a pronoun follow-up ("她还负责什么？") asking for this lists tasks
