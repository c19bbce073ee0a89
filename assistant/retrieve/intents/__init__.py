"""The intent table: one module per intent, each holding its cue rules (data), how it
retrieves, how it words the answer, and how a follow-up may change it.

    intent          module              answered from
    responsibility  responsibility.py   hybrid search, tasks naming who is responsible first
    reverse         reverse.py          the records (every task of a person or unit)
    count           count.py            the records
    task_lookup     task_lookup.py      the records (task N of a document)
    figure          figure.py           search + focus check + a passage stating a number
    passage         passage.py          search + focus check
    (named parts)   section.py          inside 专栏3 / 第十七条, used by figure and passage

To add an intent: write its module (INTENT, CUES, ASK, FOLLOWUP, answer) and list it in
MODULES below.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.records import Answer
from assistant.retrieve.context import Context
from assistant.retrieve.cues import AspectCue, Cue, Followup
from assistant.retrieve.intents import count, figure, passage, responsibility, reverse, task_lookup
from assistant.retrieve.query import Aspect, Intent, Query

MODULES = (responsibility, reverse, count, task_lookup, figure, passage)

HANDLERS: dict[Intent, Callable[[Query, Context], Answer]] = {m.INTENT: m.answer for m in MODULES}
CUES: tuple[Cue, ...] = tuple(sorted((c for m in MODULES for c in m.CUES), key=lambda c: c.priority))
ASPECT_CUES: tuple[AspectCue, ...] = responsibility.ASPECT_CUES
ASK: dict[tuple[Intent, Aspect], str] = {(m.INTENT, a): text for m in MODULES for a, text in m.ASK.items()}
FOLLOWUPS: dict[Intent, Followup] = {m.INTENT: m.FOLLOWUP for m in MODULES}

__all__ = ["HANDLERS", "CUES", "ASPECT_CUES", "ASK", "FOLLOWUPS", "MODULES"]
