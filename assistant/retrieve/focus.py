"""The thing a "how much" question asks about, and whether a passage speaks of it.

"广州环卫工人的伙食补贴每月多少钱？" asks for 伙食补贴: a passage about 环卫工人 allowances that
never says 伙食 cannot answer it, however similar it looks. We take the clause that holds the
question word, keep its nouns (jieba part-of-speech tags), drop frame words such as 目标 or
标准 (the data file's frame nouns), and require the passage to hold nearly all of the head
nouns (after the last 的), most of the others (by IDF weight) and every year named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from assistant.retrieve.lexicon import TITLE_WORD
from assistant.retrieve.sentences import NEGATED
from assistant.store.jieba_dict import pos_tokenizer
from assistant.text import compact

_QUESTION_WORD = re.compile(r"多少|几|多高|怎么算|如何计算|怎样计算")
MEASURED_BY = frozenset({"多高"})  # "多高的利率": the noun after is what is asked
# a modal right before the question word's verb: the nouns before it act ("运营方必须买多少保额")
_ACTS = re.compile(r"(?:必须|必需|须|需要?|应当?|得|要)[\u4e00-\u9fff]{0,2}$")
_YEAR = re.compile(r"20\d\d")
_TOPIC = re.compile(r"这一?块|这方面|那一?块")  # a topic marker: "中小学这块"
_DATE_WORD = re.compile(r"(?:19|20)?\d\d年|\d{1,2}月份?")  # cut out before tagging: "7月份" is no noun
_LETTER = re.compile(r"[A-Za-z]")
NOUN_TAGS = ("n", "nz", "vn", "eng")  # jieba's nouns, verbal nouns and Latin words (PM10, 5G)
# jieba's tags for abbreviations (光伏, 社保), people's names, which its dictionary also gives
# common nouns (孤儿, 养老金, 幼儿园), and place words (陆上 of 陆上风电): a word so tagged is a
# noun when the documents print it and it names none of their people (一共, 这块 are printed
# nowhere). Not set phrases (l): "谁负责粮食产量" is asked of a task on 粮食播种面积和产量.
NOUN_IF_PRINTED = ("j", "nr", "s")
# A noun right before one of these, with another noun after, is who acts, not what is asked:
# "政府要向社会开放多少个…" (but "床位总数要达到多少张" asks for the 床位总数)
ACTOR_BEFORE = frozenset({"要", "将", "得", "需", "需要", "应", "应当", "打算", "计划", "准备"})
# "有没有住房补贴": the nouns right after ask whether the thing exists; "过渡户开在哪家银行",
# "在哪个体育馆办": the noun right after names the kind of thing the answer must name.
_EXISTS = re.compile(r"有没有|有无|是否有")
# a yes/no ask about an obligation: "是不是必须投保…", "必须投保…吗", "要不要配发…"
_OBLIGED = re.compile(r"(?:是不是|是否)(?:一定)?(?:必须|必需|需要|须|应当?|得|要)|(?:必须|须|应当)(?=[^，。？]*吗)"
                      r"|要不要|需不需要|用不用")
# "对退休年龄有什么规定": the nouns before ask what rule the documents set about them
_RULE_ASKED = re.compile(r"(?:(?:有|作了|做了|作出了?|做出了?)?(?:什么|啥|哪些)(?:具体)?(?:规定|要求|说法|政策)"
                         r"|(?:是)?(?:怎么|怎样|如何)规定的?)[？?]?$")
# "那个购物节叫什么名头", "那个平台，名字叫啥": the nouns before the question name the kind
_NAMED = re.compile(r"[，,]?(?:名字|名称|名头|全称)?(?:叫|称为|称作|是|为)?(?:个|做)?(?:什么|啥)(?:名字|名称|名头|名堂)?[？?]?$")
_NAMING = re.compile(r"叫(?:个|做)?(?:什么|啥)|(?:名字|名称|名头|全称)")
_KIND = re.compile(r"(?:哪一?(?:个|家|座|所|种|类|条|款|部|批|届|支|些)?|什么|啥)(?![\d两二三四五六七八九十几])")
# "联席会议是哪位领导牵头召集的": who does something; the verbs after name what is done (召集)
_WHO = re.compile(r"谁|哪位(?:领导|同志|负责人)?|哪(?:个|家|一)(?:部门|单位|机构|机关|领导)")
# verbs any who-ask may use for being in charge: a task's responsibility answers them
IN_CHARGE = frozenset({"负责", "牵头", "挑头", "带头", "领头", "分管", "配合", "主管", "管理", "主抓", "承担", "组织", "落实", "推进", "实施",
                       "开展", "推动", "督促", "协调", "跟进", "出面"})
# jieba tags of words that name no action: nouns and abbreviations (管委会), numbers, pronouns ("谁被任命为我们管委会的…"),
# prepositions, conjunctions, particles, classifiers, places and times
NOT_ACTIONS = ("n", "j", "m", "eng", "r", "p", "c", "u", "x", "q", "f", "t", "s")
AUXILIARIES = frozenset({"可以", "应当", "需要", "必须", "才能", "能够", "方可", "做到"})
# a verb made whole by 好 ("把安全管好", "抓好"): the doing asked is the thing it is done to
DONE_WELL = re.compile(r"[\u4e00-\u9fff]好")
MAX_MISSING = 0.2  # share of the head nouns' IDF weight a passage may lack
MAX_MISSING_AROUND = 0.5  # share of all the focus nouns' IDF weight a passage may lack
# where a thing is looked for ("规划纲要水利工程里", "分工方案中", "主要指标表里"): jieba's 方位词 and 表里
LOCATIVES = frozenset({"里", "中", "内", "里面", "当中", "之中", "表里"})
# "湛江、茂名、揭阳这些地方": the noun after a plural demonstrative sums up what was named before it
SUMMARISING = frozenset({"这些", "那些", "这几个", "那几个"})
# what follows a "how many" as its unit, not as a thing counted ("几块钱", "几个小时班"): the data
# file's units of measure and these everyday ones, which are no unit an answer must print
NOT_COUNTED = frozenset({"钱", "块", "块钱", "分钟", "工作日", "个人"})  # "几个人": 个 人, not 个人
# words of a condition jieba may tag as nouns ("上班不满21.75天的": 不满 n), no thing asked about
COMPARISONS = frozenset({"不满", "未满", "不足", "少于", "多于", "超过", "低于", "高于", "以上", "以下"})
# jieba's distinguishing words (特级, 整个) and abbreviations (中专): a kind of the word after
DISTINCTION_TAGS = frozenset({"b", "j"})
CLASSIFIERS = frozenset("个家所座条项名位批类种处对套张台辆艘")  # counters jieba may tag otherwise
ABBREVIATION_GAP = 3  # characters a 3+-character noun may drop between two of its own (经开区)


class Tagged(NamedTuple):
    word: str
    flag: str


@dataclass(frozen=True)
class Focus:
    """The nouns of a value question's asking clause before its question word, the head among
    them (those after its last 的: "环卫工人的夜班津贴是多少" -> 夜班 津贴; the nouns before say
    whose it is, and the documents may word them otherwise: "扫马路的环卫工"), and the years
    it names."""

    nouns: list[str]
    head: list[str]
    years: list[str]
    kind: bool = False  # the kind of thing asked for ("哪家银行"), not a value's subject
    compounds: tuple[tuple[str, str], ...] = ()  # head nouns printed together: (固定, 宽带)

    def printed(self, stand_in: Callable[[str], str]) -> Focus:
        """The same focus with each noun as the documents print it (加班费 -> 加班)."""
        return Focus([stand_in(n) for n in self.nouns], [stand_in(n) for n in self.head], self.years, self.kind,
                     tuple((stand_in(a), stand_in(b)) for a, b in self.compounds))


class FocusChecker:
    def __init__(self, frame_nouns: frozenset[str], units: frozenset[str] = frozenset(),
                 printed: Callable[[str], bool] = lambda word: False, people: frozenset[str] = frozenset(),
                 verbal_nouns: frozenset[str] = frozenset()) -> None:
        """`frame_nouns`: nouns that frame a question (目标, 标准) rather than name its subject
        (the "f" stopwords of data/lexicon.toml), and words that are never a topic (the "t"
        ones: 单位, 部门), as the Assistant passes them; `units`: the data file's units of
        measure (a "how many" followed by one counts no thing); `printed(word)`: whether the
        documents print a word, and `people` the names they print (NOUN_IF_PRINTED);
        `verbal_nouns`: the data file's words tagged verbs that name amounts (支出, 低保)."""
        self.frame_nouns = frame_nouns
        self.not_counted = units | NOT_COUNTED
        self.printed, self.people, self.verbal_nouns = printed, people, verbal_nouns
        import jieba

        jieba.setLogLevel(60)
        self._pos = pos_tokenizer()  # jieba's default dictionary, shared with the BM25 tokenizer

    def focus(self, question: str) -> Focus:
        """What the value question is about; empty when it is not a value question."""
        clause = next((c for c in re.split(r"[，。？！?!,；;：:]", question) if _QUESTION_WORD.search(c)), "")
        if not clause:
            return Focus([], [], [])
        asked = _QUESTION_WORD.search(clause)
        before = clause[: asked.start()]
        topic = _TOPIC.search(before)  # "中小学这块公办学位…": 中小学 says whose, like "中小学的…"
        if topic and self._nouns(before[topic.end():]):
            before = before[: topic.start()] + "的" + before[topic.end():]
        where, before = self._located(before)
        owner, _, head = before.rpartition("的")
        owner_nouns, head_nouns = where + self._nouns(owner), self._nouns(head)
        if not head_nouns:  # "环卫工人的标准是多少": the nouns before 的 are the head
            owner_nouns, head_nouns = [], owner_nouns
        borrowed = not head_nouns
        if borrowed:  # "有没有夜班津贴，每晚多少钱？": the noun run nearest before names the thing
            whole = compact(question)
            head_nouns = self._nouns(whole[: whole.find(compact(clause))], last_run=True)
        # what a "how many" counts is asked about too: "这些地方要新增多少原油商业储备库容"
        counted = [] if clause[asked.start() - 1: asked.start()] == "哪" else self._counted(clause[asked.end():])
        counted = [n for n in counted if n not in head_nouns + owner_nouns]
        # it is what is asked, and the nouns before say whose it is, when they stand in another
        # clause ("运营企业，最少得配几个专职安全员"), act ("运营方必须买多少保额的…") or are
        # measured by it ("利息按多高的利率算"); otherwise it is checked with the owners' tolerance
        # (the asker words it their own way: "多少个道路项目" for "10个项目")
        if counted and (borrowed or asked.group() in MEASURED_BY or _ACTS.search(clause[: asked.start()])):
            owner_nouns, head_nouns = owner_nouns + head_nouns, counted
        elif head_nouns:
            owner_nouns = owner_nouns + counted
        else:
            head_nouns = counted
        flat = compact(clause)
        kind = self._kind_word(clause[: asked.start()], head_nouns)
        if kind:  # "城镇登记失业率": 登记 (a verb to jieba) names which 失业率, printed with it
            head_nouns = head_nouns[:-1] + [kind, head_nouns[-1]]
        compounds = tuple((a, b) for a, b in zip(head_nouns, head_nouns[1:]) if a + b in flat)
        # a noun asked twice is one thing ("研发经费投入强度（研发经费占GDP比重）")
        head_nouns = list(dict.fromkeys(head_nouns))
        nouns = list(dict.fromkeys(owner_nouns + head_nouns))
        return Focus(nouns, head_nouns, _YEAR.findall(clause), compounds=compounds)

    def _kind_word(self, before: str, head: list[str]) -> str:
        """A verb jieba tags between a place or noun and the last head noun, which names the
        kind of it ("城镇登记失业率" -> 登记, against 城镇调查失业率), or ""."""
        if not head:
            return ""
        tagged = self._tagged(before)
        for i in range(2, len(tagged)):
            a, v, h = tagged[i - 2], tagged[i - 1], tagged[i]
            if (h.word == head[-1] and h.flag == "n" and v.flag == "v" and len(v.word) == 2 and len(a.word) >= 2
                    and a.flag in ("n", "ns") and v.word not in self.frame_nouns | IN_CHARGE | ACTOR_BEFORE):
                return v.word
        return ""

    def _located(self, before: str) -> tuple[list[str], str]:
        """The nouns of a place to look in ("规划纲要水利工程里，生态海堤…", "指标表里…"), which say
        where the thing is, not what it is (checked like the owners), and the text after it."""
        offset, cut = 0, 0
        for p in self._tagged(before):
            offset += len(p.word)
            if p.word in LOCATIVES and p.flag in ("f", "n"):
                cut = offset
        if not cut or not self._nouns(before[cut:]):
            return [], before
        return self._nouns(before[:cut]), before[cut:]

    def asked_thing(self, ask: str) -> Focus:
        """What an ask that is no value question wants named: the thing whose existence it asks
        about ("有没有住房补贴" -> 住房补贴) or the kind of thing it asks for ("开在哪家银行" ->
        银行); empty when neither (frame and topic-less words such as 部门 or 措施 name nothing)."""
        m = _EXISTS.search(ask)
        if m:
            after = re.split(r"[，。？！?!,；;：:]|多少|几|吗|呢", ask[m.end():])[0]
            run = self._nouns(after, first_run=True, noun_phrase=True)
            return Focus(run, run, [])
        rule = _RULE_ASKED.search(ask)
        if rule:  # "对环卫工退休年龄有什么规定": the nouns right before name what the rule is about
            run = self._nouns(ask[: rule.start()], last_run=True)
            if run:
                return Focus(run, run, [])
        named = _NAMED.search(ask)
        if named and _NAMING.search(named.group()):
            run = self._nouns(ask[: named.start()], last_run=True)
            if run and len(run[-1]) >= 2 and not self.frames(run[-1]):
                return Focus([self._kind_of(run[-1])], [self._kind_of(run[-1])], [], kind=True)
        for m in _KIND.finditer(ask):
            run = []  # the nouns right after the question word: 银行, 国家 标准
            tagged = self._tagged(ask[m.end():])
            for i, p in enumerate(tagged):
                # the ask's one last word names the kind whatever its tag ("出个啥指引": 指引 v)
                last_word = i == len(tagged) - 1 and not run and len(p.word) >= 2
                if p.flag not in NOUN_TAGS and not (last_word and p.flag == "v"):
                    break
                run.append(p.word)
            if run and len(run[-1]) >= 2 and not self.frames(run[-1]):  # 哪个国家标准: a frame
                return Focus([self._kind_of(run[-1])], [self._kind_of(run[-1])], [], kind=True)
        return Focus([], [], [])

    def subject(self, question: str) -> Focus:
        """What a who-ask is about: the nouns of its asking clause besides the who-word
        ("征地社保工作联席会议由哪位市领导召集" -> 征地 社保 联席会议), all checked with the owners'
        tolerance (no head: the asker names the task their own way); empty without a who-word."""
        clause = next((c for c in re.split(r"[，。？！?!,；;：:]", question) if _WHO.search(c)), "")
        if not clause:
            return Focus([], [], [])
        m = _WHO.search(clause)
        nouns = [n for n in self._nouns(clause[: m.start()]) + self._nouns(clause[m.end():])
                 if n not in IN_CHARGE and not TITLE_WORD.search(n)]  # (副省长, 出面: who, not what)
        return Focus(list(dict.fromkeys(nouns)), [], _YEAR.findall(clause))

    def unprinted_distinction(self, ask: str, flat: str) -> str:
        """`unprinted_distinction` over the ask's jieba words."""
        return unprinted_distinction(self._tagged(ask), self.printed, flat, self.frame_nouns)

    def asked_action(self, ask: str) -> list[str]:
        """What a who-ask asks who does: its verbs after the who-word, less those of being in
        charge ("是哪位领导牵头召集的" -> 召集, "该向哪个部门申诉复核" -> 申诉 复核, "谁负责" -> [])."""
        m = _WHO.search(ask)
        if not m:
            return []
        # the words up to a particle that are no nouns (the topic: "谁负责粮食产量"), whatever else
        # jieba tags them ("报谁同意才能实施": 同意 d), less auxiliaries and those of being in charge
        after = re.split(r"[，。？！?!,；;：:的了吗呢]", ask[m.end():])[0]
        tagged = self._tagged(after)
        # (the one word after a word of being in charge is what is done, whatever its tag:
        # "由哪个部门负责核定的": 核定 n)
        return [p.word for i, p in enumerate(tagged)
                if len(p.word) >= 2 and p.word not in AUXILIARIES | IN_CHARGE and not DONE_WELL.fullmatch(p.word)
                and (not p.flag.startswith(NOT_ACTIONS)
                     or i == len(tagged) - 1 and i > 0 and tagged[i - 1].word in IN_CHARGE)]

    def obliged_action(self, ask: str) -> list[str]:
        """What a yes/no ask about an obligation asks to be done: its verbs after the obligation
        word ("是不是必须投保安全生产责任险" -> 投保, "必须给环卫工人配发工作服吗" -> 配发); [] for no such ask."""
        m = _OBLIGED.search(ask)
        if not m:
            return []
        after = re.split(r"[，。？！?!,；;：:吗呢]", ask[m.end():])[0]
        # (any word that names no thing: jieba tags 同意 of "要不要业委会同意" an adverb)
        return [p.word for p in self._tagged(after) if not p.flag.startswith(NOT_ACTIONS + ("a",)) and len(p.word) >= 2
                and p.word not in AUXILIARIES | IN_CHARGE and not DONE_WELL.fullmatch(p.word)
                and not NEGATED.search(p.word)]

    def titled_kind(self, ask: str) -> str:
        """A frame noun right after the question word that ends the ask, the kind of a titled
        document it wants named ("要出台个啥方案" -> 方案: the answer names a 《…方案》), or ""
        ("哪个部门牵头": a unit)."""
        for m in _KIND.finditer(ask):
            rest = [p.word for p in self._tagged(ask[m.end():].rstrip("？?。"))]
            if len(rest) == 1 and len(rest[0]) >= 2 and rest[0] in self.frame_nouns:
                return rest[0]
        return ""

    def _tagged(self, text: str) -> list[Tagged]:
        """jieba's words and tags of `text`, tagged a noun: an abbreviation or a "name" the
        documents print as a common word (NOUN_IF_PRINTED), and the data file's verbal nouns."""
        return [Tagged(p.word, "n" if p.word in self.verbal_nouns or (
                    p.flag in NOUN_IF_PRINTED and p.word not in self.people and len(p.word) >= 2
                    and self.printed(p.word)) else p.flag)
                for p in self._pos.cut(text, HMM=False)]

    @staticmethod
    def _kind_of(noun: str) -> str:
        """建设项目: a 项目 of some kind (a long compound's last two characters)."""
        return noun[-2:] if len(noun) >= 4 else noun

    def frames(self, noun: str) -> bool:
        """Whether a noun is, or ends in, a frame noun (标准, 国家标准)."""
        return any(noun.endswith(frame) for frame in self.frame_nouns if len(frame) >= 2 or frame == noun)

    def _nouns(self, text: str, last_run: bool = False, first_run: bool = False,
               noun_phrase: bool = False) -> list[str]:
        """The nouns of `text` (frame nouns dropped); `last_run`: only its last run of
        adjacent nouns ("大热天环卫工人有啥补贴" -> 补贴). Years and months are cut out first: they are
        checked apart, and "2023年老旧小区" is not the noun 年老. A noun before a modal verb
        (ACTOR_BEFORE) is who acts and no focus. `noun_phrase`: `text` is one ("有没有防寒补贴"),
        so a verb right before a noun modifies it (防寒 v)."""
        runs: list[list[str]] = [[]]
        tagged = self._tagged(_DATE_WORD.sub("，", text))
        nouns_at = [i for i, p in enumerate(tagged) if p.flag in NOUN_TAGS]
        actors = {i for i in nouns_at[:-1]  # "政府要向社会开放…", not "床位总数要达到…": a noun follows
                  if i + 1 < len(tagged) and tagged[i + 1].word in ACTOR_BEFORE and nouns_at[-1] > i + 1}
        actors |= {i for i in nouns_at if i > 0 and tagged[i - 1].word in SUMMARISING}  # "湛江、茂名这些地方"
        for i, p in enumerate(tagged):
            modifier = (p.flag in (("a", "v") if noun_phrase else ("a",))  # 固定 of 固定宽带
                        and len(p.word) >= 2 and i + 1 < len(tagged)
                        and tagged[i + 1].flag in NOUN_TAGS and len(tagged[i + 1].word) >= 2)
            if ((p.flag in NOUN_TAGS or modifier) and len(p.word) >= 2 and p.word not in self.frame_nouns
                    and p.word not in COMPARISONS
                    and (p.flag != "eng" or _LETTER.search(p.word))  # jieba tags "15" eng too
                    and i not in actors):
                runs[-1].append(p.word if modifier else self._unframed(p.word))
            elif runs[-1]:
                runs.append([])
        runs = [[n for n in run if len(n) >= 2] for run in runs]
        if last_run:
            return next((run for run in reversed(runs) if run), [])
        if first_run:
            return next((run for run in runs if run), [])
        return [n for run in runs for n in run]

    def tags(self, text: str) -> list[tuple[str, str]]:
        """jieba's words of `text` with their tags, as `_tagged` reads them."""
        return [(p.word, p.flag) for p in self._tagged(text)]

    def words(self, text: str) -> list[str]:
        """jieba's words of `text` (its default dictionary, as tagged)."""
        return [p.word for p in self._pos.cut(text, HMM=False)]

    def _counted(self, after: str) -> list[str]:
        """The nouns right after a question word and its classifier: what a "how many" counts
        ("多少原油商业储备库容" -> 原油 商业 储备 库容, "几家高星级旅游饭店" -> 星级 旅游 饭店); []
        when a unit, a verb or nothing follows ("多少钱", "几个小时班")."""
        tagged = self._tagged(after)
        # 个, 家, 万; 所 (jieba tags it a conjunction: "多少所省域高水平高职院校")
        start = 1 if tagged and (tagged[0].flag in ("q", "m") or tagged[0].word in CLASSIFIERS) else 0
        if start < len(tagged) and tagged[start].word == "的":  # "多高的利率"
            start += 1
        first = tagged[start] if start < len(tagged) else None
        if first is None or first.flag not in NOUN_TAGS + ("a", "b") or first.word in self.not_counted:
            return []
        rest = "".join(p.word for p in tagged[start:])
        return self._nouns(re.split(r"[、，。？！?!,；;和及与]", rest)[0], first_run=True)

    def _unframed(self, noun: str) -> str:
        """A compound ending in a frame noun asks about its head: 控制目标 -> 控制 (the passage says
        "控制在5.5%以内", not "控制目标")."""
        for frame in self.frame_nouns:
            if len(noun) > len(frame) and noun.endswith(frame):
                return noun[: -len(frame)]
        return noun

    @staticmethod
    def covered(focus: Focus, text: str, has, idf) -> bool:
        """Whether the passage speaks of what is asked: every year the question names is printed
        in it, and the nouns it misses (`has(word)` false, even allowing one inserted character:
        老人 ~ 老年人) carry at most MAX_MISSING of the head's IDF weight and MAX_MISSING_AROUND of
        all the nouns' ("在马路上人工扫地的环卫工，岗位津贴…" is answered by a passage on
        环卫岗位津贴 that never says 马路)."""
        flat = compact(text)
        if not all(y in flat for y in focus.years):
            return False
        missing = FocusChecker.missing(focus.nouns, text, has)
        if any(a in missing and b not in missing for a, b in focus.compounds):
            return False  # another kind of the same thing: 千兆宽带 does not answer 固定宽带

        def weight(nouns: list[str]) -> float:
            return sum(idf(n) for n in nouns)

        return (weight([n for n in missing if n in focus.head]) <= MAX_MISSING * weight(focus.head)
                and weight(missing) <= MAX_MISSING_AROUND * weight(focus.nouns))

    @staticmethod
    def missing(nouns: list[str], text: str, has) -> list[str]:
        """The nouns a passage does not hold (`has(word)` false, even allowing one inserted
        character: 老人 ~ 老年人, or for a longer noun an abbreviation's dropped characters:
        经开区 ~ 经济技术开发区, 亚青会 ~ 亚洲青年运动会)."""
        flat = compact(text)

        def printed(n: str) -> bool:
            gap = ".?" if len(n) < 3 else f".{{0,{ABBREVIATION_GAP}}}"
            return bool(re.search(gap.join(map(re.escape, n)), flat))

        return [n for n in nouns if not has(n) and not printed(n)]

    @staticmethod
    def phrase(question: str, missing: list[str], nouns: list[str]) -> str:
        """The attribute asked about, as the question words it: the missing noun nearest the
        question word and the nouns next to it without a gap ("环卫工人的夜班津贴是多少" -> 夜班津贴,
        "交通补贴每月多少钱" -> 交通补贴, "充电设施违规的罚款是多少" -> 罚款)."""
        flat = compact(question)
        found = [(flat.rfind(m), m) for m in missing if m in flat]
        if not found:
            return ""
        start, noun = max(found)
        end = start + len(noun)
        grown = True
        while grown:  # the noun run around it: 交通 + 补贴, 夜班 + 津贴
            grown = False
            for n in nouns:
                if flat.startswith(n, end):
                    end, grown = end + len(n), True
                elif start >= len(n) and flat.startswith(n, start - len(n)):
                    start, grown = start - len(n), True
        return flat[start:end]


def unprinted_distinction(tagged: list[Tagged], printed: Callable[[str], bool], flat: str,
                          not_content: frozenset[str] = frozenset()) -> str:
    """A distinguishing word or abbreviation (DISTINCTION_TAGS) of the ask that no document
    prints, right before a word the quoted text (`flat`) prints: the ask names a kind of it
    the documents never name ("特级技师" beside 高级技师, "中专学历" beside 大学专科学历) -> that
    kind, or "". Words of the question's frame (`not_content`: 整个) are no kind."""
    for (word, tag), (after, _) in zip(tagged, tagged[1:]):
        if (tag in DISTINCTION_TAGS and len(word) >= 2 and word not in not_content
                and not printed(word) and len(after) >= 2 and after in flat):
            return word + after
    return ""
