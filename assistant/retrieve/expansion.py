"""Query expansion: the documents' words for a question's own words.

Officials ask in their own words ("运转" for 运行, "搞" for 开展). Each content word of a
question may bring the corpus words that stand for it: Cilin synonyms restricted to the
corpus vocabulary and the short forms the documents define (both built at ingest, see
store/synonyms.py), and the colloquial verbs of data/lexicon.toml. Expansion words are
evidence of a lower grade: search scores them below the question's literal words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence

MAX_PER_WORD = 4  # expansion words kept per question word (a Cilin group can be long)


class Expander:
    def __init__(self, synonyms: dict[str, list[str]], colloquial: dict[str, tuple[str, ...]],
                 in_corpus: Callable[[str], bool]) -> None:
        self.synonyms = synonyms
        self.colloquial = colloquial
        self.in_corpus = in_corpus  # whether a word occurs in the documents at all

    def expand(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Question word -> the corpus words it may stand for (none for words the corpus
        already uses as they are, except colloquial verbs, which are never content)."""
        out: dict[str, tuple[str, ...]] = {}
        for word in dict.fromkeys(words):
            found = list(self.colloquial.get(word, ()))
            if not found and len(word) >= 2 and not self.in_corpus(word):
                found = [w for w in self.synonyms.get(word, ()) if w != word]
            found = [w for w in dict.fromkeys(found) if self.in_corpus(w)][:MAX_PER_WORD]
            if found:
                out[word] = tuple(found)
        return out


def held_by_kind(word: str, has: Callable[[str], bool], kinds: dict[str, tuple[str, ...]],
                 covers: dict[str, tuple[str, ...]]) -> bool:
    """`has(word)`, or a member of its kind is held (the data file's [kinds]: 补贴 by 津贴), or a
    broader word for it is (`covers`, [covers]: 农村 by 城乡, 公司 by 企业; pass {} where an
    instance of the kind must be named: "哪家公司在运营" is not answered by 运营企业)."""
    return has(word) or any(has(m) for m in (*kinds.get(word, ()), *covers.get(word, ())))


# ---- the question's own words, read as the documents print them ----------------------
MAX_RUN = 8  # single characters joined at most (longer runs are sentences, not words)
STAND_IN_SHARE = 2 / 3  # an attested part must carry this share of an unknown word's characters
_CJK = re.compile(r"[\u3400-\u9fff]")


def joined_singles(words: Sequence[str], printed: Callable[[str], int],
                   stop: Callable[[str], bool]) -> list[str]:
    """Words jieba cut into single characters that the documents print together: "建碧道"
    -> 碧道, "广清接合片区" -> 广清. Runs of single CJK characters (stopwords break a run) are
    split into the parts the documents print (`printed`: passages holding a part)."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        single = len(w) == 1 and bool(_CJK.match(w)) and not stop(w)
        if single and len(run) < MAX_RUN:
            run.append(w)
            continue
        if len(run) >= 2:
            out += _printed_parts("".join(run), printed)
        run = [w] if single else []
    return out


def _printed_parts(run: str, printed: Callable[[str], int]) -> list[str]:
    """Non-overlapping parts of `run` (2+ characters) the corpus prints, the part with the most
    printed characters (passages x length) first: a longer part wins over the shorter one
    inside it only where it is how the documents say it (碧道 beats 建碧道, printed once in 新建碧道)."""
    found = [(printed(run[a:b]) * (b - a), a, b) for a in range(len(run)) for b in range(a + 2, len(run) + 1)]
    taken = [False] * len(run)
    parts = []
    for weight, a, b in sorted(found, key=lambda x: (-x[0], x[1])):
        if weight and not any(taken[a:b]):
            parts.append((a, run[a:b]))
            taken[a:b] = [True] * (b - a)
    return [p for _, p in sorted(parts)]


def stand_in(word: str, attested: Callable[[str], bool]) -> str:
    """For a word the documents never print, the part of it they do print when that part
    carries most of it (加班费 -> 加班: the documents say 加班工资); "" when none does
    (夜班津贴: 津贴 is only half of it, and 夜班 is the thing asked)."""
    if len(word) < 3 or attested(word):
        return ""
    need = math.ceil(STAND_IN_SHARE * len(word))
    for size in range(len(word) - 1, need - 1, -1):
        for start in range(len(word) - size + 1):
            part = word[start:start + size]
            if attested(part):
                return part
    return ""
