"""Query understanding: deterministic, offline. Question text -> Query (scope, intent, entities)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.store.records_db import RecordsDB
from assistant.store.vocabulary import expand_aliases, unit_core
from assistant.text import normalize

# Intent cues, checked in this order.
_COUNT = re.compile(r"多少(项|个|条|件)|几(项|个|条|件)|数量|总数|共有多少|一共")
_REVERSE = re.compile(r"(分管|负责|牵头|配合|参与|承担|管)(了)?(哪些|什么|哪几|些什么)|还(负责|分管|牵头|管)")
_LEAD = re.compile(r"牵头|主责|哪个(部门|单位)|哪(个|些)?部门负责|什么部门|主管部门")
_CO = re.compile(r"配合|协助|协同|参与单位|配合单位")
_LEADER = re.compile(r"分管|哪位领导|哪个领导|领导是|市领导|省领导|谁分管")
_WHO = re.compile(r"谁|哪个|哪些|哪位|由谁|负责")
_FIGURE = re.compile(r"多少|目标|增长|比例|比重|达到|标准|几|百分|数字|规模|指标|金额|多高|多大|万|亿")
_TASK_NO = re.compile(r"第\s*(\d+)\s*(项|条|号任务|个任务)|(\d+)\s*号任务|任务\s*(\d+)")
_YEAR = re.compile(r"(20\d\d)\s*年?")
_DOC_NO = re.compile(r"([\u4e00-\u9fff]{1,6})\s*[〔\[\(（【]\s*(20\d\d)\s*[〕\]\)）】]\s*(\d+)\s*号")
_PLAN = re.compile(r"十四五|规划|纲要|专栏|表\s*\d|第[一二三四五六七八九十百]+[章节]|2035|远景")
_PROVINCE = re.compile(r"省|广东|全省|粤")
_CITY = re.compile(r"广州|市政府|市领导|全市|穗|市里")
# Places with no document in the corpus; a question about their plans is refused.
OTHER_PLACES = ("深圳", "佛山", "东莞", "珠海", "中山", "惠州", "江门", "肇庆", "汕头", "湛江", "茂名",
                "韶关", "梅州", "清远", "河源", "云浮", "阳江", "潮州", "揭阳", "汕尾", "北京", "上海",
                "天津", "重庆", "杭州", "南京", "武汉", "成都", "西安", "长沙", "厦门", "福建", "浙江",
                "江苏", "湖南", "广西", "海南", "香港", "澳门", "全国", "国务院")
_OTHER_PLACE = re.compile("(" + "|".join(OTHER_PLACES) + r")(市|省|的|政府|今年|\d|20)")
_OFF_TOPIC = re.compile(r"天气|写一首|写首|讲个笑话|笑话|股票|彩票|你是谁|你好|翻译|菜谱|足球|电影|唱歌|星座")
_TASK_DOC_WORDS = re.compile(r"政府工作报告|工作报告|分工|任务|牵头|分管|配合|谁负责|负责")

# Words that describe the question rather than its topic; removed to get the topic.
_NOISE = re.compile(
    r"请问|请|一下|帮我|查一下|告诉我|我想知道|麻烦|"
    r"由谁|是谁|谁来|谁|哪个|哪些|哪位|哪家|什么|怎么样|怎么|如何|怎样|多少|几项|几个|是否|有没有|吗|呢|吧|啊|呀|"
    r"牵头单位|配合单位|责任单位|分管领导|分管省领导|分管市领导|主管部门|部门分工|负责单位|"
    r"牵头|配合|分管|负责|承担|参与|主责|协助|单位|部门|领导|的是|是|"
    r"政府工作报告|工作报告|重点任务|任务分工|分工方案|责任分工|工作任务|任务|工作|方案|文件|里面|中|里|"
    r"广东省|广东|广州市|广州|省政府|市政府|全省|全市|省里|市里|"
    r"还|那么|那|这个|这项|该项|这|其|他|她|它|和|与|及|的|了|在|有|要|对|关于|方面|情况|具体|内容|说|讲|规定|"
    r"第\s*\d+\s*(项|条)|\d+\s*号任务|20\d\d\s*年?|今年|去年|明年|年度"
)
_PUNCT = re.compile(r"[\s，。、；：！？,.;:!?\"'“”‘’《》〔〕()（）【】\[\]…—-]+")

ASPECTS = ("all", "leader", "lead", "co")


@dataclass(frozen=True)
class Query:
    question: str  # normalized question as asked (or as rewritten from history)
    topic: str  # the question minus scope and intent words
    intent: str  # responsibility | reverse | count | task_lookup | figure | passage | offtopic
    aspect: str = "all"  # for responsibility: all | leader | lead | co
    docs: tuple[str, ...] = ()  # document scope ("" = all documents)
    doc_explicit: bool = False  # scope named by 文号 (not inferred from year/level)
    year: int | None = None
    level: str | None = None  # "省" | "市"
    task_no: str | None = None
    person: str | None = None
    unit: str | None = None
    refuse: str = ""  # non-empty: why the corpus cannot answer
    notes: tuple[str, ...] = field(default=())

    def with_(self, **changes) -> Query:
        return replace(self, **changes)


class QueryParser:
    """Knows the corpus vocabulary (documents, leaders, units) from the records."""

    def __init__(self, records: RecordsDB) -> None:
        self.records = records
        self.doc_ids = list(records.documents)
        self.task_docs = {(d.year, d.level): d.doc_id for d in records.documents.values()
                          if d.layout.startswith("task_")}
        self.plan_docs = [d.doc_id for d in records.documents.values() if d.layout == "plan"]
        self.leaders = sorted(records.leaders, key=len, reverse=True)
        units = set(records.units)
        self.unit_forms: dict[str, str] = {}  # form in question -> unit as printed
        for u in sorted(units, key=len):
            self.unit_forms.setdefault(u, u)
            core = unit_core(u)
            if len(core) >= 3:
                self.unit_forms.setdefault(core, u)
        self._unit_rx = re.compile("|".join(map(re.escape, sorted(self.unit_forms, key=len, reverse=True))))
        self._leader_rx = re.compile("|".join(map(re.escape, self.leaders))) if self.leaders else None
        self._doc_compact = {re.sub(r"\s", "", d): d for d in self.doc_ids}

    # --- entities -------------------------------------------------------------------------
    def find_doc(self, text: str) -> str | None:
        m = _DOC_NO.search(text)
        if not m:
            return None
        key = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
        return self._doc_compact.get(key, key)  # an unknown 文号 is kept: it means "refuse"

    def find_person(self, text: str) -> str | None:
        m = self._leader_rx.search(text) if self._leader_rx else None
        return m.group(0) if m else None

    def find_unit(self, text: str, level: str | None) -> str | None:
        m = self._unit_rx.search(text)
        if not m:
            return None
        form = m.group(0)
        unit = self.unit_forms[form]
        if form == unit_core(unit) and level:  # "发展改革委" + province scope -> "省发展改革委"
            prefixed = ("省" if level == "省" else "市") + form
            unit = self.unit_forms.get(prefixed, unit)
        return unit

    # --- parse ----------------------------------------------------------------------------
    def parse(self, question: str) -> Query:
        q = expand_aliases(normalize(question)).strip()
        doc = self.find_doc(q)
        years = [int(y) for y in _YEAR.findall(q)]
        year = years[0] if years else None
        level = "省" if _PROVINCE.search(q) and not _CITY.search(q) else ("市" if _CITY.search(q) else None)
        tm = _TASK_NO.search(q)
        task_no = next((g for g in tm.groups() if g and g.isdigit()), None) if tm else None
        person = self.find_person(q)
        unit = self.find_unit(q, level)
        topic = self.topic_of(q, person, unit)

        intent, aspect = self._intent(q, person, unit, task_no, topic)
        docs, refuse = self._scope(q, doc, year, level, intent)
        if doc and doc in self.records.documents:
            level = self.records.documents[doc].level
        if not refuse and _OTHER_PLACE.search(q) and not re.search(r"广州|广东|全省", q):
            refuse = "other_place"
        if not refuse and _OFF_TOPIC.search(q):
            refuse = "off_topic"
        return Query(q, topic, intent, aspect, docs, bool(doc), year, level, task_no, person, unit, refuse)

    def topic_of(self, q: str, person: str | None = None, unit: str | None = None) -> str:
        text = _DOC_NO.sub(" ", q)
        for name in filter(None, (person, unit)):
            text = text.replace(name, " ")
        if unit:
            text = text.replace(unit_core(unit), " ")
        text = _NOISE.sub(" ", text)
        return _PUNCT.sub(" ", text).strip()

    def _intent(self, q: str, person: str | None, unit: str | None, task_no: str | None,
                topic: str) -> tuple[str, str]:
        aspect = "all"
        if _CO.search(q):
            aspect = "co"
        elif _LEADER.search(q) and not person:
            aspect = "leader"
        elif _LEAD.search(q):
            aspect = "lead"
        if _COUNT.search(q) and (person or unit or not topic or re.search(r"任务|工作|项", q)):
            return "count", aspect
        if (person or unit) and (_REVERSE.search(q) or not topic):
            return "reverse", aspect
        if task_no:
            return "task_lookup", aspect
        if _PLAN.search(q):
            return "passage", aspect
        if _WHO.search(q) or aspect != "all":
            return "responsibility", aspect
        if _FIGURE.search(q):
            return "figure", aspect
        return "passage", aspect

    def _scope(self, q: str, doc: str | None, year: int | None, level: str | None,
               intent: str) -> tuple[tuple[str, ...], str]:
        if doc:
            if doc not in self.records.documents:
                return (), "unknown_document"
            return (doc,), ""
        task_question = intent in ("responsibility", "reverse", "count", "task_lookup") or bool(
            _TASK_DOC_WORDS.search(q))
        if _PLAN.search(q) and not re.search(r"政府工作报告|分工", q):
            return tuple(self.plan_docs), ""
        if year and task_question:
            docs = tuple(d for (y, lv), d in self.task_docs.items() if y == year and (level in (None, lv)))
            if not docs:
                # A year or level with no task-division document: the corpus cannot answer.
                return (), "no_document_for_year"
            return docs, ""
        if level and task_question:
            return tuple(d for (y, lv), d in sorted(self.task_docs.items(), reverse=True) if lv == level), ""
        return (), ""
