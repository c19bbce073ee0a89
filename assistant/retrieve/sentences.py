"""Sentence-level evidence: which sentences of a retrieved passage state what was asked.

A passage is retrieved as a whole (a task, a 360-character window, a table row); the
direct answer quotes only the sentence(s) in it that hold the question's words, and for a
"how much" question one that states a number. Sentences are verbatim substrings of the
passage text, so they can be highlighted in the cited source.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.text import compact

# Sentence ends; "1.xxx。2.xxx" items of a 专栏 end with 。 too.
_END = re.compile(r"(?<=[。；！？!?\n])")
# A figure: a number that is not a table or article number, nor a date.
_FIGURE = re.compile(r"(?<![表件第\d.])(?!(?:19|20)\d\d\s*年)\d[\d.]*(?![\d.]*\s*[月日号时])")
# Words that make a clause a question; a comma before a clause holding one starts a new ask.
QUESTION_WORDS = "多少|几|什么|哪|谁|是否|怎么|如何"
_ASK_SPLIT = re.compile(rf"[？?；;]|[，,](?=[^，,]*(?:{QUESTION_WORDS}))")
NUMBER_BONUS = 0.5  # a figure question: a sentence stating a number outranks one that does not
UNIT_BONUS = 0.5  # ... and one stating it in the unit asked ("多少亩" -> "120万亩") outranks that
HEAD_BONUS = 0.2  # the ask's words in a sentence's head ("地区生产总值增长(%)：…") count this much extra
_UNIT_ASKED = re.compile(r"(?:多少|(?<!哪)几)\s*(个(?:小时|月|工作日)|[万亿千百]?[\u4e00-\u9fff%])")
_HEAD = re.compile(r"^([^：:]{2,30})[：:]")
_ENUMERATED_HEADING = re.compile(r"^(\(?[一二三四五六七八九十\d]+[)、.]|第[一二三四五六七八九十百]+[章节条])")


def is_heading(sentence: str) -> bool:
    """A short line that names what follows ("(三)环卫工人工龄工资。", "具体如下：")."""
    return len(sentence) <= SHORT_SENTENCE and (
        sentence.endswith(("：", ":")) or not sentence.endswith(_CLAUSE_ENDS)
        or bool(_ENUMERATED_HEADING.match(sentence)))


def heading_before(text: str, sentence: str) -> str:
    """The nearest enumerated heading before `sentence` inside `text` ("1.“菜篮子”培育工程。"
    above "建设高标准生态智慧“菜篮子”基地100个" in the 专栏), or ""."""
    at = text.find(sentence)
    found = ""
    for start, end in split(text[:at]) if at > 0 else ():
        if is_heading(line := text[start:end]) and _ENUMERATED_HEADING.match(line):
            found = line
    return found


def list_items(texts: Sequence[str], item: str, flatten: Callable[[str], str] = compact) -> list[Sentence]:
    """Enumerated headings naming `item` ("3.珠江口西岸都市圈。"), in text order: the answer to
    "五大都市圈是指哪些？" is the list of them."""
    found = []
    # a one-character kind names the heading's item ("3.广州市。"), not part of another word (都市圈)
    named = re.compile(re.escape(item) + (r"[。.：:]?$" if len(item) == 1 else ""))
    for i, text in enumerate(texts):
        for start, end in split(text):
            s = text[start:end]
            if is_heading(s) and _ENUMERATED_HEADING.match(s) and named.search(flatten(s)):
                found.append(Sentence(s, i, 1.0))
    return found
MIN_SHARE = 0.34  # a second sentence must hold at least this IDF share of an ask's words ...
SECOND_SHARE = 0.8  # ... and this share of what the first one holds
SHORT_SENTENCE = 24  # a heading this short ("具体如下：", "(四)设立学历补贴") takes its successor along
_FULL_STOPS = ("。", "！", "？", "!", "?")
_CLAUSE_ENDS = _FULL_STOPS + ("；", ";", "，", ",")


@dataclass(frozen=True)
class Sentence:
    text: str  # verbatim, stripped
    source: int  # index of the passage it comes from
    score: float  # IDF-weighted share of the ask's words it holds (+ number bonus)


# a small count before a unit of time, or from 两 up before a classifier ("两至三家", not "一批")
_SMALL_COUNT = re.compile(r"(?<![一二两三四五六七八九十百千万亿])(?:([一二两三四五六七八九十])(?=个?(?:年|月|天|日|小时|周|次|倍))"
                          r"|([二两三四五六七八九十])(?=(?:[至到][二两三四五六七八九十])?[家项座所名])(?!家庭))")
_DIGITS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8",
           "九": "9", "十": "10"}


_TIME_ASKED = re.compile(r"(?:几|多少)个?(?:年|月|天|小时|周)")  # a span asked in a unit of time


def counts_as_asked(ask: str, unit: str, text: str) -> str:
    """`text` with its counts in words as digits when the ask wants a number in a unit ("几家":
    两至三家 is 2至3家) or a span in a unit of time ("留几年": 两个年度周期 is 2个年度周期); else as is."""
    return counts_in_digits(text) if unit or _TIME_ASKED.search(ask) else text


def counts_in_digits(text: str) -> str:
    """Small counts before a unit of time in digits ("一年" -> "1年", "两个月" -> "2个月"), and from
    两 up before a classifier ("两至三家" -> "2至3家"), so a question and a passage that write them
    differently still match and a count in words is a figure."""
    return _SMALL_COUNT.sub(lambda m: _DIGITS[m.group(1) or m.group(2)], text)


# a bracketed note after a sentence's end is part of it: the 文号 an appointment was made by
_SOURCE_NOTE = re.compile(r"^[(（][^()（）。；]*[)）]$")


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace at its ends excluded, in order."""
    spans, start = [], 0
    for m in list(_END.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            if spans and _SOURCE_NOTE.match(piece.strip()):  # "…职务。(穗人社任免〔2022〕9号)"
                spans[-1] = (spans[-1][0], start + len(piece.rstrip()))
            else:
                spans.append((start + lead, start + len(piece.rstrip())))
        start = end
    return spans


_QUESTION_WORD = re.compile(rf"{QUESTION_WORDS}|吗|呢|多长|多久|何时|能否|可否")


_CONDITION = re.compile(r"要是|如果|假如|倘若|若是")
# a yes/no ask of what a rule allows, requires or sets: "能不能…", "也要…吗", "有没有…要求" (not "是…牵头的吗")
RULE_YES_NO = re.compile(r"能不能|可不可以|算不算|要不要|还能|能否|可否|该不该|用不用|需不需要|还算|有没有|是否"
                         r"|(?:能|可以|还要|算|也[要按得算能是])[^，。；？?]*吗")
NEGATED = re.compile(r"[不没]")  # a fragment of an A不A ask (算不, 不能) or a bound (不少于): no content word


def uncovered_condition(ask: str, tokens: Sequence[str], held: Callable[[str], bool],
                        attested: Callable[[str], bool]) -> str:
    """For a yes/no ask of a rule (RULE_YES_NO), the first of its words (`tokens`; the longest
    of those inside one another) that the documents print (`attested`) and the quoted text does
    not (`held`), or "": the ask sets a condition the quoted rule does not speak of ("环卫工人还在
    试用期的，节日慰问金能不能少发" against the 节日慰问金 rule: 试用期; "港澳青年来广东创业，能不能
    申请…创业资助": 青年). A word no document prints is the asker's own (村里, 居委), not a condition."""
    if not RULE_YES_NO.search(ask):
        return ""
    words = [w for w in tokens if len(w) > 1 and not NEGATED.search(w) and not _NO_CASE.match(w)
             and not _counts_time(w, ask) and not re.search(_POINTS_BACK + re.escape(w), ask)
             and not re.search("(?<!有)没有?" + re.escape(w), ask)]  # "没办法降温": cannot (not "有没有")
    return next((w for w in words if not held(w) and not _held_in_place(w, held) and attested(w)
                 and not any(w != o and w in o for o in words)), "")


def uncovered_event(ask: str, events: Sequence[str], held: Callable[[str], bool]) -> str:
    """The first of `events` (the data file's [cases]: 去世, 破产) that an ask of any form states
    and the quoted text does not (`held`, with the documents' words for it), or "": "被征地农民在
    名单定下来之前去世了，他那份征地社保费怎么处理" is not answered by the rule for those living.
    Unlike other words of a case, an event is a condition though no document prints it."""
    return next((e for e in events if e in ask and not held(e)), "")


# what a failure costs, asked: a fine ("要罚多少钱", "罚款标准") or damages ("损失由谁来赔")
_PENALTIES = (("罚款", "罚", re.compile(r"罚(?:款)?[^，。？?]{0,4}(?:多少|几)|罚款(?:的)?(?:标准|金额|数额)")),
              ("赔偿", "赔", re.compile(r"(?:谁|怎么|多少)[^，。？?]{0,3}赔|赔[^，。？?]{0,3}(?:多少|几)|赔偿")))


def asks_a_penalty(ask: str) -> bool:
    """Whether an ask wants a fine or damages (`penalty_asked` then reads the quote)."""
    return any(asked.search(ask) for _, _, asked in _PENALTIES)


def penalty_asked(ask: str, flat: str) -> str:
    """"罚款" when an ask wants the amount of a fine ("要罚多少钱", "罚款标准是多少") and the
    quote with its passage (`flat`) prints no 罚 at all, "赔偿" when it asks who pays damages or
    how much ("损失由谁来赔") and they print no 赔: what the documents never set. (How a failure
    is sanctioned, "省里会怎么罚", is answered by the sanctions they do print.)"""
    return next((name for name, printed, asked in _PENALTIES if asked.search(ask) and printed not in flat), "")


_RECIPIENT = re.compile(r"报(?:给|送|到)?((?:市|省|区)[\u4e00-\u9fff]{1,8}?(?:局|厅|委|办|室|政府))")


def report_recipient(ask: str) -> str:
    """The unit an ask says something is reported to ("每月几号前要报市人社局" -> 市人社局), or "":
    a rule on reporting to another unit (the cities to the 省人社厅) does not answer it."""
    m = _RECIPIENT.search(ask)
    return m.group(1) if m else ""


def recipient_held(unit: str, flat: str) -> bool:
    """Whether the quote (`flat`, short forms expanded) names the unit reported to, also with the
    government before an office ("省督查室": 省政府督查室)."""
    return unit in flat or unit[0] + "政府" + unit[1:] in flat


# Words of an ask that set no case: adverbs of time ("已经给补休了", "重新用之前", "前后干了8个月")
# and of manner ("有没有专门的救助基金", "头一回进环卫行业"), persons and years as the asker sees them ("我们区只执行一个区片价", "今年就能拿吗"), a word the
# ask points back to ("这种情况还要不要计提"), and a count of time ("一个月能不能超过36小时",
# "一年的慰问金": the quantity check's business, `_counts_time`).
_NO_CASE = re.compile(r"(?:已经|重新|前后|马上|立即|立刻|一直|仍然|依然|曾经|刚刚|再次|先后|总共|一共|头一回?|专门|按时|合理"
                      r"|我们|咱们|他们|她们|自己|双方|大家|今年|去年|明年|前年)$")
_POINTS_BACK = r"[这那](?:种|类|个|样的?)"
_TIME_COUNT = r"[一二两三四五六七八九十几\d]+个?"
_TIME = r"(?:年|月|天|日|小时|周)"


def _counts_time(word: str, ask: str) -> bool:
    """Whether a word of an ask is a count of time ("一年"), or the count before one ("一个" of 一个月)."""
    return bool(re.fullmatch(_TIME_COUNT + _TIME, word)
                or re.fullmatch(_TIME_COUNT, word) and re.search(re.escape(word) + _TIME, ask))


def _held_in_place(word: str, held: Callable[[str], bool]) -> bool:
    """A place word with 里 is the documents' …内 or …中: "车里" is held by 车内."""
    return len(word) > 1 and word.endswith("里") and (held(word[:-1] + "内") or held(word[:-1] + "中"))


def conditional(part: str) -> bool:
    """Whether a clause is a condition, not an ask, though it holds a question word ("哪个区要是
    执行两个以上区片价，": whichever district does)."""
    return bool(_CONDITION.search(part)) and not part.rstrip().endswith(("？", "?"))


def asks_of(question: str) -> list[str]:
    """The asks of a question: "有效期多长？待遇标准从什么时候开始执行？" -> two. A clause with
    no question word ("专栏8水利重点工程中，…") is context and joins the ask after it."""
    parts = [p for p in _ASK_SPLIT.split(question) if p.strip()]
    asks: list[str] = []
    pending = ""
    for i, part in enumerate(parts):
        # "哪个区要是执行两个以上区片价，多少天内…": a condition ("whichever district"), no ask
        if _QUESTION_WORD.search(part) and not (i < len(parts) - 1 and conditional(part)):
            asks.append(pending + part)
            pending = ""
        else:
            pending += part
    if pending:
        asks = asks[:-1] + [asks[-1] + pending] if asks else [pending]
    return asks or [question]


_LIST_ASKED = re.compile(r"(?:哪些|哪几(?:个|类|项)?|哪[两三四五六七八九十]个|[两三四五六七八九十]大)"
                         r"([\u4e00-\u9fff]{1,5}?)(?=是|有|包括|指|在|被|划|纳入|列入|属于|建|$)")
_NOT_ITEMS = frozenset("呢吗啊呀的了个类项种条位人")  # "有哪些呢", "分哪几类": no kind of item named
LIST_BONUS = 0.5  # "哪些实验室": a sentence naming several 实验室 outranks one naming one


def asked_item(ask: str) -> str:
    """The kind of item a list ask wants: "加快建设哪些实验室" -> "实验室", "五大都市圈" -> "都市圈"."""
    m = _LIST_ASKED.search(ask.rstrip("？?。"))
    return m.group(1) if m and m.group(1) not in _NOT_ITEMS else ""


def lists(text: str, item: str) -> bool:
    """Whether `text` enumerates several `item`s in one run ("增城区、花都区、从化区" for 区)."""
    name = rf"[\u4e00-\u9fff]{{1,5}}?{re.escape(item)}"  # short names: 增城区, not 深汕特别合作区
    return bool(item) and bool(re.search(rf"{name}(?:[、，,]{name})+", compact(text)))


def asked_unit(ask: str, units: frozenset[str] = frozenset(),
               words: Callable[[str], list[str]] | None = None) -> str:
    """The unit a "how much" ask names: "新增建设高标准农田多少亩" -> "亩", "多少亿元" -> "亿元",
    "几名" -> "名" ("" when none); with `units`, only a known unit of measure counts, and with
    `words` (a segmenter) not a one-character unit that begins a longer word (多少家政: 家政)."""
    if units:
        m = re.search(r"(?:多少|(?<!哪)几)\s*(个(?=[^\d]))?", ask)  # "哪几家" asks for names, not a number
        if not m:
            return ""
        rest = ask[m.end():]
        unit = max((u for u in units if rest.startswith(u)), key=len, default="")
        first = next(iter(words(rest)), "") if len(unit) == 1 and words is not None else ""
        if len(first) > 1 and first.startswith(unit) and first not in units:
            unit = ""
        return unit or ("个" if m.group(1) else "")
    m = _UNIT_ASKED.search(ask)
    unit = m.group(1) if m else ""
    return unit.removeprefix("个") if len(unit) > 1 else "" if unit in ("的", "是") else unit


_YEAR_VALUE = re.compile(r"((?:19|20)\d\d年)\s*\d+(?:\.\d+)?(?![\d.]|\s*月)")  # "2020年92.5", not "2022年4月"


def gives_the_years(text: str, years: list[str]) -> bool:
    """Whether a sentence that gives its values by year ("森林覆盖率(%)：2020年58.66，2025年58.90")
    gives one for each year asked ("2025年"): a row with only the 2020 value does not answer for
    2025. A sentence with no such values is not judged here."""
    labelled = {m.group(1) for m in _YEAR_VALUE.finditer(compact(text))}
    return not labelled or all(y in labelled for y in years)


_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# the first year of the 六五 plan; each five-year plan since has run five years
SIXTH_PLAN_START = 1981


def period_end_year(period: str) -> str:
    """The last year of a five-year plan period: 十四五 -> "2025年", 十三五 -> "2020年" ("" for
    another word)."""
    m = re.fullmatch(r"(十)?([一二三四五六七八九])?五", period)
    if not m or not (m.group(1) or m.group(2)):
        return ""
    n = (10 if m.group(1) else 0) + _NUMERALS.get(m.group(2) or "", 0)
    return f"{SIXTH_PLAN_START + 5 * (n - 6) + 4}年" if n >= 6 else ""


def period_end_asked(ask: str, periods: Sequence[str]) -> list[str]:
    """The years an ask names as the end of a plan period ("十四五末" -> 2025年): a table row that
    gives values by year must give one for it."""
    return [end for p in periods
            if (end := period_end_year(p)) and re.search(rf"{p}”?(?:时期|期)?(?:末|结束)", ask)]


# several dates in a row count the times something is done ("分几次报" by "7月10日、10月10日…前报送")
DATES = re.compile(r"\d{1,2}月\d{1,2}日(?:[、和及](?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}日)+")
TIMES = ("次", "回")


def states_amount(text: str, unit: str, variants: str = "") -> bool:
    """Whether `text` states a number in `unit` ("120万亩" for 亩, "5%" for %, several dates for
    次); `variants` is a regex of other ways the unit is printed ("名" for 人)."""
    if unit in TIMES and DATES.search(text):
        return True
    printed = variants or re.escape(unit)
    return bool(re.search(rf"\d[\d.]*\s*(?:[万亿千百]|多)?\s*(?:{printed})", text))


def best(texts: Sequence[str], tokens: list[str], idf: Callable[[str], float], *, want_number: bool,
         limit: int = 2, flatten: Callable[[str], str] = compact, unit: str = "",
         bonus: Sequence[float] = (), implied: Sequence[set[str]] = (), item: str = "",
         alternatives: dict[str, tuple[str, ...]] | None = None,
         shows: Callable[[str], bool] | None = None) -> list[Sentence]:
    """Up to `limit` sentences across `texts` (passage bodies, best passage first) that hold
    most of `tokens` by IDF weight, in their order of merit; ties go to the earlier passage.
    `bonus[i]` is added to every sentence of text i (prose over a table row); `implied[i]` are
    words that text i speaks of throughout without repeating them (环卫工人 in the 环卫 notice);
    `alternatives[t]` are the corpus words that stand for t (小孩: 儿童), held in its place;
    `shows(sentence)`: the sentence shows the answer's form (a where-ask: it names a place), which
    counts like a number for a figure question."""
    weights = {t: idf(t) for t in tokens}
    alternatives = alternatives or {}

    def holds(flat: str, t: str) -> bool:
        return t in flat or any(a in flat for a in alternatives.get(t, ()))

    total = sum(weights.values()) or 1.0
    scored: list[tuple[float, float, Sentence]] = []  # (rank score, word share, sentence)
    for i, text in enumerate(texts):
        spans = split(text)
        for j, (start, end) in enumerate(spans):
            s = text[start:end]
            flat = flatten(s)
            context = implied[i] if i < len(implied) else set()
            share = sum(w for t, w in weights.items() if holds(flat, t) or t in context) / total
            extra = bonus[i] if i < len(bonus) else 0.0
            if want_number and (_FIGURE.search(s) or unit and states_amount(flat, unit)):  # 两至三家: 2至3家
                extra += NUMBER_BONUS
                if unit and states_amount(s, unit):
                    extra += UNIT_BONUS
            if item and flat.count(item) >= 2:
                extra += LIST_BONUS
            head = _HEAD.match(flat)
            if head:
                extra += HEAD_BONUS * sum(w for t, w in weights.items() if t in head.group(1)) / total
            if is_heading(s) and j + 1 < len(spans):  # a heading says what follows: read on
                s = text[start:spans[j + 1][1]]
                flat = flatten(s)
                share = sum(w for t, w in weights.items() if holds(flat, t) or t in context) / total
            if shows is not None and shows(s):  # "抽水蓄能电站放在哪几个地方": 建设阳江、梅州…
                extra += NUMBER_BONUS
            scored.append((share + extra - 0.001 * i, share, Sentence(s, i, share + extra)))
    scored.sort(key=lambda x: -x[0])
    if not scored:
        return []
    chosen = [scored[0][2]]
    first_share = scored[0][1]
    covered = {t for t in weights if holds(flatten(chosen[0].text), t) or t in _implied(implied, chosen[0].source)}
    while len(chosen) < limit:
        # the next sentence: one that adds words the chosen ones lack ("铁路…和高速公路…分别"),
        # or says as much again (the amount after "高温津贴按月发放")
        best_next, best_rank = None, 0.0
        for rank, share, s in scored:
            if any(s.text in c.text or c.text in s.text for c in chosen):
                continue
            flat = flatten(s.text)
            new = sum(w for t, w in weights.items() if t not in covered
                      and (holds(flat, t) or t in _implied(implied, s.source))) / total
            if share < MIN_SHARE or (new <= 0 and share < SECOND_SHARE * first_share):
                continue
            if rank + new > best_rank:
                best_next, best_rank = s, rank + new
        if best_next is None:
            break
        chosen.append(best_next)
        covered |= {t for t in weights if holds(flatten(best_next.text), t)}
    return chosen


def _implied(implied: Sequence[set[str]], i: int) -> set[str]:
    return implied[i] if i < len(implied) else set()


_COUNT = r"(?:\d+|[二两三四五六七八九十][一二三四五六七八九十]*)"  # a count of items (哪一类 asks for one)
_COUNT_ASKED = re.compile(rf"(?:哪|具体是哪|另外|其余|其他)(?:的)?({_COUNT})\s*(?:个|家|项|所|座|条|类|大)?")
MAX_ITEMS_CHECKED = 6  # a list of more is checked for this many items


# "那18家高水平医院，都是哪几家": a "哪几家" with no noun of its own asks for the items the
# ask counted before in the same classifier
_WHICH_OF = re.compile(r"哪几\s*([个家项所座条种类批])(?=[？?，。,！!]|[呢啊呀]|$)")


def listed_count(ask: str) -> int:
    """How many items a list ask names ("具体是哪5家" -> 5, "哪十个行动" -> 10, "那18家医院都是
    哪几家" -> 18), or 0."""
    m = _COUNT_ASKED.search(ask)
    if m:
        return _number(m.group(1))
    which = _WHICH_OF.search(ask)
    named = which and re.findall(rf"({_COUNT})\s*{which.group(1)}", ask[:which.start()])
    return _number(named[-1]) if named else 0


def _number(n: str) -> int:
    """A count in digits or in characters up to 99 ("5", "十", "十二", "二十")."""
    if n.isdigit():
        return int(n)
    tens, _, ones = n.rpartition("十")
    if "十" not in n:
        return int(_DIGITS.get(n, "0"))
    return int(_DIGITS.get(tens, "1")) * 10 + int(_DIGITS.get(ones, "0"))


def lists_as_many(text: str, count: int) -> bool:
    """Whether `text` enumerates `count` items (up to MAX_ITEMS_CHECKED) in one sentence: the
    separators 、 or ”“ between them ("芯片设计与制造”“工业软件”“显示制造装备" lists 3)."""
    need = min(count, MAX_ITEMS_CHECKED) - 1
    return need <= 0 or any(piece.count("、") + piece.count("”“") + piece.count("\"\"") >= need
                            for piece in re.split(r"[。；;]", text))


# "是免费的还是收费的": one of the options must be in the answer
_EITHER = re.compile(r"是([\u4e00-\u9fff]{1,6}?)的?还是([\u4e00-\u9fff]{1,6}?)的?(?:[？?。，,]|$)")


def options_asked(ask: str) -> tuple[str, ...]:
    """The options of an either-or ask ("是免费的还是收费的" -> 免费, 收费), or ()."""
    m = _EITHER.search(ask)
    return m.groups() if m else ()


_COUNTED = re.compile(r"(?<![第哪])(?:几|多少)(?:个|座|家|所|条|项|处|张|台|辆|套|名|位)(?!点|百分点|平方|钟|小时|工作日|月)"
                      r"([\u4e00-\u9fff]{2,8}?)(?=[？?，,。]|$)")


def counted_thing(ask: str) -> str:
    """What a count ask counts, when it ends the ask ("全省要建多少座加氢站" -> 加氢站), or ""."""
    m = _COUNTED.search(ask)
    return m.group(1) if m else ""


def counted_named(words: Sequence[str], attested: Callable[[str], bool], held: Callable[[str], bool]) -> bool:
    """Whether what a count ask counts (`words`: the thing and its words) may be what a sentence
    counts: some of it is printed in the documents (`attested`), or it stands for a word the
    sentence holds (`held`: a colloquial word's stand-in). A thing no document prints (加氢站)
    is counted nowhere."""
    return any(map(attested, words)) or any(map(held, words))


def option_named(tokens: Sequence[str], held: Callable[[str], bool], attested: Callable[[str], bool]) -> bool:
    """Whether an option of an either-or ask is named by its words (`tokens`): all of those the
    documents print (`attested`) are held, and there is one ("职工养老还是居民养老" against
    "城乡居民基本养老保险还是城镇职工基本养老保险"; "划进账户" by 账户: no document prints 划进)."""
    printed = [w for w in tokens if len(w) > 1 and attested(w)]
    return bool(printed) and all(held(w) for w in printed)


# posts a person holds in a unit ("执法局的局长是谁"): asked, a person is the answer
POSTS = "会长|院长|校长|董事长|总经理|理事长|秘书长|主要负责人|主任|局长|厅长|书记|市长|区长|省长|主席"

# What an ask wants its answer to show besides its words: "哪一年" is answered by a sentence
# that names a time, "多少钱" by an amount of money, "占多少" by a share, "多久" by a span or a
# frequency, "最多多少" by a cap. (A "how much" ask with a unit is checked by `states_amount`.)
ANSWER_FORMS = {
    # the value before a change: "公益林补偿标准提高之前每亩是多少" is answered by "从…提高到…",
    # not by the new value alone
    "prior": (re.compile(r"(?:(?:提高|调整|上调|提升|增加|降低|下调|调高|调低|上涨|出台|印发|实施|施行|\d{2,4}年)(?:之|以)前"
                         r"|原来|原先|此前)"
                         r"[^，。？]*(?:多少|几)"),
              re.compile(r"[从由][^，。；]{0,30}?\d[^，。；]{0,20}?(?:提高|提升|增加|增长|调整|降低|下降|上调|下调|调高|调低|减少)"
                         r"|原(?:标准|来|先)?(?:为|是)\d")),
    # an age: "给多大年龄的妇女做筛查" is answered by "35-64岁", not by "50万名适龄妇女"
    "age": (re.compile(r"多大(?:的)?(?:年龄|年纪|岁数)|多少岁|几岁|年龄(?:段)?(?:是|为|要求)?(?:多少|多大)"),
            re.compile(r"\d+\s*(?:周岁|岁)|[(（](?:周岁|岁)[)）]")),  # (or a table header's unit)
    # (not a count after it: "租赁补贴发多少户" asks for households)
    "money": (re.compile(r"多少钱|(?:补助|补贴|津贴|奖励|资助|罚款?)总?(?:标准|金额)?(?:是|为|能领|发)?多少(?!万?[户人家个项所座套次名批张台])"
                         r"|总?金额(?:是|为|有|要|达到?)?多少"
                         r"|多少(?:块|元|万元|资金|养老金|工资|补贴|津贴|补助|奖金|奖励|慰问金)|(?:能|可以)?领多少"
                         r"|多少[\u4e00-\u9fff]{0,4}?(?:费|经费|资金)(?=[？?，,。]|$)"  # "筹集了多少征地社保费"
                         r"|投资(?:额|规模)?(?:是|为|有|要|达到?)?多少"),  # "364宗总投资多少" wants money
              re.compile(r"\d[\d.]*\s*(?:万亿元|亿元|万元|元)|[(（](?:万亿元|亿元|万元|元)[/／)）]")),  # or a table header's unit
    # a day of every month: "每月几号前报" is answered by a monthly day (每月10日前), not by a date
    # ("2021年8月1日前已获批的项目")
    "monthly_day": (re.compile(r"每(?:个)?月[^，。？]{0,10}?(?:几号|哪一?天)"),
                    re.compile(r"每(?:个)?月[^，。；]{0,12}?(?:\d{1,2}\s*[日号]|第\d{1,2}个工作日|月底|月末)|次月\d{1,2}\s*[日号]")),
    # a day of the month: "每月最晚几号前" is not answered by "每月300元" or "6月至10月"
    "day": (re.compile(r"几号|哪一?天(?:前|之前)?发"),
            re.compile(r"\d{1,2}\s*[日号]|第\d{1,2}个工作日|月底|月末|当月|次月")),  # (每月第3个工作日前)
    # an hour: "中午几点到几点停工" is not answered by "每年6月至10月"
    "hour": (re.compile(r"几点|几时几分"),
             re.compile(r"\d{1,2}\s*(?:[点时]|[:：]\d\d)")),
    "time": (re.compile(r"哪一?年|何年|什么时候|何时|几月|哪个月|哪几个?月|哪几年|哪一天|哪天"),
             re.compile(r"(?:19|20)\d\d\s*年|\d{1,2}\s*月|\d{1,2}\s*日|\d{1,2}\s*[点时:：]|年底|年内|年末|年初"
                        r"|上半年|下半年|前完成|次月|当月|下月|次年|当年|下一年度|即日")),
    # a cap: "最多能涨到多少" is not answered by a yearly step ("每增加1年…增加30元"), nor
    # "最高能缴到百分之几" by a floor ("不低于7%"; so it comes before the share form)
    "cap": (re.compile(r"封顶|上限|(?:最多|最高)(?:能|可以)?\w{0,2}?(?:到)?(?:多少|百分之几|几)"),
            re.compile(r"最高|最多|上限|封顶|不得?(?:超过|高于|多于)|以内|为限")),
    "share": (re.compile(r"占多少|占比多少|占几成|几成|百分之(?:几|多少)|(?:几|多少)个点|多少(?:利率|比率|比重)|(?:利率|比率|占比)(?:是|为)?多少"
                         r"|多大(?:的)?(?:比重|比例|占比)|(?:什么|啥|哪个)比例"),
              re.compile(r"\d[\d.]*\s*[%％]|[(（][%％][)）]|[一二三四五六七八九\d]成|百分之|分之|\d+/\d+")),
    # (a date is no span: "任职时间从2021年1月29日起计算" does not say how long a 试用期 is)
    "span": (re.compile(r"多久|多长时间|几年一次|多少天一次|频次|频率|几个工作日|几天内|多少天内|几个月内|期[^，。？]{0,3}多长"),
             re.compile(r"(?<![\d.月])(?!(?:19|20)\d\d\s*年)\d+\s*(?:个?月(?!\d)|年|天|日|周|小时|个工作日)"
                        r"|每(?:年|半年|季度|季|月|周|天|日)|定期|随时|[\d一二两三四五六七八九十]+个年度周期")),
    # a post held before or after ("被任命前担任什么职务", "被免去以后调任什么职务") is not answered by
    # the appointment or removal itself, only by a record that says 原任 / 调任
    "post": (re.compile(r"(?:之前|以前|原来|原先|此前|任命前|上任前)[^，。？]*(?:职务|干什么|做什么|担任|任什么|什么职)"
                        r"|(?:以后|之后|后)[，,]?[^，。？]*(?:调任|改任|转任|去哪|调到哪|调去哪|任什么|担任什么|干什么)"
                        r"|(?:调任|改任|转任|调到|调去|调往)了?(?:什么|啥|哪)"),  # "周亚伟调任什么职务"
             re.compile(r"原任|曾任|原为|调任|转任|改任|调往|调至")),
    # a person's post: "郭永航是副市长吗", "他是什么职务" is answered by an appointment (任命…同志为,
    # 免去, 担任), not by the tasks the person oversees
    "rank": (re.compile(r"(?:什么|啥|哪个)(?:职务|职位|官)|任什么职|(?:是|任|当)(?:不是)?[^，。？]{0,8}?"
                        rf"(?:{POSTS}|副?市长|副?省长|副?区长)吗"),
             re.compile(r"同志|任命|免去|聘任|担任|原任")),
    # a successor: "谁接任司法局局长" is answered by an appointment, not by the predecessor's removal
    "successor": (re.compile(r"谁(?:来)?(?:接任|接替|继任|顶上|接班|接[了的][^，。？]{0,4}?班|接(?=[？?。]|$))|接任(?:[^，。？]{0,12}?的)?(?:是|人是)谁"
                             r"|接任的[^，。？]{1,12}?(?:是|人是)谁"  # "接任的农业农村局局长是谁"
                             r"|(?:接替|继任)[^，。？]{0,16}?(?:的)?(?:是|人是)谁"
                             r"|接[他她]?的?班的[^，。？]{0,6}(?:是谁|是哪位)"
                             # "免职以后，新局长是谁": the new holder of the post
                             rf"|新(?:任|上任)?的?[^，。？]{{0,8}}?(?:{POSTS}|负责人)"
                             r"(?:任命的|换成了|由)?(?:是谁|是哪位|叫什么|叫啥)"),
                  re.compile(r"任命|聘任|提名|决定任|任[^免]{1,12}(?:为|同志为)")),
    # who holds a post: "环卫行业协会的会长是谁" is answered by a person (an appointment's 同志, a
    # row's 负责人), not by what the association must do
    "holder": (re.compile(rf"(?:{POSTS}|负责人)(?:是谁|叫什么|叫啥|是哪位)"),
               re.compile(r"同志|负责人")),
    # who pays: "抽查的费用由谁出" is not answered by who organises the inspection
    "payer": (re.compile(r"(?:费用|钱|经费|资金|开支)(?:由|归)?(?:谁|哪一?(?:级|个|家)[^，。？]{0,4}?)(?:来)?"
                         r"(?:出|承担|负担|支付|买单|掏)|谁(?:来)?(?:出钱|买单|付钱|掏钱|埋单)"),
              re.compile(r"承担|负担|支付|出资|预算|列支|经费|自筹|财政|缴纳|补助")),
    # an ordinal: "第几届全运会" is answered by "第十五届", which has no digit
    "ordinal": (re.compile(r"第几\s*[届次批期轮]|哪[一两二三四五几]?[届次批期轮]"),
                # "第131、132届广交会": several in one
                re.compile(r"第\s*[一二三四五六七八九十百千\d]+(?:\s*[、和至到-]\s*[一二三四五六七八九十百千\d]+)*\s*[届次批期轮]")),
    # a chapter or section of a plan: "讲海洋强省的是第几章" is answered by the heading "第十三章 …"
    "chapter": (re.compile(r"第几\s*章|哪一?章"), re.compile(r"第[一二三四五六七八九十百\d]+章")),
    "part": (re.compile(r"第几\s*节|哪一?节"), re.compile(r"第[一二三四五六七八九十百\d]+节")),
    # a place (before a list: "哪两个区" wants places): one of the corpus's places (retrieve/context.py checks them; no pattern here)
    # ("哪个市领导管的" asks for a person, "哪个区政府" for a unit)
    "place": (re.compile(r"哪(?:个|些|几个|[两二三四五六七八九十\d]个)(?:地级市|市|地市|城市|区|县|镇街|镇|街道|乡镇|地方)"
                         r"(?!里|领导|长|委|政府|级|直属|属)|哪座城市|建在哪|设在哪|落户(?:在)?哪|在哪(?:个|些)(?:市|区|县)"
                         r"|(?:地区|地方|城市|地市|县)[，,]?(?:分别|具体|都)?(?:是|有)哪(?:几个|些)"),
              re.compile(r"(?!)")),
    # a list of so many: "5大国际医学中心，具体是哪5家" is answered by names in a row, not by the task
    # (an ask naming how many wants as many items: see `listed_count`)
    "list": (re.compile(rf"哪{_COUNT}(?:个|家|项|所|座|条|类|大)|哪几(?:个|家|项|所|座|条|种|部|批|类(?=[\u4e00-\u9fff]|[？?]?$))|具体(?:是|有)哪(?:几|些|{_COUNT})|都是哪些|分别(?:是|指)哪些"
                        rf"|(?:另外|其余|其他)(?:的)?{_COUNT}个?(?:是|有)(?:什么|哪些)"),
             re.compile(r"[\u4e00-\u9fff]{2,}、[\u4e00-\u9fff]{2,}|[\u4e00-\u9fff](?:、[\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff]{2}、)"
                        r"|[”\"][“\"]")),  # (or one-character names: "德、法、英")
    # a penalty: "会受什么处罚" is not answered by the duty itself
    "penalty": (re.compile(r"什么处罚|怎么处罚|如何处罚|受到什么处理|罚多少|罚款多少|会被罚"),
                re.compile(r"处罚|罚款|处分|追究|问责|通报|责令|法律责任")),
    # a target: "给人口出生率定了什么目标" is not answered by a measure ("完善生育登记服务制度")
    "target": (re.compile(r"(?:什么|哪些|哪个)(?:样的)?目标|目标是什么|目标有哪些"),
               re.compile(r"\d|[一二三四五六七八九十百千万]+[个项家所座条]|达到|力争|超过|以上|以内|不低于|不高于|不少于|控制在"
                          r"|提高到|提升到|降低到|降至|下降|增长|目标|建成|基本|全面|覆盖")),
    # a named standard: "参照什么标准" is answered by the standard printed ("参照高职院校的标准"), a word
    "standard": (re.compile(r"(?:什么|哪个|哪种|哪一?类)(?:样的)?(?:标准|口径)"),
                 re.compile(r"标准|口径|参照|比照|\d")),
    # a number that is a quantity, not an enumerator ("2.重点水源工程"): "库容有多大", "一共有多少个"
    # (a year is no quantity: "启动2022年度攻关项目" does not say how many)
    # a growth: "制造业投资要增长多少" is answered by a rate or an amount of growth, not by another
    # number of the sentence ("对投资50亿元以上制造业重大项目进行重点跟踪")
    "growth": (re.compile(r"(?:增长|增幅|增速|涨幅|提高|上涨|降低|下降)(?:率|幅度)?(?:要|得|将)?(?:达到|是|为)?多少(?![\u4e00-\u9fff])"),
               re.compile(r"\d[\d.]*\s*(?:[%％]|个百分点|倍)|(?:增长|增幅|增速|涨幅|提高|上涨|降低|下降)[^，。；表]{0,8}\d")),
    "number": (re.compile(r"多少|(?<![第哪])几(?![点时类种])|多大|多高|多长|多重|多远|多宽|多深|具体数"),
               # (not a date's month or day, a document's number or an ordinal: "〔2021〕22号",
               # "8月1日前", "第3条" state no amount)
               re.compile(r"(?<![\d.〔〕第])(?!(?:19|20)\d\d\s*(?:年|[—\-－~～至到]))(?<!月(?=\d{1,2}\s*[日号]))"
                          r"\d+(?:\.\d+)?(?![\d.．、号月〕：:])"
                          # (several dates count the times: "分几回报" by "4月10日、7月10日…前报送")
                          r"|" + DATES.pattern)),
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TITLE = re.compile(r"《[^》]*》")


def without_numbers_of(ask: str, text: str) -> str:
    """`text` without the numbers the ask itself states ("投资50亿元以上的项目一共有多少个" is not
    answered by a sentence whose only number is that 50亿元) and without the titles it cites
    (《广东自贸试验区2022年制度创新事项清单》 says no year of anything else)."""
    text = _TITLE.sub("", text)
    given = set(_NUMBER.findall(ask))
    return _NUMBER.sub(lambda m: "" if m.group() in given else m.group(), text) if given else text


_EXCEPT = re.compile(r"除了?([^，,。？?；;]+?)(?:以外|之外|外|(?=[，,？?]|$))")


def excepted_items(question: str) -> list[str]:
    """The items a question sets aside ("除了冷链物流分拨中心、汽车贸易综合枢纽和湾区粮食分拨中心，
    另外3个是什么" -> those three): a list of them is no answer."""
    return [item for m in _EXCEPT.finditer(compact(question))
            for item in re.split(r"[、和及与]", m.group(1)) if len(item) >= 2]


_TOTAL = re.compile(r"共计|合计|总计|累计|总额|总共")
_TOTAL_ASKED = re.compile(r"共计|合计|总计|累计|一共|总共|加起来|一年|全年")
_LISTED = re.compile(r"[\u4e00-\u9fff]{1,8}(?:、[\u4e00-\u9fff]{1,8})+")


_HEADING_ENUMERATOR = re.compile(r"(?:^|(?<=/))[一二三四五六七八九十百]+、")


def _list_items(text: str) -> list[list[str]]:
    """The 、-lists of a text, each as its items (the last cut before 等/及/和)."""
    lists = []
    # (a heading's enumerator is no item: "九、提高低保、特困人员…")
    for m in _LISTED.finditer(_HEADING_ENUMERATOR.sub("", compact(text))):
        items = m.group().split("、")
        items[-1] = re.split(r"等|及|和", items[-1])[0]
        lists.append(items)
    return lists


PER_ITEM = re.compile(r"每(?:个|一个)?(?:区|市|县|镇|街道|村|社区|家|所|户|人)")


def per_item_for_a_total(ask: str, text: str) -> bool:
    """Whether the ask wants a total ("全市加起来一共要新建多少个口袋公园") and the text states
    only a value per item ("每区新建3—5个口袋公园"): that value is no answer."""
    return bool(_TOTAL_ASKED.search(compact(ask))) and not _TOTAL.search(compact(text)) \
        and bool(PER_ITEM.search(compact(text))) and not PER_ITEM.search(compact(ask))


# a share asked ("集中收集率要提到多少", "占比是多少") and one printed (85%, 百分之, 三成, 个百分点, a (%) header)
_SHARE_ASKED = re.compile(r"(?:率|比例|比重|占比)(?:要|将|得|能|应|须)?(?:提[高升]?到|达到|达|到|是|为|控制在|保持在|在)?"
                          r"(?:多少|几)")
_SHARE_STATED = re.compile(r"[%％]|百分之|分之|\d+/\d+|百分点|[\d一二三四五六七八九十]成(?![\u4e00-\u9fff]{0,1}[立本效果])")


def states_a_share(ask: str, text: str) -> bool:
    """Whether a sentence (with its headings) prints a share where the ask wants one ("城市生活
    污水集中收集率要提到多少" is not answered by "新增3400公里城镇生活污水管网"), or the ask
    wants none."""
    return not _SHARE_ASKED.search(compact(ask)) or bool(_SHARE_STATED.search(compact(text)))


_WHOLE_ASKED = re.compile(r"总[\u4e00-\u9fff]{0,2}?(?:投资|能力|规模|量|数|额|里程|面积|容量)|累计")  # (一共 is any count: "一共多少个")
_PART = re.compile(r"新增|新建|增加|净增|年度|当年|全年")
_WHOLE_STATED = re.compile(r"累计|总(?:投资|能力|规模|量|数|额|里程|面积|容量)|共计|合计|总计|总共|达")


def part_for_a_total(ask: str, text: str) -> bool:
    """Whether the ask wants a whole ("焚烧处理总能力要达到每天多少吨", "总投资一共是多少") and
    the text states only a part of it, what is added or planned for one year ("新增焚烧处理能力
    4000吨/日", "年度计划投资1万亿元"): that amount is no answer. An ask that itself speaks of
    what is added ("一共要新增多少") wants the part."""
    flat_ask, flat = compact(ask), compact(text)
    return bool(_WHOLE_ASKED.search(flat_ask)) and not _PART.search(flat_ask) \
        and bool(_PART.search(flat)) and not _WHOLE_STATED.search(flat)


def word_bounds(words: Iterable[str]) -> set[int]:
    """The offsets where words begin or end in the text they segment (["环卫工人", "节日"] -> {0, 4, 6})."""
    return {0, *itertools.accumulate(len(w) for w in words)}


def one_of_a_total(ask: str, text: str, words: Callable[[str], list[str]] | None = None) -> bool:
    """Whether the ask singles out one item of a list whose amount the text states only as a
    total ("光春节那一回至少要发多少" against "春节、劳动节、中秋节…等节日每人发放慰问金共计不低于
    2400元"): that amount is no answer. With `words` (a segmenter), an item is named only as
    whole words of the ask ("环卫工人节日慰问金" names no 环卫工人节: 环卫工人 / 节日)."""
    flat, ask = compact(text), compact(ask)
    # (a total that frames the ask, "一年的节日慰问金里，春节那一次", is not what it asks)
    if not _TOTAL.search(flat) or _TOTAL_ASKED.search(re.split(r"的[^的]{1,12}?里(?!程)[，,]?", ask)[-1]):
        return False
    bounds = word_bounds(words(ask)) if words else None

    def named_in_ask(item: str) -> bool:
        return any(bounds is None or (m.start() in bounds and m.end() in bounds)
                   for m in re.finditer(re.escape(item), ask))
    for items in _list_items(flat):
        # the first item may carry what precedes it and the last what follows: their ends count
        first = any(named_in_ask(items[0][k:]) for k in range(len(items[0]) - 1))
        last = named_in_ask(items[-1])
        named = first + last + sum(named_in_ask(i) for i in items[1:-1])
        if named == 1:
            return True
    return False


FIGURE_PRINTED = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d年)\d[\d.]*(?:万|亿|千|百)?[\u4e00-\u9fff%％]")  # no year


def part_of_a_quoted_total(ask: str, text: str) -> bool:
    """Whether the ask quotes a figure the text prints and asks for a part of it ("0.7万套公租房和
    共有产权住房里，共有产权房占多少套" against "推出供应公租房和共有产权住房不少于0.7万套"): a text
    that does not break the figure down ("其中…") does not answer."""
    flat, ask = compact(text), compact(ask)
    if "其中" in flat:
        return False
    return any(re.search(rf"{re.escape(f)}[^，,。？?]{{0,20}}(?:里|中|当中)[，,]", ask)
               for f in set(FIGURE_PRINTED.findall(ask)) if f in flat)


def names_a_sibling(heading: str, text: str, nouns: Sequence[str]) -> bool:
    """Whether `text` speaks of another item of a list in its heading than the one asked about
    ("提高低保、特困人员、孤儿基本生活…" over a sentence on 孤儿 does not vouch for 特困人员)."""
    flat = compact(text)
    for items in _list_items(heading):
        # the first item may carry the verb before it (提高低保): any end of it of 2+ characters
        ends = [[i[k:] for k in range(len(i) - 1)] if n == 0 else [i] for n, i in enumerate(items)]
        in_text = {n for n, forms in enumerate(ends) if any(f in flat for f in forms)}
        # the items that hold an asked noun the text lacks ("特困人员基本生活…": 特困人员)
        asked = {n for n, i in enumerate(items) if any(w in i and w not in flat for w in nouns)}
        if in_text and asked and not in_text & asked:
            return True
    return False


# Colloquial question words in their written form, for ANSWER_FORMS: "啥时候" asks what "什么时候" asks.
PLAIN_QUESTION_WORDS = {"啥": "什么", "咋": "怎么", "多会儿": "什么时候"}
_PLAIN = re.compile("|".join(PLAIN_QUESTION_WORDS))


def plain_question_words(ask: str) -> str:
    """`ask` with its colloquial question words written out (see PLAIN_QUESTION_WORDS)."""
    return _PLAIN.sub(lambda m: PLAIN_QUESTION_WORDS[m.group()], ask)


_MEASURED = re.compile(r"\d[\d.]*\s*[万亿千百]?\s*(?:元|美元|[%％]|亩|公里|千米|米|吨|平方米|千瓦|立方米|公顷|倍)")


def counts_things(text: str) -> bool:
    """Whether a number of `text` may count things ("几个制造业项目"): not one that measures
    money, a share, a length or an area ("对投资50亿元以上制造业重大项目…" counts none)."""
    return bool(ANSWER_FORMS["number"][1].search(_MEASURED.sub("", text)))


# the period a rate is asked or stated per: "一年下来…最多多少小时" is not answered by "每月不得超过36小时"
_PER = {"年": re.compile(r"(?<![多加满增干做])一年(?!以)|每年|全年|年度"), "月": re.compile(r"一个月|每个?月|月度"),
        "周": re.compile(r"一周|每周|一星期"), "日": re.compile(r"一天|每天|每日|每晚")}


def same_rate(ask: str, text: str) -> bool:
    """Whether a sentence states its amounts per the period the ask names (a year, a month, a
    week, a day), or names no period, or the ask names none."""
    asked = {p for p, rx in _PER.items() if rx.search(ask)}
    stated = {p for p, rx in _PER.items() if rx.search(text)}
    return not asked or not stated or bool(asked & stated)


# what a rate is stated per (每万人口, 人均, 万元/亩): "每万人拥有5G基站数" is not answered by "5G基站累计达25万座"
_DENOMINATOR = re.compile(r"每(?:征)?(?:1|一)?([万千百十]?)(人口|人|户|亩|平方公里)|([人户亩])均|/([人户亩])(?![\u4e00-\u9fff])")


def _denominators(text: str) -> set[str]:
    found = set()
    for m in _DENOMINATOR.finditer(text):
        scale, unit, avg, slash = m.groups()
        found.add((scale or "") + ("人" if unit == "人口" else unit or avg or slash))
    return found


def same_denominator(ask: str, text: str) -> bool:
    """Whether a sentence states its amount per what the ask names a rate per (每万人, 人均 = 每人,
    每亩 = /亩), or the ask names no such rate."""
    asked = _denominators(compact(ask))
    return not asked or bool(asked & _denominators(compact(text)))


_NOW_ASKED = re.compile(r"现在|目前|眼下|当前|现阶段|如今")
_TARGET = re.compile(r"力争|到(?:20\d\d)年|(?:20\d\d)年(?:底|末)?(?:前)?(?:要|将)?达到")
_NOW_STATED = re.compile(r"目前|现有|现状|已经|已达|截至|基期")


def present_value(ask: str, text: str) -> bool:
    """Whether a sentence can answer an ask for the present value ("眼下占多少"): not when it
    sets only targets for years to come ("力争2025年…达到32%")."""
    return not _NOW_ASKED.search(ask) or not _TARGET.search(text) or bool(_NOW_STATED.search(text))


def answer_form(ask: str) -> re.Pattern[str] | None:
    """What a sentence must show to answer `ask` (see ANSWER_FORMS, the first that applies), or None."""
    ask = plain_question_words(ask)
    return next((shows for asks, shows in ANSWER_FORMS.values() if asks.search(ask)), None)


# forms a heading may show for the sentence under it (then said first: "第十三章 …：…")
HEADING_FORMS = tuple(ANSWER_FORMS[name][1] for name in ("ordinal", "chapter", "part"))


def specific_form(ask: str) -> re.Pattern[str] | None:
    """The answer form of `ask` when it is more than a plain "how many" (a list, a date, a
    standard…: a sentence must show that form, not just any number), else None."""
    form = answer_form(ask)
    return None if form is ANSWER_FORMS["number"][1] else form


def names_other_place(text: str, places: Sequence[str], besides: str) -> bool:
    """Whether `text` names one of `places` that `besides` does not hold: a where-ask is not
    answered by its own places or its document's ("13个联动发展区都是哪些地方" is not answered by
    广东 of "广东自贸试验区")."""
    return any(p in text and p not in besides for p in places)


def asks_place(ask: str) -> bool:
    """Whether the ask wants a place ("建在哪个市"), which the caller checks against the corpus's places."""
    return bool(ANSWER_FORMS["place"][0].search(ask))


def nearest_periods(texts: Iterable[str], periods: Sequence[str]) -> list[str]:
    """The plan periods named by the first of `texts` (nearest first) that names any; [] when none does."""
    for text in texts:
        named = [p for p in periods if p in text]
        if named:
            return named
    return []


def same_period(asked: Sequence[str], periods: Sequence[str], text: str, section: str) -> bool:
    """Whether a sentence can answer an ask about the plan periods `asked` ("十四五期间…"): unless
    it names only another of `periods`, or, naming none, its nearest heading that names one does
    (a row of 表1, the 十三五 table, in the chapter "“十三五”时期重大成就和“十四五”时期发展环境")."""
    named = nearest_periods([text, *reversed(section.split(" / "))], periods)
    return not asked or not named or any(p in named for p in asked)


# two words of two characters side by side, or joined by 、和与及, sharing the first or the last
# character (the backreferences let the scan skip every other pair)
_PAIRED = re.compile(r"(?=(([\u4e00-\u9fff])([\u4e00-\u9fff]))[、和与及]?+(\2[\u4e00-\u9fff]|[\u4e00-\u9fff]\3))")
_TWO = re.compile(r"[\u4e00-\u9fff]{2}")


def qualifier_mates(texts: Iterable[str]) -> dict[str, set[str]]:
    """Two-character words the documents print side by side, alone or joined by 、和与及, that
    share a character in the same place: one kind and another of the same thing ("线上线下",
    "公用、专用", "食品药品"), each word -> its mates."""
    mates: dict[str, set[str]] = {}
    for text in texts:
        for m in _PAIRED.finditer(compact(text)):
            a, b = m.group(1), m.group(4)
            if a != b:
                mates.setdefault(a, set()).add(b)
                mates.setdefault(b, set()).add(a)
    return mates


def mate_printed_instead(ask: str, flat: str, mates: dict[str, set[str]],
                         kinds: dict[str, tuple[str, ...]] | None = None) -> str:
    """The ask's phrase whose qualifier the quote (`flat`) lacks while it prints a mate of it
    (`qualifier_mates`) before the same words: "线上无理由退货承诺店" against 线下无理由退货承诺店 ->
    "线上无理由退货承诺店", or "" (see `mate_printed`)."""
    return mate_printed(ask, flat, mates, kinds)[0]


# a tier or phase of a series (三类, 二期: not 十四五期间), and a numbered unit or session (5、6号机组, 第46届)
_TIER = re.compile(r"(?<![第\d一二两三四五六七八九十百])([一二两三四五六七八九十]+)([类级档等]|期(?![间末初内中]))"
                   r"(?![\u4e00-\u9fff]*[以之][上下])")
_NUMBERED = re.compile(r"(?<![\d、.〕\]月])(\d+(?:、\d+)*)(号|届)(?=[\u4e00-\u9fff])")


def tier_printed_instead(ask: str, flat: str) -> str:
    """A tier the ask names ("四类岗位") that the quote (`flat`) does not print while it prints
    others of the same series (一类, 二类, 三类), or a numbered unit ("1、2号机组" where 5、6号
    are printed): the documents set no such tier, or "". A bound ("三级以上") is no tier."""
    for series in (_TIER, _NUMBERED):
        for m in series.finditer(ask):
            if m.group(0) not in flat and any(t.group(2) == m.group(2) and t.group(0) != m.group(0)
                                              for t in series.finditer(flat)):
                return m.group(0)
    return ""


def member_printed_instead(ask: str, flat: str, groups: Sequence[Sequence[str]]) -> str:
    """A member of a series (the data file's [siblings] groups: 初中 高中 中专 大专 专科 本科…) that
    the ask names and the quote (`flat`) does not, while the quote prints two or more others of
    it: "中专文化的学历补贴" against "大学专科学历200元/月，大学本科…400元/月" -> 中专, or ""."""
    for group in groups:
        for word in group:
            if word in ask and word not in flat and sum(m in flat for m in group if m != word) >= 2:
                return word
    return ""


_WORD_GOES_ON = re.compile(r"[^的了吗呢多少几要是有在和与及为等\W\d\sA-Za-z]")  # a Han character, no particle


def _word_end(text: str, end: int, most: int = 2) -> str:
    """The characters after `end` of `text` (at most `most`) that carry its word on."""
    grown = ""
    for c in text[end:end + most]:
        if not _WORD_GOES_ON.fullmatch(c):
            break
        grown += c
    return grown


_TURNS_FROM = re.compile(r"[，,]那|那(?=[\u4e00-\u9fff]{2})|而|但")


def mate_printed(ask: str, flat: str, mates: dict[str, set[str]],
                 kinds: dict[str, tuple[str, ...]] | None = None) -> tuple[str, str]:
    """`mate_printed_instead`, with the quote's phrase of the mate: ("线上无理由退货承诺店",
    "线下无理由退货承诺店"), or ("", ""). The words after the mate may be a member of the kind
    the ask names (`kinds`, the data file's [kinds]): "防寒补贴" against 高温津贴."""
    for i in range(len(ask) - 3):
        word = ask[i:i + 2]
        gap = 1 if ask[i + 2] == "的" else 0  # "自用的充电桩" as 自用充电…
        after = ask[i + 2 + gap:i + 4 + gap]
        if word in flat or word not in mates or not _TWO.fullmatch(word) or not _TWO.fullmatch(after):
            continue
        for mate in sorted(mates[word]):
            at = flat.find(mate + after)
            member = next((m for m in (kinds or {}).get(after, ()) if mate + m in flat), "")
            if at < 0 and member and mate not in ask:  # the mate before a member of the kind asked
                start = flat.find(mate + member)
                return ask[i:i + 4 + gap], flat[start:start + 2 + len(member)]
            # (a mate the ask names is an option it weighs, "算公用、专用还是自用", unless it is the
            # premise the ask turns from: "新建60个三级名中医工作室，那二级…", or sets aside: "除了…三级…，二级…")
            if at < 0 or mate in ask and not _TURNS_FROM.search(ask[ask.find(mate):i + 2]) \
                    and "除了" not in ask[:ask.find(mate)]:
                continue
            shared = 2  # how far the words after run alike
            while i + 2 + gap + shared < len(ask) and at + 2 + shared < len(flat) \
                    and ask[i + 2 + gap + shared] == flat[at + 2 + shared]:
                shared += 1
            asked, printed = ask[i:i + 2 + gap + shared], flat[at:at + 2 + shared]
            if _word_end(ask, len(asked) + i, 1) and _word_end(flat, at + len(printed), 1):
                # the two part inside a word: each to its word's end ("自用的充电" + 桩, "专用充电" + 设施)
                asked, printed = asked + _word_end(ask, i + len(asked)), printed + _word_end(flat, at + len(printed))
            return asked, printed
    return "", ""


_CLAUSE = re.compile(r"[，；。：,;:]")
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
MODIFIER_TAGS = ("n", "b", "a", "j")  # jieba tags (first letter) of words that say which kind


def figure_of_a_sibling(ask: str, text: str, head: str, tagged: Callable[[str], list[tuple[str, str]]],
                        states: Callable[[str], bool],
                        covering: Mapping[str, Sequence[str]] | None = None) -> tuple[str, str]:
    """The thing asked about and the other of its kind whose figure `text` states: the ask wants
    the figure of a modifier + `head` ("智能工厂"), and every clause of `text` that states a
    figure (`states`) prints `head` after another modifier and never the ask's ("全省灯塔工厂数量
    超过5家") -> ("智能工厂", "灯塔工厂"), or ("", "").

    A modifier is a word of two or more characters that jieba (`tagged`: words and tags) tags a
    noun, distinguishing word or adjective; a compound ending in `head` (充电站 for 电站) counts
    as modifier + head, and an asked noun of four or more characters as its last two after the
    rest (臭氧浓度: 臭氧 + 浓度, against "PM2.5平均浓度控制在25微克/立方米以内"). The ask's modifier
    counts as printed also as the long form of an abbreviation (普高: 普通高中). `covering[m]`:
    modifiers whose figure holds for m too (the data file's [covers]: 城乡 for 农村)."""
    def modifies(word: str, flag: str) -> bool:
        return bool(_HAN.fullmatch(word)) and flag[:1] in MODIFIER_TAGS
    asked = tagged(ask)
    at = next((i for i, (w, _) in enumerate(asked) if w == head), -1)
    if at < 0:
        return "", ""
    if len(head) >= 4:  # one word of modifier and head: 臭氧浓度
        modifier, head = head[:-2], head[-2:]
    elif at > 0 and modifies(*asked[at - 1]):
        modifier = asked[at - 1][0]
    else:
        return "", ""
    printed = re.compile((".?" if len(modifier) < 3 else ".{0,3}").join(map(re.escape, modifier)))
    siblings = []
    for clause in filter(states, _CLAUSE.split(text)):
        said = tagged(re.sub(r"[“”‘’\"]", "", clause))  # a quoted name modifies too: 国家级“双高”院校
        other = next((w if w != head else said[j - 1][0] + head for j, (w, _) in enumerate(said)
                      if w.endswith(head) and (w != head or j > 0 and modifies(*said[j - 1]))), "")
        if printed.search(clause) or not other or other[:-len(head)] in ask \
                or other[:-len(head)] in (covering or {}).get(modifier, ()):
            return "", ""
        siblings.append(other)
    return (modifier + head, siblings[0]) if siblings else ("", "")


# an age bound on who is asked about (amounts are looked up by range: "5万元以下" is a row's range)
_THRESHOLD = re.compile(r"(\d+(?:周岁|岁))(?:及|或)?(?:以上|以下|以内|以前|以后)")


def thresholds_printed(ask: str, text: str) -> bool:
    """Whether `text` prints every age bound the ask sets on its subject ("80岁以上高龄老人的…服务率"
    is not answered by the rate of "65岁及以上老年人")."""
    flat = compact(text)
    return all(m.group(1) in flat for m in _THRESHOLD.finditer(compact(ask)))


_BELOW = r"不到|不足|低于|少于|小于|未满|以下"
_ABOVE = r"超过|高于|多于|大于|以上|及以上"
_BOUND = re.compile(rf"(?:({_BELOW}|{_ABOVE}))?(\d+(?:\.\d+)?)([万亿千]?(?:年|岁|个月|天|人|元|户|张|亩|平方米)?)"
                    rf"(?:\(含[^)]*\))?(?:({_BELOW}|{_ABOVE}))?")


def opposite_bound(ask: str, text: str) -> str:
    """A bound the ask sets ("常住人口不到30万的县") that the text prints the other way round for
    the same number ("超过30万以上的县"): the ask's case is the one the text leaves out. Returns
    the ask's bound, or ""."""
    def sides(flat: str) -> dict[str, dict[str, str]]:  # number (with unit) -> side -> bound as printed
        found: dict[str, dict[str, str]] = {}
        for m in _BOUND.finditer(flat):
            word = m.group(1) or m.group(4)
            if word:
                side = "below" if re.fullmatch(_BELOW, word) else "above"
                found.setdefault(m.group(2) + m.group(3), {})[side] = m.group(0)
        return found
    asked, printed = sides(compact(ask)), sides(compact(text))
    for number, ask_sides in asked.items():
        if len(ask_sides) == 1 and number in printed and not printed[number].keys() & ask_sides.keys():
            return next(iter(ask_sides.values()))
    return ""


# a count the ask quotes ("那11个地铁项目", "24条特别措施") and asks the members of
# (a count of time is no group: "超过15个工作日没报参保名单")
_QUOTED_COUNT = re.compile(r"(\d+)\s*(个(?!工作日|月|小时|钟头)|家|项|所|座|条|批|类|种|处|名|位|对)([\u4e00-\u9fff]{2,14}?)"
                           r"(?=都|具体|分别|是|有|包括|包含|指|里|中|另外|其他|其余|还有|除|，|,|的名单|名单)")
_MEMBERS_ASKED = re.compile(r"哪几|哪些|是什么|有什么|包括什么|名单|点名|都有谁|分别是谁|还有哪|叫什么|叫啥"
                            r"|哪\d+|哪[两二三四五六七八九十]")


_LISTED_ITEM = re.compile(r"[\u4e00-\u9fff]{2,}(?=、)|(?<=、)[\u4e00-\u9fff]{2,}?(?=等)")  # "琶洲、生物岛等": 琶洲, 生物岛


def _listed_before(before: str, excepted: Sequence[str]) -> bool:
    """Whether `before` ends in a list "A、B等" with an item the ask does not set aside."""
    m = re.search(r"((?:[\u4e00-\u9fff]{2,}、)+[\u4e00-\u9fff]{2,})等$", before)
    return bool(m) and any(not any(e in item or item in e for e in excepted) for item in m.group(1).split("、"))


def quoted_count_unlisted(ask: str, texts: Sequence[str]) -> str:
    """The things an ask counts and asks the members of ("22年广州推进的那11个地铁项目都是哪几条线"
    -> "11个地铁项目") when the sentences print that count of them and list none: no 、-separated
    names, 包括/：/如 right after it. "" otherwise."""
    if not _MEMBERS_ASKED.search(ask):
        return ""
    for m in _QUOTED_COUNT.finditer(compact(ask)):
        number, unit, noun = m.groups()
        phrase = re.compile(rf"(?<!\d){number}\s*{unit}(?:[^，。；]{{0,16}}?{re.escape(noun[-2:])}|{re.escape(noun[:2])})")
        found = [(t, h) for t in texts for h in phrase.finditer(t)]
        if not found:
            continue
        # a list after the count's noun ("…：A、B", "包括A、B") or before it ("A、B等11个"), of
        # more than the items the ask names or sets aside ("除了琶洲和生物岛，另外两家": "琶洲、生物岛等4家")
        excepted = [*excepted_items(ask), *_LISTED_ITEM.findall(compact(ask))]
        if any(re.match(r"[^。；]{0,4}(?:[：:]|包括|包含|分别是|即|如)", t[h.end():])
               or _listed_before(t[max(0, h.start() - 30):h.start()], excepted) for t, h in found):
            continue
        return f"{number}{unit}{noun}"
    return ""
