"""Who is responsible for a topic: 分管领导, 牵头单位, 配合单位 of the best-matching task."""

from __future__ import annotations

import re

from assistant.records import Answer
from assistant.retrieve.context import Context, SearchPlan
from assistant.retrieve.cues import AspectCue, Cue, Followup
from assistant.retrieve.query import Aspect, Intent, Query

INTENT = Intent.RESPONSIBILITY

CUES = (
    # "X是第几项？": which task is it (the answer names the task and its number); "第几号任免文件"
    # asks for a document's number, not a task's
    Cue(INTENT, re.compile(r"第几(项|条)|第几号(?![^，。？?]{0,4}文)|哪一项|哪项任务"), priority=10),
    Cue(INTENT, re.compile(r"谁|哪个|哪些|哪位|由谁|负责"), priority=70),
    Cue(INTENT, None, needs=("aspect",), priority=71),
)

# Which part of the responsibility is asked about: the aspect of the matching rows; when two
# aspects match, all of it; a row with `yields_to` drops out when a row of those aspects matches.
ASPECT_CUES = (
    AspectCue(Aspect.CO, re.compile(r"配合|协助|协同|参与单位|配合单位")),
    # "归谁管" asks for all of it: with "哪个局牵头" after it, the leader and the lead unit
    AspectCue(Aspect.ALL, re.compile(r"归谁管|谁管|谁在管")),
    AspectCue(Aspect.LEADER, re.compile(r"分管|哪位领导|哪个领导|领导是|市领导|省领导|谁分管"), needs=("no_person",)),
    # ("各牵头部门要把落实情况分几次报" names who reports, and asks how often: no who-ask)
    AspectCue(Aspect.LEAD, re.compile(r"(?<!各)(?:牵头|挑头|带头|领头)|主责|主管部门")),
    # a lead unit's heads (printed in annex rows): "卫健委哪位负责", "分管负责人是谁"
    AspectCue(Aspect.LEAD, re.compile(r"负责人|[厅委局办]哪位负责")),
    AspectCue(Aspect.MEASURES, re.compile(r"具体措施|工作措施|什么措施|哪些措施|怎么做|怎么推进|如何推进|完成时限|时限|要求是什么")),
    # "哪个单位" asks for a unit: the lead unit, unless another aspect is named ("哪个单位协助")
    AspectCue(Aspect.LEAD, re.compile(r"哪个(部门|单位|局|厅|委)|哪(个|些)?部门负责|什么部门"), yields_to=(Aspect.CO,)),
)

# How the resolved question of a follow-up is worded, per aspect.
ASK = {Aspect.ALL: "由谁负责？", Aspect.LEADER: "的分管领导是谁？", Aspect.LEAD: "的牵头单位是哪个？",
       Aspect.CO: "的配合单位有哪些？", Aspect.MEASURES: "的工作措施是什么？"}
# An aspect-only follow-up ("配合单位有哪些？") keeps this intent.
FOLLOWUP = Followup(keeps_intent_on_aspect=True)

SEARCH = SearchPlan(prefer_attributed=True, other_documents=True, subject_check=True)


def answer(q: Query, ctx: Context) -> Answer:
    return ctx.search_answer(q, SEARCH)
