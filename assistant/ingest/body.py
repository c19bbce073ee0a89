"""The notice around a task list: the text of a task-division document outside its tasks.

A task-division plan is printed inside the notice that issues it: addressees, what the
meeting decided (已经市政府第16届1次常务会议审议通过), the issuing date, and closing
requirements such as when progress is reported to whom (于每月第3个工作日前报送省政府督查室).
The layout parsers read the tasks; this module keeps the rest, so that those questions
find their text too.

Method, the same for every layout. The notice is the text before the first task and after
the last numbered task (annex rows may follow the closing requirements). In it, every
character a task's spans cover is blanked out (offsets kept), then every sentence that
repeats task text (a section heading, a second printed copy of a task) or an earlier
sentence (a page printed twice, a repeated table header) is blanked too, and what is left
is cut into preamble / point / signature Sections by the notice parser. Text between the
tasks is not the notice's: sentences there that no task claims stay out.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import notice
from assistant.records import Section, Task
from assistant.text import compact

# A sentence, or a line without sentence end (table header, heading, signature).
_PIECE = re.compile(r"[^\n。；]+[。；]?")
# A printed label in front of a heading or a field: "12." "三、" "(二)" "工作措施：".
_LABEL = re.compile(r"^(?:\d{1,3}\.(?!\d)|[一二三四五六七八九十]+、?|\([一二三四五六七八九十]+\)|"
                    r"[\u4e00-\u9fff]{2,6}[：:])")
# A task heading glued inside a piece ("…双循环功能45.加强项目谋划储备"): cut before it.
_GLUED_NUMBER = re.compile(r"(?<=[^\d.])(?=\d{1,3}\.(?!\d))")
_PUNCT = re.compile(r"[\s，。、；：:,.“”‘’《》()（）\"'-]")
MIN_KEY = 4  # shorter leftovers say nothing on their own
PREAMBLE = "通知正文"  # the path of the text before the first point


def _key(text: str) -> str:
    key = compact(text)
    while (m := _LABEL.match(key)) and m.end() < len(key):
        key = key[m.end():]
    return _PUNCT.sub("", key)


def _cut_glued(piece: str) -> list[tuple[int, int]]:
    """The parts of a piece, cut before each task heading glued inside it, as (start, end)."""
    cuts = [0, *(m.start() for m in _GLUED_NUMBER.finditer(piece)), len(piece)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def outside_tasks(doc: DocText, tasks: list[Task]) -> list[Section]:
    """Preamble, points and signature of the notice that prints `tasks` (spans relative
    to doc.text.text, like a parser's)."""
    if not tasks:
        return []
    text = doc.text.text
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = "\n"

    fragments = [(t, f) for t in tasks for f in (t.spans or (t.span,))]
    first = min(start for _, (start, _) in fragments)
    last = max((end for t, (_, end) in fragments if t.kind == "task"), default=first)
    blank(first, max(first, last))
    for _, (start, end) in fragments:
        blank(start, end)
    known = _PUNCT.sub("", "\n".join(
        compact(part) for t in tasks for part in (t.title, t.measures, t.responsibility, t.section)))
    pieces = [(m.start() + a, m.start() + b, m.group()[a:b])
              for m in _PIECE.finditer("".join(chars)) for a, b in _cut_glued(m.group())]
    count = Counter(_key(p) for _, _, p in pieces)
    seen: set[str] = set()
    for start, end, piece in pieces:
        key = _key(piece)
        if len(key) < MIN_KEY or key in known or key in seen or (count[key] > 1 and not piece.endswith(("。", "；"))):
            blank(start, end)
        seen.add(key)
    masked = dataclasses.replace(doc.text, text="".join(chars))
    sections = notice.parse(DocText(doc.entry, doc.source_file, masked)).sections
    # a preamble left without a sentence is a title or table header line: nothing to say; the
    # rest is cited by where it stands ("穗府〔2024〕1号 通知正文", "… 落款")
    return [s if s.path else dataclasses.replace(s, path=(PREAMBLE if s.kind == "preamble" else s.label,))
            for s in sections if s.kind != "preamble" or "。" in s.text]
