"""A user in a browser: asks, sees the answer with its sources, asks a follow-up."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.slow, pytest.mark.integration]

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
TIMEOUT_MS = 60_000


def ask_in_ui(page: Page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()


@pytest.fixture
def page(browser, ui_server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 1100}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{ui_server}/")  # redirects to /ui/
    expect(page.locator("#question textarea")).to_be_visible()
    yield page
    context.close()


def test_ask_see_sources_then_follow_up(page: Page, ui_server: str) -> None:
    expect(page.get_by_text("张虎分管哪些任务？").first).to_be_visible()  # example questions
    chat = page.locator("#chat")

    ask_in_ui(page, "谁负责粮食产量？")
    expect(chat).to_contain_text("农业农村厅", timeout=TIMEOUT_MS)
    expect(chat).to_contain_text("粤府〔2023〕18号")
    expect(chat).to_contain_text("来源")

    # The follow-up as the API answers it, with the same history the UI keeps.
    first = httpx.post(f"{ui_server}/api/ask", json={"question": "谁负责粮食产量？"},
                       timeout=60).json()
    expected = httpx.post(f"{ui_server}/api/ask", timeout=60, json={
        "question": "配合单位有哪些？",
        "history": [{"role": "user", "content": "谁负责粮食产量？"},
                    {"role": "assistant", "content": first["answer"]}]}).json()
    assert expected["resolved_question"] != "配合单位有哪些？"

    ask_in_ui(page, "配合单位有哪些？")
    expect(chat).to_contain_text("理解为：" + expected["resolved_question"], timeout=TIMEOUT_MS)
    first_line = expected["answer"].strip().splitlines()[0][:20]
    expect(chat).to_contain_text(first_line)

    # Unroll the chat's scroll box so the screenshot shows the whole conversation.
    page.add_style_tag(content="#chat, #chat .wb-conv { height: auto !important; "
                               "max-height: none !important; }")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui.png"), full_page=True)


def test_scope_selector_limits_the_sources(page: Page) -> None:
    page.locator("#scope input").click()
    page.get_by_role("option", name="穗府〔2024〕1号", exact=False).first.click()
    ask_in_ui(page, "菜篮子工作谁牵头？")
    chat = page.locator("#chat")
    expect(chat).to_contain_text("穗府〔2024〕1号", timeout=TIMEOUT_MS)
    expect(chat).not_to_contain_text("粤府〔2023〕18号")
