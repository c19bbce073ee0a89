"""The UI's scope choices, history trimming and Chinese error texts (answers: render.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from assistant.errors import AssistantError, IndexNotReadyError, InvalidQuestionError

ALL_DOCUMENTS = "__all__"
ALL_DOCUMENTS_LABEL = "全部文件"


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


def recent_history(turns: list[dict[str, str]], limit: int) -> list[dict[str, str]]:
    """The last `limit` turns, starting with a user turn."""
    if limit <= 0:
        return []
    recent = turns[-limit:]
    while recent and recent[0]["role"] != "user":
        recent = recent[1:]
    return recent
