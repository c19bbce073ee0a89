"""The thing a "how much" question asks about, and whether a passage speaks of it.

"广州环卫工人的伙食补贴每月多少钱？" asks for 伙食补贴: a passage about 环卫工人 allowances that
never says 伙食 cannot answer it, however similar it looks. We take the clause that holds the
question word, keep its nouns (jieba part-of-speech tags), drop frame words such as 目标 or
标准 (the data file's frame nouns), and require the passage to hold nearly all of them (by IDF weight) and every year named.
"""

from __future__ import annotations

import re

from assistant.store.jieba_dict import pos_tokenizer
from assistant.text import compact

_QUESTION_WORD = re.compile(r"多少|几|怎么算|如何计算|怎样计算")
_YEAR = re.compile(r"20\d\d")
_YEAR_WORD = re.compile(r"(?:19|20)?\d\d年")
MAX_MISSING = 0.2  # share of the focus nouns' IDF weight a passage may lack


class FocusChecker:
    def __init__(self, frame_nouns: frozenset[str]) -> None:
        """`frame_nouns`: nouns that frame a question (目标, 标准) rather than name its subject
        (the "f" stopwords of data/lexicon.toml)."""
        self.frame_nouns = frame_nouns
        import jieba

        jieba.setLogLevel(60)
        self._pos = pos_tokenizer()  # jieba's default dictionary, shared with the BM25 tokenizer

    def focus(self, question: str) -> tuple[list[str], list[str]]:
        """(nouns, years) the value question is about; empty when it is not a value question."""
        clause = next((c for c in re.split(r"[，。？！?!,；;：:]", question) if _QUESTION_WORD.search(c)), "")
        if not clause:
            return [], []
        before = clause[: _QUESTION_WORD.search(clause).start()]
        nouns = self._nouns(before)
        if not nouns:  # "有没有夜班津贴，每晚多少钱？": the noun run nearest before names the thing
            whole = compact(question)
            nouns = self._nouns(whole[: whole.find(compact(clause))], last_run=True)
        return nouns, _YEAR.findall(clause)

    def _nouns(self, text: str, last_run: bool = False) -> list[str]:
        """The nouns of `text` (frame nouns dropped); `last_run`: only its last run of
        adjacent nouns ("大热天环卫工人有啥补贴" -> 补贴). Years are cut out first: they are
        checked apart, and "2023年老旧小区" is not the noun 年老."""
        runs: list[list[str]] = [[]]
        for p in self._pos.cut(_YEAR_WORD.sub("，", text), HMM=False):
            if p.flag in ("n", "nz", "vn") and len(p.word) >= 2 and p.word not in self.frame_nouns:
                runs[-1].append(self._unframed(p.word))
            elif runs[-1]:
                runs.append([])
        runs = [[n for n in run if len(n) >= 2] for run in runs]
        if last_run:
            return next((run for run in reversed(runs) if run), [])
        return [n for run in runs for n in run]

    def _unframed(self, noun: str) -> str:
        """A compound ending in a frame noun asks about its head: 控制目标 -> 控制 (the passage says
        "控制在5.5%以内", not "控制目标")."""
        for frame in self.frame_nouns:
            if len(noun) > len(frame) and noun.endswith(frame):
                return noun[: -len(frame)]
        return noun

    @staticmethod
    def covered(nouns: list[str], years: list[str], text: str, has, idf) -> bool:
        """Whether the passage speaks of what is asked: the nouns it misses (`has(word)` false,
        even allowing one inserted character: 老人 ~ 老年人) carry at most MAX_MISSING of the
        nouns' IDF weight, and every year the question names is printed in it."""
        flat = compact(text)
        if not all(y in flat for y in years):
            return False
        if not nouns:
            return True
        missing = FocusChecker.missing(nouns, text, has)
        return sum(idf(n) for n in missing) <= MAX_MISSING * sum(idf(n) for n in nouns)

    @staticmethod
    def missing(nouns: list[str], text: str, has) -> list[str]:
        """The nouns a passage does not hold (`has(word)` false, even allowing one inserted
        character: 老人 ~ 老年人)."""
        flat = compact(text)
        return [n for n in nouns if not has(n) and not re.search(".?".join(map(re.escape, n)), flat)]

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
