"""Answer composition: records and hits -> answer text + citations. No generation: every
fact in the answer is copied from a record, and every record used is cited."""

from __future__ import annotations

from assistant.records import Citation, Passage, Task
from assistant.store.records_db import RecordsDB
from assistant.store.vocabulary import issuer_places

MAX_LISTED = 80  # reverse lookups list every task up to this many per document


def doc_label(records: RecordsDB, doc_id: str) -> str:
    """A task document with its year and place ("粤府〔2023〕18号（2023年广东省）")."""
    d = records.documents[doc_id]
    place = next(iter(issuer_places([d.issuer])), "")
    return f"{doc_id}（{d.year}年{place}）" if d.layout.startswith("task_") else doc_id


def leader_title(records: RecordsDB, task: Task) -> str:
    return "分管省领导" if records.documents[task.doc_id].level == "省" else "分管市领导"


def task_citation(records: RecordsDB, task: Task, score: float) -> Citation:
    text = task.title
    if task.measures:
        text += "\n" + task.measures
    if task.responsibility:
        text += "\n" + task.responsibility
    return Citation(task.doc_id, records.documents[task.doc_id].title, text, task.task_no, task.section, score)


def passage_citation(records: RecordsDB, p: Passage, score: float, text: str | None = None) -> Citation:
    body = text if text is not None else p.text.split("\n", 1)[-1]
    return Citation(p.doc_id, records.documents[p.doc_id].title, body, p.task_no, p.section, score)


def task_block(records: RecordsDB, task: Task, aspect: str = "all") -> str:
    """One task stated explicitly: title, leaders, lead units, co-operating units."""
    label = "民生实事" if task.kind == "annex" else "任务"
    no = task.task_no.replace("民生实事-", "") if task.kind == "annex" else task.task_no
    lines = [f"【{doc_label(records, task.doc_id)} {label}第{no}项】{task.title}"]
    if task.measures and aspect == "all":
        lines.append(f"工作措施：{task.measures}")
    for key, value in task.extra:
        if value and key not in ("序号",) and value not in task.title and aspect == "all":
            lines.append(f"{key}：{value}")
    lines.append(f"{leader_title(records, task)}：{'、'.join(task.leaders) or '（原文未列）'}")
    lines.append(f"牵头单位：{'、'.join(task.lead_units) or '（原文未列）'}")
    lines.append(f"配合单位：{'、'.join(task.co_units) or '无'}")
    if task.uncertain:
        lines.append("（注：原文此处残缺或排版交错，该项的分工归属由解析推断，可能不准确，请以原文为准。）")
    return "\n".join(lines)


def short_title(title: str, limit: int = 60) -> str:
    title = title.strip()
    return title if len(title) <= limit else title[:limit] + "…"


def listing(records: RecordsDB, tasks: list[Task], who: str, role: str, kind: str = "任务") -> str:
    """All tasks of one document for a reverse lookup, numbered as printed."""
    doc_id = tasks[0].doc_id
    head = f"{doc_label(records, doc_id)}中，{who}{role}的{kind}共{len(tasks)}项："
    rows = [f"第{t.task_no.replace('民生实事-', '')}项：{short_title(t.title)}" for t in tasks[:MAX_LISTED]]
    if len(tasks) > MAX_LISTED:
        rows.append(f"……另有{len(tasks) - MAX_LISTED}项，见引用。")
    return head + "\n" + "\n".join(rows)
