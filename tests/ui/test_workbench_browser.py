"""The officials' workbench in Debian chromium: source viewer, task list with export,
feedback that survives a restart, Chinese only, phone width. Screenshots go to
tests/artifacts/ (docs/ui-viewer.png, ui-tasks.png, ui-mobile.png are copies)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from assistant.config import Settings
from assistant.text import compact
from tests.ui.conftest import REPO, ServerProcess

pytestmark = [pytest.mark.slow, pytest.mark.integration]

ARTIFACTS = REPO / "tests" / "artifacts"
TIMEOUT_MS = 60_000
DOC = "穗府〔2024〕1号"
# Visible text that is corpus content (answers, quotes, tables), not the page's own words.
CONTENT = (".wb-answer, .wb-sources blockquote, .wb-user .wb-bubble, .wb-v-text, .wb-v-title, "
           "#task-table td, .wb-docview, #doc-list td, .wb-plain")


def open_page(browser, url: str, width: int = 1280, height: int = 1000) -> Page:
    # An English browser: the page must still be Chinese.
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/ui/")
    expect(page.locator("#question textarea")).to_be_visible()
    expect(page.locator("#q-counter[data-ready='1']")).to_have_count(1)  # the load event ran
    return page


def ask(page: Page, question: str) -> None:
    n = page.locator("#chat .wb-msg.wb-bot").count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    expect(page.locator("#chat .wb-msg.wb-bot:not(.wb-pending)")).to_have_count(n + 1)


def raw_span(records, doc_id: str, task_no: str) -> str:
    task = records.task_by_key[(doc_id, task_no)]
    raw = (Settings().corpus_dir / task.source_file).read_bytes().decode("utf-8")
    return raw[task.span[0]:task.span[1]]


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_marker_or_source_opens_the_viewer_with_the_span_highlighted(browser, ui_server, records):
    page = open_page(browser, ui_server)
    ask(page, "谁负责粮食产量？")
    answer = httpx.post(f"{ui_server}/api/ask", json={"question": "谁负责粮食产量？"}, timeout=60).json()
    first = answer["citations"][0]
    # answers carry [n] markers (older ones only the 来源 list): both open the viewer
    markers = page.locator("#chat a.wb-cite")
    target = markers.first if markers.count() else page.locator("#chat a.wb-src").first
    target.click()
    mark = page.locator("#viewer mark#wb-cited")
    expect(mark).to_be_visible()
    expect(page.locator("#viewer")).to_contain_text(first["doc_id"])
    expect(page.locator("#viewer")).to_contain_text(f"任务第{first['task_no']}项")
    assert compact(mark.inner_text()) == compact(raw_span(records, first["doc_id"], first["task_no"]))
    # the viewer scrolls its text so the highlighted span is in sight
    page.wait_for_function("""() => {
        const m = document.querySelector('#wb-cited').getBoundingClientRect();
        const t = document.querySelector('#wb-v-text').getBoundingClientRect();
        return m.top >= t.top - 1 && m.top <= t.bottom; }""")
    # beside the chat, not over it
    chat_box = page.locator("#chat").bounding_box()
    viewer_box = page.locator("#viewer-col").bounding_box()
    assert viewer_box["x"] >= chat_box["x"] + chat_box["width"] - 1
    shot(page, "ui-viewer.png")

    page.locator("#viewer a.wb-doclink").click()
    anchor = page.locator(f"#doc-view [id='task-{first['task_no']}']")
    expect(anchor).to_be_visible()
    expect(anchor).to_have_class(re.compile("wb-target"))
    assert -2 <= anchor.bounding_box()["y"] < 1000
    page.context.close()


def test_task_list_by_lead_unit_and_xlsx_export(browser, ui_server, records, tmp_path):
    expected = sorted((t.doc_id, t.task_no) for t in records.tasks
                      if t.doc_id == DOC and any("市商务局" in u for u in t.lead_units))
    assert expected
    page = open_page(browser, ui_server)
    page.get_by_role("tab", name="任务清单").click()
    page.locator("#t-doc input").click()
    page.get_by_role("option", name=DOC, exact=False).first.click()
    expect(page.locator("#wb-task-count")).to_have_attribute(
        "data-total", str(len(records.tasks_by_doc[DOC])))
    page.locator("#t-unit input").fill("市商务局")
    page.locator("#t-unit input").press("Enter")
    page.locator("#t-role").get_by_text("牵头", exact=True).click()
    count = page.locator("#wb-task-count")
    expect(count).to_have_attribute("data-total", str(len(expected)))
    expect(count).to_contain_text(f"共 {len(expected)} 项")
    rows = page.locator("#task-table tbody tr")
    shown = sorted(zip(rows.evaluate_all("rs => rs.map(r => r.dataset.doc)"),
                       rows.evaluate_all("rs => rs.map(r => r.dataset.no)")))
    assert shown == expected

    with page.expect_download() as download:
        page.locator("#t-xlsx").click()
    path = tmp_path / "tasks.xlsx"
    download.value.save_as(path)
    sheet = list(load_workbook(path).active.iter_rows(values_only=True))
    assert sheet[0][:3] == ("文件", "年份", "序号")
    assert sorted((r[0], str(r[2])) for r in sheet[1:]) == expected

    rows.first.click()
    first_no = rows.first.get_attribute("data-no")
    expect(page.locator("#viewer mark#wb-cited")).to_be_visible()
    expect(page.locator("#viewer")).to_contain_text(f"任务第{first_no}项")
    assert compact(page.locator("#viewer mark#wb-cited").inner_text()) == \
        compact(raw_span(records, DOC, first_no))
    shot(page, "ui-tasks.png")
    page.context.close()


def test_thumbs_up_survives_a_restart_and_is_exported(browser, tmp_path):
    db = tmp_path / "feedback.db"
    server = ServerProcess(tmp_path / "server.log", ASSISTANT_FEEDBACK_DB=str(db)).start()
    try:
        page = open_page(browser, server.url)
        ask(page, "谁负责粮食产量？")
        page.locator("#chat button.wb-fb[data-r='up']").last.click()
        expect(page.locator("#chat .wb-fb-status").last).to_contain_text("已记录")
        page.locator("#chat .wb-fb-form textarea").last.fill("来源准确")
        page.locator("#chat [data-wb='fb-send']").last.click()
        expect(page.locator("#chat .wb-fb-status").last).to_contain_text("意见已提交")
        page.context.close()
    finally:
        server.stop()
    server.start()  # the same feedback file, a new process
    try:
        listing = httpx.get(f"{server.url}/api/feedback", timeout=30).json()
        assert listing["total"] == 1 and listing["items"][0]["comment"] == "来源准确"
    finally:
        server.stop()
    out = tmp_path / "candidates.jsonl"
    env = {"ASSISTANT_FEEDBACK_DB": str(db), "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "feedback", "export", "--out",
                           str(out)], env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    [line] = out.read_text(encoding="utf-8").splitlines()
    item = json.loads(line)
    assert item["question"] == "谁负责粮食产量？" and item["feedback"]["rating"] == "up"
    assert item["feedback"]["comment"] == "来源准确" and item["feedback"]["build_id"]
    assert item["expected"]["answerable"] is True
    assert item["expected"]["citations"][0]["doc_id"] == "粤府〔2023〕18号"


def visible_page_words(page: Page) -> list[str]:
    """ASCII words in the page's own visible text (corpus content excluded)."""
    text = page.evaluate("""(content) => {
        const skip = new Set(document.querySelectorAll(content));
        const out = [];
        const walk = (node) => {
          if (node.nodeType === 1) {
            if (skip.has(node)) return;
            const style = getComputedStyle(node);
            if (style.display === 'none' || style.visibility === 'hidden') return;
            if (node.tagName === 'INPUT' && ['radio', 'checkbox', 'hidden'].includes(node.type)) return;
            if (node.tagName === 'INPUT' || node.tagName === 'TEXTAREA') {
              out.push(node.value || node.placeholder || ''); return; }
            node.childNodes.forEach(walk);
          } else if (node.nodeType === 3) out.push(node.textContent);
        };
        walk(document.body);
        return out.join(' ');
    }""", CONTENT)
    return re.findall(r"[A-Za-z]{2,}", text)


def test_no_english_on_the_page(browser, ui_server):
    page = open_page(browser, ui_server)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    ask(page, "谁负责粮食产量？")
    page.locator("#chat [data-wb='cite']").first.click()
    expect(page.locator("#viewer mark#wb-cited")).to_be_visible()
    page.locator("#chat button.wb-fb[data-r='down']").last.click()
    expect(page.locator("#chat .wb-fb-form")).to_be_visible()
    words = visible_page_words(page)
    page.get_by_role("tab", name="文件").click()
    page.locator("#doc-list tbody tr").first.click()
    expect(page.locator("#doc-view .wb-docview h3")).to_be_visible()
    words += visible_page_words(page)
    page.get_by_role("tab", name="任务清单").click()
    words += visible_page_words(page)
    assert words == []
    titles = page.evaluate("Array.from(document.querySelectorAll('[title],[aria-label]'))"
                           ".filter(e => e.offsetParent !== null)"
                           ".map(e => (e.title || '') + ' ' + (e.getAttribute('aria-label') || ''))")
    assert not [t for t in titles if re.search(r"[A-Za-z]{3,}", t)], titles
    long_question = "粮" * 526
    page.get_by_role("tab", name="问答").click()
    page.locator("#question textarea").fill(long_question)
    assert len(page.locator("#question textarea").input_value()) <= 500
    expect(page.locator("#q-counter")).to_have_text(re.compile(r"^\d+/500$"))
    page.context.close()


def test_phone_width_has_no_horizontal_scroll_and_a_drawer(browser, ui_server):
    page = open_page(browser, ui_server, width=390, height=844)

    def no_horizontal_scroll() -> None:
        width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        assert width <= 390, width

    no_horizontal_scroll()
    ask(page, "谁负责粮食产量？")
    no_horizontal_scroll()
    page.locator("#chat [data-wb='cite']").first.click()
    expect(page.locator("#viewer mark#wb-cited")).to_be_visible()
    drawer = page.locator("#viewer-col")
    assert drawer.evaluate("e => getComputedStyle(e).position") == "fixed"
    box = drawer.bounding_box()
    assert box["x"] >= -1 and box["x"] + box["width"] <= 391
    no_horizontal_scroll()
    shot(page, "ui-mobile.png")
    page.locator("#viewer [data-wb='close']").click()
    expect(drawer).to_be_hidden()
    for tab in ("任务清单", "文件"):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(300)
        no_horizontal_scroll()
    page.context.close()


def test_examples_send_new_answers_show_their_start_and_clear_forgets(browser, ui_server):
    page = open_page(browser, ui_server)
    page.get_by_role("button", name="张虎分管哪些任务？").click()
    expect(page.locator("#chat .wb-msg.wb-bot:not(.wb-pending)")).to_have_count(1)
    expect(page.locator("#chat .wb-user")).to_contain_text("张虎分管哪些任务？")
    # the long answer is shown from its start: its top edge is near the top of the chat box
    page.wait_for_function("""() => {
        const bots = document.querySelectorAll('#chat .wb-msg.wb-bot');
        const top = bots[bots.length - 1].getBoundingClientRect().top;
        const conv = document.querySelector('#chat .wb-conv').getBoundingClientRect();
        return top >= conv.top - 12 && top <= conv.top + conv.height / 2 && top >= -2
               && top <= window.innerHeight; }""")
    with page.expect_download() as download:
        page.locator("#export-chat").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert exported.startswith("# 政策文件问答记录") and "## 问：张虎分管哪些任务？" in exported

    page.locator("#clear").click()
    expect(page.locator("#chat .wb-empty")).to_be_visible()
    ask(page, "谁负责粮食产量？")
    ask(page, "配合单位有哪些？")
    expect(page.locator("#chat .wb-resolved").last).to_contain_text("粮食产量")
    page.locator("#clear").click()
    expect(page.locator("#chat .wb-empty")).to_be_visible()
    ask(page, "配合单位有哪些？")  # nothing remembered: not read as a follow-up on 粮食产量
    expect(page.locator("#chat")).not_to_contain_text("理解为：粮食产量")
    page.context.close()


def test_a_document_link_opens_the_document_at_the_task(browser, ui_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{ui_server}/ui/?doc={DOC}#task-10")
    anchor = page.locator("#doc-view [id='task-10']")
    expect(anchor).to_be_visible()
    expect(anchor).to_have_class(re.compile("wb-target"))
    expect(page.locator("#doc-view h3")).to_contain_text("2024")
    assert -2 <= anchor.bounding_box()["y"] < 1000
    context.close()


def test_copy_puts_plain_text_on_the_clipboard(browser, ui_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=ui_server)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{ui_server}/ui/")
    expect(page.locator("#q-counter[data-ready='1']")).to_have_count(1)
    ask(page, "谁负责粮食产量？")
    page.locator("#chat [data-wb='copy']").last.click()
    expect(page.locator("#chat [data-wb='copy']").last).to_have_text("已复制")
    text = page.evaluate("navigator.clipboard.readText()")
    answer = httpx.post(f"{ui_server}/api/ask", json={"question": "谁负责粮食产量？"}, timeout=60).json()
    assert text.startswith(answer["answer"].strip()[:30])
    assert "来源（" in text and answer["citations"][0]["doc_id"] in text
    assert "**" not in text and "\\" not in text and "<" not in text
    context.close()


def test_scope_holds_across_turns_and_clear_forgets_them(browser, ui_server, records):
    """Scope set, two turns: every document the answers cite is the chosen one; after 清空对话
    a follow-up without its subject is not resolved from the cleared turns."""
    page = open_page(browser, ui_server)
    page.locator("#scope input").click()
    page.get_by_role("option", name=DOC, exact=False).first.click()
    ask(page, "谁负责粮食产量？")
    ask(page, "菜篮子工作谁牵头？")
    answers = page.locator("#chat .wb-msg.wb-bot .wb-answer").all_inner_texts()
    assert len(answers) == 2
    for text in answers:
        cited = {d for d in records.documents if d in text}
        assert cited == {DOC}, f"citations outside the scope: {cited - {DOC}}"
    shot(page, "ui-scope.png")
    page.locator("#clear").click()
    expect(page.locator("#chat .wb-empty")).to_be_visible()
    ask(page, "配合单位有哪些？")
    expect(page.locator("#chat")).not_to_contain_text("菜篮子")
    page.context.close()
