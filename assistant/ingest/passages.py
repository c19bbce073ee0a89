"""Records -> passages for search: one per task, per section window, per article or table row."""

from __future__ import annotations

import hashlib
import re

from assistant.records import Passage, Section, Task

MAX_PASSAGE_CHARS = 360  # long sections are cut at sentence ends into windows of about this size


def _pid(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def task_passage(task: Task) -> Passage:
    lines = [f"{task.doc_id} 第{task.task_no}项" + (f" {task.section.split(' / ')[-1]}" if task.section else ""),
             task.title]
    if task.measures:
        lines.append(task.measures)
    if task.responsibility:
        lines.append(task.responsibility)
    text = "\n".join(lines)
    return Passage(_pid(task.doc_id, "task", task.task_no, text), task.doc_id, text, task.task_no,
                   task.section, task.span, task.source_file, task.kind, task.spans, task.source_text)


def split_sentences(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """Windows of whole sentences, each at most about `limit` chars."""
    sentences = [s for s in re.split(r"(?<=[。；！？\n])", text) if s.strip()]
    windows: list[str] = []
    current = ""
    for s in sentences:
        if current and len(current) + len(s) > limit:
            windows.append(current)
            current = ""
        current += s
        while len(current) > limit * 2:  # one enormous "sentence" (a table dump): cut hard
            windows.append(current[:limit])
            current = current[limit:]
    if current.strip():
        windows.append(current)
    return [w.strip() for w in windows]


def section_passages(section: Section) -> list[Passage]:
    head = f"{section.doc_id} {section.path_str or section.label + ' ' + section.title}".strip()
    body = section.text.strip()
    if section.extra:  # a table row: its cells say it all
        body = "；".join(f"{k}：{v}" for k, v in section.extra if v)
    if not body:
        body = section.title
    out = []
    for i, window in enumerate(split_sentences(body)):
        text = f"{head}\n{window}"
        out.append(Passage(_pid(section.doc_id, section.kind, section.path_str, str(i), text), section.doc_id,
                           text, None, section.path_str or f"{section.label} {section.title}".strip(),
                           section.span, section.source_file, section.kind, section.spans,
                           section.source_text))
    return out


def build_passages(tasks: list[Task], sections: list[Section]) -> list[Passage]:
    passages = [task_passage(t) for t in tasks]
    for s in sections:
        passages.extend(section_passages(s))
    seen: set[str] = set()
    unique = []
    for p in passages:  # identical windows (e.g. a heading repeated) are indexed once
        if p.passage_id not in seen:
            seen.add(p.passage_id)
            unique.append(p)
    return unique
