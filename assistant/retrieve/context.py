"""What every intent handler works with: the records, the lexicon, the searcher, and the
shared steps of answering (refuse, task blocks, search with evidence and focus checks).

An intent module says *how* it retrieves as a `SearchPlan` row; `Context.search_answer`
carries it out. Thresholds are named constants with the reason for their value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.config import Settings
from assistant.records import LEAD_DEPUTY, LEAD_HEAD, Answer, Passage, Section, Task
from assistant.retrieve import compose, sentences, table_values
from assistant.retrieve.compose import Sources, mark
from assistant.retrieve.expansion import Expander, held_by_kind, stand_in
from assistant.retrieve.focus import Focus, FocusChecker
from assistant.retrieve.lexicon import TITLE_WORD, Lexicon
from assistant.retrieve.query import Aspect, Intent, Query
from assistant.retrieve.refusals import Refusal
from assistant.retrieve.search import Hit, HybridSearcher
from assistant.store.doc_numbers import DOC_NO
from assistant.store.records_db import RecordsDB
from assistant.text import compact

# Evidence thresholds, calibrated on eval/questions.jsonl (tuned on that set; the held-out
# sets are the honest check): the best passage must hold most of the question's rare words,
# or many words and be close in meaning.
MIN_WEIGHTED_COVERAGE = 0.6  # IDF-weighted share of the question's words in the passage
MIN_COVERAGE = 0.5  # plain share, accepted together with ...
MIN_DENSE = 0.86  # ... an e5 cosine this high (e5 cosines of unrelated Chinese text sit near 0.8)
# A colloquial question shares few words with the passage that answers it ("周末叫环卫工人来干活
# …工钱按几倍给" and "休息日安排环卫工人工作…200%的工资报酬"): a passage this close in meaning
# may answer with a quarter of the words. Tuned on eval/paraphrase_dev.jsonl and the round-2
# sets: the near misses refused for want of evidence there reach 0.893 at most.
MIN_COVERAGE_CLOSE, MIN_DENSE_CLOSE = 0.25, 0.90
# "2022年天然气管子通到每个县这活儿，省里谁管？": who is responsible, inside one document, for
# the task that leads the BM25 ranking this many times over the next and is this close in
# meaning (县县通天然气管道). A document's tasks are few and distinct, so a clear lexical lead
# names the task asked about. (Measured on the eval sets: every such question under these
# bounds had its right task at rank 1; value questions do not qualify, near misses lead too.)
TASK_LEAD, MIN_DENSE_TASK = 2.0, 0.88
# A second task document joins the answer ("粮食产量" in 2022 and 2023) when it covers the
# question at least as fully as the best and scores at least this share of it (tuned).
SAME_TOPIC_SCORE_SHARE = 0.5
# Passages after the best whose sentences compete for the direct answer: this close to it.
NEIGHBOUR_SCORE_SHARE = 0.5
NEIGHBOURS = 3  # hits after the best that may add a sentence
FOCUS_LOOKS_AT = 3  # hits inspected by the focus check (the rest follow in order)
MIN_LIST_ITEMS, MAX_LIST_ITEMS = 2, 12  # enumerated items that answer a "哪些X" ask
SENTENCES_PER_ASK = 3  # a direct answer quotes at most this many sentences per ask ...
DIRECT_ANSWER_CHARS = 240  # ... and stops adding sentences past this length
FORM_CANDIDATES = 3  # sentences of a task tried, best first, for one in the form asked (a place, a list, a date…)
WEAK_UNITS = ("个", "年", "月", "日")  # classifiers too general to demand ("多少个岗位": 30万人)
PROSE_KINDS = ("section", "box", "chapter", "preamble", "point", "article")
TABLE_KINDS = ("table", "table_row")
PROSE_BONUS = 0.3  # a sentence of prose beats a table row stating the same figure
PROSE_LOOKS_AT = 3  # prose passages searched for the sentence behind a table row
# What a question asks for, beside its intent: a figure ("多少"), who is responsible ("谁牵头").
FIGURE_ASK = re.compile(r"多少|几|目标|比例|比重|标准|金额|规模|指标|怎么算|如何计算|怎样计算|多长|多久")
YEAR_WORD = re.compile(r"(?:19|20)\d\d年")  # a year or a quantity named in an ask must be in the sentence
# (N月 with no 个 is a month of the year, N日 a day: "7月份只上了15天班")
QUANTITY_WORD = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d+)?(?:年|个月|天|(?<!月\d)(?<!月\d\d)日|个?小时|个?周|次|倍|%|万|亿|元|人|个(?!月))")
# a row or tier named by its ordinal: "第三档", "四类岗位" (not a count: "分为三类", "哪两类", "这三类")
ORDINAL_LABEL = re.compile(r"第[一二三四五六七八九十百\d]+[档级类]|(?<![第哪几这那为分共成两])[一二三四五六七八九十]类(?=[\u4e00-\u9fff])")
# the aspects of a task a question may ask for alone, which the task may not list (field, name)
UNLISTED = {Aspect.CO: ("co_units", "配合单位"), Aspect.MEASURES: ("measures", "工作措施")}
# an ask that ends counting things ("制造业项目有几个", "建了多少个公园"; not "几个点", "第几个")
COUNT_ASKED = re.compile(r"(?<![第哪])(?:几|多少)个(?!点|百分点|平方|钟|小时|工作日|月)[\u4e00-\u9fff]{0,8}[？?]?$")
UNIT_PEOPLE_ASKED = re.compile(r"(主要|分管)?负责人(?:是谁|是哪一?位|叫什么|叫啥|都是谁|分别是谁|是哪些人)")
THIS_ITEM = re.compile(r"这条|该条|此条|这项|该项|此项|这一项|这个任务|该任务")
YES_NO = re.compile(r"是不是|是否|吗|有没有|能不能|可不可以")
BREAKDOWN_ASKED = re.compile(r"各(?:区|市|地市|县|镇|街道?)(?:分别|各自)|分(?:区|市|县)(?:分别)?(?:是|有|摊|要)?多少")
WHICH_TASK = re.compile(r"第几(项|条|号)|哪一项|哪项任务")
# "那份意见是哪天印发的": the date a document was issued is the date of its signature
ISSUED = re.compile(r"印发|发布|发文|下发|签发")
# ... also asked bare, after the document was named in the message ("…管几年？哪天印发的？")
BARE_ISSUE_ASK = re.compile(r"(?:它|那|这)?(?:份|个)?(?:文件|文)?(?:是|又是)?(?:哪天|哪一天|什么时候|啥时候|何时|哪年哪月哪日)"
                            r"(?:印发|发布|下发|签发|发文|发)的?(?:呢)?[？?]?")
# ... when the ask is about the document: it names its number, or a kind of document its title has
DOC_KIND = re.compile(r"意见|通知|办法|方案|分工|规定|纲要|规划|决定")
# "转发的省里文件是哪个文号": the document a notice forwards
FORWARD_ASKED = re.compile(r"转发(?:的|了)[^，。？]{0,8}?(?:文件|通知|意见|文)[^，。？]{0,4}?(?:哪个|什么|哪份|哪一个|哪天|何时|啥)"
                           r"|转发(?:的|了)(?:是)?(?:哪个|什么|哪份|哪一个|啥)")
TERM_ASKED = re.compile(r"有效期|管用?几年|有效(?:多久|几年|多长)")  # how long it holds, which a clause must say
# "啥时候开始执行", "管几年": when a document takes effect, how long it holds ...
IN_FORCE_ASKED = re.compile(r"(?:什么时候|啥时候|何时|哪天|哪一天|几号|哪年)(?:起|开始)?(?:施行|执行|实施|生效|实行)"
                            r"|(?:施行|执行|实施|生效|实行)(?:时间|日期)|(?:开始|起)(?:施行|执行|实施|生效|实行)"
                            rf"|{TERM_ASKED.pattern}")
# ... as its own clause says it ("本办法自2022年3月1日起施行，有效期3年")
IN_FORCE = re.compile(r"本(?:办法|通知|意见|规定|细则|方案|决定|条例)[^。；]{0,30}?(?:起施行|起实施|起执行|起生效|有效期)")
INSTRUMENT_AT_END = re.compile(r"(?:办法|通知|意见|规定|细则|方案|决定|条例)$")
# who holds a post of a unit ("执委会的主任是谁"); a bare 负责人 or 领导 asks who is in charge
TITLE_HOLDER = re.compile(rf"(?P<title>{sentences.POSTS})(?:具体)?(?:是谁|是哪一?位|叫(?:什么|啥))")
WHO_OR_NAME = re.compile(r"是谁|是哪一?位|叫(?:什么|啥)|名字|姓名")  # after a title a task names as its leader
# "分管那件事的南沙区委主要领导叫啥名字": a person's name asked for (a title, lexicon.TITLE_WORD, is none)
# ("分管领导是谁" is answered by a title: 南沙区委主要领导)
NAME_ASKED = re.compile(r"(?:领导|书记|局长|主任|同志|负责人|市长|区长|省长|厅长)[，,]?[^，。？]{0,3}(?:叫(?:什么|啥)(?:名字)?|名字|姓名)")
UNIT_NOTE = re.compile(r"单位[：:]\s*([^\s|，。；]+)")  # "投资单位：亿元" above a table's header
SIGNATURE_DATE = re.compile(r"(?m)^\d{4}年\d{1,2}月\d{1,2}日$")
# ("各牵头单位要在几号前报" names who reports and asks a date: no who-ask)
# (a responsibility the asker states of a thing is no ask: "省国资委牵头组建的那家公司，注册资本定了多少")
WHO_ASK = re.compile(r"谁|哪(?:个|几个|些|家|几家)(?:部门|单位|厅|局|委)|哪(?:个|几个|些|家)[\u4e00-\u9fff]{1,2}?(?:牵头|负责|分管|配合)|哪位|(?<!各)(?:牵头|分管|配合|负责)(?!(?!领导|单位|部门|省领导|市领导)[\u4e00-\u9fff]{1,4}的)"
                     r"(?![\u4e00-\u9fff]{0,3}(?:多少|(?<!哪)几))")  # "白云区要负责建多少座": a quantity ask
FIGURE_LOOKS_AT = 5  # hits inspected for one that states a number
RELATED_LOOKS_AT, RELATED_ITEMS = 8, 4  # a near-miss refusal names this many related headings
_ENUMERATOR = re.compile(r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、])")
_BARE_ARTICLE = re.compile(r"第[一二三四五六七八九十百零]+条")  # a heading that says nothing of its topic
ARTICLE_GIST_CHARS = 16  # the opening words a bare article number is named with
LIST_LOOKS_AT = 10  # hits inspected for one that enumerates the items a "哪些X" ask wants
# a measure is quoted with a who-answer when it holds this much more of the question's words
# (IDF share) than the task's title
SUBJECT_LEAD = 0.3
# kinds a sentence shows by their printed shape rather than by their name
PRINTED_KINDS = {"文号": DOC_NO}
PLACE_ITEMS = ("城市", "市", "地市", "地方", "地区")  # "哪些城市": the items are place names
TABLE_ABOUT_SHARE = 0.5  # IDF share of a question's other words a table (or its document) must print
KIND_SUBJECT_SHARE = 0.3  # IDF share of a kind-ask's other words the sentence naming the kind (and its headings) holds
PLACE_SENTENCE_SHARE = 0.5  # IDF share of a where-ask's words a sentence naming a place (and its headings) holds
ROWS_BY_VALUE = 2  # rows quoted for an amount (a place not named: the rows most columns agree on)


@dataclass(frozen=True)
class SearchPlan:
    """How an intent retrieves when the records alone cannot answer."""

    prefer_attributed: bool = False  # tasks naming a leader or unit rank higher (who-questions)
    focus_check: bool = False  # the passage must speak of what a "how much" question asks about
    subject_check: bool = False  # the task must speak of what a who-ask is about
    prefer_figures: bool = False  # a passage that states a number beats one that does not
    other_documents: bool = False  # add the same topic from other task documents, newest first
    named_part: bool = False  # answer from inside a named part (专栏3) when the question names one


PLAIN = SearchPlan()


@dataclass(frozen=True)
class Wants:
    """What a value ask wants to see in the sentence that answers it (Context._shows)."""

    unit: str  # a unit of measure (多少亿元), weak units (个, 年) aside
    places: list[str]  # the places it names
    form: re.Pattern[str] | None  # a time, money, a share, a span, a place, a number (sentences.ANSWER_FORMS)
    periods: list[str]  # the plan periods it names (十四五)
    labels: list[str]  # tiers named by their ordinal (第十二档)
    years: list[str]  # years it names (2025年)
    persons: Sequence[str] = ()  # people of the appointments it names (陈勇: his 任职时间, not 陈旭's)


class Context:
    def __init__(self, settings: Settings, records: RecordsDB, lexicon: Lexicon,
                 searcher: HybridSearcher, focus: FocusChecker, expander: Expander | None = None) -> None:
        self.settings = settings
        self.records = records
        self.lexicon = lexicon
        self.searcher = searcher
        self.focus = focus
        self.expander = expander
        self.known_places = sorted({*lexicon.places, *lexicon.data.places_named, *lexicon.districts},
                                   key=len, reverse=True)
        self.task_passages = {(p.doc_id, p.task_no): p for p in records.passages if p.task_no is not None}
        self.table_rows: dict[tuple[str, str], Section] = {
            (s.doc_id, s.path_str): s for s in records.sections if s.kind == "table_row"}
        self.row_passages = {(p.doc_id, p.section): p for p in records.passages if p.kind == "table_row"}
        # the rows with a range in a cell ("8万至10万元(含10万元)/亩"), for a lookup by value
        self.range_rows = [row for row in self.table_rows.values()
                           if any(table_values.ranges(value) for _, value in row.extra)]
        self._tables: dict[tuple[str, tuple[str, ...]], str] = {}  # table_text, per table
        # the unit a table's note prints above its header ("投资单位：亿元"), by (document, table path)
        self.table_units = {(t.doc_id, t.path_str): m.group(1) for t in records.sections
                            if t.kind == "table" and (m := UNIT_NOTE.search(t.text.split(" | ", 1)[0]))}
        self.signatures = document_signatures(records.passages)
        # 线上 / 线下 (the corpus), 市属 / 区属 (the data file)
        self.qualifier_mates = sentences.qualifier_mates(p.text for p in records.passages)
        for group in lexicon.data.siblings:
            for word in group:
                self.qualifier_mates.setdefault(word, set()).update(w for w in group if w != word)
        self.forwarded = forwarded_documents(records.passages)
        self.in_force_clauses = in_force_clauses(records.passages,
                                                 {d.doc_id: d.title for d in records.documents.values()})

    # ---- refusals ----------------------------------------------------------------------
    def refuse(self, q: Query, why: Refusal, reason: str = "") -> Answer:
        """A refusal: the reason (`why`'s message unless `reason` words it), then the documents covered."""
        reason = reason or why.text(places=self.lexicon.places_text(), plans=self.lexicon.plans_text(),
                                    task_no=q.task_no or "", scope="、".join(q.docs))
        covered = "；".join(self.records.documents)
        text = f"抱歉，无法回答：{reason}本助手收录的文件：{covered}。"
        return Answer(text, False, (), (), 0.0, q.question, str(q.intent),
                      answer_markdown=compose.md_escape(text))

    # ---- task records ------------------------------------------------------------------
    def scope_tasks(self, q: Query) -> list[Task]:
        docs = q.docs or tuple(self.lexicon.task_docs)
        return [t for d in docs for t in self.records.tasks_by_doc.get(d, [])]

    def unit_people(self, q: Query) -> Answer | None:
        """"省教育厅主要负责人是谁": the people an annex row prints for its lead unit (the unit's
        主要负责人 / 分管负责人, records.LEAD_HEAD / LEAD_DEPUTY), or a refusal when no row in scope
        prints them for that unit; None for another question."""
        roles = people_roles_asked(q.question)
        if not roles or not q.unit or q.task_no or THIS_ITEM.search(q.question):
            return None  # (of a task named or just answered: "管这条的分管负责人", the task's own row)
        rows = [t for t in self.scope_tasks(q) if q.unit in t.lead_units and any(r in roles for r, _ in t.lead_people)]
        if not rows:
            return self.refuse(q, Refusal.NOT_STATED, f"所收录的文件没有写明{q.unit}的{'、'.join(roles)}是谁。")
        row = max(rows, key=lambda t: self.records.documents[t.doc_id].year)
        src = Sources(self.records)
        n = src.task(row)
        said = "，".join(f"{role}是{names}" for role, names in row.lead_people if role in roles)
        return compose.finish(self.records, f"{q.unit}的{said}{mark(n)}。", src, task_records=[row])

    def matching_tasks(self, q: Query) -> list[Task]:
        """Tasks in scope of the question's person and unit (the unit in the role asked)."""
        tasks = self.scope_tasks(q)
        if q.person:
            tasks = [t for t in tasks if q.person in t.leaders]
        if q.unit:
            unit = q.unit
            if q.aspect is Aspect.CO:
                tasks = [t for t in tasks if unit in t.co_units]
            elif q.aspect is Aspect.LEAD or q.person:
                tasks = [t for t in tasks if unit in t.lead_units]
            else:
                tasks = [t for t in tasks if unit in t.lead_units or unit in t.co_units]
        return tasks

    def by_doc_newest_first(self, tasks: list[Task]) -> dict[str, list[Task]]:
        groups: dict[str, list[Task]] = {}
        for t in tasks:
            groups.setdefault(t.doc_id, []).append(t)
        return dict(sorted(groups.items(), key=lambda kv: -self.records.documents[kv[0]].year))

    def task_answer(self, tasks: list[Task], q: Query, scores: list[float] | None = None) -> Answer:
        """Tasks worded as what was asked: the figure (a sentence of the task that states it),
        who is responsible (the aspect asked), or what the task is; one claim per task."""
        scores = scores or [1.0] * len(tasks)
        src = Sources(self.records)
        wants_figure = bool(FIGURE_ASK.search(q.question) or sentences.answer_form(q.question))
        wants_who = q.intent in (Intent.RESPONSIBILITY, Intent.TASK_LOOKUP) or bool(WHO_ASK.search(q.question)) \
            or q.aspect is not Aspect.ALL
        tokens = self.searcher.topic_tokens(q.topic or q.question)
        claims = []
        kind = "" if wants_figure else self._kind_asked(q.question)
        figures = {t: self._figure_sentence(t, q.question, tokens) if wants_figure
                   else self._kind_sentence(t, kind, tokens) if kind
                   else self._subject_sentence(t, tokens) if wants_who else "" for t in tasks}
        asks_number = WHICH_TASK.search(q.question)  # "…是第几项？": the task's number is the answer
        if wants_figure and not WHO_ASK.search(q.question) and not asks_number and not self.states_what_is_asked(
                q.question, [(figures[t], self.task_passage(t)) for t in tasks if figures[t]]):
            return self.refuse_near_miss(q, [])
        titles = [name for t in tasks for name in t.leaders]
        # "那位南沙区委主要领导叫啥名字", "分工表里写的'南沙区委主要领导'具体是谁": the task names a
        # title, no one ("…分管领导是谁" is answered by the title)
        title_asked = any(t in q.question and WHO_OR_NAME.search(q.question, q.question.find(t) + len(t))
                          for t in titles)
        if (NAME_ASKED.search(q.question) or title_asked) and titles and not any(
                is_person_name(name, self.lexicon.data.surnames) for name in titles):
            return self.refuse(q, Refusal.NOT_STATED, f"所收录的文件只写明由“{'、'.join(dict.fromkeys(titles))}”"
                                                      "分管，没有写出其姓名。")
        post = post_asked(q.question)
        if post and not any(post in self.task_passage(t).text for t in tasks):
            # "城市管理综合执法局的局长是谁": a task names the unit, not who holds its posts
            return self.refuse(q, Refusal.NOT_STATED, f"所收录的文件没有写明该单位的{post}是谁；"
                                                      "任务分工只写明牵头单位和分管领导。")
        # "抽检的经费由谁来出": who leads the task does not pay; "郭永航是副市长吗": a task names
        # who oversees it, not their post; "接替廖荣辉当司法局局长的是谁": nor who was appointed
        for asked, shows in (sentences.ANSWER_FORMS[form] for form in ("payer", "rank", "successor")):
            if any(asked.search(ask) for ask in sentences.asks_of(q.question)) and not any(
                    shows.search(self.task_passage(t).text.split("\n", 1)[-1]) for t in tasks):
                return self.refuse_near_miss(q, [])
        unlisted = UNLISTED.get(q.aspect)
        if unlisted and not any(getattr(t, unlisted[0]) for t in tasks):
            # "…的配合单位有哪些": the task lists none, which is no answer
            t = tasks[0]
            return self.refuse(q, Refusal.NOT_STATED, f"{t.doc_id}{compose.task_no_label(t)}（{compose.short(compose.title_of(t))}）"
                                                      f"没有列出{unlisted[1]}。")
        # "那8对…分别是哪几对" (a figure form, and 负责 reads as a who-ask): counted, none named
        unnamed = sentences.quoted_count_unlisted(q.question, [compact(self.task_passage(t).text) for t in tasks]) \
            if wants_figure else self.unnamed_thing(
                q.question, [(self.task_passage(t).text, self.task_passage(t)) for t in tasks])
        if unnamed:
            return self.refuse_near_miss(q, [], unnamed)
        for i, (task, score) in enumerate(zip(tasks, scores)):
            sentence = figures[task]
            n = src.task(task, score, sentence)
            parts = []
            if q.intent is Intent.TASK_LOOKUP:
                parts.append(f"{task.doc_id}{compose.task_no_label(task)}：{compose.title_of(task)}")
            elif WHICH_TASK.search(q.question):  # "X是第几项？"
                parts.append(f"{compose.title_of(task)}是{task.doc_id}{compose.task_no_label(task)}")
            elif i == 0 and not sentence:
                parts.append(compose.title_of(task))
            elif i > 0 and compose.title_of(task) != compose.title_of(tasks[0]) and not sentence:
                parts.append(compose.short(compose.title_of(task), 30))
            if sentence and compose.as_clause(sentence) not in "".join(parts):  # not the title once more
                parts.append(compose.as_clause(sentence))
            if wants_who or not sentence:
                parts.append(compose.responsibility_clause(task, q.aspect))
            claim = "，".join(parts) + mark(n)
            if len(tasks) > 1:
                d = self.records.documents[task.doc_id]
                claim = f"{d.year}年{compose.doc_place(self.records, task.doc_id)}：{claim}"
            claim += compose.caution(task)
            claims.append(claim)
        return compose.finish(self.records, "；".join(claims) + "。", src, task_records=tasks)

    def unit_of(self, ask: str) -> str:
        """The unit a "how much" ask names; a one-character unit that begins a longer word is
        none ("多少家政职业技能培训": 家政, not 家)."""
        return sentences.asked_unit(ask, self.lexicon.data.units, self.searcher.store.bm25.tokenizer.words)

    def task_passage(self, task: Task) -> Passage:
        """The search passage of a task (a stand-in with its title when it has none)."""
        found = self.task_passages.get((task.doc_id, task.task_no))
        return found or Passage("", task.doc_id, task.title, task.task_no, task.section, kind=task.kind)

    def states_what_is_asked(self, question: str, quoted: list[tuple[str, Passage]]) -> bool:
        """Near-miss check, per value ask: some quoted sentence shows what the ask wants (see
        `_shows`), and the sentences that do speak of what the ask is about, themselves or
        through their headings ("每年新增高标准农田多少亩" is not answered by "建设60万亩天然橡胶
        生产保护区" in a passage that names 高标准农田 elsewhere). Whether the passage speaks of
        the subject at all is `on_focus`."""
        excepted = tuple(sentences.excepted_items(question))
        # (the whole question: "0.7万套…里，" may be an ask of its own before "…占多少套")
        partial = {text for text, _ in quoted if sentences.part_of_a_quoted_total(question, text)}
        for ask in sentences.asks_of(question):
            if self._unnamed(ask, quoted):
                return False
            wants = self._wants(ask)
            if wants is None:
                continue
            focus = self.focus_of(ask)
            # a sentence stating the value of another kind (灯塔工厂, not 智能工厂; 公用、专用, not 自用)
            # does not state it
            stating = [(text, p) for text, p in quoted
                       if text not in partial and self._shows(ask, wants, text, p, excepted)
                       and not self._other_kind(ask, wants, focus, text)[0]]
            if not stating or not self._speaks_of(focus, stating) or self._subject_elsewhere(focus, stating, quoted):
                return False
            recipient = self.flatten(sentences.report_recipient(ask))
            if recipient and not sentences.recipient_held(recipient, self._around(stating)):
                return False  # "各区每月几号前报市人社局": the day printed is for the cities' reports to the 省人社厅
            counted = sentences.counted_thing(ask)
            if counted and not self._names_counted(counted, stating):
                return False  # "全省要建多少座加氢站" is not answered by "建成充电站约4500座"
        return True

    def _names_counted(self, thing: str, stating: list[tuple[str, Passage]]) -> bool:
        """`sentences.counted_named` for the thing a count ask counts and the stating sentences."""
        words = [thing] + [w for w in self.searcher.question_tokens(thing) if len(w) > 1]
        flat = self._around(stating)
        return sentences.counted_named(words, self.searcher.attested, self.or_expansions(lambda w: w in flat))

    def _subject_elsewhere(self, focus: Focus, stating: list[tuple[str, Passage]],
                           quoted: list[tuple[str, Passage]]) -> bool:
        """Whether the nouns of the ask that the stating sentences lack are all held by a quoted
        sentence of another passage that states nothing asked: "区域性儿童福利设施每处要配多少张
        床位" is not answered by the 床位 of 妇幼保健机构 in 专栏18 when 专栏20 names the
        区域性儿童福利设施 without a number."""
        context = self._around(stating)
        indices = [self.records.passage_index[p.passage_id] for _, p in stating if p.passage_id]
        # (a noun pervasive in the stating passage's document is its subject: 环卫工人)
        lost = self.focus.missing(focus.nouns, context, lambda w: any(self.searcher.pervasive(w, i) for i in indices))
        if not lost:
            return False

        def apart(other: Passage) -> bool:  # another part of the documents: not a section around or in it
            return all(other.doc_id != p.doc_id or not (p.section.startswith(other.section)
                                                        or other.section.startswith(p.section))
                       for _, p in stating)
        return any(apart(p) and all(n in self.flatten(text + self.heading_of(text, p) + p.section) for n in lost)
                   for text, p in quoted if (text, p) not in stating)

    def other_kind_asked(self, question: str, quoted: list[tuple[str, Passage]]) -> tuple[str, str]:
        """The kind an ask wants that a quoted sentence stating a value gives only of another of
        its kind, and that other: ("智能工厂", "灯塔工厂"), ("自用充电设施", "专用充电设施"), or ("", ""): what a
        refusal names."""
        for ask in sentences.asks_of(question):
            wants = self._wants(ask)
            if wants is None:
                continue
            focus = self.focus_of(ask)
            for text, p in quoted:
                # (a sentence that states no value is not why the ask is refused)
                kinds = self._other_kind(ask, wants, focus, text) if self._shows(ask, wants, text, p) else ("", "")
                if kinds[0]:
                    return kinds
        return "", ""

    def _other_kind(self, ask: str, wants: Wants, focus: Focus, text: str) -> tuple[str, str]:
        """The kind the ask wants and the other kind whose value `text` states instead: a mate of
        its qualifier printed before the same words (公用、专用充电设施 for 自用), or another kind of
        its head in the figure's clause (灯塔工厂 for 智能工厂); ("", "") when `text` speaks of the
        kind asked."""
        kinds = sentences.mate_printed(self.flatten(ask), self.flatten(text), self.qualifier_mates)
        return kinds if kinds[0] else self._figure_of_a_sibling(ask, wants, focus, text)

    def _figure_of_a_sibling(self, ask: str, wants: Wants, focus: Focus, text: str) -> tuple[str, str]:
        """`sentences.figure_of_a_sibling` for a value ask, a clause stating a number in the ask's
        unit (any number when it names none): "智能工厂要建多少家" is not answered by "打造智能工厂
        和灯塔工厂，到2025年，全省灯塔工厂数量超过5家"."""
        if not focus.nouns:
            return "", ""
        variants = self.lexicon.data.unit_variants.get(wants.unit, "")
        return sentences.figure_of_a_sibling(
            ask, compact(text), focus.nouns[-1], self.focus.tags,
            lambda clause: sentences.states_amount(sentences.counts_in_digits(clause), wants.unit, variants)
            if wants.unit else bool(sentences.FIGURE_PRINTED.search(clause)), self.lexicon.data.covers)

    def unnamed_thing(self, question: str, quoted: list[tuple[str, Passage]]) -> str:
        """The near-miss check of what an ask wants named: "有没有住房补贴" is not answered by the
        技能岗位补贴, "过渡户开在哪家银行" not by a sentence naming no 银行, "是免费的还是收费的" not
        by one saying neither. The first thing asked that the quoted sentences do not name
        ("住房补贴", "银行", "免费还是收费"), or ""."""
        return next(filter(None, (self._unnamed(ask, quoted) for ask in sentences.asks_of(question))), "")

    def _unnamed(self, ask: str, quoted: list[tuple[str, Passage]]) -> str:
        # a task's responsibility answers who does any of it ("哪个部门牵头化解" 房地产企业债务风险)
        # and names its people
        tasks_quoted = any(p.task_no is not None for _, p in quoted)
        action = [] if tasks_quoted else self.focus.asked_action(ask)
        if action and not self._speaks_of(Focus(action, action, []), quoted):
            return "".join(action)  # "联席会议是哪位领导召集的" is not answered by what the 联席会议 is for
        # "王焕清具体是什么职务": a person of the documents asked about is named by what answers
        unnamed = [] if tasks_quoted else [n for n in self.lexicon.people
                                           if n in ask and not any(n in text for text, _ in quoted)]
        if unnamed:
            return unnamed[0]
        obliged = self.focus.obliged_action(ask)
        if obliged and not self._speaks_of(Focus(obliged, obliged, []), quoted):
            return "".join(obliged)  # "是不是必须投保安全生产责任险": no document speaks of 投保
        flat = self.flatten("".join(text for text, _ in quoted))
        penalty = sentences.penalty_asked(ask, self._around(quoted, passages=True)) \
            if sentences.asks_a_penalty(ask) else ""  # (the passages' text only when one is asked)
        if penalty:
            return penalty  # "拖欠工资要罚多少钱": the notice sets no fine
        bound = sentences.opposite_bound(ask, flat)
        if bound:
            return bound  # "常住人口不到30万的县": the plan's hospitals are for 超过30万以上 ones
        unstated = unstated_quantity(ask, flat)  # "热线是不是7×24小时都有人接": 24小时 is printed nowhere
        if unstated:
            return unstated
        flat_ask = self.flatten(ask)
        kind = self.focus.unprinted_distinction(flat_ask, flat)
        if kind:
            return kind  # "特级技师一个月补多少": the documents print 高级技师, never 特级
        other = sentences.mate_printed_instead(flat_ask, flat, self.qualifier_mates, self.lexicon.data.kinds)
        if other:
            return other  # "线上无理由退货承诺店要发展多少家": the quote's are 线下 ones
        tier = sentences.tier_printed_instead(flat_ask, flat) or sentences.member_printed_instead(
            flat_ask, flat, self.lexicon.data.siblings)
        if tier:
            return tier  # "四类岗位每天补多少": the quote's tiers are 一类, 二类, 三类 (中专: 专科, 本科)
        counted = sentences.quoted_count_unlisted(ask, [compact(text) for text, _ in quoted])
        if counted:
            return counted  # "那11个地铁项目都是哪几条线": the sentence counts them, names none
        condition = self._uncovered_condition(ask, quoted)
        if condition:
            return condition  # "试用期的环卫工人，节日慰问金能不能少发": no quoted sentence speaks of 试用期
        options = sentences.options_asked(ask)
        if options and not any(self._option_named(o, flat) for o in options):
            return "还是".join(options)
        thing = self.asked_thing(ask)
        if not thing.nouns or sentences.asks_place(ask) or any(n in PLACE_ITEMS for n in thing.nouns):
            return ""  # a where-ask names a place (the place form), not the word 城市
        shape = PRINTED_KINDS.get("".join(thing.nouns)) if thing.kind else None
        if shape and any(shape.search(text) for text, _ in quoted):
            return ""  # "用的是哪个文号": a 文号 is printed, not the word 文号
        if thing.kind and re.search(r"哪些|哪几", ask) and any(
                _ENUMERATES.search(compact(text)) for text, _ in quoted):
            return ""  # "维修工都包括哪些工种": "维修工，包括电工、焊工…" lists them without the word 工种
        if thing.kind and re.search(r"哪些|哪几", ask) and counted_not_listed(
                thing.nouns[-1], [compact(text) for text, _ in quoted]):
            return f"哪些{thing.nouns[-1]}"  # "64个社区心理关爱项目点都放在哪些社区": counted, none named
        # a kind is named as asked (体育馆, not its printed part 体育); a thing may be worded as printed
        # (an instance of the kind asked must be named: "哪家公司在运营" is not answered by the
        # 运营企业 a rule speaks of, though what is said of 企业 is said of a 公司)
        named = self._speaks_of(thing if thing.kind else thing.printed(self.as_printed), quoted, broader=not thing.kind)
        if named and thing.kind and not self._kind_on_subject(ask, thing, quoted):
            return "".join(thing.nouns)  # "展会头一场在哪个国家办": 国家级 is printed of 服务外包, not of the 展会
        return "" if named else "".join(thing.nouns)

    def _option_named(self, option: str, flat: str) -> bool:
        """Whether the quoted text (`flat`) names an option of an either-or ask: as asked, or by
        its words (`sentences.option_named`)."""
        return option in flat or sentences.option_named(
            self.searcher.question_tokens(option), self.or_expansions(lambda w: w in flat), self.searcher.attested)

    def _uncovered_condition(self, ask: str, quoted: list[tuple[str, Passage]]) -> str:
        """`sentences.uncovered_event` (an ask of any form) and `sentences.uncovered_condition` (a
        yes/no ask) against the quoted sentences, their headings, whole passages and documents'
        titles: "运营企业破产了，安全责任由谁担" -> 破产; "环卫工人还在试用期的，节日慰问金能不能少发"
        -> 试用期; "充电站建在地下车库里，有没有额外的消防要求" against a rule on 监控系统 -> 消防.
        (The passage: the sentence picked may not be the one that names the condition.)"""
        events = [e for e in self.lexicon.data.events if e in ask]
        if not events and not sentences.RULE_YES_NO.search(ask):  # (no other ask pays for the context)
            return ""
        context = self._around(quoted, passages=True)
        held = self.or_expansions(lambda w: w in context or self.flatten(w) in context)
        return sentences.uncovered_event(ask, events, held) or sentences.uncovered_condition(
            ask, self.searcher.topic_tokens(ask), held, self.searcher.attested)

    def _around(self, quoted: list[tuple[str, Passage]], passages: bool = False) -> str:
        """The quoted sentences, flattened, each with its heading, (`passages`: its whole passage,)
        its section path and its document's title."""
        return self.flatten("".join(text + self.heading_of(text, p) + (p.text if passages else "") + p.section
                                    + self.records.documents[p.doc_id].title for text, p in quoted))

    def _kind_on_subject(self, ask: str, thing: Focus, quoted: list[tuple[str, Passage]]) -> bool:
        """`kind_on_subject` for the quoted sentences, each with its headings and document's title."""
        around = []
        for whole, p in quoted:
            for a, b in sentences.split(whole):
                text = whole[a:b]
                around.append((self._speaks_of(thing, [(text, p)]), self.flatten(
                    text + self._vouching(self.heading_of(text, p), text, thing) + p.section
                    + self.records.documents[p.doc_id].title)))
        return kind_on_subject(self.ask_words(ask, ask), thing.nouns, around, self.searcher.idf,
                               lambda w, at: self.or_expansions(lambda x: x in at or self.flatten(x) in at)(w))

    def _wants(self, ask: str) -> Wants | None:
        """What a value ask wants to see in its answer, or None for an ask that is no value
        question (see `Wants`; places of a self-introduction before a colon do not count)."""
        unit = self.unit_of(ask)
        wants = Wants("" if unit in WEAK_UNITS else unit,
                      self.places_in(re.split(r"[：:]", ask)[-1]),
                      sentences.answer_form(ask), [p for p in self.lexicon.periods if p in ask],
                      ORDINAL_LABEL.findall(ask), YEAR_WORD.findall(ask),
                      [n for n in self.lexicon.appointees if n in ask])
        if not (wants.unit or wants.places or wants.form or wants.periods or FIGURE_ASK.search(ask)):
            return None
        return wants

    def _shows(self, ask: str, wants: Wants, text: str, p: Passage, excepted: tuple[str, ...] = ()) -> bool:
        """Whether a quoted sentence shows what the ask wants: a number in the unit (not one the
        question stated itself: "投资50亿元以上…一共多少个"), every place asked about (in it, its
        headings or its document: "广州要承担多少" is not answered by the province's total), the
        answer form (a where-ask: one of the corpus's places), the plan period, the tier, and a
        year other than its document's own in its passage. The items the question sets aside
        (`excepted`, "除了A、B和C，另外3个是什么") are no part of a list that answers it."""
        unit, form = wants.unit, wants.form
        ordinal = form in sentences.HEADING_FORMS
        if ordinal:
            unit = ""  # "第几次" wants 第六十五次, not a count of 次
        fresh = compact(sentences.without_numbers_of(ask, text))
        for item in excepted:
            fresh = fresh.replace(item, "")
        in_words = sentences.counts_as_asked(ask, unit, fresh)
        variants = self.lexicon.data.unit_variants.get(unit, "")
        around = compact(text + p.section)
        count = sentences.listed_count(ask) if form is sentences.ANSWER_FORMS["list"][1] else 0
        if sentences.one_of_a_total(ask, text, self.focus.words) \
                or sentences.per_item_for_a_total(ask, text) or sentences.part_for_a_total(ask, text) \
                or not sentences.same_rate(ask, text) or not sentences.same_denominator(ask, around) \
                or not sentences.states_a_share(ask, around) \
                or not sentences.present_value(ask, text) \
                or not sentences.thresholds_printed(ask, text):
            return False
        if BREAKDOWN_ASKED.search(compact(ask)) and not (self.places_in(text) or sentences.PER_ITEM.search(compact(text))):
            return False  # "各区分别摊多少套": a city's total names no district
        counted = bool(COUNT_ASKED.search(compact(ask)))  # "有几个": a count, not an amount of money or a share
        return ((not unit or sentences.states_amount(in_words, unit, variants) or self._unit_in_header(text, p, unit))
                and (not counted or sentences.counts_things(in_words))
                and sentences.lists_as_many(text, count)
                and all(place in self.flatten(text + self.heading_of(text, p) + p.section
                                              + self.records.documents[p.doc_id].title)
                        for place in wants.places)
                and (form is None or bool(form.search(in_words))
                     # the meeting a decision was made at heads it: "第六十五次会议决定:"
                     or ordinal and bool(form.search(compact(p.section)))
                     or sentences.asks_place(ask) and self.names_place(text, ask, p.doc_id))
                and sentences.same_period(wants.periods, self.lexicon.periods, text, p.section)
                and all(label in around for label in wants.labels)
                # a successor's appointment names the unit asked, not the one who left the post
                and (all(u in self.flatten(text) for u in self.units_named(ask))
                     if form is sentences.ANSWER_FORMS["successor"][1]
                     else all(name in text for name in wants.persons))
                and all(y in compact(p.text + p.section) or y == f"{self.records.documents[p.doc_id].year}年"
                        for y in wants.years)
                and sentences.gives_the_years(text, wants.years + sentences.period_end_asked(ask, self.lexicon.periods)))

    def places_in(self, text: str) -> list[str]:
        """The corpus's places a question names (`places_beginning_words`)."""
        return places_beginning_words(text, self.known_places, self.focus.words(text))

    def units_named(self, ask: str) -> list[str]:
        """The corpus's units an ask names, as their core ("广州市农业农村局" -> 农业农村局)."""
        flat = self.flatten(ask)
        return [core for core in self.lexicon.unit_forms if core in flat]

    def _speaks_of(self, asked: Focus, quoted: list[tuple[str, Passage]], broader: bool = True) -> bool:
        """Whether the quoted sentences, with their headings (in the passage and above it) and
        documents' titles, hold the nouns of an ask (the focus rule: nearly all of their IDF
        weight; "A和B分别…" may find A in one sentence and B in the next); `broader`: a noun is
        held by a broader word of the data file's [covers] too."""
        if not asked.nouns:
            return True
        context = self.flatten("".join(
            text + self._vouching(self.heading_of(text, p), text, asked) + self._vouching(p.section, text, asked)
            + self.records.documents[p.doc_id].title for text, p in quoted))
        indices = [self.records.passage_index[p.passage_id] for _, p in quoted if p.passage_id]
        # a noun flattened like the context ("一次能源" is held by 一次能源消费, flattened 1次能源消费)
        return self.focus.covered(replace(asked, years=[]), context, self.or_expansions(
            lambda w: w in context or self.flatten(w) in context or any(
                self.searcher.pervasive(w, i) for i in indices), broader), self.searcher.idf)

    @staticmethod
    def _vouching(heading: str, text: str, asked: Focus) -> str:
        """The heading (or section path), unless the sentence speaks of another item of its list
        than the one asked about (then "")."""
        return "" if sentences.names_a_sibling(heading, text, asked.nouns) else heading

    def heading_of(self, sentence: str, p: Passage) -> str:
        """The heading a sentence stands under: the nearest enumerated heading in its passage, or
        for a task's measures the task's title ("推动8500家企业开展技术改造" stands under
        "扩大制造业设备更新和技术改造投资")."""
        heading = sentences.heading_before(p.text, sentence)
        task = self.records.task_by_key.get((p.doc_id, p.task_no)) if p.task_no and not heading else None
        return task.title if task and sentence not in task.title else heading

    def or_expansions(self, has: Callable[[str], bool], broader: bool = True) -> Callable[[str], bool]:
        """`has`, also true for a word whose corpus stand-in (expansion.py: a Cilin synonym the
        documents use, a colloquial verb's task verb) is held: 林子 is held by 森林; for a kind one
        of whose members is held (the data file's [kinds]: 补贴 by 津贴); and (`broader`) for a
        word whose broader word is held ([covers]: 农村 by 城乡)."""
        kinds, covers = self.lexicon.data.kinds, self.lexicon.data.covers if broader else {}

        def held(w: str) -> bool:
            return held_by_kind(w, has, kinds, covers)
        if self.expander is None:
            return held
        return lambda w: held(w) or any(has(e) for e in self.expander.expand([w]).get(w, ()))

    def _unit_in_header(self, text: str, p: Passage, unit: str) -> bool:
        """A table row names its unit in the header ("粮食综合生产能力(万吨)：…1250") or its table
        in a note above the header ("投资单位：亿元")."""
        if p.kind not in TABLE_KINDS:
            return False
        if re.search(rf"[(（][^)）]*{re.escape(unit)}|{re.escape(unit)}/", text):
            return True
        note = self.table_units.get((p.doc_id, p.section.rsplit(" / ", 1)[0]), "")
        return unit in note

    def refuse_near_miss(self, q: Query, near: list[Hit], asked: str = "",
                         other_kind: tuple[str, str] | None = None) -> Answer:
        """Not stated: say so (naming the thing asked when known, or the kind asked and the
        other kind the documents speak of instead), and name what the nearest passages do hold,
        those of the same kind first ("夜班津贴": 岗位津贴, 高温津贴)."""
        reason = f"所收录的文件没有规定“{asked}”。" if asked else Refusal.NOT_STATED.message
        if other_kind:
            reason = f"所收录的文件没有写明“{other_kind[0]}”的所问事项；相关条文写的是“{other_kind[1]}”的。"
            asked = other_kind[0]
        related = list(dict.fromkeys(self._related_item(h.passage) for h in near[:RELATED_LOOKS_AT]
                                     if h.passage.section))
        head = asked[-2:]
        related = ([r for r in related if head and head in r] or related)[:RELATED_ITEMS]
        if related:
            reason += "相关的内容有：" + "；".join(related) + "。"
        return self.refuse(q, Refusal.NOT_STATED, reason)

    @staticmethod
    def _related_item(p: Passage) -> str:
        """A passage named by its heading ("环卫岗位津贴"), a bare article number with its opening
        words ("第十条（公用、专用充电设施建设或运营企业…）")."""
        heading = _ENUMERATOR.sub("", p.section.split(" / ")[-1])
        if not _BARE_ARTICLE.fullmatch(heading):
            return heading
        body = compact(p.text.split("\n", 1)[-1])
        body = body[len(heading):] if body.startswith(heading) else body
        return f"{heading}（{body[:ARTICLE_GIST_CHARS]}…）" if body else heading

    def _figure_sentence(self, task: Task, question: str, tokens: list[str]) -> str:
        """The sentences of a task that state the figures asked about, one per figure ask
        ("推动多少家工业企业技改？小升规目标又是多少家？": two sentences of one task), joined."""
        asks = [a for a in sentences.asks_of(question) if FIGURE_ASK.search(a)] or [question]
        found = [self._figure_sentence_of(task, ask, tokens) for ask in asks]
        return "；".join(compose.as_clause(f) for f in dict.fromkeys(found) if f) if len(asks) > 1 else found[0]

    def _figure_sentence_of(self, task: Task, ask: str, tokens: list[str]) -> str:
        """The sentence of a task (title or measures) that states the figure one ask is about: a
        number, for a place ask ("支持哪几个市…") the corpus's places, for another answer form
        (a list, a date, a standard…) that form."""
        # the ask's words, less those that only say whose document it is ("省里"): they are in no
        # sentence, so they would only thin out the share of the words that are
        tokens = [t for t in self.searcher.topic_tokens(ask) if t not in self.lexicon.topic_noise] or tokens
        place = sentences.asks_place(ask)
        form = sentences.answer_form(ask)
        plain = sentences.specific_form(ask) is None and not place

        unit = self.unit_of(ask)

        def states(text: str) -> bool:
            if place:
                return self.names_place(text, ask, task.doc_id)
            # a count in words in the unit asked is a number: "几家" is answered by "两至三家"
            in_words = bool(unit) and sentences.states_amount(self.flatten(text), unit)
            return bool((form or _DIGIT).search(text)) or in_words
        # an ask with an answer form (a place, a list, a date, a standard…) takes the best-matching
        # sentence in that form, not a title that only names the subject ("指导哪两个地方":
        # 海珠区、清远高新区 in the measures, not the title); a plain "how many" is answered by the
        # best sentence or not at all (a later one that merely holds a digit is no answer:
        # "启动2022年度攻关项目" to "一共多少个")
        chosen = sentences.best([task.title, task.measures], tokens, self.searcher.idf, want_number=not place,
                                limit=1 if plain else FORM_CANDIDATES,
                                flatten=self.flatten, unit=unit)
        return next((s.text for s in chosen if states(s.text)), "")

    def asked_thing(self, ask: str) -> Focus:
        """`FocusChecker.asked_thing`, once per ask of the question being answered (the kind
        sentence and the near-miss check both read it)."""
        return self.searcher.per_question(("asked_thing", ask), lambda: self.focus.asked_thing(ask))

    def _kind_asked(self, question: str) -> str:
        """The kind of thing an ask wants named ("推动出台的是哪部地方性条例" -> 条例, "那个购物节叫啥"
        -> 购物; "出台个啥方案" -> 方案》, a titled one), or ""."""
        for ask in sentences.asks_of(question):
            thing = self.asked_thing(ask)
            if thing.kind and thing.nouns:
                return thing.nouns[0]
            titled = self.focus.titled_kind(ask)
            if titled:
                return titled + "》"
        return ""

    def _kind_sentence(self, task: Task, kind: str, tokens: list[str]) -> str:
        """The best-matching sentence of a task that names the kind asked for ("哪部条例": the
        one naming 《广东省地方金融监督管理条例》, not the title), or ""."""
        naming = [text[a:b] for text in (task.title, task.measures) for a, b in sentences.split(text)
                  if kind in self.flatten(text[a:b])]
        chosen = sentences.best(naming, tokens, self.searcher.idf, want_number=False, limit=1,
                                flatten=self.flatten)
        return chosen[0].text if chosen else ""

    def _subject_sentence(self, task: Task, tokens: list[str]) -> str:
        """For a who-ask about one measure of a task, the measure that names it, when the title
        does not ("特困人员认定办法…哪个厅牵头": 出台《广东省特困人员认定办法》, under the title
        "优化社会救助和慈善制度"), or ""."""
        title = sentences.best([task.title], tokens, self.searcher.idf, want_number=False, limit=1,
                               flatten=self.flatten)
        measure = sentences.best([task.measures], tokens, self.searcher.idf, want_number=False, limit=1,
                                 flatten=self.flatten)
        if not measure or title and measure[0].score < title[0].score + SUBJECT_LEAD:
            return ""
        return measure[0].text

    def flatten(self, text: str) -> str:
        """Text as matched against query words: no whitespace, short forms expanded, small
        counts in digits ("不满一年" and "不满1年" match)."""
        return sentences.counts_in_digits(self.lexicon.data.expand_aliases(compact(text)))

    def ask_words(self, ask: str, fallback: str) -> list[str]:
        """The words of one ask that a sentence should hold: its topic words and any year."""
        words = self.searcher.topic_tokens(sentences.counts_in_digits(ask)) or self.searcher.topic_tokens(fallback)
        ask = sentences.counts_in_digits(ask)
        return words + [w for w in YEAR_WORD.findall(ask) + QUANTITY_WORD.findall(ask) if w not in words]

    # ---- search ------------------------------------------------------------------------
    def evidence_ok(self, hit: Hit) -> bool:
        return hit.weighted >= MIN_WEIGHTED_COVERAGE or (
            hit.coverage >= MIN_COVERAGE and hit.dense >= MIN_DENSE) or (
            hit.coverage >= MIN_COVERAGE_CLOSE and hit.dense >= MIN_DENSE_CLOSE)

    def search_answer(self, q: Query, plan: SearchPlan = PLAIN) -> Answer:
        """Hybrid search for the question's topic, checked for evidence (and focus), then
        worded as task blocks or quoted passages."""
        forwarded = self.forwarded_answer(q)
        if forwarded is not None:
            return forwarded
        if plan.named_part and q.section_label:
            from assistant.retrieve.intents import section  # the part's own answer

            answer = section.answer_in_part(q, self, plan)
            if answer is not None:
                return answer
        amount = table_values.asked_amount(q.question)
        if amount is not None:
            answer = self.row_by_value(q, amount)
            if answer is not None:
                return answer
        text = q.topic or q.question
        prefer = self.attributed_task if plan.prefer_attributed else None
        hits = self.searcher.search(text, q.docs, k=self.settings.top_k * 2, prefer=prefer,
                                    expansions=self.expansions(q))
        found = bool(hits) and (self.evidence_ok(hits[0]) or leading_task(q, hits))
        if not found and q.soft_scope:  # widened to the level's documents, or to all
            wider = tuple(d.doc_id for d in self.records.documents.values() if d.level == q.level) if q.level else ()
            return self.search_answer(q.with_(docs=wider, soft_scope=False), plan)
        if not found:
            return self.refuse(q, Refusal.NOT_FOUND)
        issued = self.issue_date(q, hits) or self.in_force(q, hits)
        if issued is not None:
            return issued
        if plan.focus_check:
            focused = self.on_focus(q, hits)
            if not focused:  # the documents speak of the subject, not of the thing asked
                return self.refuse_near_miss(q, hits, self.unstated(q, hits[0]))
            hits = focused
        if plan.subject_check:
            about = self.on_focus(q, hits, self.focus.subject(q.question).printed(self.as_printed))
            if not about:  # "联席会议由哪位市领导召集": no task speaks of the 联席会议
                return self.refuse_near_miss(q, hits)
            hits = about
        if plan.prefer_figures:
            hits = prefer_figures(hits, q.question)
        item = next(filter(None, map(sentences.asked_item, sentences.asks_of(q.question))), "")
        if item:
            hits = self.prefer_listing(hits, item, q)
        top = hits[0]
        if top.passage.task_no is not None:
            tasks = self.related_tasks(q, hits, plan)
            return self.task_answer(tasks, q, [h.score for h in hits[:len(tasks)]])
        return self.passage_answer(q, hits, plan)

    def issue_date(self, q: Query, hits: list[Hit]) -> Answer | None:
        """"广州规范环卫行业用工的那份意见是哪天印发的": a time ask about issuing, about one
        document (the question's scope, or the document of the best hit), is answered by that
        document's signature. None when the question asks something else or there is none."""
        ask = next((a for a in sentences.asks_of(q.question) if ISSUED.search(a)), "")
        if not ask or sentences.answer_form(ask) not in (sentences.ANSWER_FORMS["time"][1],
                                                         sentences.ANSWER_FORMS["day"][1]):
            return None
        doc_id = q.docs[0] if len(q.docs) == 1 else hits[0].passage.doc_id
        signature = self.signatures.get(doc_id)
        title = self.records.documents[doc_id].title
        # "…那个文件管几年？哪天印发的？": an ask of nothing else, about the one document in scope
        bare = len(q.docs) == 1 and bool(BARE_ISSUE_ASK.fullmatch(ask))
        if signature is None or not (bare or DOC_NO.search(ask) or any(k in title for k in DOC_KIND.findall(ask))):
            return None
        issuer, date = signed(signature)
        src = Sources(self.records)
        n = src.passage(signature, hits[0].score, date)
        by = f"，发文机关{issuer}" if issuer and not issuer.startswith("附件") else ""
        return compose.finish(self.records, f"《{title}》({doc_id})落款日期为{date}{by}{mark(n)}。", src)

    def forwarded_answer(self, q: Query) -> Answer | None:
        """"那份征地养老保障通知转发的省里文件是哪个文号，哪天印发的": the document a notice forwards,
        by its number, title and signature (issuer, date). The notice is the one in scope, or of
        those that forward a document the one whose title shares most of the question's words.
        None for another question."""
        if not FORWARD_ASKED.search(q.question):
            return None
        docs = [d for d in q.docs if d in self.forwarded]
        if not docs and not q.doc_explicit:  # a scope by year or level only: the documents that forward
            words = self.searcher.topic_tokens(q.question)
            docs = sorted(self.forwarded, key=lambda d: -self.held_share(
                words, lambda t, title=self.flatten(self.records.documents[d].title): t in title))[:1]
        if len(docs) != 1:
            return None
        f = self.forwarded[docs[0]]
        src = Sources(self.records)
        n = src.passage(f.signature, 1.0, f.date)
        by = f"，发文机关{f.issuer}" if f.issuer else ""
        return compose.finish(self.records, f"{docs[0]}转发的是《{f.title}》({f.number})，落款日期为{f.date}{by}{mark(n)}。",
                              src)

    def in_force(self, q: Query, hits: list[Hit]) -> Answer | None:
        """"那个充电设施安全管理办法啥时候开始执行，管几年": asks about when a document takes effect
        and for how long, about one document (named by its number or a kind of document its title
        has), are answered by its own clause ("本办法自2022年3月1日起施行，有效期3年"). None when
        an ask is about something else or the document has no such clause."""
        asks = sentences.asks_of(q.question)
        if not asks or not all(asks_in_force(a) for a in asks):
            return None
        doc_id = q.docs[0] if len(q.docs) == 1 else hits[0].passage.doc_id
        clauses = self.in_force_clauses.get(doc_id, [])
        title = self.records.documents[doc_id].title
        kinds = [k for a in asks for k in DOC_KIND.findall(a)]
        if not clauses or not (any(DOC_NO.search(a) for a in asks) or any(k in title for k in kinds)):
            return None
        # the clause of the instrument asked about ("…22号意见从什么时候起实施": the forwarded 本意见)
        passage, sentence = next((c for c in clauses if any("本" + k in compact(c[1]) for k in kinds)), clauses[0])
        if any(TERM_ASKED.search(a) for a in asks) and "有效期" not in sentence:
            # "粤府办〔2021〕22号本身有效期是几年": its clause says when it takes effect, no term
            return self.refuse_near_miss(q, [], "有效期")
        src = Sources(self.records)
        n = src.passage(passage, hits[0].score, sentence)
        text = f"{compose.as_clause(sentence)}{mark(n)}"
        signature = self.signatures.get(doc_id) if "印发之日" in sentence else None
        if signature is not None:  # "自印发之日起执行": the day it was issued is the signature's
            date = signed(signature)[1]
            text += f"；该文件落款日期为{date}{mark(src.passage(signature, hits[0].score, date))}"
        return compose.finish(self.records, text + "。", src)

    def row_by_value(self, q: Query, amount: table_values.Amount) -> Answer | None:
        """"9万元一亩的地按哪一档？": the table rows whose range holds the amount, when the table is
        what the question is about (its other words in the table, its headings or its document);
        a place the question names picks its columns ("广州市的划分范围"). None when no row holds it."""
        rest = q.question.replace(amount.printed, " ")
        tokens = self.searcher.topic_tokens(rest)
        places = self.places_in(q.question)
        best: list[tuple[tuple[bool, int], Section]] = []
        for row in self.range_rows:
            doc_id = row.doc_id
            if q.docs and doc_id not in q.docs:
                continue
            cells = list(row.extra)
            named = [(h, v) for h, v in cells if any(p in h for p in places)]
            columns = table_values.holding_columns(named or cells, amount)
            # a row printing the amount itself beats rows whose ranges hold it
            exact = any(table_values.prints(h, v, amount) for h, v in cells)
            if not columns and not exact:
                continue
            about = self.table_text(row)
            code = self.searcher.doc_code(doc_id)
            if self.held_share(tokens, lambda t: t in about or code in self.searcher.word_stats(t)[1]) \
                    < TABLE_ABOUT_SHARE:
                continue
            best.append(((exact, len(columns)), row))
        if not best:
            return None
        most = max(n for n, _ in best)
        src = Sources(self.records)
        claims = []
        for _, row in [b for b in best if b[0] == most][:ROWS_BY_VALUE]:
            passage = self.row_passages.get((row.doc_id, row.path_str))
            if passage is not None:
                claims.append(compose.table_row_sentence(row).rstrip("。；") + mark(src.passage(passage, 1.0)))
        return compose.finish(self.records, "；".join(claims) + "。", src) if claims else None

    def table_text(self, row: Section) -> str:
        """Everything a table prints (its rows, headings, its document's title), flattened."""
        key = (row.doc_id, row.path[:-1])
        if key not in self._tables:
            rows = [r for r in self.table_rows.values() if (r.doc_id, r.path[:-1]) == key]
            self._tables[key] = self.flatten("".join(r.text for r in rows) + "".join(row.path[:-1])
                                             + self.records.documents[row.doc_id].title)
        return self._tables[key]

    def prefer_listing(self, hits: list[Hit], item: str, q: Query) -> list[Hit]:
        """"广州包括哪几个区？": a passage with a sentence that enumerates the 区 of the topic
        (the plan's 专栏: "广清接合片区：广州市增城区、花都区、从化区…") beats one that only names
        the topic (a task "推动广清接合片区改革试验")."""
        tokens = self.searcher.topic_tokens(q.topic or q.question)
        for i, h in enumerate(hits[:LIST_LOOKS_AT]):
            if not self.evidence_ok(h):
                continue
            for start, end in sentences.split(text := self.statement(h.passage)):
                flat = self.flatten(text[start:end])
                # the topic may be the heading the sentence stands under ("专栏12 五大都市圈建设重点 /
                # 4. 汕潮揭都市圈。包括汕头、…")
                about = flat + self.flatten(sentences.heading_before(text, text[start:end]) + h.passage.section)
                if self.enumerates(flat, item) and self.held_share(tokens, about.__contains__) >= MIN_WEIGHTED_COVERAGE:
                    return [h] + hits[:i] + hits[i + 1:]
        return hits

    def held_share(self, tokens: list[str], held: Callable[[str], bool]) -> float:
        """The IDF-weighted share of `tokens` that `held` accepts (all of nothing: 1)."""
        weights = [self.searcher.idf(t) for t in tokens]
        return sum(w for t, w in zip(tokens, weights) if held(t)) / sum(weights) if tokens else 1.0

    def enumerates(self, flat: str, item: str) -> bool:
        """Whether a sentence lists several `item`s; the items of "哪些城市" are place names
        ("广州、佛山、肇庆")."""
        if item in PLACE_ITEMS:
            return len([p for p in self.known_places if p in flat]) >= MIN_LIST_ITEMS and "、" in flat
        return sentences.lists(flat, item)

    def expansions(self, q: Query) -> dict[str, tuple[str, ...]]:
        """The documents' words for the question's own (synonyms, colloquial verbs); computed
        once per question (the search and the sentence picker both read them)."""
        if self.expander is None:
            return {}
        return dict(self.searcher.per_question(("expansions", q.question, q.topic), lambda: self._expansions(q)))

    def _expansions(self, q: Query) -> dict[str, tuple[str, ...]]:
        question_words = self.lexicon.data.stop("t")  # 多少, 省里: no topic, so nothing to expand ...
        words = [w for w in self.searcher.store.bm25.tokenizer.words(q.question) if w.strip()
                 and (w not in question_words or w in self.expander.colloquial)]  # ... but 管, 搞 are verbs
        return self.expander.expand(words + self.searcher.topic_tokens(q.topic or q.question))

    def attributed_task(self, p: Passage) -> bool:
        task = self.records.task_by_key.get((p.doc_id, p.task_no)) if p.task_no else None
        return task is not None and bool(task.leaders or task.lead_units)

    def focus_of(self, question: str) -> Focus:
        """What a value question asks about, each noun as the documents print it (加班费 ->
        加班, see expansion.stand_in)."""
        return self.focus.focus(question).printed(self.as_printed)

    def as_printed(self, noun: str) -> str:
        """A noun as the documents print it: itself, or its corpus stand-in (加班费 -> 加班)."""
        return stand_in(noun, self.searcher.attested) or noun

    def names_place(self, text: str, ask: str, doc_id: str) -> bool:
        """Whether `text` answers a where-ask: it names a corpus place other than the ask's own
        and the one its document is about ("广东省", "广州市")."""
        if not place_of_the_kind(ask, text, self.lexicon.districts, self.lexicon.data.cities):
            return False
        return sentences.names_other_place(text, self.known_places, ask + compose.doc_place(self.records, doc_id))

    def unstated(self, q: Query, best: Hit) -> str:
        """The attribute a value question asks for that the best passage does not state
        ("环卫工人的夜班津贴是多少" -> 夜班津贴), or "": a missing noun of the head first."""
        asked = self.focus.focus(q.question)
        printed = asked.printed(self.as_printed)  # as focus_of reads it
        i = self.records.passage_index[best.passage.passage_id]
        lost = set(self.focus.missing(printed.nouns, best.passage.text, lambda w: self.searcher.has(w, i)))
        missing = [n for n, p in zip(asked.nouns, printed.nouns) if p in lost]
        return self.focus.phrase(q.question, [n for n in missing if n in asked.head] or missing, asked.nouns)

    def on_focus(self, q: Query, hits: list[Hit], asked: Focus | None = None) -> list[Hit]:
        """Keep the hits (best first) that speak of what the question asks about (`asked`, by
        default its value question's focus), the others after them; [] when none does."""
        asked = asked or self.focus_of(q.question)
        scoped_years = {str(self.records.documents[d].year) for d in q.docs}
        asked = replace(asked, years=[y for y in asked.years if y not in scoped_years])
        index = self.records.passage_index
        good = [h for h in hits[:FOCUS_LOOKS_AT] if self.focus.covered(
            asked, h.passage.text,
            self.or_expansions(lambda w, i=index[h.passage.passage_id]: self.searcher.has(w, i)), self.searcher.idf)]
        return good + [h for h in hits if h not in good] if good else []

    def related_tasks(self, q: Query, hits: list[Hit], plan: SearchPlan) -> list[Task]:
        """The best task, plus the same topic in other task documents (newest first)."""
        top = hits[0]
        best = self.records.task_by_key[(top.passage.doc_id, top.passage.task_no)]
        chosen = [best]
        if len(q.docs) == 1 or not plan.other_documents:
            return chosen
        seen_docs = {best.doc_id}
        for h in hits[1:]:
            p = h.passage
            if p.task_no is None or p.doc_id in seen_docs:
                continue
            if h.coverage >= max(top.coverage, 0.99) and h.score >= SAME_TOPIC_SCORE_SHARE * top.score:
                chosen.append(self.records.task_by_key[(p.doc_id, p.task_no)])
                seen_docs.add(p.doc_id)
        chosen.sort(key=lambda t: -self.records.documents[t.doc_id].year)
        return chosen

    def passage_answer(self, q: Query, hits: list[Hit], plan: SearchPlan) -> Answer:
        """The sentences of the best passages that state what each ask of the question asks
        for; only the passages that give a sentence are cited."""
        top = hits[0]
        # and the other chunks of the best one's section, however far down (tasks that only share
        # their words may rank above them: "…于2022年3月15日前报省政府督查室备案" under 通知正文)
        candidates = [top] + [h for h in hits[1:]
                              if h.passage.task_no is None and h.score >= NEIGHBOUR_SCORE_SHARE * top.score
                              and (h in hits[1:NEIGHBOURS + 1] or (h.passage.doc_id, h.passage.section)
                                   == (top.passage.doc_id, top.passage.section))]
        if top.passage.kind == "table_row" and FIGURE_ASK.search(q.question):
            # the plan's own sentence ("全省GDP年均增长5.0%左右") beats its table row
            prose = self.searcher.search(q.topic or q.question, (top.passage.doc_id,), PROSE_KINDS, k=PROSE_LOOKS_AT)
            candidates += [h for h in prose if self.evidence_ok(h)]
        return self.quote(q, self._rows_about_the_ask(q, candidates), plan.prefer_figures)

    def _rows_about_the_ask(self, q: Query, hits: list[Hit]) -> list[Hit]:
        """When the best table row's label is all question words ("地区生产总值增长(%)" for
        "GDP年均增长目标"), the rows labelled with other words too ("单位地区生产总值能源消耗降低(%)")
        are about other indicators: they are dropped."""
        asked = set(self.searcher.topic_tokens(q.topic or q.question))

        def extra(h: Hit) -> int:
            label = re.sub(r"[(（][^)）]*[)）]", "", h.passage.section.split(" / ")[-1])
            return len([t for t in self.searcher.topic_tokens(label) if t not in asked])
        rows = [h for h in hits if h.passage.kind == "table_row"]
        if not rows or extra(rows[0]) > 0:
            return hits
        return [h for h in hits if h.passage.kind != "table_row" or extra(h) == 0]

    def quote(self, q: Query, chosen: list[Hit], want_number: bool = False, every: bool = False) -> Answer:
        """Quote the sentences of `chosen` that answer each ask, verbatim, each with its marker;
        `every`: cite every passage even when it gives no sentence (a named part quoted whole)."""
        picked = self._pick(q, chosen, want_number)
        quoted = [(s.text, chosen[s.source].passage) for s in picked]
        if not self.states_what_is_asked(q.question, quoted) and any(map(sentences.asks_place, sentences.asks_of(
                q.question))):  # a where-ask: the best sentence naming a place ("抽水蓄能方面，建设阳江、梅州…")
            picked = self._pick(q, chosen, want_number, places_first=True)
            quoted = [(s.text, chosen[s.source].passage) for s in picked]
        if not self.states_what_is_asked(q.question, quoted):  # naming what is not stated, when known
            unnamed = self.unnamed_thing(q.question, quoted)
            asked, other = ("", "") if unnamed else self.other_kind_asked(q.question, quoted)
            return self.refuse_near_miss(q, chosen, unnamed, (asked, other) if asked else None)
        src = Sources(self.records)
        claims = []
        ordinal = next((f for f in map(sentences.answer_form, sentences.asks_of(q.question))
                        if f in sentences.HEADING_FORMS), None)
        said: set[str] = set()
        for s in picked:
            h = chosen[s.source]
            highlight = s.text if compact(s.text) in compact(h.passage.text) else ""
            # "第几次会议上被免的", "第几章": the heading (meeting, chapter) that shows it is the answer,
            # said first
            heading = next((part.rstrip(":：") for part in reversed(h.passage.section.split(" / "))
                            if ordinal and ordinal.search(part)), "")
            lead = f"{heading}：" if heading and not ordinal.search(s.text) and heading not in said else ""
            said.add(heading)
            claims.append(lead + compose.as_clause(s.text) + mark(src.passage(h.passage, h.score, highlight)))
        if every:
            for h in chosen:
                src.passage(h.passage, h.score)
        return compose.finish(self.records, "；".join(claims) + "。", src)

    def _pick(self, q: Query, chosen: list[Hit], want_number: bool,
              places_first: bool = False) -> list[sentences.Sentence]:
        """The sentences of `chosen` that best answer each ask; `places_first`: for a where-ask,
        a sentence naming a place counts like a number for a figure question."""
        texts = [self.statement(h.passage) for h in chosen]
        prose_bonus = [0.0 if h.passage.kind in TABLE_KINDS else PROSE_BONUS for h in chosen] \
            if any(h.passage.kind in TABLE_KINDS for h in chosen) else []
        picked: list[sentences.Sentence] = []
        firsts: list[sentences.Sentence] = []  # each ask's best sentence, kept whatever the length
        alternatives = self.expansions(q)
        for ask in sentences.asks_of(q.question):
            item = sentences.asked_item(ask)
            items = sentences.list_items(texts, item, self.flatten) if item else []
            if len(items) >= MIN_LIST_ITEMS:  # "五大都市圈是指哪些？": the enumerated items
                picked += [s for s in items if s not in picked]
                continue
            tokens = self.ask_words(ask, q.topic or q.question)
            # a figure ask's one-character colloquial verbs, held by the documents' words for them
            # ("涨多少": 增长) and weighed as those (not the 弄 of "材料要怎么弄": any 实施 would do)
            verbs = [w for w in self.searcher.store.bm25.tokenizer.words(ask)
                     if w in self.searcher.verbs and w in alternatives and w not in tokens] \
                if self.expander is not None and FIGURE_ASK.search(ask) else []
            tokens = tokens + verbs
            implied = [self._context_words(h.passage, tokens) for h in chosen]
            shows = self._place_shown(ask) if places_first else None
            found = sentences.best(texts, tokens, self._weight_of(alternatives), want_number=want_number
                                   or bool(FIGURE_ASK.search(ask)), limit=SENTENCES_PER_ASK, flatten=self.flatten,
                                   unit=self.unit_of(ask), bonus=prose_bonus, implied=implied,
                                   item=item, alternatives=alternatives, shows=shows)
            if shows is not None:  # the one best sentence that names such a place and, with its
                # passage's headings, most of the ask's words ("建设阳江、梅州…抽水蓄能电站项目" under 专栏7
                # 能源…工程), alone
                found = [s for s in found if shows(s.text) and self.held_share(
                    tokens, lambda t, at=self.flatten(s.text + chosen[s.source].passage.section): t in at)
                    >= PLACE_SENTENCE_SHARE][:1]
            new = [s for s in found if not any(s.text in p.text or p.text in s.text for p in picked)]
            picked += new
            firsts += new[:1]
        return _within(picked, DIRECT_ANSWER_CHARS, keep=MAX_LIST_ITEMS if len(picked) >= MIN_LIST_ITEMS else 1,
                       always=firsts)

    def _weight_of(self, alternatives: dict[str, tuple[str, ...]]) -> Callable[[str], float]:
        """IDF weight of a word; a colloquial word's is its lightest corpus word's (涨: 增长), not the
        weight of a word the documents hardly print."""
        def weight(word: str) -> float:
            if self.expander is not None and word in self.expander.colloquial and alternatives.get(word):
                return min(self.searcher.idf(w) for w in alternatives[word])
            return self.searcher.idf(word)
        return weight

    def _place_shown(self, ask: str) -> Callable[[str], bool] | None:
        """For a where-ask, whether a sentence names a corpus place the ask does not (None for
        another ask)."""
        if not sentences.asks_place(ask):
            return None
        return lambda text: (sentences.names_other_place(text, self.known_places, ask)
                             and place_of_the_kind(ask, text, self.lexicon.districts, self.lexicon.data.cities))

    def _context_words(self, p: Passage, tokens: list[str]) -> set[str]:
        """Words every sentence of a passage speaks of without repeating them: its document's
        title, words that run through its document (环卫工人 in the 环卫 notice)."""
        context = self.flatten(self.records.documents[p.doc_id].title)
        i = self.records.passage_index[p.passage_id]
        return {t for t in tokens if t in context or self.searcher.pervasive(t, i)}

    def statement(self, p: Passage) -> str:
        """What a passage says, as sentences: its body, or a table row worded from its header
        ("地区生产总值增长(%)：年均增长[累计]5.0左右（表2，预期性）")."""
        body = p.text.split("\n", 1)[-1]
        if p.kind == "table" and " | " in body:
            return compose.table_sentences(body, p.section)
        row = self.table_rows.get((p.doc_id, p.section)) if p.kind == "table_row" else None
        return compose.table_row_sentence(row) if row else body

_DIGIT = re.compile(r"\d")
_ENUMERATES = re.compile(r"(?:包括|包含|分为)[^。；，]{0,6}[\u4e00-\u9fff]{2,}、[\u4e00-\u9fff]{2,}")
_TOWN_ASKED = re.compile(r"哪(?:个|些|几个)?(?:镇|乡|街道|镇街)")
_TOWN = re.compile(r"[\u4e00-\u9fff](?<![乡城村集市小各镇])(?:镇|街道)")  # a named town, not 城镇 or 乡镇
_DISTRICT_ASKED = re.compile(r"哪(?:个|些|几个|[两二三四五六七八九十\d]个)?(?:区县|区|县)(?![域级])")
_CITY_ASKED = re.compile(r"哪(?:个|些|几个|[两二三四五六七八九十\d]个)?(?:地级市|地市|城市|市)(?![场民区级])")
_COUNTY = re.compile(r"[\u4e00-\u9fff]{2}县(?![域级城])")  # a named county, not 县域


def place_of_the_kind(ask: str, text: str, districts: Sequence[str], cities: Sequence[str] = ()) -> bool:
    """Whether `text` names a place of the kind a where-ask wants: a town (…镇, …街道) for "定在
    哪个镇", not its city; a district (one the task lists name: `districts`) or a county for "落在
    哪几个区", not 全国 or the city; one of `cities` for "分别落在哪些市", not 粤港澳大湾区. True for
    an ask of another kind."""
    if _TOWN_ASKED.search(ask):
        return bool(_TOWN.search(text))
    if _DISTRICT_ASKED.search(ask):
        return any(d in text for d in districts) or bool(_COUNTY.search(text))
    if cities and _CITY_ASKED.search(ask):
        return any(c in text for c in cities)
    return True


def places_beginning_words(text: str, places: Sequence[str], words: Sequence[str]) -> list[str]:
    """The `places` printed in `text` where one of its `words` begins ("增城区新增…" names 增城;
    "新增城镇" does not: 增城 starts inside 新增)."""
    starts = sentences.word_bounds(words)
    return [p for p in places if any(m.start() in starts for m in re.finditer(re.escape(p), text))]


def unstated_quantity(ask: str, flat: str) -> str:
    """A quantity a yes/no ask names that the quoted text (`flat`, flattened) does not print
    ("热线是不是7×24小时都有人接" -> 24小时), or ""; "" for an ask that is no yes/no ask. Printed
    as well: one period is the frame of a rate ("一个月能不能超过36小时" against 每月不得超过36小时),
    N倍 is N00% ("3倍" against 300%), and a span of time is held by a bound in its unit the text
    sets ("干了8个月" against 累计6个月以上且不足1年: the ask is whether it falls in the range)."""
    if not YES_NO.search(ask):
        return ""
    return next((w for w in QUANTITY_WORD.findall(sentences.counts_in_digits(ask)) if not _quantity_held(w, flat)), "")


_PERIOD = re.compile(r"1个?(年|月|天|日|周)$")
_TIMES = re.compile(r"(\d+)倍$")
_SPAN = re.compile(r"\d+(个月|年|天|日|周|小时)$")


def _quantity_held(word: str, flat: str) -> bool:
    """Whether `flat` prints a quantity of the ask (`unstated_quantity`; "36个小时" as 36小时)."""
    if word in flat or word.replace("个小时", "小时") in flat or _PERIOD.match(word):
        return True
    times = _TIMES.match(word)
    if times:
        return f"{int(times.group(1)) * 100}%" in flat
    span = _SPAN.match(word)
    if not span:
        return False
    unit = re.escape(span.group(1))
    return re.search(rf"\d{unit}(?:以上|以下|以内|及以上|之内)|(?:不足|不满|超过|满|少于|多于|低于|高于)[\d.]+{unit}", flat) is not None


def people_roles_asked(question: str) -> tuple[str, ...]:
    """The roles of a lead unit's people a question asks for ("主要负责人是谁" -> 主要负责人; a bare
    "负责人是谁" -> both), () for another question."""
    m = UNIT_PEOPLE_ASKED.search(question)
    if not m:
        return ()
    return {"主要": (LEAD_HEAD,), "分管": (LEAD_DEPUTY,)}.get(m.group(1) or "", (LEAD_HEAD, LEAD_DEPUTY))


def kind_on_subject(tokens: list[str], kind: list[str], sentences_around: list[tuple[bool, str]],
                    idf: Callable[[str], float], holds: Callable[[str, str], bool]) -> bool:
    """Whether a sentence that names the kind asked for (`sentences_around`: whether it names
    it, and its text with its headings) also holds some of the ask's other words
    (KIND_SUBJECT_SHARE of their IDF weight; `holds(word, text)`): a task naming 国家级 in one
    sentence and the 展会 asked about in another does not say in which 国家 the 展会 is held."""
    others = [t for t in tokens if not any(t in n or n in t for n in kind)]
    total = sum(idf(t) for t in others)
    return any(names and (not total or sum(idf(t) for t in others if holds(t, text)) >= KIND_SUBJECT_SHARE * total)
               for names, text in sentences_around)


def counted_not_listed(kind: str, texts: list[str]) -> bool:
    """Whether the sentences count things of a kind ("新增64个社区(村居)心理关爱项目点") and list
    none of that kind ("A、B等社区", "社区：A、B"): a list ask is then not answered."""
    k = re.escape(kind)
    counted = re.compile(rf"[\d一二两三四五六七八九十百千万]+(?:个|家|项|所|座|条|批|类|种|处)[^，。；、]{{0,8}}?{k}")
    listed = re.compile(rf"、[^，。；]{{0,12}}{k}|{k}[^，。；]{{0,8}}[、：:]")
    return any(counted.search(t) for t in texts) and not any(listed.search(t) for t in texts)


def post_asked(question: str) -> str:
    """The post whose holder a question asks for ("执法局的局长是谁" -> 局长), or "": not when it is
    the post of who is in charge of a task ("分管副市长是谁", "负责的局长是谁")."""
    m = TITLE_HOLDER.search(question)
    if not m or re.search(r"分管|牵头|负责|副", question[max(0, m.start() - 4): m.start()]):
        return ""
    return m["title"]


def is_person_name(name: str, surnames: str) -> bool:
    """Whether a task's leader is a person's name (a surname and one or two more characters: 王曦,
    陈良贤), not a title (南沙区委主要领导)."""
    return 2 <= len(name) <= 3 and name[0] in surnames and not TITLE_WORD.search(name)


def asks_in_force(ask: str) -> bool:
    """Whether an ask is about when a document takes effect or how long it holds ("啥时候开始执行",
    "管几年", "有效期多久"), not who carries something out ("谁负责执行")."""
    return bool(IN_FORCE_ASKED.search(ask)) and not re.search(r"谁|哪个部门|哪个单位|哪位", ask)


def in_force_clauses(passages: list[Passage], titles: dict[str, str]) -> dict[str, list[tuple[Passage, str]]]:
    """Per document, its clauses on taking effect ("本办法自2022年3月1日起施行，有效期3年。") with
    the passages printing them, the one naming the instrument its title ends in first ("…意见的
    通知": 本通知 before the forwarded 本意见)."""
    found: dict[str, list[tuple[Passage, str]]] = {}
    for p in passages:
        body = p.text.split("\n", 1)[-1]  # (the first line is the passage's heading)
        for start, end in sentences.split(body):
            if IN_FORCE.search(compact(body[start:end])):
                found.setdefault(p.doc_id, []).append((p, body[start:end].strip()))
    own = {d: "本" + m.group() for d, t in titles.items() if (m := INSTRUMENT_AT_END.search(t))}
    return {d: sorted(clauses, key=lambda c: own.get(d, "?") not in compact(c[1])) for d, clauses in found.items()}


@dataclass(frozen=True)
class Forwarded:
    """A document another one forwards: its number, title and signature (issuer, date)."""

    number: str
    title: str
    signature: Passage
    issuer: str
    date: str


def forwarded_documents(passages: list[Passage]) -> dict[str, Forwarded]:
    """Per document, the one it forwards ("广州市人民政府办公厅转发…的通知" prints 粤府办〔2021〕22号
    whole): the signature headed by the forwarded document's number and title."""
    found: dict[str, Forwarded] = {}
    for p in passages:
        m = DOC_NO.match(p.section)
        if p.kind != "item" or not m or not SIGNATURE_DATE.search(p.text):
            continue
        found.setdefault(p.doc_id, Forwarded(m.group(), p.section[m.end():].strip(), p, *signed(p)))
    return found


def signed(signature: Passage) -> tuple[str, str]:
    """(issuer, date) of a signature passage: its last date line and the line above it ("" when
    that is the passage's heading line)."""
    lines = signature.text.split("\n")
    at = max(i for i, line in enumerate(lines) if SIGNATURE_DATE.fullmatch(line))
    return (lines[at - 1] if at > 1 else ""), lines[at]


def document_signatures(passages: list[Passage]) -> dict[str, Passage]:
    """A document's own signature (issuer, date) closing its notice, by document; a forwarded
    document's signature is headed by its own number, not by 落款."""
    return {p.doc_id: p for p in passages
            if p.kind == "item" and p.section.startswith("落款") and SIGNATURE_DATE.search(p.text)}


def _within(picked: list[sentences.Sentence], limit: int, keep: int = 1,
            always: Sequence[sentences.Sentence] = ()) -> list[sentences.Sentence]:
    """The first sentences up to about `limit` characters (at least `keep` of them), and those
    of `always` (each ask's best: a second ask is not cut by the first one's other sentences)."""
    out, size, full = [], 0, False
    for s in picked:
        if s in always or len(out) < keep or not full and size + len(s.text) <= limit:
            out.append(s)
            size += len(s.text)
        else:
            full = True  # past the limit: only `always` ones follow
    return out


def leading_task(q: Query, hits: list[Hit]) -> bool:
    """A who-is-responsible question inside one document whose best hit is a task with a
    clear lexical lead and close in meaning (see TASK_LEAD)."""
    top = hits[0]
    return (q.intent is Intent.RESPONSIBILITY and len(q.docs) == 1 and top.passage.task_no is not None
            and top.dense >= MIN_DENSE_TASK and (len(hits) == 1 or top.bm25 >= TASK_LEAD * hits[1].bm25))


def prefer_figures(hits: list[Hit], question: str = "") -> list[Hit]:
    """For "how much" questions, a passage that states a number beats one that does not; for
    an ask with another answer form (a list, a date…), one that shows that form ("哪几个国家":
    "面向德、法、英等重点国家" beats a task that only holds digits). A where-ask is left as found."""
    if sentences.asks_place(question):
        return hits
    shows = sentences.specific_form(question) or _DIGIT
    top = hits[0]
    if shows.search(top.passage.text.split("\n", 1)[-1]):
        return hits
    for i, h in enumerate(hits[1:FIGURE_LOOKS_AT], 1):
        if shows.search(h.passage.text.split("\n", 1)[-1]) and h.coverage >= top.coverage:
            return [h] + hits[:i] + hits[i + 1:]
    return hits


__all__ = ["Context", "SearchPlan", "PLAIN", "Intent"]
