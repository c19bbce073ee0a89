"""Query understanding: deterministic, offline. Question text -> Query (scope, intent, entities)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.store.records_db import RecordsDB
from assistant.store.vocabulary import expand_aliases, unit_core
from assistant.text import normalize

# Intent cues, checked in this order.
_COUNT = re.compile(r"(多少|(?<!第)几)\s*(项|条|件)(?!目)|(多少|几)个(任务|工作)|任务数|总数|共有多少项|一共[^，。？]*(多少|几)项")
# "X是第几项？": which task is it (the answer names the task and its number)
_WHICH_TASK = re.compile(r"第几(项|条|号)|哪一项|哪项任务")
_REVERSE = re.compile(r"(分管|负责|牵头|配合|参与|承担|管)[^，。？]{0,6}?(哪些|什么|哪几|哪项|哪个方面|哪方面)|还(负责|分管|牵头|管)")
# A named part of a document: 专栏3, 表2, 附件1, 第五章, 第二节, 第十七条, 第三档.
_SECTION_LABEL = re.compile(r"(专栏|表|附件)\s*(\d+)|(第[一二三四五六七八九十百零]+[章节条档])")
_APPOINT = re.compile(r"任命|免去|免职|任免|任职|职务|被免")
_LEAD = re.compile(r"牵头|主责|哪个(部门|单位)|哪(个|些)?部门负责|什么部门|主管部门")
_CO = re.compile(r"配合|协助|协同|参与单位|配合单位")
_LEADER = re.compile(r"分管|哪位领导|哪个领导|领导是|市领导|省领导|谁分管")
_WHO = re.compile(r"谁|哪个|哪些|哪位|由谁|负责")
_FIGURE = re.compile(r"多少|目标|增长|比例|比重|达到|标准|几|百分|数字|规模|指标|金额|多高|多大|万|亿")
_TASK_NO = re.compile(r"第\s*(\d+)\s*(项|条|号任务|个任务)|(\d+)\s*号任务|任务\s*(\d+)")
_YEAR = re.compile(r"(20\d\d)\s*年?")
_DOC_NO = re.compile(r"([\u4e00-\u9fff]{1,6})\s*[〔\[\(（【]\s*(20\d\d)\s*[〕\]\)）】]\s*(\d+)\s*号")
_PLAN = re.compile(r"十四五|规划|纲要|专栏|表\s*\d|第[一二三四五六七八九十百]+[章节]|2035|远景")
# Level cues: strong ones name the government; weak ones (a place) may just be a topic.
_PROVINCE_STRONG = re.compile(r"省领导|省政府|省分工|全省|省里|省《|省直|分管省|粤府")
_CITY_STRONG = re.compile(r"市领导|市政府|市分工|全市|市里|分管市|穗府")
_PROVINCE = re.compile(r"省|广东|粤")
_CITY = re.compile(r"广州|穗")
# Places with no document in the corpus; a question about their plans is refused.
OTHER_PLACES = ("深圳", "佛山", "东莞", "珠海", "中山", "惠州", "江门", "肇庆", "汕头", "湛江", "茂名",
                "韶关", "梅州", "清远", "河源", "云浮", "阳江", "潮州", "揭阳", "汕尾", "北京", "上海",
                "天津", "重庆", "杭州", "南京", "武汉", "成都", "西安", "长沙", "厦门", "福建", "浙江",
                "江苏", "湖南", "广西", "海南", "香港", "澳门", "全国", "国务院")
_OTHER_PLACE = re.compile("(" + "|".join(OTHER_PLACES) + r")(市|省|的|政府|今年|\d|20)")
_OFF_TOPIC = re.compile(r"天气|写一首|写首|讲个笑话|笑话|股票|彩票|比特币|你是谁|你好|翻译|菜谱|足球|电影|唱歌|星座|"
                        r"出生|生日|住址|家庭住址|电话号码|手机号|办公电话|联系方式|毕业于")
# A person's name (common surname + 1-2 characters) right before 分管/负责: if no task lists
# that name, the corpus cannot say what the person handles.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
             "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
             "邵万钱严覃武戴莫孔向汤冼")
_NAME_BEFORE_ROLE = re.compile(rf"([{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?:同志|副?省长|副?市长)?"
                               r"(?:分管|负责)(?:了)?(?:哪些|什么|哪项|多少|几项)")
# Five-year periods: the corpus holds the 14th plan (and reviews the 13th); others are refused.
_PERIOD = re.compile(r"十([一二三四五六七八九])五")
_TASK_DOC_WORDS = re.compile(r"政府工作报告|工作报告|分工|任务|牵头|分管|配合|谁负责|负责")

# Words that describe the question rather than its topic; removed (as whole jieba words,
# so 中心 keeps its 中) to leave the topic.
NOISE_WORDS = frozenset("""
请问 请 一下 帮 帮我 查 查一下 告诉 告诉我 我 想 知道 麻烦 给
由 谁 由谁 是 是谁 谁来 哪个 哪些 哪位 哪家 哪 什么 怎么样 怎么 如何 怎样 多少 几 几个 几项 是否 有没有 吗 呢 吧 啊 呀
牵头 配合 分管 负责 承担 参与 主责 协助 单位 部门 领导 管 归 抓 省领导 市领导 牵头单位 配合单位 责任单位 分管领导
主管部门 部门分工 负责单位
政府工作报告 工作报告 报告 重点 重点任务 任务分工 分工 分工方案 方案 责任分工 工作任务 任务 工作 文件 里面 中 里 表里
广东省 广州市 省政府 市政府 全省 全市 省里 市里 省 市 广东 广州
这块 这事 这件 事 同样 相同 同一 还 那么 那 这个 这项 该项 这 其 他 她 它 和 与 及 的 了 在 有 要 对 关于 方面
情况 具体 内容 说 讲 规定 讲什么 专栏 表 附件 章 节 今年 去年 明年 年度 第几 项 条 第几项 第几条 哪一项 一项 些
""".split())
_NOISE_RX = re.compile(r"第\s*\d+\s*(项|条)|\d+\s*号任务|(19|20)\d\d\s*年?")
_PUNCT = re.compile(r"[\s，。、；：！？,.;:!?\"'“”‘’《》〔〕()（）【】\[\]…—-]+")

TASK_INTENTS = ("responsibility", "reverse", "count", "task_lookup")
# Co-operating "units" that are everyone, not an office one can look up.
_GENERIC_UNIT = re.compile(r"^(各|有关|相关)|^(广东省|广州市|省|市)?(人民)?政府$")


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
    section_label: str = ""  # a named part ("专栏3", "第十七条", "第二章/第三节") to answer from
    refuse: str = ""  # non-empty: why the corpus cannot answer
    soft_scope: bool = False  # docs inherited from the conversation: widen if nothing found there

    def with_(self, **changes) -> Query:
        return replace(self, **changes)


class QueryParser:
    """Knows the corpus vocabulary (documents, leaders, units) from the records."""

    def __init__(self, records: RecordsDB, words: Callable[[str], list[str]]) -> None:
        self.records = records
        self.words = words  # jieba segmentation with the corpus vocabulary
        self.doc_ids = list(records.documents)
        self.task_docs = {(d.year, d.level): d.doc_id for d in records.documents.values()
                          if d.layout.startswith("task_")}
        self.plan_docs = [d.doc_id for d in records.documents.values() if d.layout == "plan"]
        self.leaders = sorted(records.leaders, key=len, reverse=True)
        units = set(records.units)
        self.unit_forms: dict[str, str] = {}  # form in question -> unit as printed
        for u in sorted(units, key=len):
            if _GENERIC_UNIT.match(u):
                continue
            self.unit_forms.setdefault(u, u)
            core = unit_core(u)
            if len(core) >= 3:
                self.unit_forms.setdefault(core, u)
        self._unit_rx = re.compile("|".join(map(re.escape, sorted(self.unit_forms, key=len, reverse=True))))
        self._leader_rx = re.compile("|".join(map(re.escape, self.leaders))) if self.leaders else None
        self._doc_compact = {re.sub(r"\s", "", d): d for d in self.doc_ids}

    # --- entities -------------------------------------------------------------------------
    def find_doc(self, text: str) -> str | None:
        """The 文号 named in the text: a known document if any prefix length fits one."""
        m = _DOC_NO.search(text)
        if not m:
            return None
        prefix, year, number = m.groups()
        candidates = [f"{prefix[i:]}〔{year}〕{number}号" for i in range(len(prefix))]
        known = [c for c in candidates if c in self._doc_compact]
        if known:
            return self._doc_compact[known[0]]
        quoted = [c for c in candidates if any(c in p.text for p in self.records.passages)]
        return quoted[0] if quoted else candidates[-2] if len(candidates) > 1 else candidates[0]

    def _doc_text(self, text: str) -> str:
        """The span of `text` that names the document find_doc found (for removal)."""
        m = _DOC_NO.search(text)
        doc = self.find_doc(text) or ""
        issuer = doc.split("〔")[0]
        start = m.group(0).find(issuer)
        return m.group(0)[start:] if start >= 0 else m.group(0)

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
        level = _level(q)
        tm = _TASK_NO.search(q)
        task_no = next((g for g in tm.groups() if g and g.isdigit()), None) if tm else None
        if task_no and "民生实事" in q:
            task_no = f"民生实事-{task_no}"
        person = self.find_person(q)
        unit = self.find_unit(q, level)
        topic = self.topic_of(q)
        bare_topic = self.topic_of(q, person, unit)

        intent, aspect = self._intent(q, person, unit, task_no, bare_topic)
        docs, refuse = self._scope(q, doc, year, level, intent)
        if doc and doc in self.records.documents:
            level = self.records.documents[doc].level
        place = _OTHER_PLACE.search(q)
        if not refuse and place and not re.search(r"广州|广东|全省", q) \
                and f"{place.group(1)}市政府" not in q:  # "深圳市政府" as a lead unit is a topic
            refuse = "other_place"
        if not refuse and _OFF_TOPIC.search(q):
            refuse = "off_topic"
        period = _PERIOD.search(q)
        if not refuse and period and period.group(1) not in "三四":
            refuse = "other_period"
        if not refuse and not person:
            name = _NAME_BEFORE_ROLE.search(q)
            if name and name.group(1) not in self.records.leaders:
                refuse = "unknown_person"
        labels = ["".join(g for g in m.groups() if g) for m in _SECTION_LABEL.finditer(q)]
        section_label = "/".join(labels)  # "第二章/第三节": the 节 inside that 章
        if section_label:
            topic = " ".join(w for w in topic.split() if not any(w in label for label in labels))
        return Query(q, topic, intent, aspect, docs, bool(doc), year, level, task_no, person, unit,
                     section_label=section_label, refuse=refuse)

    def topic_of(self, q: str, person: str | None = None, unit: str | None = None) -> str:
        """The question minus its 文号, named person/unit, scope and question words."""
        text = _DOC_NO.sub(" ", q) if not self.find_doc(q) else q.replace(self._doc_text(q), " ")
        for name in filter(None, (person, unit, unit and unit_core(unit))):
            text = text.replace(name, " ")
        text = _PUNCT.sub(" ", _NOISE_RX.sub(" ", text))
        words = [w for w in self.words(text) if w.strip() and w not in NOISE_WORDS]
        return " ".join(words)

    def _intent(self, q: str, person: str | None, unit: str | None, task_no: str | None,
                topic: str) -> tuple[str, str]:
        aspect = "all"
        if _CO.search(q):
            aspect = "co"
        elif _LEADER.search(q) and not person:
            aspect = "leader"
        elif _LEAD.search(q):
            aspect = "lead"
        if _WHICH_TASK.search(q):
            return "responsibility", aspect
        if _COUNT.search(q) and (person or unit or not topic or re.search(r"任务|工作|项", q)):
            return "count", aspect
        if (person or unit) and (_REVERSE.search(q) or not topic):
            return "reverse", aspect
        if task_no:
            return "task_lookup", aspect
        if _APPOINT.search(q):
            return "passage", aspect
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
            if doc in self.records.documents:
                return (doc,), ""
            # A 文号 quoted or forwarded inside one of our documents scopes to that document.
            holders = tuple(dict.fromkeys(p.doc_id for p in self.records.passages if doc in p.text))
            return (holders, "") if holders else ((), "unknown_document")
        task_question = intent in TASK_INTENTS or bool(_TASK_DOC_WORDS.search(q))
        if _PLAN.search(q) and not re.search(r"政府工作报告|分工", q):
            return tuple(self.plan_docs), ""
        return self.scope_for(year, level, task_question)

    def scope_for(self, year: int | None, level: str | None,
                  task_question: bool) -> tuple[tuple[str, ...], str]:
        """Documents for a year and level; a task question with no such document is refused."""
        if year:
            docs = [d.doc_id for d in self.records.documents.values()
                    if d.year == year and level in (None, d.level)
                    and (d.layout.startswith("task_") or not task_question)]
            if not docs and not task_question and 2021 <= year <= 2035 and level != "市":
                docs = list(self.plan_docs)  # no document of that year: the plan's targets run to 2035
            if not docs:
                return (), "no_document_for_year" if task_question else ""
            return tuple(dict.fromkeys(docs)), ""
        if level and task_question:
            return tuple(d for (y, lv), d in sorted(self.task_docs.items(), reverse=True) if lv == level), ""
        return (), ""


def _level(q: str) -> str | None:
    """省 or 市: strong cues (省领导, 市政府) first, then place names; None when unclear."""
    for province, city in ((_PROVINCE_STRONG, _CITY_STRONG), (_PROVINCE, _CITY)):
        p, c = bool(province.search(q)), bool(city.search(q))
        if p != c:
            return "省" if p else "市"
        if p and c:
            return None
    return None
