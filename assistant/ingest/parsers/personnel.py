"""Parser for the 任免 (appointment and removal) notices at the end of a gazette.

Each item is one sentence ending with its number, e.g.
"任命陈勇同志为广州开发区管委会主任。(穗人社任免〔2022〕9号)", possibly wrapped over
lines; items sit under a heading line ending with a colon ("广州市人民政府批准:"
or "…常务委员会第六十五次会议决定:").
"""

from __future__ import annotations

import re

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.records import Section

_HEADING = re.compile(r"[:：]$")
_NUMBER = re.compile(r"\((\S{1,12}〔\d{4}〕\d+号)\)$")
_NAME = re.compile(r"^(?:任命|免去)?(\S{2,4}?)同志")


def parse(doc: DocText) -> ParseResult:
    """One Section (kind "item") per appointment or removal."""
    result = ParseResult()
    heading = ""
    start, parts = -1, []  # the item being read: start offset and its lines
    for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]*?)[ \t]*$", doc.text.text):
        line = m.group(1)
        if not parts and _HEADING.search(line):
            heading = line
            continue
        if not parts:
            start = m.start(1)
        parts.append(line)
        number = _NUMBER.search(line)
        if number is None:
            continue  # the sentence wraps onto the next line
        text = "".join(parts)
        name = _NAME.match(text)
        if name is None:
            result.warnings.append(f"{doc.entry.doc_id}: no name found in {text!r}")
        result.sections.append(Section(
            doc.entry.doc_id, "item", number.group(1), name.group(1) if name else "", text,
            (heading,) if heading else (), doc.source_file, (start, m.end(1))))
        parts = []
    if parts:
        result.warnings.append(f"{doc.entry.doc_id}: unfinished item {''.join(parts)!r}")
    return result
