"""The one composer: direct answer with [n] markers, then the numbered sources.

No generation: every fact in an answer is copied from a record, and every record used is
cited once, numbered in the order the direct answer first uses it. Two renderings:

- `answer` (plain text, what APIs and copy-paste get): the direct answer, a complete list
  where one was asked for, then "来源：" with one short line per source;
- `answer_markdown` (the UI): the same, with each document's full title once and each
  source's verbatim text, the sentence that answers in bold, tables as Markdown tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.records import Answer, Citation, Passage, Section, Task
from assistant.retrieve.query import Aspect
from assistant.store.records_db import RecordsDB
from assistant.store.vocabulary import issuer_places

MAX_LISTED = 80  # a listing shows every task up to this many per document
LISTING_PREVIEW = 3  # tasks named in the direct answer of a listing
TITLE_CHARS = 60  # a task title in a listing or in a multi-task answer is cut here
SOURCE_LINE_CHARS = 40  # the section path in a plain-text source line
MEASURES_CHARS = 150  # 工作措施 quoted in a direct answer (the whole text is in the source)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


# ---- labels ------------------------------------------------------------------------------
def doc_place(records: RecordsDB, doc_id: str) -> str:
    return next(iter(issuer_places([records.documents[doc_id].issuer])), "")


def doc_label(records: RecordsDB, doc_id: str) -> str:
    """A task document with its year and place ("粤府〔2023〕18号（2023年广东省）")."""
    d = records.documents[doc_id]
    return f"{doc_id}（{d.year}年{doc_place(records, doc_id)}）" if d.layout.startswith("task_") else doc_id


def task_no_label(task: Task) -> str:
    """"第10项", or "民生实事第3项" for an annex row."""
    if task.kind == "annex":
        return f"民生实事第{task.task_no.replace('民生实事-', '')}项"
    return f"第{task.task_no}项"


def short(text: str, limit: int = TITLE_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


def title_of(task: Task) -> str:
    return task.title.strip().rstrip("。；")


# ---- responsibility wording ----------------------------------------------------------------
_NOTE_AFTER_END = re.compile(r"[。；]\s*([(（][^()（）]*[)）])$")


def as_clause(sentence: str) -> str:
    """A quoted sentence as a clause of the answer: no final 。/；, and a bracketed note after
    its end kept without the stop before it ("…主任职务(穗人社任免〔2022〕9号)")."""
    return _NOTE_AFTER_END.sub(r"\1", sentence.rstrip("。；"))


def responsibility_clause(task: Task, aspect: Aspect) -> str:
    """Who is responsible, worded for the aspect asked ("由省农业农村厅牵头、陈良贤分管，各地、各部门配合")."""
    lead, leaders, co = "、".join(task.lead_units), "、".join(task.leaders), "、".join(task.co_units)
    people = task.lead_people
    if lead and people:  # an annex row: "省人力资源社会保障厅（主要负责人杨红山）"
        lead += "（" + "，".join(role + names for role, names in people) + "）"
    if aspect is Aspect.LEAD:
        return f"由{lead}牵头" if lead else "原文未列牵头单位"
    if aspect is Aspect.LEADER:  # the leader asked first, then the unit doing the work
        units = "、".join(task.lead_units)
        return (f"由{leaders}分管" if leaders else "原文未列分管领导") + (f"，{units}牵头" if units else "")
    if aspect is Aspect.CO:
        return f"配合单位为{co}" if co else "原文未列配合单位"
    if aspect is Aspect.MEASURES:
        return f"工作措施：{short(task.measures, MEASURES_CHARS)}" if task.measures else "原文未列工作措施"
    parts = [p for p in (f"{lead}牵头" if lead else "", f"{leaders}分管" if leaders else "") if p]
    clause = ("由" + "、".join(parts)) if parts else "原文未列分管领导和牵头单位"
    return clause + (f"，{co}配合" if co else "")


UNCERTAIN_NOTE = "（原文此处残缺或排版交错，分工归属由解析推断，请以原文为准）"
STITCHED_NOTE = "（原文网页中本项分段排列，已按原文拼合，请以原文为准）"
STITCHED = "原文拼接"  # the extra a parser gives a task assembled from distant fragments


def caution(task: Task) -> str:
    """The note an uncertain task carries: assembled from fragments, or attribution inferred."""
    if not task.uncertain:
        return ""
    return STITCHED_NOTE if any(k == STITCHED for k, _ in task.extra) and task.confidence >= 0.95 else UNCERTAIN_NOTE


def table_row_sentence(row: Section) -> str:
    """A table row worded from its header: "地区生产总值增长(%)：2020年2.3，年均增长[累计]5.0左右（表2，预期性）。"."""
    table = next((el.split(" ")[0] for el in reversed(row.path[:-1]) if el.startswith(("表", "附件"))), "")
    return _worded_row(list(row.extra), table) or row.text


def table_sentences(text: str, section: str) -> str:
    """A whole table ("指标 | 2020年 | …" lines) as one worded sentence per row."""
    lines = [line.split(" | ") for line in text.splitlines() if " | " in line]
    if len(lines) < 2:
        return text
    table = next((el.split(" ")[0] for el in reversed(section.split(" / ")) if el.startswith(("表", "附件"))), "")
    header = lines[0]
    return "\n".join(_worded_row(list(zip(header, row)), table) for row in lines[1:])


def _worded_row(cells: list[tuple[str, str]], table: str) -> str:
    cells = [(k, v) for k, v in cells if v and v not in ("—", "-")]
    if not cells:
        return ""
    label_key, label = next(((k, v) for k, v in cells if k != "序号"), cells[0])
    kind = next((v for k, v in cells if "属性" in k), "")
    values = [_cell(k, v.replace('；', '，')) for k, v in cells
              if k not in ("序号", label_key) and "属性" not in k]
    where = "，".join(x for x in (table, kind) if x)
    return f"{label}：{'，'.join(values)}" + (f"（{where}）" if where else "") + "。"


_HEADER_UNIT = re.compile(r"^(.*?)[(（]([^()（）]*)[)）]$")  # "津贴标准(元/日)"
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _cell(header: str, value: str) -> str:
    """A cell worded with its header; a plain number takes the header's unit after it
    ("津贴标准(元/日)" + "20" -> "津贴标准20元/日"), anything else follows the header as printed."""
    m = _HEADER_UNIT.match(header)
    if m and m.group(1) and _PLAIN_NUMBER.fullmatch(value):
        return f"{m.group(1)}{value}{m.group(2)}"
    return f"{header}{value}"


# ---- numbered sources ----------------------------------------------------------------------
@dataclass
class Sources:
    """The citations of one answer, each once, numbered in order of first use."""

    records: RecordsDB
    citations: list[Citation] = field(default_factory=list)
    _index: dict[tuple, int] = field(default_factory=dict)

    def add(self, citation: Citation) -> int:
        key = (citation.doc_id, citation.task_no, citation.section, citation.text)
        if key not in self._index:
            self.citations.append(citation)
            self._index[key] = len(self.citations)
        elif citation.highlight and not self.citations[self._index[key] - 1].highlight:
            self.citations[self._index[key] - 1] = citation
        return self._index[key]

    def task(self, task: Task, score: float = 1.0, highlight: str = "") -> int:
        return self.add(task_citation(self.records, task, score, highlight))

    def passage(self, p: Passage, score: float, highlight: str = "") -> int:
        return self.add(passage_citation(self.records, p, score, highlight))


def mark(n: int) -> str:
    return f"[{n}]"


def task_citation(records: RecordsDB, task: Task, score: float, highlight: str = "") -> Citation:
    """The task as printed (its `source_text`: title, 工作措施, responsibility line)."""
    rendered = "\n".join(x for x in (task.title, task.measures, task.responsibility) if x)
    # a task the page does not print (a heading lost from the web text) has no verbatim text
    return Citation(task.doc_id, records.documents[task.doc_id].title, task.source_text, task.task_no,
                    task.section, score, highlight, task.kind, display="" if task.source_text else rendered)


VERBATIM_WHOLE = ("table", "table_row", "task", "annex")  # passage body is a rendering, not the print


def passage_citation(records: RecordsDB, p: Passage, score: float, highlight: str = "") -> Citation:
    """A passage as printed: a window of a section is its own text (whitespace aside, the
    print); a table or table row is its record's `source_text`, the cells labelled in `display`."""
    body = p.text.split("\n", 1)[-1]
    if p.kind in VERBATIM_WHOLE:  # empty when the page does not print the record
        return Citation(p.doc_id, records.documents[p.doc_id].title, p.source_text, p.task_no, p.section, score,
                        highlight, p.kind, display=body)
    return Citation(p.doc_id, records.documents[p.doc_id].title, verbatim_window(p.source_text, body), p.task_no,
                    p.section, score, highlight, p.kind)


def verbatim_window(source_text: str, window: str) -> str:
    """The part of a record's verbatim text that a window of it covers: the print as it is,
    with a line break where the page interrupts it (a 专栏 set inside, a page footer)."""
    kept = [(i, ch) for i, ch in enumerate(source_text) if not ch.isspace()]
    flat = "".join(ch for _, ch in kept)
    target = re.sub(r"\s+", "", window)
    if not target:
        return window
    start = flat.find(target)
    if start >= 0:
        return source_text[kept[start][0]:kept[start + len(target) - 1][0] + 1]
    # Not one run (a caption the window keeps, the print's order differs): its printed pieces
    # in order, each the longest run found, characters the print lacks left out.
    pieces, i, pos = [], 0, 0
    while i < len(target):
        lo, hi, at = 0, len(target) - i, -1
        while lo < hi:  # the longest prefix of target[i:] printed at or after pos
            mid = (lo + hi + 1) // 2
            found = flat.find(target[i:i + mid], pos)
            if found >= 0:
                lo, at = mid, found
            else:
                hi = mid - 1
        if lo == 0:
            i += 1
            continue
        pieces.append(source_text[kept[at][0]:kept[at + lo - 1][0] + 1])
        i, pos = i + lo, at + lo
    return "\n".join(pieces) or window


# ---- the answer ----------------------------------------------------------------------------
def finish(records: RecordsDB, direct: str, sources: Sources, *, listing: str = "",
           task_records: Sequence[Task] = ()) -> Answer:
    """The Answer: direct answer, optional complete listing, numbered sources."""
    cites = sources.citations
    plain = [direct.strip()]
    if listing:
        plain.append(listing.strip())
    if cites:
        plain.append("来源：\n" + "\n".join(f"[{n}] {source_line(c)}" for n, c in enumerate(cites, 1)))
    markdown = [md_escape_keep_markers(direct.strip())]
    if listing:
        markdown.append(md_escape_keep_markers(listing.strip()).replace("\n", "  \n"))
    if cites:
        markdown.append("---\n**来源**\n\n" + sources_markdown(records, cites))
    return Answer("\n\n".join(plain), True, tuple(cites), tuple(t.to_dict() for t in task_records),
                  answer_markdown="\n\n".join(markdown))


def source_line(c: Citation) -> str:
    """One short plain-text line: document number and task number or section path."""
    if c.task_no is not None:
        no = c.task_no
        where = f"民生实事第{no.replace('民生实事-', '')}项" if no.startswith("民生实事-") else f"第{no}项"
    else:
        where = short(" / ".join(c.section.split(" / ")[-2:]), SOURCE_LINE_CHARS)
    return f"{c.doc_id} {where}".strip()


def sources_markdown(records: RecordsDB, cites: Sequence[Citation]) -> str:
    """Sources grouped under their document (full title once), verbatim text, answer in bold."""
    blocks: list[str] = []
    shown_docs: set[str] = set()
    for n, c in enumerate(cites, 1):
        lines = []
        if c.doc_id not in shown_docs:
            shown_docs.add(c.doc_id)
            lines.append(f"**{md_escape(c.doc_id)}** {md_escape(c.doc_title)}")
        lines.append(f"- **[{n}]** {md_escape(source_line(c).removeprefix(c.doc_id).strip() or c.section)}")
        lines.append(_quoted_markdown(c))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _quoted_markdown(c: Citation) -> str:
    shown = c.display or c.text
    if c.kind == "table" and " | " in shown:
        return _table_markdown([row.split(" | ") for row in shown.splitlines() if row.strip()])
    if c.kind == "table_row" and "：" in shown:
        cells = [cell.split("：", 1) for cell in shown.split("；") if "：" in cell]
        return _table_markdown([[k for k, _ in cells], [v for _, v in cells]])
    body = _bold(md_escape(c.text), md_escape(c.highlight)) if c.highlight else md_escape(c.text)
    return "\n".join(f"  > {line}" if line.strip() else "  >" for line in body.splitlines())


def _bold(text: str, part: str) -> str:
    """`part` in bold inside `text`, found whatever whitespace the print puts between its characters."""
    chars = [re.escape(ch) for ch in part if not ch.isspace()]
    if not chars:
        return text
    m = re.search(r"\s*".join(chars), text)
    if not m:
        return text
    lines = m.group(0).split("\n")  # bold does not cross a line break in Markdown
    return text[:m.start()] + "\n".join(f"**{line.strip()}**" if line.strip() else line for line in lines) + \
        text[m.end():]


def _table_markdown(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    head, *body = rows
    out = ["| " + " | ".join(md_escape(c) for c in head) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(md_escape(c) for c in r) + " |" for r in body]
    return "\n".join(out)


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_escape_keep_markers(text: str) -> str:
    """Escape Markdown but keep the [n] markers as they are (the UI turns them into links)."""
    return re.sub(r"\\\[(\d+)\\\]", r"[\1]", md_escape(text))


# ---- listings ------------------------------------------------------------------------------
def preview(tasks: Sequence[Task], numbers: Sequence[int], numbered: bool = True) -> str:
    """The first LISTING_PREVIEW tasks of a listing for its direct answer, each with its marker
    ("第1项地区生产总值增长5%以上[1]；…"), and 等 when more follow."""
    shown = "；".join(f"{task_no_label(t) if numbered else ''}{short(title_of(t), 24)}{mark(n)}"
                      for t, n in list(zip(tasks, numbers))[:LISTING_PREVIEW])
    return shown + ("等" if len(tasks) > LISTING_PREVIEW else "")


def listing(records: RecordsDB, tasks: list[Task], who: str, role: str, numbers: list[int],
            kind: str = "任务") -> str:
    """All tasks of one document for a reverse lookup, numbered as printed, each with its marker."""
    whose = f"{who}{role}的" if who or role else ""  # a document's whole annex: no one's
    head = f"{doc_label(records, tasks[0].doc_id)}中，{whose}{kind}共{len(tasks)}项："
    rows = [f"{task_no_label(t).replace('民生实事', '')}：{short(title_of(t))}{mark(n)}"
            for t, n in zip(tasks[:MAX_LISTED], numbers)]
    if len(tasks) > MAX_LISTED:
        rows.append(f"……另有{len(tasks) - MAX_LISTED}项，见来源。")
    return head + "\n" + "\n".join(rows)


# ---- several asks in one message -----------------------------------------------------------
_MARKER = re.compile(r"\[(\d+)\]")
_SOURCES_HEAD = "\n\n来源：\n"


def merge(records: RecordsDB, answers: Sequence[Answer]) -> Answer:
    """One answer per ask, in order, as one: their direct answers one after another with the
    markers renumbered over the union of their sources; a refused ask says so in its place."""
    sources = Sources(records)
    parts, task_records = [], []
    for a in answers:
        if not a.answerable:
            parts.append(a.answer)
            continue
        body = a.answer.split(_SOURCES_HEAD, 1)[0]
        numbers = {n: sources.add(c) for n, c in enumerate(a.citations, 1)}
        part = _MARKER.sub(lambda m: mark(numbers.get(int(m.group(1)), int(m.group(1)))), body)
        if part not in parts:  # "什么时候施行，有效期几年？": one sentence answers both asks
            parts.append(part)
        task_records += list(a.records)
    if not sources.citations:
        text = "\n\n".join(parts)
        return Answer(text, False, resolved_question="；".join(a.resolved_question.rstrip("，,、 ") for a in answers),
                      intent=answers[0].intent, answer_markdown=md_escape(text))
    merged = finish(records, "\n\n".join(parts), sources)
    return replace(merged, records=tuple(task_records),
                   resolved_question="；".join(a.resolved_question.rstrip("，,、 ") for a in answers), intent=answers[0].intent)
