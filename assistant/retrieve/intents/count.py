"""How many tasks a document has (or a person / unit has: then the complete list)."""

from __future__ import annotations

import re

from assistant.records import Answer
from assistant.retrieve import compose
from assistant.retrieve.context import Context
from assistant.retrieve.cues import Cue, Followup
from assistant.retrieve.intents import reverse
from assistant.retrieve.query import Aspect, Intent, Query

INTENT = Intent.COUNT

_COUNT = re.compile(r"(多少|(?<!第)几)\s*(项|条|件)(?!目)|(多少|几)个(任务|工作(?!日))|任务数|总数|共有多少项"
                    r"|一共[^，。？]*(多少|几)项")
# A count of tasks: of a person or unit, of a whole document, or a topic named as 任务/工作.
CUES = (
    Cue(INTENT, _COUNT, needs=("person_or_unit",), priority=20),
    Cue(INTENT, _COUNT, needs=("no_topic",), priority=20),
    Cue(INTENT, _COUNT, needs=("task_words",), priority=20),
)

ASK = {Aspect.ALL: "负责多少项任务？", Aspect.LEAD: "牵头多少项任务？", Aspect.CO: "配合多少项任务？",
       Aspect.LEADER: "分管多少项任务？"}
FOLLOWUP = Followup(lists_tasks=True)


def answer(q: Query, ctx: Context) -> Answer:
    if q.person or q.unit:
        return reverse.answer(q, ctx)
    src = compose.Sources(ctx.records)
    claims = []
    for doc_id in q.docs or tuple(ctx.lexicon.task_docs):
        tasks = ctx.records.tasks_by_doc.get(doc_id, [])
        if not tasks:
            continue
        main = [t for t in tasks if t.kind == "task"]
        annex = [t for t in tasks if t.kind == "annex"]
        claim = f"{compose.doc_label(ctx.records, doc_id)}共有{len(main)}项任务{compose.mark(src.task(main[-1]))}"
        if annex:
            claim += f"，另附民生实事{len(annex)}项{compose.mark(src.task(annex[-1]))}"
        claims.append(claim)
    if not claims:
        return ctx.search_answer(q)
    return compose.finish(ctx.records, "；".join(claims) + "。", src)
