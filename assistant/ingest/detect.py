"""What a document says about itself: its number (文号), title, issuer, year, level and layout.

Used by `assistant add` to write a manifest entry, and at ingest to fill the fields a
manifest entry leaves out. Only what is printed is read; nothing is guessed from names
known elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.ingest.manifest import AUTO, DocumentEntry
from assistant.ingest.parsers.table_rows import line_cells
from assistant.text import NormText, compact

HEAD_LINES = 25  # the number, banner and title sit in the first lines of a document

_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*\d+(?:-\d+)?\s*号")
_TITLE_END = ("通知", "意见", "办法", "规定", "方案", "决定", "细则", "规划", "纲要", "计划", "报告",
              "批复", "公告", "通告", "函", "规则", "指引", "措施", "要点", "分工", "清单", "目录", "标准",
              "分工表", "任务表")
_ISSUER_END = ("人民政府办公厅", "人民政府", "办公厅", "办公室", "委员会", "局", "厅", "委", "政府")
_DATE = re.compile(r"^((?:19|20)\d{2})年\d{1,2}月\d{1,2}日$")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
# The issuer's own level: "…省人民政府", "中共…省委办公厅" -> 省; "…市人民政府办公厅", "…市…局" -> 市.
_LEVEL_WORD = re.compile(r"^[\u4e00-\u9fff]*?(省|市)")

# Layout cues (normalized text).
_TASK_NO = re.compile(r"(?m)^\d{1,3}[.、](?!\d)")
_LEADER_LINE = re.compile(r"(?m)^分管(?:省|市)?领导[:：]")
_DIVISION_LINE = re.compile(r"(?m)^(?:部门分工|牵头单位)[:：]")
_TABLE_HEADER = ("序号", "分管", "牵头单位")


@dataclass(frozen=True)
class Detected:
    doc_id: str = ""
    title: str = ""
    issuer: str = ""
    level: str = ""
    year: int = 0
    layout: str = ""


def canonical_doc_id(doc_id: str) -> str:
    """A 文号 as the project writes it: NFKC, no spaces, brackets 〔 〕 ("粤府[2025]3号" -> "粤府〔2025〕3号")."""
    key = compact(doc_id)
    m = re.fullmatch(r"(.+?)[\[［(（【〔](\d{4})[\]］)）】〕](\d+(?:-\d+)?号.*)", key)
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}" if m else key


def _head(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return lines[:HEAD_LINES]


def doc_number(text: str) -> str:
    """The document's own number: a line of the head that is only a 文号."""
    for line in _head(text):
        key = compact(line)
        m = _DOCNO.fullmatch(key)
        if m:
            return canonical_doc_id(key)
    return ""


def title(nt: NormText) -> str:
    """The title: a Markdown / Word heading at the top, or the head line(s) ending like a title."""
    for n, m in enumerate(re.finditer(r"\S[^\n]*", nt.text)):
        if n >= HEAD_LINES:
            break
        if nt.heading_level(m.start()) and not _DOCNO.fullmatch(compact(m.group())):
            return compact(m.group())[:120]  # the first Markdown / Word heading
    lines = _head(nt.text)
    for i, line in enumerate(lines):
        key = compact(line)
        if _DOCNO.fullmatch(key) or key.endswith("文件") or len(key) > 80:
            continue
        # a title broken over two or three lines: join while the joined text is not yet a title
        joined = key
        for nxt in lines[i + 1:i + 3]:
            if joined.endswith(_TITLE_END) or len(joined) > 80:
                break
            joined += compact(nxt)
            if joined.endswith(_TITLE_END) and ("关于" in joined or len(joined) <= 60):
                return joined
        if key.endswith(_TITLE_END) and ("关于" in key or len(key) <= 40):
            return key
    return ""


def issuer(title_text: str, text: str) -> str:
    """Who issued it: the title's part before 关于, else the "…文件" banner, else the signature."""
    if "关于" in title_text:
        who = title_text.split("关于", 1)[0]
        if who.endswith(_ISSUER_END):
            return who
    for line in _head(text):
        key = compact(line)
        if key.endswith("文件") and len(key) <= 20:
            return key[:-2]
    lines = [compact(ln) for ln in text.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        if _DATE.match(line) and i and lines[i - 1].endswith(_ISSUER_END) and len(lines[i - 1]) <= 25:
            return lines[i - 1]
    return ""


def year(number: str, title_text: str, text: str) -> int:
    """The year of the 文号, else of the signature date, else the first year in the title."""
    if m := re.search(r"〔(\d{4})〕", number):
        return int(m.group(1))
    for line in (compact(ln) for ln in text.split("\n")):
        if m := _DATE.match(line):
            return int(m.group(1))
    if m := _YEAR.search(title_text):
        return int(m.group(1))
    return 0


def level(issuer_text: str, title_text: str) -> str:
    """省 or 市: the first of the two in the issuer (else in the title before 关于); "" if neither
    says. The 文号 is not used: its prefix is an abbreviation no rule can read without a list."""
    for source in (issuer_text, title_text.split("关于", 1)[0] if "关于" in title_text else ""):
        if m := _LEVEL_WORD.match(source):
            return m.group(1)
    return ""


def layout(nt: NormText) -> str:
    """task_list, task_table_tsv or generic, from the shape of the text."""
    text = nt.text
    if len(_TASK_NO.findall(text)) >= 2 and _LEADER_LINE.search(text) and _DIVISION_LINE.search(text):
        return "task_list"
    for m in re.finditer(r"[^\n]+", text[:20000]):
        cells = line_cells(nt, m.start(), m.end())
        if len(cells) >= 4 and cells[0] == "序号" and all(any(h in c for c in cells) for h in _TABLE_HEADER):
            return "task_table_tsv"
    return "generic"


def detect(nt: NormText) -> Detected:
    """Everything printed about the document in its text."""
    number = doc_number(nt.text)
    head_title = title(nt)
    who = issuer(head_title, nt.text)
    return Detected(number, head_title, who, level(who, head_title),
                    year(number, head_title, nt.text), layout(nt))


def fill_entry(entry: DocumentEntry, nt: NormText, fallback_title: str = "") -> DocumentEntry:
    """The manifest entry with its empty fields (and layout "auto") read from the text."""
    need = not (entry.title and entry.issuer and entry.level and entry.year) or entry.layout == AUTO
    if not need:
        return entry
    found = detect(nt)
    return replace(entry,
                   title=entry.title or found.title or fallback_title or entry.doc_id,
                   issuer=entry.issuer or found.issuer,
                   level=entry.level or found.level,
                   year=entry.year or found.year or year(entry.doc_id, "", ""),
                   layout=found.layout if entry.layout == AUTO else entry.layout)
