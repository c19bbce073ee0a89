"""Which tasks a person oversees or a unit leads / co-operates on: complete, from the records."""

from __future__ import annotations

import re

from assistant.records import Answer
from assistant.retrieve import compose, sentences
from assistant.retrieve.context import Context
from assistant.retrieve.cues import Cue, Followup
from assistant.retrieve.query import Aspect, Intent, Query
from assistant.retrieve.refusals import Refusal

INTENT = Intent.REVERSE

CUES = (
    Cue(INTENT, re.compile(r"(分管|负责|牵头|配合|参与|承担|管)[^，。？]{0,6}?(哪些|什么|哪几|哪项|哪个方面|哪方面)"
                           r"|还(负责|分管|牵头|管)"), needs=("person_or_unit",), priority=30),
    # "张虎呢？", "省商务厅的任务": a person or unit and nothing else
    Cue(INTENT, None, needs=("person_or_unit", "no_topic"), priority=31),
)

ASK = {Aspect.ALL: "负责哪些任务？", Aspect.LEAD: "牵头哪些任务？", Aspect.CO: "配合哪些任务？",
       Aspect.LEADER: "分管哪些任务？"}
FOLLOWUP = Followup(lists_tasks=True)


def role(q: Query) -> str:
    """How the person or unit relates to the listed tasks ("分管", "牵头", "牵头或配合")."""
    unit_role = {Aspect.LEAD: "牵头", Aspect.CO: "配合"}.get(q.aspect, "牵头或配合")
    if q.person and q.unit:
        return f"分管、由{q.unit}{'配合' if q.aspect is Aspect.CO else '牵头'}"
    return "分管" if q.person else unit_role


def answer(q: Query, ctx: Context) -> Answer:
    """The count and the first tasks in the direct answer; every task listed below it."""
    if q.person and any(map(sentences.ANSWER_FORMS["rank"][0].search, sentences.asks_of(q.question))):
        # "他是什么职务": the task lists name who oversees a task, never their post
        return ctx.refuse(q, Refusal.NOT_STATED, f"所收录的文件只写明{q.person}分管的任务，没有写明其职务。")
    tasks = ctx.matching_tasks(q)
    if not tasks:
        return ctx.refuse(q, Refusal.NO_MATCH)
    who = q.person or q.unit or ""
    src = compose.Sources(ctx.records)
    groups = ctx.by_doc_newest_first(tasks)
    blocks, ordered = [], []
    for group in groups.values():
        main = [t for t in group if t.kind == "task"]
        annex = [t for t in group if t.kind != "task"]
        for part, kind in ((main, "任务"), (annex, "民生实事")):
            if part:
                numbers = [src.task(t) for t in part]
                blocks.append(compose.listing(ctx.records, part, who, role(q), numbers, kind))
                ordered += list(zip(part, numbers))
    per_doc = "，".join(f"{doc}{len(group)}项" for doc, group in groups.items())
    first = compose.preview([t for t, _ in ordered], [n for _, n in ordered])
    direct = f"{who}{role(q)}的任务共{len(tasks)}项" + (f"（{per_doc}）" if len(groups) > 1 else "") + \
        f"，包括{first}。完整清单如下："
    return compose.finish(ctx.records, direct, src, listing="\n\n".join(blocks), task_records=tasks)
