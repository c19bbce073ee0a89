"""文号 (document numbers) as the question parser reads them, and the table of those that
our documents print.

A notice may forward or quote another document (穗府办规〔2022〕3号 forwards 粤府办〔2021〕22号):
a question naming the quoted number is scoped to the documents that print it. That table
comes from a scan of every passage's text, so it is computed once at build time and kept in
records.sqlite (table "quoted"); a question, and a process loading the index, never scans
the passages for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.records import Passage

# issuer abbreviation 〔year〕 number 号, with the bracket variants people type
DOC_NO = re.compile(r"([\u4e00-\u9fff]{1,6})\s*[〔\[\(（【]\s*(20\d\d)\s*[〕\]\)）】]\s*(\d+)\s*号")


def quoted_doc_numbers(passages: Iterable[Passage]) -> dict[str, tuple[str, ...]]:
    """文号 printed inside the passages -> the documents that print them (first-seen order).
    Every suffix of the issuer that the text holds verbatim counts ("穗府办〔2022〕3号" also
    as "府办〔2022〕3号"), as QueryParser.find_doc tries each prefix length."""
    quoted: dict[str, dict[str, None]] = {}
    for p in passages:
        for m in DOC_NO.finditer(p.text):
            prefix, year, number = m.groups()
            for i in range(len(prefix)):
                key = f"{prefix[i:]}〔{year}〕{number}号"
                if key in p.text:
                    quoted.setdefault(key, {})[p.doc_id] = None
    return {k: tuple(v) for k, v in quoted.items()}
