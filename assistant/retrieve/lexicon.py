"""What the assistant knows about its corpus, derived from the records and the manifest.

Documents per year and level (a list: a year can have two provincial task documents),
the plan documents and the years they cover, the places the issuers stand for and their
one-character abbreviations (粤, 穗), the five-year periods the plans speak of, the
leaders and units of the task records. Only what cannot be derived comes from the data
file (data/lexicon.toml, `LexiconData`): short forms, other places, off-topic cues,
stopwords. Adding a document of a new city, year or period changes what is known here
without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.records import Passage, SourceDocument
from assistant.store.records_db import RecordsDB
from assistant.store.vocabulary import LexiconData, default_lexicon, issuer_places, unit_core

LEVELS = ("省", "市")
_PERIOD = re.compile(r"十[一二三四五六七八九]五")
_YEAR = re.compile(r"(?:19|20)\d\d")


def is_task_layout(doc: SourceDocument) -> bool:
    return doc.layout.startswith("task_")


TITLE_WORD = re.compile(r"领导|书记|主任|局长|市长|区长|省长|厅长|主席|负责人|委员")  # a title, no name
_DISTRICT = re.compile(r"^([\u4e00-\u9fff]{2})区(?:人民)?(?:政府|府)$")


@dataclass
class Lexicon:
    records: RecordsDB
    data: LexiconData = field(default_factory=default_lexicon)

    def __post_init__(self) -> None:
        docs = list(self.records.documents.values())
        self.documents = self.records.documents
        self.task_docs = [d.doc_id for d in docs if is_task_layout(d)]  # manifest order
        self.plan_docs = [d.doc_id for d in docs if d.layout == "plan"]
        self.places_with_level = issuer_places(d.issuer for d in docs)  # "广东省", "广州市"
        # place name -> level ("广东" -> "省"), and the abbreviation of each level's 文号 (粤府, 穗府)
        self.places = {p[:-1]: p[-1] for p in self.places_with_level}
        self.abbreviations: dict[str, set[str]] = {lv: set() for lv in LEVELS}
        for d in docs:
            if "〔" in d.doc_id and d.level in self.abbreviations:
                self.abbreviations[d.level].add(d.doc_id[0])
        # Five-year periods the plan documents speak of (十四五, and the 十三五 they review).
        plan_text = " ".join(d.doc_id + d.title for d in docs if d.layout == "plan") + " ".join(
            section + text for section, text in self.records.passage_texts(self.plan_docs))
        self.periods = tuple(sorted(set(_PERIOD.findall(plan_text))))
        # A plan covers the years from its issue to the last year its title names (…2035年远景目标).
        self.plan_years = {d.doc_id: (d.year, max(int(y) for y in _YEAR.findall(d.title + str(d.year))))
                           for d in docs if d.layout == "plan"}
        self.other_places = tuple(p for p in self.data.other_places if p not in self.places)
        self.leaders = sorted(self.records.leaders, key=len, reverse=True)
        # people the documents name as 同志 (appointments and removals), leaders of no task or some
        self.appointees = appointees(self.records.passages, self.data.surnames)
        self.people = tuple(dict.fromkeys([*self.leaders, *self.appointees]))  # everyone the documents name
        home = "|".join(map(re.escape, self.places_with_level))
        self.generic_unit = re.compile(rf"^(各|有关|相关)|^({home + '|' if home else ''}省|市)?(人民)?政府$")
        self.unit_forms: dict[str, str] = {}  # form in a question -> unit as printed
        for u in sorted(self.records.units, key=len):
            if self.generic_unit.match(u):
                continue
            self.unit_forms.setdefault(u, u)
            core = unit_core(u, self.places_with_level)
            if len(core) >= 3:
                self.unit_forms.setdefault(core, u)
        # Districts: the places of the district governments that lead or join tasks
        # ("海珠区政府" -> 海珠); a value asked for one of them must be stated for it.
        self.districts = tuple(sorted({m.group(1) for u in self.records.units
                                       if (m := _DISTRICT.match(u)) and not self.generic_unit.match(u)}))
        # Words that describe a question rather than its topic: the data file's, plus the
        # corpus's own places ("广东省", "广东").
        self.topic_noise = self.data.stop("t") | set(self.places_with_level) | set(self.places)

    # ---- lookups -----------------------------------------------------------------------
    def task_docs_for(self, year: int | None = None, level: str | None = None) -> list[str]:
        """Task documents of a year and/or level, newest first for a level alone."""
        docs = [self.documents[d] for d in self.task_docs]
        docs = [d for d in docs if (year is None or d.year == year) and (level is None or d.level == level)]
        if year is None:
            docs.sort(key=lambda d: -d.year)
        return [d.doc_id for d in docs]

    def plans_covering(self, year: int, level: str | None) -> list[str]:
        """Plan documents whose horizon holds `year` (a plan's targets run to its last year)."""
        return [d for d, (start, end) in self.plan_years.items()
                if start <= year <= end and level in (None, self.documents[d].level)]

    def place_names(self, level: str) -> list[str]:
        return [p for p, lv in self.places.items() if lv == level]

    def plans_text(self) -> str:
        return "、".join(self.documents[d].title for d in self.plan_docs) or "（无）"

    def places_text(self) -> str:
        ordered = sorted(self.places_with_level, key=lambda p: (LEVELS.index(p[-1]), p))
        return "和".join(ordered) if len(ordered) == 2 else "、".join(ordered) or "（无）"


def appointees(passages: list[Passage], surnames: str) -> list[str]:
    """The people the documents name as 同志 (appointments and removals: "任命陈勇同志为…"): a
    surname and one or two more characters right before 同志."""
    found: dict[str, None] = {}
    for p in passages:
        for m in re.finditer("同志", p.text):
            before = p.text[max(0, m.start() - 3): m.start()]
            name = before if len(before) == 3 and before[0] in surnames else before[-2:]
            if len(name) >= 2 and name[0] in surnames and not TITLE_WORD.search(name):
                found[name] = None
    return list(found)
