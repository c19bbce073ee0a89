"""A message as an official types it: greetings, a self-introduction, one or more asks.

"您好！我是省教育厅的新同事。请问2023年推进专门学校建设是哪位省领导分管的？谢谢！" holds one
ask; "十四五末人均预期寿命要达到多少岁？森林覆盖率的目标又是多少？" holds two. Courtesy
clauses (patterns in data/lexicon.toml) are dropped; the rest is cut into asks, and an
ask without a subject of its own ("谁牵头？") stays with the ask before it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from assistant.retrieve.sentences import QUESTION_WORDS, conditional

_SENTENCE = re.compile(r"(?<=[。！？!?\n；;])")
_CLAUSE = re.compile(r"(?<=[，,])")
_TRIM = re.compile(r"^[\s，,。！!？?；;、：:]+|[\s，,。！!；;、：:]+$")
# Where asks part: after a question mark, or at a comma before a new clause that asks
# ("建碧道是哪个局牵头，新改建公厕又是哪个局牵头？").
_PIECE = re.compile(rf"(?<=[？?；;])|(?<=[，,])(?=[^，,？?]*(?:{QUESTION_WORDS}))")
_ASKS = re.compile(rf"{QUESTION_WORDS}|吗|呢|[？?]")  # a clause that asks is never courtesy
MAX_ASKS = 4  # asks answered from one message; more are left to follow-up messages


def without_courtesy(message: str, courtesy: Sequence[re.Pattern[str]]) -> str:
    """The message minus clauses that are greetings, thanks or self-introductions."""
    kept = []
    for sentence in _SENTENCE.split(message):
        for clause in _CLAUSE.split(sentence):
            core = _TRIM.sub("", clause)
            if core and (_ASKS.search(core) or not any(p.search(core) for p in courtesy)):
                kept.append(clause)
    return _TRIM.sub("", "".join(kept)) if kept else ""


def asks(message: str, has_subject: Callable[[str], bool]) -> list[str]:
    """The asks of a message, each a question on its own; a subject-less piece joins the ask
    before it ("新增建设高标准农田多少亩？谁牵头？" is one ask)."""
    pieces = [p for p in _PIECE.split(message) if _TRIM.sub("", p)]
    groups: list[str] = []
    for piece in pieces:
        if groups and (not (_ASKS.search(piece) and has_subject(piece)) or conditional(groups[-1])):
            # "谁牵头？", "（2023年民生实事）": part of the ask before; so is the ask after a
            # condition ("哪个区要是执行两个以上区片价，多少天内…")
            groups[-1] += piece
        elif groups and not _ASKS.search(groups[-1]):
            groups[-1] += piece  # "专栏8水利重点工程中，…": context of the ask after
        else:
            groups.append(piece)
    if len(groups) > MAX_ASKS:
        groups = groups[:MAX_ASKS - 1] + ["".join(groups[MAX_ASKS - 1:])]
    return [g.strip() for g in groups] or [message]


# "广州24年", "23年城里", "22年省里", "27年目标": a two-digit year the documents speak of; not a
# count of years ("工龄满20年", "累计15年以下", "近10年来", "第22年", "干了25年", "工作25年的").
_SHORT_YEAR = re.compile(r"(?<![\d.满超过计近第前后余约了作干够])(\d\d)年(?!以上|以下|以内|内|来|后|前|期间|左右|工龄)")


def full_years(message: str, years: Sequence[int]) -> str:
    """Two-digit years written out ("24年" -> "2024年") when 20xx is a year `years` holds (the
    Assistant's: from the first document's year to the last year a plan looks ahead to), or
    when one opens the message or a clause ("18年那会儿…", "20年全省…": a year asked about, which
    the documents may not cover; not "15年以下", "20年工龄")."""
    def written(m: re.Match[str]) -> str:
        opens = m.start() == 0 or message[m.start() - 1] in "，,。？?；;：:"
        year = 2000 + int(m.group(1))
        return f"{year}年" if year in years or opens and year < 2050 else m.group(0)
    return _SHORT_YEAR.sub(written, message)


def bracketed_doc_numbers(message: str, prefixes: Sequence[str]) -> str:
    """A document number written without its brackets ("穗府办规2022年3号", "粤府2023年18号")
    in the printed form ("穗府办规〔2022〕3号") when its prefix is one the documents use."""
    return _doc_number_rx(tuple(prefixes)).sub(r"\1〔\2〕\3号", message) if prefixes else message


@functools.lru_cache(maxsize=4)
def _doc_number_rx(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of bracketless document numbers with these prefixes, compiled once."""
    alt = "|".join(sorted(map(re.escape, prefixes), key=len, reverse=True))
    return re.compile(rf"({alt})\s*(20\d\d)\s*年\s*第?\s*(\d+)\s*号")
