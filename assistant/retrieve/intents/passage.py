"""What a document says about a topic: plan passages, notice points, appointments."""

from __future__ import annotations

import re

from assistant.records import Answer
from assistant.retrieve.context import Context, SearchPlan
from assistant.retrieve.cues import Cue, Followup
from assistant.retrieve.query import Intent, Query

INTENT = Intent.PASSAGE

# The plan cue names the corpus's own periods and horizon years, filled in from the lexicon
# (@PERIODS@ -> 十四五|十三五, @PLAN_YEARS@ -> 2035).
PLAN_PATTERN = r"@PERIODS@|规划|纲要|专栏|表\s*\d|第[一二三四五六七八九十百]+[章节]|@PLAN_YEARS@|远景"

CUES = (
    Cue(INTENT, re.compile(r"任命|免去|免职|任免|任职|职务|被免"), priority=50),
    # who heads a unit is an appointment, not the unit's tasks: "广州开发区管委会的主任换成谁了"
    Cue(INTENT, re.compile(r"(?:主任|局长|厅长|一把手|秘书长|主席|书记)(?:是谁|换成|换了|由谁|是哪位|谁当)"
                           r"|新(?:的|任)?(?:一把手|主任|局长|厅长)"), priority=50),
    Cue(INTENT, re.compile(PLAN_PATTERN), priority=60),  # compiled again with the lexicon
    Cue(INTENT, None, priority=999),  # nothing else matched: what do the documents say
)

ASK = {}  # worded as "…的内容是什么？"
FOLLOWUP = Followup()

SEARCH = SearchPlan(focus_check=True, other_documents=True, named_part=True)


def answer(q: Query, ctx: Context) -> Answer:
    return ctx.search_answer(q, SEARCH)
