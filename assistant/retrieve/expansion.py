"""Query expansion: the documents' words for a question's own words.

Officials ask in their own words ("运转" for 运行, "搞" for 开展). Each content word of a
question may bring the corpus words that stand for it: Cilin synonyms restricted to the
corpus vocabulary and the short forms the documents define (both built at ingest, see
store/synonyms.py), and the colloquial verbs of data/lexicon.toml. Expansion words are
evidence of a lower grade: search scores them below the question's literal words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
