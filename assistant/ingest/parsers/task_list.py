"""Parser for the provincial task list 粤府〔2023〕18号 (layout "task_list").

The document numbers its tasks "N. title" under the headings "一、…", "二、…"; each
task may carry a "工作措施：" paragraph and then prints who is responsible:

    14. 打造"轨道上的大湾区"。
    工作措施：加快深圳至江门高铁……
    分管省领导：张虎、吕玉印
    部门分工：省发展改革委、交通运输厅牵头，广州、深圳市政府，省铁投集团……等配合。

Lines are broken mid-sentence at page ends (sometimes with a blank line between), so
a line that starts no new field continues the previous one. The annex
"2023年省十件民生实事任务分解表" is a tab-separated table; its rows become
Task(kind="annex", task_no="民生实事-N").

`parse_responsibility` reads the two responsibility lines into leaders, lead units and
co-operating units. The web layout of 粤府〔2022〕13号 (task_list_web) prints the same
lines and reuses it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult
from assistant.ingest.parsers.parsing_names import names
from assistant.records import LEAD_DEPUTY, LEAD_HEAD, Task
from assistant.text import normalize, normalize_name

LEADERS_LABEL = "分管省领导："
DIVISION_LABEL = "部门分工："
MEASURES_LABEL = "工作措施："
# Labels a task list may print (a city list says 分管市领导; some print 牵头单位 / 配合单位 lines).
_LABELS = (
    ("leaders", re.compile(r"分管(?:省|市)?领导[:：]")),
    ("division", re.compile(r"部门分工[:：]")),
    ("lead", re.compile(r"牵头(?:单位|部门)[:：]")),
    ("co", re.compile(r"配合(?:单位|部门)[:：]")),
    ("measures", re.compile(r"工作措施[:：]")),
)
_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")  # the signature date: ends the list
_ISSUER_LINE = re.compile(r"[\u4e00-\u9fff()]{2,25}")  # "广州市人民政府" right above the date
BY_DUTY = "按职责分工负责"  # "X、Y按职责分工负责": the listed units share the task, none leads

_TASK = re.compile(r"(\d{1,3})[.、](?!\d)")  # "12." or "12、" at the start of a line
_SECTION = re.compile(r"[一二三四五六七八九十]{1,3}、")  # "一、…" at the start of a line
_SUBSECTION = re.compile(r"\([一二三四五六七八九十]{1,3}\)")  # "(一)…" (NFKC turns （ into ()
_ANNEX = re.compile(r"附件：.*民生实事")  # the annex title ends the numbered list

# Unit names that never take the "省" of the list they follow ("省税务局、广东银保监局").
_FULL_NAME_START = re.compile(
    r"(省|团省委|广东|中国|中共|国家|国核|人民银行|海关|中科院|水利部|民航|南方|横琴|华南|长征|各|相关|有关"
    rf"|{'|'.join(names('cities'))})")
_CITY = re.compile(r"[\u4e00-\u9fff]{2,3}")  # a bare city name in "广州、深圳市政府"
# A department named without its city prefix: "商务局", "科技局" (not "各区政府", "天河区政府").
_BARE_CITY_UNIT = re.compile(r"(?![市省各])[\u4e00-\u9fff]{1,12}(局|委|办|厅|部)(\([^()]*\))?")
# Parts of a body rather than departments: "省疫情防控指挥部各成员单位、工作组、专班".
_GENERIC = frozenset({"工作组", "专班", "成员单位"})


@dataclass(frozen=True)
class Responsibility:
    """Who is responsible for a task, read from 分管省领导 / 部门分工."""

    leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    co_units: tuple[str, ...]
    by_duty: bool  # "按职责分工负责": the units in lead_units share the task without a lead
    parsed: bool  # False when the 部门分工 phrase has a shape we do not know


def split_leaders(text: str) -> tuple[str, ...]:
    """"张虎、吕玉印" -> ("张虎", "吕玉印"), names normalized ("王 曦" -> "王曦")."""
    return tuple(n for n in (normalize_name(p) for p in re.split(r"[、，,]", text)) if n)


def split_units(phrase: str, level: str = "省") -> tuple[str, ...]:
    """Unit names of a 部门分工 list, with the shared parts written out.

    The list is made of groups split by "，"; inside a group, units split by "、"
    share the group's prefix or suffix: "省科技厅、商务厅" is 省科技厅 + 省商务厅,
    "省委组织部、编办" is 省委组织部 + 省委编办, "广州、深圳市政府" is 广州市政府 +
    深圳市政府. A trailing "等" ("…财政厅等") is dropped. In a city list (level "市")
    "市发展改革委、商务局" is 市发展改革委 + 市商务局 in the same way.
    """
    units: list[str] = []
    for group in re.split(r"[，,]", phrase):
        items = [normalize_name(i) for i in group.split("、")]
        items = [i for i in items if i]
        if not items:
            continue
        items[-1] = re.sub(r"等$", "", items[-1])
        prefix = "省委" if items[0].startswith("省委") else "省" if items[0].startswith("省") else ""
        if level == "市":
            prefix = "市委" if items[0].startswith("市委") else "市" if items[0].startswith("市") else ""
            if prefix:
                items = [items[0]] + [prefix + i if _BARE_CITY_UNIT.fullmatch(i) else i for i in items[1:]]
                prefix = ""
        if prefix:
            items = [items[0]] + [i if _FULL_NAME_START.match(i) or i in _GENERIC else prefix + i
                                  for i in items[1:]]
        if items[-1].endswith("市政府") and len(items) > 1:
            items = [i + "市政府" if _CITY.fullmatch(i) else i for i in items[:-1]] + [items[-1]]
        units.extend(i for i in items if i)
    return tuple(units)


_LEADS = re.compile(r"(?P<lead>.+?)牵头(?:[，,](?P<co>.+?)(?:配合|按职责落实))?。?")
_SHARED = re.compile(rf"(?P<lead>.+?){BY_DUTY}。?")


def parse_responsibility(leaders_text: str, division_text: str, level: str = "省") -> Responsibility:
    """Read "张虎、王曦" and "省发展改革委牵头，各地、各部门配合。" (labels already removed).

    Shapes: "X牵头。", "X牵头，Y配合。", "X牵头，Y按职责落实。" and "X按职责分工负责。"
    (then the listed units are the lead units and `by_duty` is set).
    """
    leaders = split_leaders(leaders_text)
    division = normalize(division_text).strip()
    m = _LEADS.fullmatch(division)
    if m:
        return Responsibility(leaders, split_units(m["lead"], level), split_units(m["co"] or "", level),
                              False, True)
    m = _SHARED.fullmatch(division)
    if m:
        return Responsibility(leaders, split_units(m["lead"], level), (), True, True)
    return Responsibility(leaders, (), (), False, False)


def responsibility_extra(resp: Responsibility) -> tuple[tuple[str, str], ...]:
    """The `extra` pair that marks a shared ("按职责分工负责") task."""
    return (("部门分工方式", BY_DUTY),) if resp.by_duty else ()


@dataclass
class _Block:
    """One numbered task being read: its fields as lists of printed lines."""

    number: int
    section: str
    start: int
    end: int
    fields: dict[str, list[str]]
    current: str = "title"

    def add(self, field: str, text: str, end: int) -> None:
        self.current = field
        self.fields.setdefault(field, []).append(text)
        self.end = end

    def joined(self, field: str) -> str:
        """A field's lines joined: they were broken inside a sentence."""
        return "".join(self.fields.get(field, []))


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped line) for every non-blank line of `text`."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if line:
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            out.append((start, start + len(line), line))
    return out


def _signature_at(lines: list[tuple[int, int, str]], n: int) -> bool:
    """Line n closes the list: the signature date, or the issuer line right above it."""
    if _DATE.fullmatch(lines[n][2]):
        return True
    return n + 1 < len(lines) and bool(_DATE.fullmatch(lines[n + 1][2])) \
        and bool(_ISSUER_LINE.fullmatch(lines[n][2]))


def _read_blocks(doc: DocText) -> tuple[list[_Block], int, str]:
    """The numbered tasks in printed order, where the annex starts (or -1), and the level
    of the leader label ("省" for 分管省领导, "市" for 分管市领导)."""
    blocks: list[_Block] = []
    section = subsection = ""
    current: _Block | None = None
    annex_at = -1
    level = "省"
    lines = _lines(doc.text.text)
    for n, (start, end, line) in enumerate(lines):
        if _ANNEX.match(line):
            annex_at = start
            break
        if _signature_at(lines, n):  # "广州市人民政府" / "2025年1月10日": nothing after it is a task's
            current = None
            continue
        m = _TASK.match(line)
        label = next(((name, lm) for name, rx in _LABELS if (lm := rx.match(line))), None)
        if m and int(m.group(1)) == len(blocks) + 1:
            path = " / ".join(p for p in (section, subsection) if p)
            current = _Block(int(m.group(1)), path, start, end, {})
            current.add("title", line[m.end():].strip(), end)
            blocks.append(current)
        elif _SECTION.match(line):
            section, subsection, current = line, "", None
        elif _SUBSECTION.match(line) and not line.startswith(tuple("0123456789")):
            subsection, current = line, None
        elif current is None:
            continue
        elif label:
            name, lm = label
            if name == "leaders" and "市" in lm.group():
                level = "市"
            current.add(name, line[lm.end():], end)
        else:  # the rest of a line broken at a page end
            current.add(current.current, line, end)
    return blocks, annex_at, level


def _task(doc: DocText, block: _Block, level: str = "省") -> tuple[Task, str | None]:
    """The Task of one block, plus a warning when its responsibility is unreadable."""
    leaders, division = block.joined("leaders"), block.joined("division")
    lead, co = block.joined("lead"), block.joined("co")
    if not division and lead:  # "牵头单位：X" / "配合单位：Y" lines
        division = f"{lead.rstrip('。；;')}牵头" + (f"，{co.rstrip('。；;')}配合" if co else "")
    resp = parse_responsibility(leaders, division, level)
    leader_label = "分管市领导：" if level == "市" else LEADERS_LABEL
    printed = "\n".join(p for p in (leaders and leader_label + leaders,
                                    block.joined("division") and DIVISION_LABEL + block.joined("division"),
                                    lead and "牵头单位：" + lead, co and "配合单位：" + co) if p)
    complete = bool(resp.leaders and resp.lead_units)
    task = Task(
        doc_id=doc.entry.doc_id, task_no=str(block.number), title=block.joined("title"),
        measures=block.joined("measures"), leaders=resp.leaders, lead_units=resp.lead_units,
        co_units=resp.co_units, section=block.section, responsibility=printed,
        source_file=doc.source_file, span=(block.start, block.end),
        confidence=1.0 if complete else 0.5, extra=responsibility_extra(resp))
    warning = None if complete else (
        f"{doc.entry.doc_id} task {block.number}: responsibility not read ({printed or 'missing'!r})")
    return task, warning


# ---- the annex table -------------------------------------------------------------

ANNEX_COLUMNS = ("事项", "序号", "工作任务", "分管省领导", "省牵头部门及主要负责人、分管负责人")


def _raw_lines(doc: DocText, start: int) -> list[tuple[int, int, str]]:
    """Raw-file lines from normalized position `start` on, with normalized spans.

    The annex is tab-separated, and normalization deletes tabs next to CJK text, so
    the cells are read from the raw file; spans are mapped back to normalized text.
    """
    offsets = doc.text.offsets
    raw_start, raw_end = offsets[start], offsets[len(doc.text.text)]
    out = []
    for m in re.finditer(r"[^\n]+", doc.text.raw[raw_start:raw_end]):
        rs, re_ = raw_start + m.start(), raw_start + m.end()
        ns = bisect.bisect_left(offsets, rs, 0, len(offsets) - 1)
        ne = bisect.bisect_left(offsets, re_, 0, len(offsets) - 1)
        out.append((ns, ne, m.group()))
    return out


def _names(text: str) -> list[str]:
    """Person names in "朱 宏 高 燕" or "杨红山 谢忠保": lone characters pair up."""
    tokens = text.split()
    names: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            names.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            names.append(tokens[i])
            i += 1
    return names


def _annex_tasks(doc: DocText, annex_at: int) -> tuple[list[Task], list[str]]:
    """The rows of 2023年省十件民生实事任务分解表 as Task(kind="annex")."""
    tasks: list[Task] = []
    warnings: list[str] = []
    title = ""
    item = ""
    for start, end, raw in _raw_lines(doc, annex_at):
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) == 1:
            text = normalize(cells[0]).strip()
            if text.endswith("任务分解表") and not text.startswith("附件"):
                title = text
            elif tasks and text:  # the first line after the table ends it
                break
            continue
        if normalize_name(cells[0]) == ANNEX_COLUMNS[0]:  # the header row, repeated per page
            continue
        if len(cells) < 5 or not cells[1].isdigit():
            warnings.append(f"{doc.entry.doc_id} annex: row not read: {raw!r}")
            continue
        item = normalize(cells[0]).strip() or item
        number, work, leader = cells[1], normalize(cells[2]).strip(), normalize_name(cells[3])
        owner = [c for c in cells[4:] if c]
        unit = normalize_name(owner[0].split()[0]) if owner else ""
        people = _names(" ".join(owner)[len(owner[0].split()[0]):]) if owner else []
        printed_owner = " ".join(" ".join(o.split()) for o in owner)
        extra = (
            ("事项", item), ("序号", number), ("工作任务", work), ("分管省领导", leader),
            (ANNEX_COLUMNS[4], printed_owner), ("省牵头部门", unit),
            (LEAD_HEAD, normalize_name(people[0]) if people else ""),
            (LEAD_DEPUTY, "、".join(normalize_name(p) for p in people[1:])),
        )
        if int(number) != len(tasks) + 1:
            warnings.append(f"{doc.entry.doc_id} annex: row {number} follows row {len(tasks)}")
        tasks.append(Task(
            doc_id=doc.entry.doc_id, task_no=f"民生实事-{number}", title=work,
            leaders=(leader,) if leader else (), lead_units=(unit,) if unit else (),
            section=" / ".join(p for p in (title, item) if p),
            responsibility=f"{LEADERS_LABEL}{leader}\n{ANNEX_COLUMNS[4]}：{printed_owner}",
            source_file=doc.source_file, span=(start, end),
            confidence=1.0 if leader and unit else 0.5, kind="annex", extra=extra))
    return tasks, warnings


def parse(doc: DocText) -> ParseResult:
    """All numbered tasks of the list, then the annex rows."""
    result = ParseResult()
    blocks, annex_at, level = _read_blocks(doc)
    for block in blocks:
        task, warning = _task(doc, block, level)
        result.tasks.append(task)
        if warning:
            result.warnings.append(warning)
    if annex_at < 0 and "民生实事" in doc.text.text:
        result.warnings.append(f"{doc.entry.doc_id}: no 民生实事 annex found")
    else:
        annex, warnings = _annex_tasks(doc, annex_at)
        result.tasks.extend(annex)
        result.warnings.extend(warnings)
    return result
