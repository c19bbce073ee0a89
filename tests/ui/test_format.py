"""What the chat shows for an Answer: resolved question, text, sources with verbatim text."""

from __future__ import annotations

import re

from assistant.errors import AssistantError, IndexNotReadyError, InvalidQuestionError
from assistant.records import Answer, Citation
from assistant.ui.format import (ALL_DOCUMENTS, ALL_DOCUMENTS_LABEL, error_text, escape_md,
                                 format_answer, format_error, recent_history, scope_choices,
                                 scope_value)

CITATION = Citation(doc_id="粤府〔2023〕18号", doc_title="2023年重点工作任务分工方案",
                    text="10. 粮食产量保持在1268万吨以上。\n（张虎负责，省农业农村厅牵头）",
                    task_no="10", section="一、2023年经济社会发展主要预期目标", score=0.9)


def answer(**kw) -> Answer:
    base = {"answer": "由省农业农村厅牵头。", "answerable": True, "citations": (CITATION,),
            "resolved_question": "谁负责粮食产量？"}
    return Answer(**{**base, **kw})


def test_answer_shows_text_and_each_source_with_verbatim_lines() -> None:
    md = format_answer(answer(), "谁负责粮食产量？")
    assert md.startswith("由省农业农村厅牵头。")
    assert "来源（1）" in md
    assert "**粤府〔2023〕18号**《2023年重点工作任务分工方案》 · 任务 10 · 一、2023年" in md
    assert "   > 10\\. 粮食产量保持在1268万吨以上。\n   > （张虎负责，省农业农村厅牵头）" in md


def test_resolved_question_is_shown_only_when_rewritten() -> None:
    assert "理解为" not in format_answer(answer(), " 谁负责粮食产量？ ")
    md = format_answer(answer(resolved_question="粮食产量的配合单位有哪些？"), "配合单位有哪些？")
    assert md.startswith("*理解为：粮食产量的配合单位有哪些？*")


def test_refusal_is_labelled_and_has_no_sources_panel() -> None:
    md = format_answer(answer(answer="资料中没有相关内容。", answerable=False, citations=()), "x")
    assert "未找到依据" in md and "来源" not in md


def test_markdown_in_source_text_is_shown_literally() -> None:
    assert escape_md("<script>*x*</script>") == "\\<script\\>\\*x\\*\\</script\\>"
    assert escape_md("- 一\n3) 二") == "\\- 一\n3\\) 二"
    assert escape_md("增长10.5%") == "增长10.5%"


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
    assert format_error(InvalidQuestionError("too long")).startswith("**问题无效**")
    assert "索引尚未就绪" in format_error(IndexNotReadyError("run ingest"))
    assert error_text(InvalidQuestionError("question has 526 characters; the limit is 500")) == \
        "问题共 526 字，超过 500 字的上限，请精简后再问。"
    assert "清空对话" in error_text(InvalidQuestionError("history has 30 turns; the limit is 20"))
    for exc in (InvalidQuestionError("something odd"), IndexNotReadyError("index/ missing"),
                AssistantError("boom")):
        assert not re.search(r"[A-Za-z]{3,}", error_text(exc)), error_text(exc)
