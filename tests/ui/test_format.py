"""The UI's scope choices, history trimming and Chinese error texts."""

from __future__ import annotations

import re

from assistant.errors import AssistantError, IndexNotReadyError, InvalidQuestionError
from assistant.ui.format import (ALL_DOCUMENTS, ALL_DOCUMENTS_LABEL, error_text, recent_history,
                                 scope_choices, scope_value)


def test_scope_choices_and_values() -> None:
    docs = [{"doc_id": "穗府〔2024〕1号", "title": "分工方案"}, {"doc_id": "广东省十四五规划纲要",
                                                           "title": "广东省十四五规划纲要"}]
    assert scope_choices(docs) == [(ALL_DOCUMENTS_LABEL, ALL_DOCUMENTS),
                                   ("穗府〔2024〕1号　分工方案", "穗府〔2024〕1号"),
                                   ("广东省十四五规划纲要", "广东省十四五规划纲要")]
    assert scope_value(ALL_DOCUMENTS) is None and scope_value(None) is None
    assert scope_value("穗府〔2024〕1号") == "穗府〔2024〕1号"


def test_history_is_trimmed_to_start_with_a_user_turn() -> None:
    turns = [{"role": "user" if i % 2 == 0 else "assistant", "content": str(i)} for i in range(6)]
    assert recent_history(turns, 3) == turns[4:]
    assert recent_history(turns, 4) == turns[2:]
    assert recent_history(turns, 0) == []


def test_errors_are_readable_and_chinese() -> None:
    assert error_text(InvalidQuestionError("question has 526 characters; the limit is 500")) == \
        "问题共 526 字，超过 500 字的上限，请精简后再问。"
    assert "清空对话" in error_text(InvalidQuestionError("history has 30 turns; the limit is 20"))
    for exc in (InvalidQuestionError("something odd"), IndexNotReadyError("index/ missing"),
                AssistantError("boom")):
        assert not re.search(r"[A-Za-z]{3,}", error_text(exc)), error_text(exc)


def test_gradio_queue_polls_calmly():
    """Gradio's idle queue polls every 1 ms (a thousand wake-ups a second per worker, each
    taking the GIL from the answers); the mounted UI's polls at most every UI_QUEUE_POLL_S."""
    from types import SimpleNamespace

    from assistant.ui.app import UI_PROGRESS_POLL_S, UI_QUEUE_POLL_S, calm_queue

    blocks = SimpleNamespace(_queue=SimpleNamespace(sleep_when_free=0.001, progress_update_sleep_when_free=0.01))
    calm_queue(blocks)
    assert blocks._queue.sleep_when_free == UI_QUEUE_POLL_S
    assert blocks._queue.progress_update_sleep_when_free == UI_PROGRESS_POLL_S
    slow = SimpleNamespace(_queue=SimpleNamespace(sleep_when_free=0.5, progress_update_sleep_when_free=1.0))
    calm_queue(slow)  # never made busier
    assert slow._queue.sleep_when_free == 0.5 and slow._queue.progress_update_sleep_when_free == 1.0
    calm_queue(SimpleNamespace())  # no queue: nothing to do
