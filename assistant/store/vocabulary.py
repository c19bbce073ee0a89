"""Names of units and leaders for jieba, and the one data file of language knowledge.

Officials write "省发改委" for "省发展改革委" and "人社局" for "人力资源社会保障局". The
short forms, the stopword table and the cues that the corpus cannot tell us live in
data/lexicon.toml (`LexiconData`); names of leaders and units come from the records.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import CorpusError

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "data" / "lexicon.toml"


@dataclass(frozen=True)
class LexiconData:
    """data/lexicon.toml, parsed: what cannot be derived from the corpus."""

    aliases: dict[str, str]  # short form -> printed form
    other_places: tuple[str, ...]  # places a question may name (minus those the corpus covers)
    off_topic: tuple[str, ...]
    courtesy: tuple[str, ...]  # regexes of clauses that are courtesy, not questions
    document_attributes: frozenset[str]  # 有效期, 施行: what a question may ask of a document
    units: frozenset[str]  # units of measure (亩, 次, 亿元)
    unit_variants: dict[str, str]  # unit -> regex of the ways it is printed ("人" -> "人|名")
    places_named: tuple[str, ...]  # every place the data file names (Guangdong's cities, others)
    colloquial: dict[str, tuple[str, ...]]  # a question's word -> the documents' words for it
    surnames: str
    stopwords: dict[str, frozenset[str]]  # role (b | t | f) -> words
    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a kind -> words naming one (补贴: 津贴)
    covers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a word -> broader words (农村: 城乡)
    cities: tuple[str, ...] = ()  # Guangdong's prefecture-level cities ("哪几个市" is answered by them)
    verbal_nouns: frozenset[str] = frozenset()  # words tagged verbs that name amounts (预算支出)
    siblings: tuple[tuple[str, ...], ...] = ()  # qualifiers naming different kinds of one thing (市属 区属)
    events: tuple[str, ...] = ()  # events and forms of work that set a case a rule must name (去世, 劳务派遣)

    @classmethod
    def load(cls, path: Path = DEFAULT_LEXICON) -> LexiconData:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            return cls(
                aliases=dict(data["aliases"]),
                other_places=tuple(data["places"]["other"].split()),
                off_topic=tuple(data["cues"]["off_topic"].split()),
                courtesy=tuple(data["cues"].get("courtesy", ())),
                document_attributes=frozenset(data["cues"].get("document_attributes", "").split()),
                units=frozenset(data["cues"].get("units", "").split()),
                verbal_nouns=frozenset(data["cues"].get("verbal_nouns", "").split()),
                unit_variants=dict(data["cues"].get("unit_variants", {})),
                colloquial={k: tuple(v.split()) for k, v in data.get("colloquial", {}).items()},
                kinds={k: tuple(v.split()) for k, v in data.get("kinds", {}).items()},
                covers={k: tuple(v.split()) for k, v in data.get("covers", {}).items()},
                siblings=tuple(tuple(g.split()) for g in data.get("siblings", {}).get("groups", ())),
                events=tuple(data.get("cases", {}).get("events", "").split()),
                places_named=tuple(dict.fromkeys(data["places"].get("guangdong", "").split()
                                                 + data["places"].get("regions", "").split()
                                                 + data["places"]["other"].split())),
                cities=tuple(data["places"].get("guangdong", "").split()),
                surnames="".join(data["cues"]["surnames"].split()),
                stopwords={role: frozenset(words.split()) for role, words in data["stopwords"].items()},
            )
        except (OSError, tomllib.TOMLDecodeError, KeyError, AttributeError) as exc:
            raise CorpusError(f"{path}: cannot read the lexicon data file ({exc!r}); restore it from git") from exc

    def stop(self, role: str) -> frozenset[str]:
        """Words with one role: "b" (BM25), "t" (not a topic word), "f" (frame noun)."""
        return self.stopwords.get(role, frozenset())

    @functools.cached_property
    def _alias_rx(self) -> re.Pattern[str]:
        return re.compile("|".join(sorted(map(re.escape, self.aliases), key=len, reverse=True)))

    def expand_aliases(self, text: str) -> str:
        """Replace short forms with printed forms ("省发改委" -> "省发展改革委")."""
        return self._alias_rx.sub(lambda m: self.aliases[m.group(0)], text) if self.aliases else text


@functools.cache
def default_lexicon() -> LexiconData:
    return LexiconData.load(DEFAULT_LEXICON)


def expand_aliases(text: str) -> str:
    """Short forms -> printed forms with the default data file."""
    return default_lexicon().expand_aliases(text)


def issuer_places(issuers: Iterable[str]) -> tuple[str, ...]:
    """The places with their level that issue the documents ("广东省人民政府" -> "广东省")."""
    found = (re.match(r"^([\u4e00-\u9fff]{2,3}?[省市])", issuer) for issuer in issuers)
    return tuple(sorted({m.group(1) for m in found if m}, key=lambda p: (-len(p), p)))


def unit_core(unit: str, places: Iterable[str] = ()) -> str:
    """A unit without its level prefix ("省发展改革委", "广州市税务局" -> "发展改革委", "税务局"),
    for matching a unit named without its level; `places` are the issuers' places."""
    for prefix in (*places, "省", "市"):
        if unit.startswith(prefix):
            return unit[len(prefix):]
    return unit


def user_dictionary(leaders: Iterable[str], units: Iterable[str], places: Iterable[str] = (),
                    lexicon: LexiconData | None = None) -> list[str]:
    """jieba user-dictionary lines ("word freq tag") for names, units and their short forms."""
    lexicon = lexicon or default_lexicon()
    places = tuple(places)
    words: dict[str, str] = {}
    for name in leaders:
        if 2 <= len(name) <= 4:
            words[name] = "nr"
    for unit in units:
        if 2 <= len(unit) <= 20:
            words[unit] = "nt"
            core = unit_core(unit, places)
            if len(core) >= 2:
                words[core] = "nt"
    for short, full in lexicon.aliases.items():
        words.setdefault(short, "nt")
        words.setdefault(full, "nt")
    return [f"{w} 100000 {tag}" for w, tag in sorted(words.items())]
