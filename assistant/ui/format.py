"""Turn Answers and documents into the Markdown and choices the UI shows."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.errors import AssistantError, IndexNotReadyError, InvalidQuestionError
from assistant.records import Answer, Citation

ALL_DOCUMENTS = "__all__"
ALL_DOCUMENTS_LABEL = "全部文件"
RESOLVED_PREFIX = "理解为："
NOT_FOUND_LABEL = "未找到依据"
SOURCES_HEADING = "来源"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)  # "10. ..." would become a list
_MD_BULLET = re.compile(r"^(\s*)([-+=])", re.MULTILINE)  # bullets, rules, setext headings


def escape_md(text: str) -> str:
    """Backslash-escape Markdown/HTML syntax so verbatim source text shows as printed."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_BULLET.sub(r"\1\\\2", text)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def scope_choices(documents: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """Dropdown choices: 全部文件 first, then one per document ("doc_id 标题")."""
    choices = [(ALL_DOCUMENTS_LABEL, ALL_DOCUMENTS)]
    for doc in documents:
        title = str(doc.get("title") or "").strip()
        label = f"{doc['doc_id']}　{title}" if title and title != doc["doc_id"] else doc["doc_id"]
        choices.append((label, doc["doc_id"]))
    return choices


def scope_value(choice: str | None) -> str | None:
    """The scope to pass to Assistant.ask (None for all documents)."""
    return None if not choice or choice == ALL_DOCUMENTS else choice


def format_citation(n: int, citation: Citation) -> str:
    where = [f"**{escape_md(citation.doc_id)}**"]
    if citation.doc_title and citation.doc_title != citation.doc_id:
        where[0] += f"《{escape_md(citation.doc_title)}》"
    if citation.task_no:
        where.append(f"任务 {escape_md(citation.task_no)}")
    if citation.section:
        where.append(escape_md(citation.section))
    lines = [f"{n}. " + " · ".join(where)]
    text = citation.text.strip()
    if text:
        lines += [f"   > {escape_md(line)}" if line.strip() else "   >"
                  for line in text.splitlines()]
    return "\n".join(lines)


def format_sources(citations: Sequence[Citation]) -> str:
    if not citations:
        return ""
    body = "\n".join(format_citation(i, c) for i, c in enumerate(citations, 1))
    return f"**{SOURCES_HEADING}（{len(citations)}）**\n\n{body}"


def resolved_differs(answer: Answer, question: str) -> bool:
    return bool(answer.resolved_question) and _norm(answer.resolved_question) != _norm(question)


def format_answer(answer: Answer, question: str) -> str:
    """The chat message for one answer: resolved question (if rewritten), text, sources."""
    parts = []
    if resolved_differs(answer, question):
        parts.append(f"*{RESOLVED_PREFIX}{escape_md(answer.resolved_question)}*")
    if not answer.answerable:
        parts.append(f"**{NOT_FOUND_LABEL}**")
    if answer.answer_markdown:  # the composer's rendering: direct answer, markers, sources
        parts.append(answer.answer_markdown)
        return "\n\n".join(parts)
    parts.append(escape_md(answer.answer.strip() or "（没有回答）"))
    sources = format_sources(answer.citations)
    if sources:
        parts += ["---", sources]
    return "\n\n".join(parts)


_TOO_LONG = re.compile(r"has (\d+) characters; the limit is (\d+)")
_TOO_MANY_TURNS = re.compile(r"history has (\d+) turns; the limit is (\d+)")


def error_text(exc: AssistantError) -> str:
    """The error in Chinese for the page (the API keeps its English messages)."""
    message = str(exc)
    if isinstance(exc, InvalidQuestionError):
        if m := _TOO_MANY_TURNS.search(message):
            return f"对话已有 {m.group(1)} 轮，超过 {m.group(2)} 轮的上限，请清空对话后再问。"
        if m := _TOO_LONG.search(message):
            return f"问题共 {m.group(1)} 字，超过 {m.group(2)} 字的上限，请精简后再问。"
        if "empty" in message:
            return "问题为空，请输入一个问题。"
        if "scope" in message:
            return "所选检索范围不存在，请重新选择文件。"
        return "这个问题无法处理，请换一种问法。"
    if isinstance(exc, IndexNotReadyError):
        return "索引尚未就绪，请稍后再试（管理员需先建立索引）。"
    if getattr(exc, "status_code", 500) == 404:
        return "没有找到对应的文件或原文。"
    return "出错了，请稍后再试。"


def format_error(exc: AssistantError) -> str:
    """The error as a Markdown line for the status area."""
    label = {InvalidQuestionError: "问题无效", IndexNotReadyError: "索引尚未就绪"}.get(type(exc), "出错了")
    return f"**{label}**：{escape_md(error_text(exc))}"


def recent_history(turns: list[dict[str, str]], limit: int) -> list[dict[str, str]]:
    """The last `limit` turns, starting with a user turn."""
    if limit <= 0:
        return []
    recent = turns[-limit:]
    while recent and recent[0]["role"] != "user":
        recent = recent[1:]
    return recent
