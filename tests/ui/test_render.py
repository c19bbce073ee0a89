"""The workbench HTML: markers open citations, plain-text copy, escaping, exports."""

from __future__ import annotations

import re

from assistant.records import Answer, Citation
from assistant.ui.render import (answer_body_html, conversation_html, conversation_markdown,
                                 link_markers, plain_text, task_table_html, viewer_html)

C1 = Citation(doc_id="粤府〔2023〕18号", doc_title="分工方案", text="10. 粮食产量1268万吨以上。\n分管省领导：陈良贤",
              task_no="10", section="一、主要预期目标", score=0.9)
C2 = Citation(doc_id="粤府〔2022〕13号", doc_title="分工方案", text="表 | 一 | *二*", task_no=None,
              section="附件", score=0.5)


def answer_dict(**kw) -> dict:
    a = Answer("粮食产量由省农业农村厅牵头[1]，2022年亦同[2]。见[3]。", True, (C1, C2),
               resolved_question="谁负责粮食产量？").to_dict()
    return {**a, **kw}


def test_markers_link_to_their_citation_and_out_of_range_stay_text() -> None:
    html = answer_body_html(answer_dict(), 3)
    assert html.count('data-wb="cite"') == 2
    assert 'data-m="3" data-n="1"' in html and 'data-m="3" data-n="2"' in html
    assert "[3]" in re.sub(r"<[^>]+>", "", html) and 'data-n="3"' not in html


def test_answer_markdown_is_preferred_and_rendered() -> None:
    html = answer_body_html(answer_dict(answer_markdown="**省农业农村厅**牵头 [1]\n\n- 2022年：同上 [2]"), 1)
    assert "<strong>省农业农村厅</strong>" in html and "<li>" in html
    assert html.count('class="wb-cite"') == 2


def test_markdown_cannot_inject_html_and_markers_skip_links() -> None:
    html = answer_body_html(answer_dict(answer_markdown="<script>x</script> [1]"), 0)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert link_markers('<a href="#">[1]</a> [1]', 0, 1).count('data-wb="cite"') == 1


def test_copy_is_plain_text_without_markdown_escapes() -> None:
    text = plain_text(answer_dict(), "谁负责粮食产量？")
    assert text.startswith("粮食产量由省农业农村厅牵头[1]")
    assert "来源（2）：" in text and "[1] 粤府〔2023〕18号《分工方案》 任务第10项 · 一、主要预期目标" in text
    assert "    表 | 一 | *二*" in text
    assert "**" not in text.replace("*二*", "") and "\\" not in text


def test_conversation_escapes_source_text_and_shows_feedback_state() -> None:
    display = [{"role": "user", "content": "<b>谁</b>负责？"},
               {"role": "assistant", "question": "<b>谁</b>负责？", "answer": answer_dict(),
                "feedback": {"id": 1, "rating": "up", "status": "已记录"}}]
    html = conversation_html(display)
    assert "&lt;b&gt;谁&lt;/b&gt;" in html and "<b>谁</b>" not in html
    assert 'data-r="up" aria-pressed="true"' in html and 'data-r="down" aria-pressed="false"' in html
    assert 'class="wb-fb-form"' in html and 'maxlength="2000"' in html
    assert 'class="wb-plain" hidden' in html
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", html).replace("&lt;", "").replace("&gt;", ""))


def test_markdown_export_has_questions_answers_and_sources() -> None:
    md = conversation_markdown([{"role": "user", "content": "谁负责粮食产量？"},
                                {"role": "assistant", "question": "谁负责粮食产量？",
                                 "answer": answer_dict()}], "2026-01-01 00:00:00")
    assert md.startswith("# 政策文件问答记录")
    assert "## 问：谁负责粮食产量？" in md and "1. 粤府〔2023〕18号《分工方案》 · 任务第10项" in md
    assert "   > 分管省领导：陈良贤" in md


def test_viewer_highlights_the_cited_span_and_links_the_document() -> None:
    view = {"doc_id": "粤府〔2023〕18号", "doc_title": "分工方案", "issuer": "广东省人民政府",
            "year": 2023, "level": "省", "before": "前文<", "cited": "10. 粮食产量", "after": "后文",
            "task_no": "10", "section": "一、主要预期目标", "label": "任务第10项", "anchor": "task-10",
            "exact": True}
    html = viewer_html(view, number=1)
    assert '<mark class="wb-cited" id="wb-cited">10. 粮食产量</mark>' in html
    assert "前文&lt;" in html and 'data-anchor="task-10"' in html and "定位到任务第10项" in html
    assert "省级" in html


def test_task_table_counts_and_rows() -> None:
    rows = [{"文件": "穗府〔2024〕1号", "序号": str(i), "任务": "任务", "分管领导": "谭萍",
             "牵头单位": "市商务局", "配合单位": "", "doc_id": "穗府〔2024〕1号", "task_no": str(i)}
            for i in range(250)]
    html = task_table_html(rows, "市商务局牵头")
    assert 'data-total="250"' in html and "显示前 200 项" in html
    assert html.count('<tr data-wb="task"') == 200


def test_a_markdown_answer_lists_its_sources_once_and_copy_drops_the_short_list() -> None:
    a = answer_dict(answer="粮食产量由省农业农村厅牵头[1]。\n\n来源：\n[1] 粤府〔2023〕18号 第10项",
                    answer_markdown="粮食产量由省农业农村厅牵头[1]。\n\n---\n**来源**\n\n- **[1]** 第10项\n  > 粮食产量")
    html = conversation_html([{"role": "user", "content": "谁负责粮食产量？"},
                              {"role": "assistant", "question": "谁负责粮食产量？", "answer": a}])
    assert 'class="wb-sources"' not in html
    assert html.count('data-wb="cite"') == 2  # the marker in the answer and the one in its sources
    text = plain_text(a, "谁负责粮食产量？")
    assert text.count("来源") == 1 and text.startswith("粮食产量由省农业农村厅牵头[1]。\n\n来源（2）：")


def test_viewer_marks_the_focus_in_bold() -> None:
    view = {"doc_id": "d", "doc_title": "", "before": "", "cited": "第一句。第二句。", "after": "",
            "focus": [4, 8], "exact": True}
    assert '<mark class="wb-cited" id="wb-cited">第一句。<strong class="wb-focus">第二句。</strong></mark>' \
        in viewer_html(view)
