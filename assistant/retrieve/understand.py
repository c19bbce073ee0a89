"""Understanding a question: text -> Query (scope, intent, aspect, entities, refusal).

Deterministic and offline. Every rule is a row in a table: slot patterns here, intent and
aspect cues in the intent modules (retrieve/intents/), refusal rules in `REFUSAL_RULES`,
corpus facts in the Lexicon. tests/retrieve/test_understand.py runs each row without an index.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.lru import LRU
from assistant.retrieve.cues import Slots
from assistant.retrieve.intents import ASPECT_CUES, CUES, passage, section
from assistant.retrieve.lexicon import Lexicon
from assistant.retrieve.query import ANNEX_WORD, Aspect, Intent, Query, TASK_INTENTS
from assistant.retrieve.refusals import Refusal
from assistant.store.doc_numbers import DOC_NO
from assistant.store.vocabulary import unit_core
from assistant.text import normalize

# ---- slot patterns ---------------------------------------------------------------------
TASK_NO = re.compile(r"第\s*(\d+)\s*(项|条|号任务|个任务)|(\d+)\s*号任务|任务\s*(\d+)")
YEAR = re.compile(r"(20\d\d)\s*年?")
# Level cues: strong ones name the government, weak ones a place (which may just be a topic).
# The corpus's own place names and 文号 abbreviations (广东, 粤府) are added from the lexicon.
LEVEL_STRONG = {"省": r"省领导|省政府|省分工|全省|省里|省《|省直|分管省", "市": r"市领导|市政府|市分工|全市|市里|分管市"}
LEVEL_WEAK = {"省": r"省(?!级)", "市": r""}  # "省级" qualifies a thing the city's documents name too
# A question naming these words asks about the task documents, not the plan or notices.
TASK_DOC_WORDS = re.compile(r"政府工作报告|工作报告|分工|任务|牵头|分管|配合|谁负责|负责")
PLAN_EXCLUDED = re.compile(r"政府工作报告|分工")  # "十四五" inside a work-report question
HOME_EXTRA = ("全省",)  # words that keep a question at home although it names another place
PERIOD = re.compile(r"十[一二三四五六七八九]五")
# What the question leaves after its 文号, named person/unit, scope and question words.
# "哪两个区": the count belongs to the question word ("两个" is no topic word).
NOISE = re.compile(r"第\s*\d+\s*(项|条)|\d+\s*号任务|(19|20)\d\d\s*年?"
                   r"|(?<=哪)\s*[两二三四五六七八九十\d]+\s*[个家项所座条类位名批届大]?")
PARSE_CACHE_SIZE = 4096
PUNCT = re.compile(r"[\s，。、；：！？,.;:!?\"'“”‘’《》〔〕()（）【】\[\]…—-]+")
# A document named by its title: the title after 关于/印发 without 的通知, ending in an instrument.
_TITLE_PREFIX = re.compile(r"^.*?关于(?:印发|转发)?")
INSTRUMENTS = ("办法", "意见", "规定", "细则", "条例", "通知")
TITLE_CHARS = 8  # a title named by fewer characters is too vague to be a reference


# "…分管哪几块工作": what someone oversees
OVERSEES = re.compile(r"(?:分管|负责|主管)(?:了)?(?:哪些|什么|哪几|哪项|多少)")
# "深圳市政府24年工作报告…": the place's own plans, not its government as a unit of a task
OWN_PLANS = re.compile(r"^[^，。？]{0,8}?(?:工作报告|分工|规划|纲要)")
# a place name followed by this many characters the documents print is part of a name ...
NAME_TAIL = 4
# ... unless they begin with a level, a particle, a time or a number
_CUE_FOLLOWS = re.compile(r"[省市区县的里这那今明去前全\d，。？！,.?!、]|年")


class QueryParser:
    """Knows the corpus vocabulary (documents, leaders, units, places) from the lexicon."""

    def __init__(self, lexicon: Lexicon, words: Callable[[str], list[str]], cache_size: int = PARSE_CACHE_SIZE,
                 attested: Callable[[str], bool] = lambda word: False,
                 passages_printing: Callable[[str], int] = lambda word: 0) -> None:
        """`attested(word)`: whether a document prints the word (an off-topic cue the documents
        print is one of their topics: the 2023 plan supports 足球 cities); `passages_printing(word)`:
        how many passages do (a place name that begins a printed name is no level cue)."""
        self.lexicon = lexicon
        self._printing = passages_printing
        self._parsed: LRU[str, Query] = LRU(cache_size)  # a conversation re-reads its earlier turns
        self.words = words  # jieba segmentation with the corpus vocabulary
        lx = lexicon
        self._doc_compact = {re.sub(r"\s", "", d): d for d in lx.documents}
        # 文号 printed inside our documents (粤府办〔2021〕22号 forwarded by a notice) -> the
        # documents that print them: a table of the build (store/doc_numbers.py), so neither a
        # question nor loading the index scans the passages.
        self._quoted = lexicon.records.quoted
        # A document named by its title's instrument ("电动汽车充电基础设施安全管理办法", "规范环卫
        # 行业用工的意见"): the title after 关于/印发, without 的通知, when it ends in an instrument.
        self._titled = {name: d for d in lx.documents
                        if (name := _TITLE_PREFIX.sub("", lx.documents[d].title).removesuffix("的通知"))
                        and name.endswith(INSTRUMENTS) and name != lx.documents[d].title}
        self._leader_rx = _alternation(lx.leaders)
        self._unit_rx = _alternation(lx.unit_forms)
        self._plan_rx = re.compile(passage.PLAN_PATTERN.replace("@PERIODS@", _alt(lx.periods)).replace(
            "@PLAN_YEARS@", _alt(str(end) for _, end in lx.plan_years.values())))
        self._cues = tuple(c if c.pattern is None or "@PERIODS@" not in c.pattern.pattern
                           else c.__class__(c.intent, self._plan_rx, c.needs, c.priority) for c in CUES)
        self._level_rx = []
        for strong in (True, False):
            pair = {}
            for level in ("省", "市"):
                words = [LEVEL_STRONG[level] if strong else LEVEL_WEAK[level]]
                if strong:
                    words += [f"{a}府" for a in lx.abbreviations.get(level, ())]
                else:
                    words += list(lx.place_names(level)) + list(lx.abbreviations.get(level, ()))
                pair[level] = re.compile("|".join(w for w in words if w) or "(?!x)x")
            self._level_rx.append(pair)
        self._home_rx = _alternation([*lx.places, *HOME_EXTRA])
        self._other_place_rx = re.compile(f"({_alt(lx.other_places)})(市|省|的|政府|今年|\\d|20)") \
            if lx.other_places else None
        self._off_topic_rx = _alternation([w for w in lx.data.off_topic if not attested(w)])
        self._name_before_role = re.compile(
            rf"([{lx.data.surnames}][\u4e00-\u9fff]{{1,2}}?)(?:同志|副?省长|副?市长)?"
            r"(?:分管|负责)(?:了)?(?:哪些|什么|哪项|多少|几项)") if lx.data.surnames else None

    # ---- entities ----------------------------------------------------------------------
    def find_doc(self, text: str) -> str | None:
        """The 文号 named in the text: a known document if any prefix length fits one."""
        m = DOC_NO.search(text)
        if not m:
            return None
        prefix, year, number = m.groups()
        candidates = [f"{prefix[i:]}〔{year}〕{number}号" for i in range(len(prefix))]
        known = [c for c in candidates if c in self._doc_compact]
        if known:
            return self._doc_compact[known[0]]
        quoted = [c for c in candidates if c in self._quoted]
        return quoted[0] if quoted else candidates[-2] if len(candidates) > 1 else candidates[0]

    def find_titled(self, text: str) -> tuple[str, str] | None:
        """(document, its title's name) when the text names a document by the end of that name:
        at least TITLE_CHARS characters ending in its instrument (…安全管理办法)."""
        for name, doc in self._titled.items():
            for start in range(len(name) - TITLE_CHARS + 1):
                if name[start:] in text:
                    return doc, name
        return None

    def _doc_text(self, text: str) -> str:
        """The span of `text` that names the document find_doc found (for removal)."""
        m = DOC_NO.search(text)
        issuer = (self.find_doc(text) or "").split("〔")[0]
        start = m.group(0).find(issuer)
        return m.group(0)[start:] if start >= 0 else m.group(0)

    def find_person(self, text: str) -> str | None:
        m = self._leader_rx.search(text) if self._leader_rx else None
        return m.group(0) if m else None

    def find_unit(self, text: str, level: str | None) -> str | None:
        m = self._unit_rx.search(text) if self._unit_rx else None
        if not m:
            return None
        form = m.group(0)
        unit = self.lexicon.unit_forms[form]
        if form == unit_core(unit, self.lexicon.places_with_level) and level:
            unit = self.lexicon.unit_forms.get(level + form, unit)  # "发展改革委" + 省 -> "省发展改革委"
        return unit

    def level_of(self, q: str) -> str | None:
        """省 or 市: strong cues (省领导, 市政府) first, then place names; None when unclear."""
        for strong, pair in zip((True, False), self._level_rx):
            p, c = (bool(any(self._cue(m, q, strong) for m in pair[lv].finditer(q))) for lv in ("省", "市"))
            if p != c:
                return "省" if p else "市"
            if p and c:
                return None
        return None

    def _cue(self, m: re.Match[str], q: str, strong: bool) -> bool:
        """Whether a level word says whose document is asked about: a place name does not when it
        begins a name, words the documents print only after it ("广东人民艺术中心": a Guangzhou
        landmark; not "广东地区生产总值"), unless a level, a particle or a time follows it ("广州市",
        "广东的", "广东2023年")."""
        if strong or len(m.group()) < 2:  # a bare 省 or 市 ("省水下文化遗产保护中心") is a level
            return True
        after = q[m.end(): m.end() + NAME_TAIL]
        if len(after) < NAME_TAIL or _CUE_FOLLOWS.match(after):
            return True
        named = self._printing(m.group() + after)
        return not (named and named == self._printing(after))

    def topic_of(self, q: str, person: str | None = None, unit: str | None = None, titled: str = "") -> str:
        """The question minus its 文号 or the title it names a document by (`titled`: the words
        of that title are scope, not topic), named person/unit, scope and question words."""
        text = DOC_NO.sub(" ", q) if not self.find_doc(q) else q.replace(self._doc_text(q), " ")
        core = unit and unit_core(unit, self.lexicon.places_with_level)
        for name in filter(None, (person, unit, core)):
            text = text.replace(name, " ")
        text = PUNCT.sub(" ", NOISE.sub(" ", text))
        noise = self.lexicon.topic_noise
        return " ".join(w for w in self.words(text) if w.strip() and w not in noise and not (titled and w in titled))

    # ---- parse -------------------------------------------------------------------------
    def parse(self, question: str) -> Query:
        """The Query of one question on its own (deterministic, so cached by text)."""
        return self._parsed.get_or_compute(question, lambda: self._parse(question))

    def _parse(self, question: str) -> Query:
        q = self.lexicon.data.expand_aliases(normalize(question)).strip()
        doc = self.find_doc(q)
        titled = None if doc else self.find_titled(q)
        if titled:
            doc = titled[0]
        years = [int(y) for y in YEAR.findall(q)]
        year = years[0] if years else None
        level = self.level_of(q)
        tm = TASK_NO.search(q)
        task_no = next((g for g in tm.groups() if g and g.isdigit()), None) if tm else None
        if task_no and ANNEX_WORD in q:
            task_no = f"{ANNEX_WORD}-{task_no}"
        person = self.find_person(q)
        unit = self.find_unit(q, level)
        topic = self.topic_of(q, titled=titled[1] if titled else "")
        slots = Slots(q, person, unit, task_no, self.topic_of(q, person, unit, titled[1] if titled else ""),
                      Aspect.ALL)
        matching = [c for c in ASPECT_CUES if c.matches(slots)]
        named = {c.aspect for c in matching}
        asked = {c.aspect for c in matching if not named & set(c.yields_to)}
        aspect = asked.pop() if len(asked) == 1 else Aspect.ALL  # "分管领导和牵头单位": all of it
        slots = Slots(q, person, unit, task_no, slots.topic, aspect)
        intent = next(c.intent for c in self._cues if c.matches(slots))
        docs, refuse = self._scope(q, doc, year, level, intent)
        if doc and doc in self.lexicon.documents:
            level = self.lexicon.documents[doc].level
        scope_levels = {self.lexicon.documents[d].level for d in docs if d in self.lexicon.documents}
        if unit and level is None and len(scope_levels) == 1:  # "2024年发展改革委" -> the city's
            unit = self.find_unit(q, scope_levels.pop())
        if refuse is None:
            refuse = next((why for why, rule in REFUSAL_RULES if rule(self, q, person)), None)
        labels = section.labels(q)
        if labels:
            topic = " ".join(w for w in topic.split() if not any(w in label for label in labels))
        # a level word alone ("市里哪个部门督促") scopes to that level's task lists first; what they
        # do not hold may be in the level's other documents (context.search_answer widens)
        by_level = bool(docs) and level is not None and not doc and year is None
        return Query(q, topic, intent, aspect, docs, bool(doc), year, level, task_no, person, unit,
                     section_label="/".join(labels), refuse=refuse, soft_scope=by_level)

    def _scope(self, q: str, doc: str | None, year: int | None, level: str | None,
               intent: Intent) -> tuple[tuple[str, ...], Refusal | None]:
        if doc:
            if doc in self.lexicon.documents:
                return (doc,), None
            # A 文号 quoted or forwarded inside one of our documents scopes to that document.
            holders = self._quoted.get(doc, ())
            return (holders, None) if holders else ((), Refusal.UNKNOWN_DOCUMENT)
        task_question = intent in TASK_INTENTS or bool(TASK_DOC_WORDS.search(q))
        plan_cues = {m.group() for m in self._plan_rx.finditer(q)}
        # a bare 规划 in a who-leads question is a task's word ("南沙总体发展规划…谁配合"): the
        # plan assigns no one
        if plan_cues and not PLAN_EXCLUDED.search(q) and not (task_question and plan_cues == {"规划"}):
            return tuple(self.lexicon.plan_docs), None
        return self.scope_for(year, level, task_question)

    def scope_for(self, year: int | None, level: str | None,
                  task_question: bool) -> tuple[tuple[str, ...], Refusal | None]:
        """Documents for a year and level; a task question with no such document is refused."""
        lx = self.lexicon
        if year:
            docs = [d.doc_id for d in lx.documents.values()
                    if d.year == year and level in (None, d.level)
                    and (d.doc_id in lx.task_docs or not task_question)]
            if not docs and not task_question:
                docs = lx.plans_covering(year, level)  # no document of that year: the plan's targets
            if not docs:
                return (), Refusal.NO_DOCUMENT_FOR_YEAR if task_question else None
            return tuple(dict.fromkeys(docs)), None
        if level and task_question:
            return tuple(lx.task_docs_for(level=level)), None
        return (), None

    # ---- refusal rules -----------------------------------------------------------------
    def names_other_place(self, q: str, person: str | None) -> bool:
        """Another city's or province's plans ("深圳市2023年…"); "深圳市政府" as a unit is a topic,
        unless its own work report or plan is asked about ("深圳市政府24年工作报告的责任分工")."""
        place = self._other_place_rx.search(q) if self._other_place_rx else None
        home = self._home_rx.search(q) if self._home_rx else None
        as_unit = bool(place) and f"{place.group(1)}市政府" in q and not OWN_PLANS.search(q[place.end():])
        return bool(place) and not home and not as_unit

    def off_topic(self, q: str, person: str | None) -> bool:
        return bool(self._off_topic_rx and self._off_topic_rx.search(q))

    def other_period(self, q: str, person: str | None) -> bool:
        """A five-year period no plan of the corpus speaks of (十五五 while only 十四五 is held)."""
        m = PERIOD.search(q)
        return bool(m) and m.group(0) not in self.lexicon.periods

    def unknown_person(self, q: str, person: str | None) -> bool:
        """A name before 分管/负责 that no task lists: the corpus cannot say what they handle."""
        if person or self._name_before_role is None:
            return False
        name = self._name_before_role.search(q)
        if name:
            return name.group(1) not in self.lexicon.records.leaders
        # "陈旭当了市发改委副主任以后分管哪几块工作": someone the documents only appoint
        return bool(OVERSEES.search(q)) and any(p in q and p not in self.lexicon.records.leaders
                                                 for p in self.lexicon.appointees)


# Checked in order after the scope rules (unknown 文号, no document for a year).
REFUSAL_RULES: tuple[tuple[Refusal, Callable[[QueryParser, str, str | None], bool]], ...] = (
    (Refusal.OTHER_PLACE, QueryParser.names_other_place),
    (Refusal.OFF_TOPIC, QueryParser.off_topic),
    (Refusal.OTHER_PERIOD, QueryParser.other_period),
    (Refusal.UNKNOWN_PERSON, QueryParser.unknown_person),
)


def _alt(words) -> str:
    """A regex alternation of literal words, longest first; never matches when empty."""
    words = sorted(set(words), key=len, reverse=True)
    return "|".join(map(re.escape, words)) if words else "(?!x)x"


def _alternation(words) -> re.Pattern[str] | None:
    words = list(words)
    return re.compile(_alt(words)) if words else None
