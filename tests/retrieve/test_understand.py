"""Question -> (intent, slots, refusal), one row per rule, on the real corpus's records
parsed in memory (no index, no embedder): `pytest -m "not slow" tests/retrieve`."""

from __future__ import annotations

import pytest

from assistant.retrieve.query import Aspect, Intent
from assistant.retrieve.refusals import Refusal

P22, P23 = "粤府〔2022〕13号", "粤府〔2023〕18号"
C22, C24 = "穗府〔2022〕2号", "穗府〔2024〕1号"
PLAN = "广东省十四五规划纲要"
EV, SANI, LAND = "穗工信规字〔2022〕1号", "穗府办规〔2024〕3号", "穗府办规〔2022〕3号"
R, REV, CNT, TASK, FIG, PAS = (Intent.RESPONSIBILITY, Intent.REVERSE, Intent.COUNT, Intent.TASK_LOOKUP,
                               Intent.FIGURE, Intent.PASSAGE)

# (question, intent, expected slots). Slots not named are not checked; "refuse" defaults to None.
ROWS = [
    # --- responsibility cues and aspects
    ("谁负责粮食产量？", R, {"aspect": Aspect.ALL, "topic": "粮食产量", "docs": ()}),
    ("2023年进出口总额增长目标由哪个部门牵头？", R, {"aspect": Aspect.LEAD, "docs": (P23,), "year": 2023}),
    ("2022年粮食产量的分管省领导是谁？", R, {"aspect": Aspect.LEADER, "docs": (P22,), "level": "省"}),
    ("菜篮子工作的配合单位有哪些？", R, {"aspect": Aspect.CO, "topic": "菜篮子"}),
    ("2024年广州市菜篮子工作谁牵头？", R, {"aspect": Aspect.LEAD, "docs": (C24,), "level": "市"}),
    ("粮食产量是第几项任务？", R, {"task_no": None}),
    # "…一共有多少项" counts tasks only of a document named before it
    ("2022年下放给自贸片区的省级管理权限，一共有多少项？", FIG, {}),
    ("新材料产业园归哪位市领导、哪个局管？", R, {"aspect": Aspect.ALL}),
    # a bare 规划 in a who-leads question is a task's word, not the plan's
    ("临港经济区规划落地，2024年市里谁牵头？", PAS, {"docs": (C24,)}),  # the leader and the lead unit
    ("新材料产业园归哪个局管？", R, {"aspect": Aspect.LEAD}),
    # an annex row's unit heads: the leader and the lead unit with its heads
    ("民生实事那条医养结合的，哪位领导分管、卫健委哪位负责？", R, {"aspect": Aspect.ALL}),
    ("民生实事里家庭医生签约那条，卫健委的分管负责人是谁？", R, {"aspect": Aspect.ALL}),
    # "省级" qualifies a thing the city's documents name too: no provincial scope
    ("2024年推动设立省级综合服务中心，是哪个部门牵头？", R, {"docs": (C24,), "level": None}),
    ("高标准农田建设是哪一项？", R, {"topic": "高标准 农田 建设"}),
    # a document's number asked ("第几号任免文件"), not a task's: no task scope
    ("免去刘芳委员职务那一条，是第几号任免文件？", PAS, {"docs": ()}),
    # a level word alone scopes softly: the level's task lists first, then its other documents
    ("环卫作业单位的充电设施，市里哪个部门负责督促？", R, {"level": "市", "soft_scope": True}),
    ("2024年广州市菜篮子工作谁牵头？", R, {"docs": (C24,), "soft_scope": False}),  # a year: no widening
    # a place that begins a name the documents print is no level: 广东人民艺术中心 is a city task
    ("广东人民艺术中心，2024年哪个区牵头？", R, {"docs": (C24,), "level": None, "refuse": None}),
    ("广东地区生产总值增长目标是多少？", FIG, {"level": "省"}),  # 地区生产总值 is printed after other words too
    ("广东2024年粮食产量目标是多少？", FIG, {"level": "省"}),
    ("省水下文化遗产保护中心建在哪个市？", R, {"level": "省"}),  # a bare level word is one
    ("深圳市政府24年工作报告的责任分工里，招商引资归哪位副市长分管？", R, {"refuse": Refusal.OTHER_PLACE}),
    ("22年全省社零总额的增长目标归哪个厅挑头？", R, {"aspect": Aspect.LEAD}),  # 挑头: 牵头
    # 各牵头部门 names who reports: a time ask, no who-ask
    ("23年分工方案要求各牵头部门把落实情况分别在哪几天之前报督查室？", FIG, {"refuse": None}),
    # someone the documents only appoint: no task says what they oversee
    ("陈旭当了市发改委副主任以后分管哪几块工作？", REV, {"refuse": Refusal.UNKNOWN_PERSON}),
    ("广州22年打造中央法务区这事归谁管？哪个局牵头？", R, {"aspect": Aspect.ALL}),  # the leader too
    ("电动汽车充电设施的安全责任由谁承担？", R, {"aspect": Aspect.ALL}),
    ("省领导分管的就业工作由谁牵头？", R, {"aspect": Aspect.ALL, "docs": (P23, P22), "topic": "就业"}),
    ("市领导分管的就业工作由谁牵头？", R, {"aspect": Aspect.ALL, "docs": (C24, C22)}),
    ("2023年制造业当家由哪位省领导分管、哪个部门牵头？", R, {"aspect": Aspect.ALL}),  # two aspects: all
    ("开展农田整治提升行动，牵头和配合单位有哪些？", R, {"aspect": Aspect.ALL}),
    ("12345热线建设是哪个部门在抓，哪位市领导分管？", R, {"aspect": Aspect.ALL}),  # a unit and a person
    ("新能源汽车推广由哪位省领导分管？", R, {"aspect": Aspect.LEADER, "level": "省"}),
    ("碧道建设由哪个部门负责？", R, {"aspect": Aspect.LEAD}),
    ("碧道建设的牵头单位是谁？", R, {"aspect": Aspect.LEAD}),
    ("2022年广州碧道建设谁分管？", R, {"aspect": Aspect.LEADER, "docs": (C22,)}),
    ("高标准农田由哪个单位协助？", R, {"aspect": Aspect.CO}),
    ("乡村振兴的主管部门是哪个？", R, {"aspect": Aspect.LEAD}),
    ("稳就业由哪个领导负责？", R, {"aspect": Aspect.LEADER}),
    # --- reverse lookups: a person or unit and what they handle
    ("张虎分管哪些任务？", REV, {"person": "张虎", "unit": None}),
    ("张虎还负责什么？", REV, {"person": "张虎"}),
    ("陈良贤同志分管哪些任务？", REV, {"person": "陈良贤"}),
    ("叶贞琴", REV, {"person": "叶贞琴"}),
    ("省教育厅", REV, {"unit": "省教育厅", "docs": (P23, P22)}),
    ("省商务厅牵头哪些任务？", REV, {"unit": "省商务厅", "aspect": Aspect.LEAD, "level": "省"}),
    ("市商务局配合哪些工作？", REV, {"unit": "市商务局", "aspect": Aspect.CO}),
    ("省发改委牵头哪些任务？", REV, {"unit": "省发展改革委", "aspect": Aspect.LEAD}),
    ("人社局配合哪些任务？", REV, {"unit": "市人力资源社会保障局", "aspect": Aspect.CO}),
    ("2024年发展改革委牵头哪些任务？", REV, {"unit": "市发展改革委", "docs": (C24,)}),
    ("2023年发展改革委牵头哪些任务？", REV, {"unit": "省发展改革委", "docs": (P23,)}),
    ("2023年省里发展改革委牵头哪些任务？", REV, {"unit": "省发展改革委", "level": "省"}),
    ("穗府〔2024〕1号中发展改革委牵头哪些任务？", REV, {"unit": "市发展改革委", "docs": (C24,)}),
    ("深圳市政府配合哪些任务？", REV, {"unit": "深圳市政府", "aspect": Aspect.CO}),
    ("省水利厅参与哪几项工作？", CNT, {"unit": "省水利厅"}),  # a count of a unit lists its tasks
    # --- counts
    ("2024年市发改委牵头多少项任务？", CNT, {"unit": "市发展改革委", "docs": (C24,), "aspect": Aspect.LEAD}),
    ("陈杰分管多少项任务？", CNT, {"person": "陈杰"}),
    ("穗府〔2024〕1号共有多少项任务？", CNT, {"docs": (C24,), "level": "市"}),
    ("2023年粤府那份方案一共有多少项？", CNT, {"docs": (P23,)}),  # a bare 项 ending the question
    ("2023年有哪些民生实事？", CNT, {"docs": (P23,)}),  # a document's annex, listed whole
    ("2023年民生实事都有什么？", CNT, {"docs": (P23,)}),
    # who heads a unit is an appointment, not the unit's tasks
    ("广州开发区管委会的主任换成谁了？", PAS, {}),
    ("广州开发区管委会新的一把手是谁？", PAS, {}),
    ("广州开发区管委会牵头哪些任务？", REV, {"unit": "广州开发区管委会"}),
    # "多少项高频服务" counts services, not tasks
    ("粤智助政府服务自助机，2023年要上线多少项高频服务？", FIG, {"docs": (P23,)}),
    # the count after 哪 belongs to the question word: "两个" is no topic word
    ("广州2024年打算让哪两个区升级建设国家级经开区？", PAS, {"topic": "打算 让 区 升级 建设 国家级 经 开 区"}),
    ("2023年省政府工作报告一共有多少项任务？", CNT, {"docs": (P23,)}),
    ("粤府〔2022〕13号有多少项任务？", CNT, {"docs": (P22,)}),
    ("城中村改造有几项任务？", CNT, {"topic": "城中村 改造"}),
    ("2024年广州的任务总数是多少？", CNT, {"docs": (C24,)}),
    ("2023年12315平台上的投诉要在几个工作日内办结？", FIG, {}),  # 工作日 is no 工作 (a task): not a count
    # --- a document named by the end of its title: scope, not topic
    ("广州市电动汽车充电基础设施安全管理办法什么时候施行？", PAS, {"docs": (EV,), "topic": "施行"}),
    ("规范环卫行业用工的意见有效期多久？", PAS, {"docs": (SANI,), "topic": "有效期"}),
    ("被征地农民养老保障政策意见怎么规定补贴对象？", PAS, {"docs": (LAND,)}),
    ("用工的意见有效期多久？", PAS, {"docs": ()}),  # too few of the title's characters to name it
    # --- task numbers
    ("粤府〔2023〕18号第4项任务是什么？", TASK, {"task_no": "4", "docs": (P23,)}),
    ("2024年广州第10项任务由谁牵头？", TASK, {"task_no": "10", "aspect": Aspect.LEAD, "docs": (C24,)}),
    ("民生实事第3项是什么？", TASK, {"task_no": "民生实事-3"}),
    ("任务12是什么？", TASK, {"task_no": "12"}),
    ("35号任务的配合单位有哪些？", TASK, {"task_no": "35", "aspect": Aspect.CO}),
    ("穗府〔2022〕2号第100项的分管市领导是谁？", TASK, {"task_no": "100", "aspect": Aspect.LEADER}),
    ("第 7 个任务讲什么？", TASK, {"task_no": "7"}),
    # --- figures
    ("环卫工人高温津贴是多少？", FIG, {"topic": "环卫工人 高温 津贴"}),
    ("广州环卫工人的伙食补贴每月多少钱？", FIG, {"level": "市"}),
    ("被征地农民养老保险缴费补贴标准是多少？", FIG, {}),
    ("广东省制造业投资增长目标是多少？", FIG, {"level": "省", "docs": ()}),
    ("广州市社会消费品零售总额增长目标是多少？", FIG, {"level": "市"}),
    ("规上工业增加值增长目标是多少？", FIG, {"topic": "规模以上 工业 增加值 增长 目标"}),
    ("全省城镇调查失业率控制目标是多少？", FIG, {"level": "省"}),
    ("全市地区生产总值增长目标是多少？", FIG, {"level": "市"}),
    ("环卫工人每日工作时间是多少？", FIG, {}),
    ("征地社保费计提比例是多少？", FIG, {}),
    ("2030年广东人均预期寿命目标是多少？", FIG, {"docs": (PLAN,), "year": 2030}),
    ("第三档的征地社保费计提比例是多少？", FIG, {"section_label": "第三档"}),
    # --- passages: plan, appointments, notices, named parts
    ("十四五时期广东GDP年均增长目标是多少？", PAS, {"docs": (PLAN,), "topic": "十四五 时期 地区生产总值 年均 增长 目标"}),
    ("十三五时期广东GDP年均增长多少？", PAS, {"docs": (PLAN,)}),
    ("专栏3讲了什么？", PAS, {"section_label": "专栏3", "topic": "", "docs": (PLAN,)}),
    ("表2中的常住人口城镇化率目标是多少？", PAS, {"section_label": "表2", "topic": "常住人口 城镇化率 目标"}),
    ("第二章第三节的内容是什么？", PAS, {"section_label": "第二章/第三节"}),
    ("十四五规划纲要第五章讲什么？", PAS, {"section_label": "第五章", "docs": (PLAN,)}),
    ("2035年远景目标有哪些？", PAS, {"docs": (PLAN,), "year": 2035}),
    ("穗工信规字〔2022〕1号第十七条是怎么规定的？", PAS, {"section_label": "第十七条", "docs": (EV,)}),
    ("谁任命为广州开发区管委会主任？", PAS, {"unit": "广州开发区管委会"}),
    ("免去了谁的职务？", PAS, {}),
    ("粤府办〔2021〕22号规定的被征地农民养老保障政策是什么？", PAS, {"docs": (LAND,)}),
    ("粤府的粮食产量任务", PAS, {"level": "省", "docs": (P23, P22)}),
    ("穗府的粮食产量任务", PAS, {"level": "市", "docs": (C24, C22)}),
    ("国务院关于粮食安全的规定", PAS, {}),
    ("环卫行业用工的意见有哪些规定", R, {"docs": (SANI,)}),  # named by its title
    # --- refusals
    ("粤府〔2019〕5号是什么文件？", PAS, {"refuse": Refusal.UNKNOWN_DOCUMENT}),
    ("穗府〔2023〕9号讲了什么？", PAS, {"refuse": Refusal.UNKNOWN_DOCUMENT}),
    ("2019年政府工作报告谁负责粮食产量？", R, {"refuse": Refusal.NO_DOCUMENT_FOR_YEAR}),
    ("2025年省政府工作报告谁负责粮食产量？", R, {"refuse": Refusal.NO_DOCUMENT_FOR_YEAR}),
    ("深圳市2023年政府工作报告分工中，谁负责粮食生产？", R, {"refuse": Refusal.OTHER_PLACE}),
    ("东莞市2024年固定资产投资增长目标是多少？", FIG, {"refuse": Refusal.OTHER_PLACE}),
    ("北京的政策", PAS, {"refuse": Refusal.OTHER_PLACE}),
    ("广州和深圳的合作任务由谁牵头？", R, {"refuse": None}),  # a home place keeps it at home
    ("广东十五五规划GDP目标是多少？", PAS, {"refuse": Refusal.OTHER_PERIOD}),
    ("今天天气怎么样？", PAS, {"refuse": Refusal.OFF_TOPIC}),
    ("给我讲个笑话", PAS, {"refuse": Refusal.OFF_TOPIC}),
    ("你好", PAS, {"refuse": Refusal.OFF_TOPIC}),
    ("写一首诗", PAS, {"refuse": Refusal.OFF_TOPIC}),
    ("省里支持哪几个市建全国足球重点城市？", FIG, {"refuse": None}),  # a cue the documents print is a topic
    ("王小明分管哪些任务？", R, {"refuse": Refusal.UNKNOWN_PERSON}),
    ("李四负责什么工作？", R, {"refuse": Refusal.UNKNOWN_PERSON}),
    ("赵六副省长分管哪些工作？", R, {"refuse": Refusal.UNKNOWN_PERSON}),
    # --- traditional-looking input is simplified before parsing; fullwidth digits by NFKC
    ("２０２３年进出口总额增长目标由哪个部门牵头？", R, {"year": 2023, "docs": (P23,)}),
]


@pytest.mark.parametrize(("question", "intent", "slots"), ROWS, ids=[r[0] for r in ROWS])
def test_question_is_understood(parser, question, intent, slots):
    q = parser.parse(question)
    assert q.intent is intent, f"intent {q.intent} for {question}"
    expected = {"refuse": None, **slots}
    got = {name: getattr(q, name) for name in expected}
    assert got == expected


def test_table_has_a_row_for_every_intent_and_refusal():
    assert len(ROWS) >= 80
    intents = {r[1] for r in ROWS}
    assert intents >= {R, REV, CNT, TASK, FIG, PAS}
    refusals = {r[2].get("refuse") for r in ROWS} - {None}
    # not_found / no_match / no_such_task are decided by the records (tests/retrieve/test_answers.py),
    # out_of_scope and no_subject by the conversation (tests/retrieve/test_conversation.py),
    # not_stated by the sentence that would answer (tests/retrieve/test_sentences.py)
    assert refusals >= set(Refusal) - {Refusal.NOT_FOUND, Refusal.NO_MATCH, Refusal.NO_SUCH_TASK,
                                       Refusal.OUT_OF_SCOPE, Refusal.NO_SUBJECT, Refusal.NOT_STATED}


@pytest.mark.parametrize(("piece", "subject"), [
    ("封顶是多少？", False),  # "工龄工资最多能涨到多少，封顶是多少？": one ask about 工龄工资
    ("上限是多少？", False),
    ("谁牵头？", False),
    ("森林覆盖率的目标又是多少？", True),
    ("每个月补多少？", False),  # "有没有住房补贴？每个月补多少？": a rate's unit is no subject
    ("一天多少钱？", False),
    ("每月的高温津贴是多少？", True),
])
def test_an_ask_without_a_subject_joins_the_one_before(parser, piece, subject):
    assert parser.parse(piece).subject is subject
