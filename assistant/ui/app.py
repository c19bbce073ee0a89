"""Gradio Blocks chat UI (Chinese), mounted by the API at /ui."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import Any

import gradio as gr
from fastapi import FastAPI

from assistant.errors import AssistantError
from assistant.ui.format import (ALL_DOCUMENTS, ALL_DOCUMENTS_LABEL, format_answer,
                                 format_error, recent_history, scope_choices, scope_value)

logger = logging.getLogger(__name__)

EXAMPLES = ["谁负责粮食产量？", "张虎分管哪些任务？", "环卫工人工龄工资怎么算？",
            "2024年广州市菜篮子工作谁牵头？"]

# System fonts only: the default theme fetches Google Fonts, which these machines cannot reach.
THEME = gr.themes.Soft(
    font=["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
          "system-ui", "sans-serif"],
    font_mono=["ui-monospace", "monospace"])
CSS = "#chat blockquote { font-size: 0.92em; color: var(--body-text-color-subdued); }"

AssistantGetter = Callable[[], Any]


def build_ui(assistant_getter: AssistantGetter) -> gr.Blocks:
    """The chat UI; `assistant_getter()` returns the loaded Assistant or raises AssistantError."""

    def load_scopes() -> tuple[Any, str]:
        try:
            documents = assistant_getter().documents()
        except AssistantError as exc:
            return gr.update(choices=scope_choices([]), value=ALL_DOCUMENTS), format_error(exc)
        return gr.update(choices=scope_choices(documents), value=ALL_DOCUMENTS), ""

    def add_question(question: str, display: list[dict[str, str]]) -> tuple[str, Any, Any, str]:
        question = (question or "").strip()
        if not question:
            return "", display, display, ""
        display = [*display, {"role": "user", "content": question}]
        return "", display, display, question

    def answer(question: str, scope: str | None, display: list[dict[str, str]],
               turns: list[dict[str, str]]) -> tuple[Any, Any, Any]:
        if not question:
            return display, display, turns
        try:
            assistant = assistant_getter()
            limit = assistant.settings.max_history_turns
            result = assistant.ask(question, history=recent_history(turns, limit),
                                   scope=scope_value(scope))
        except AssistantError as exc:
            logger.info("ui ask failed: %s", exc)
            display = [*display, {"role": "assistant", "content": format_error(exc)}]
            return display, display, turns
        display = [*display, {"role": "assistant", "content": format_answer(result, question)}]
        turns = [*turns, {"role": "user", "content": question},
                 {"role": "assistant", "content": result.answer}]
        return display, display, turns

    def clear() -> tuple[list, list, list, str]:
        return [], [], [], ""

    with gr.Blocks(title="广东政策文件问答助手", analytics_enabled=False) as demo:
        gr.Markdown("## 广东省 / 广州市政策文件问答助手\n"
                    "回答均注明出处（文号、任务序号或章节）并附原文；资料中没有的内容会如实说明。")
        status = gr.Markdown(elem_id="status")
        scope = gr.Dropdown(choices=[(ALL_DOCUMENTS_LABEL, ALL_DOCUMENTS)], value=ALL_DOCUMENTS,
                            label="检索范围", interactive=True, elem_id="scope")
        chatbot = gr.Chatbot(label="对话", elem_id="chat", height=560, feedback_options=None,
                             buttons=["copy"], placeholder="请在下方输入问题，或点击示例问题。")
        display = gr.State([])
        turns = gr.State([])
        pending = gr.State("")
        with gr.Row():
            box = gr.Textbox(show_label=False, placeholder="输入问题，例如：谁负责粮食产量？",
                             elem_id="question", scale=8, lines=1, max_lines=4)
            send = gr.Button("提问", variant="primary", elem_id="send", scale=1)
        clear_btn = gr.Button("清空对话", elem_id="clear", size="sm")
        gr.Examples(examples=[[q] for q in EXAMPLES], inputs=[box], label="示例问题")

        demo.load(load_scopes, outputs=[scope, status], api_visibility="private")
        for trigger in (box.submit, send.click):
            trigger(add_question, [box, display], [box, chatbot, display, pending], queue=False,
                    api_visibility="private"
                    ).then(answer, [pending, scope, display, turns], [chatbot, display, turns],
                           api_visibility="private")
        clear_btn.click(clear, outputs=[chatbot, display, turns, pending], queue=False,
                        api_visibility="private")
    demo.queue(default_concurrency_limit=2, max_size=64)
    return demo


def mount_ui(app: FastAPI, assistant_getter: AssistantGetter, *, path: str = "/ui",
             api_key: str = "") -> FastAPI:
    """Mount the UI on `app`. With an API key set, the UI asks for it at a login page
    (any user name, the key as password), so the UI is no way around the key."""
    auth = None
    if api_key:
        def auth(username: str, password: str) -> bool:
            return secrets.compare_digest(password.encode(), api_key.encode())
    return gr.mount_gradio_app(
        app, build_ui(assistant_getter), path=path, auth=auth,
        auth_message="请输入 API 密钥（用户名任意）。" if api_key else None,
        footer_links=[], ssr_mode=False, mcp_server=False, pwa=False, run_history=False,
        enable_monitoring=False, show_error=False, theme=THEME, css=CSS)
