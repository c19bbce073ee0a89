"""How many tasks a document has (or a person / unit has: then the complete list)."""

from __future__ import annotations

import re

from assistant.records import Answer
from assistant.retrieve import compose
from assistant.retrieve.context import Context
from assistant.retrieve.cues import Cue, Followup
from assistant.retrieve.intents import reverse
from assistant.retrieve.query import ANNEX_WORD, Aspect, Intent, Query
from assistant.retrieve.refusals import Refusal

INTENT = Intent.COUNT

_COUNT = re.compile(r"(多少|(?<!第)几)\s*(项|条|件)(?!目)|(多少|几)个(任务|工作(?!日))|任务数|总数|共有多少项"
                    r"|一共[^，。？]*(多少|几)项")
# "2023年有哪些民生实事？": the document's annex of livelihood projects, listed whole (the annex
# rows are the records' tasks of kind "annex", numbered "民生实事-N").
_ANNEX_LIST = re.compile(rf"{ANNEX_WORD}(?:都|一共|具体)?(?:有|是|包括)?(?:哪些|哪几|什么)|(?:哪些|哪几件|什么)"
                         rf"{ANNEX_WORD}|{ANNEX_WORD}(?:清单|名单|都有啥)")
# A count of tasks: of a person or unit, of a whole document, or a topic named as 任务/工作;
# or the list of a document's annex.
CUES = (
    Cue(INTENT, _ANNEX_LIST, needs=("no_person",), priority=19),
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
    if _ANNEX_LIST.search(q.question):
        return annex_listing(q, ctx)
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


def annex_listing(q: Query, ctx: Context) -> Answer:
    """A document's annex (民生实事) listed whole: the count and the first items in the direct
    answer, every item below, newest document first when the question names none."""
    docs = [d for d in (q.docs or tuple(ctx.lexicon.task_docs)) if _has_annex(ctx, d)]
    if not docs and q.docs:  # "2022年有哪些民生实事？": that year's documents print no such list
        others = [compose.doc_label(ctx.records, d) for d in ctx.lexicon.task_docs if _has_annex(ctx, d)]
        reason = f"所收录的{'、'.join(q.docs)}没有附{ANNEX_WORD}清单。"
        if others:
            reason += f"附有{ANNEX_WORD}清单的是{'、'.join(others)}。"
        return ctx.refuse(q, Refusal.NOT_STATED, reason)
    if not docs:
        return ctx.search_answer(q)
    doc_id = max(docs, key=lambda d: ctx.records.documents[d].year) if not q.docs else docs[0]
    annex = [t for t in ctx.records.tasks_by_doc[doc_id] if t.kind == "annex"]
    src = compose.Sources(ctx.records)
    numbers = [src.task(t) for t in annex]
    direct = (f"{compose.doc_label(ctx.records, doc_id)}附{ANNEX_WORD}{len(annex)}项，"
              f"包括{compose.preview(annex, numbers, numbered=False)}。完整清单如下：")
    block = compose.listing(ctx.records, annex, "", "", numbers, ANNEX_WORD)
    return compose.finish(ctx.records, direct, src, listing=block, task_records=annex)


def _has_annex(ctx: Context, doc_id: str) -> bool:
    return any(t.kind == "annex" for t in ctx.records.tasks_by_doc.get(doc_id, []))
