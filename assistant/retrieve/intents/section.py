"""A named part of a document (专栏3, 表2, 第十七条, 第二章第三节, 第三档): answered from inside it.

Not an intent of its own: figure and passage questions that name a part are answered here
first (`SearchPlan.named_part`), and fall back to the whole-corpus search when the part
cannot say.
"""

from __future__ import annotations

import re

import numpy as np

from assistant.records import Answer
from assistant.retrieve.context import Context, SearchPlan
from assistant.retrieve.query import Query
from assistant.retrieve.refusals import Refusal

# 专栏3, 表2, 附件1, 第五章, 第二节, 第十七条, 第三档
LABEL = re.compile(r"(专栏|表|附件)\s*(\d+)|(第[一二三四五六七八九十百零]+[章节条档])")
WINDOWS = 4  # windows cited when a part is asked about as a whole (a 专栏 is 1-5 windows)
IN_PART_CANDIDATES = 3  # best windows inside the part whose sentences compete for the answer


def labels(question: str) -> list[str]:
    """The parts a question names, outermost first ("第二章第三节" -> ["第二章", "第三节"])."""
    return ["".join(g for g in m.groups() if g) for m in LABEL.finditer(question)]


def answer_in_part(q: Query, ctx: Context, plan: SearchPlan) -> Answer | None:
    """Search inside the part, or quote its start if nothing more is asked; None: the part
    is unknown (or ambiguous) and the whole corpus should be searched."""
    searcher, records = ctx.searcher, ctx.records
    in_part = searcher.in_section(q.section_label)
    if q.docs:
        in_part &= searcher.scope_mask(tuple(q.docs), (), "")  # per-document index arrays, no scan
    indices = [int(i) for i in np.flatnonzero(in_part)]
    if not indices:
        return None
    if q.topic:
        hits = searcher.search(q.topic, q.docs, k=ctx.settings.top_k, section_label=q.section_label)
        if hits and ctx.evidence_ok(hits[0]):
            if plan.focus_check:
                hits = ctx.on_focus(q, hits)
                if not hits:
                    return ctx.refuse(q, Refusal.NOT_FOUND)
            return ctx.quote(q, hits[:IN_PART_CANDIDATES], plan.prefer_figures)
    docs = {records.passages[i].doc_id for i in indices}
    if len(docs) > 1 and not q.topic:
        return None  # 第一节 of which document? let the search decide
    return ctx.quote(q, [searcher.hit(i) for i in indices[:WINDOWS]], plan.prefer_figures, every=True)
