"""Task number N of a document ("粤府〔2023〕18号第4项", "民生实事第3项")."""

from __future__ import annotations

import re

from assistant.records import Answer
from assistant.retrieve.context import Context
from assistant.retrieve.cues import Cue, Followup
from assistant.retrieve.lexicon import is_task_layout
from assistant.retrieve.query import Aspect, Intent, Query
from assistant.retrieve.refusals import Refusal

INTENT = Intent.TASK_LOOKUP
ANNEX = "民生实事"
_MORE_NUMBERS = re.compile(r"第\s*(\d+)\s*项")

CUES = (Cue(INTENT, None, needs=("task_no",), priority=40),)

ASK = {Aspect.ALL: "是什么？", Aspect.LEADER: "的分管领导是谁？", Aspect.LEAD: "的牵头单位是哪个？",
       Aspect.CO: "的配合单位有哪些？", Aspect.MEASURES: "的工作措施是什么？"}
FOLLOWUP = Followup(keeps_intent_on_aspect=True)


def answer(q: Query, ctx: Context) -> Answer:
    docs = q.docs or tuple(ctx.lexicon.task_docs)
    numbers = [q.task_no] + [n for n in _MORE_NUMBERS.findall(q.question) if q.task_no and n != q.task_no
                             and not q.task_no.startswith(ANNEX)]  # "第1项和第2项"
    found = [ctx.records.task_by_key[(d, n)] for n in dict.fromkeys(numbers) for d in docs
             if (d, n) in ctx.records.task_by_key]
    if not found:
        if any(is_task_layout(ctx.records.documents[d]) for d in docs if d in ctx.records.documents):
            return ctx.refuse(q, Refusal.NO_SUCH_TASK)
        return ctx.search_answer(q)
    if len(dict.fromkeys(numbers)) == 1:
        found.sort(key=lambda t: -ctx.records.documents[t.doc_id].year)
    return ctx.task_answer(found, q)
