"""How much / which target: the passage that states the figure asked about."""

from __future__ import annotations

import re

from assistant.records import Answer
from assistant.retrieve.context import Context, SearchPlan
from assistant.retrieve.cues import Cue, Followup
from assistant.retrieve.query import Intent, Query

INTENT = Intent.FIGURE

CUES = (Cue(INTENT, re.compile(r"多少|目标|增长|比例|比重|达到|标准|几|百分|数字|规模|指标|金额|多高|多大|万|亿"),
            priority=80),)

ASK = {}  # worded as "…是多少？"
FOLLOWUP = Followup()

SEARCH = SearchPlan(focus_check=True, prefer_figures=True, other_documents=True, named_part=True)


def answer(q: Query, ctx: Context) -> Answer:
    return ctx.search_answer(q, SEARCH)
