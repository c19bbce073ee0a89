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


def format_error(exc: AssistantError) -> str:
    if isinstance(exc, InvalidQuestionError):
        return f"**问题无效**：{escape_md(str(exc))}"
    if isinstance(exc, IndexNotReadyError):
        return f"**索引尚未就绪**：{escape_md(str(exc))}"
    return f"**出错了**：{escape_md(str(exc))}"


def recent_history(turns: list[dict[str, str]], limit: int) -> list[dict[str, str]]:
    """The last `limit` turns, starting with a user turn."""
    if limit <= 0:
        return []
    recent = turns[-limit:]
    while recent and recent[0]["role"] != "user":
        recent = recent[1:]
    return recent
