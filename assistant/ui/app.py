"""The officials' workbench (Gradio Blocks, Chinese), mounted by the API at /ui.

Three tabs — 问答 (chat with inline source markers, 👍/👎, copy, Markdown export),
文件 (document list and full-text view with anchors) and 任务清单 (the 分工 tables,
filtered, exported as .xlsx / .csv) — and a source viewer beside them (a drawer on
phones). Clicks inside the HTML parts reach Python through a hidden textbox (#wb-bridge)
carrying one JSON action, so they pass Gradio's session and login like any event.
The logic lives in Assistant and assistant.workbench; this module wires and formats.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI
from fastapi.responses import FileResponse

from assistant.errors import AssistantError
from assistant.ui.format import (ALL_DOCUMENTS, ALL_DOCUMENTS_LABEL, error_text, recent_history,
                                 scope_choices, scope_value)
from assistant.ui.locale import I18N, ChineseLocaleMiddleware
from assistant.ui.render import (conversation_html, conversation_markdown, document_list_html,
                                 document_view_html, task_table_html, viewer_html)
from assistant.workbench import (FeedbackEntry, TaskFilter, document_list, document_outline,
                                 filter_tasks, task_rows, to_csv, to_xlsx)
from assistant.workbench.sources import locator_for
from assistant.workbench.task_table import UnitRole

logger = logging.getLogger(__name__)

EXAMPLES = ["谁负责粮食产量？", "张虎分管哪些任务？", "环卫工人工龄工资怎么算？",
            "2024年广州市菜篮子工作谁牵头？"]
STATIC = Path(__file__).resolve().parent / "static"
ALL = "__all__"
ROLE_CHOICES = [("不限", UnitRole.ANY.value), ("牵头", UnitRole.LEAD.value),
                ("配合", UnitRole.CO.value)]

# System fonts only: the default theme fetches Google Fonts, which these machines cannot reach.
THEME = gr.themes.Soft(
    font=["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
          "system-ui", "sans-serif"],
    font_mono=["ui-monospace", "monospace"])

AssistantGetter = Callable[[], Any]
StoreGetter = Callable[[], Any]

_AFTER_ANSWER_JS = "() => { setTimeout(() => window.wbShowLatestAnswer && window.wbShowLatestAnswer(), 30); }"
_AFTER_BRIDGE_JS = """(p) => { setTimeout(() => { try { const a = JSON.parse(p || "{}");
  if (a.a === "doc") { window.wbShowAnchor && window.wbShowAnchor(a.anchor); }
  else if (a.a === "cite" || a.a === "task") { window.wbShowCited && window.wbShowCited(); }
} catch (e) {} }, 60); }"""
_AFTER_LOAD_JS = "() => { setTimeout(() => { if (location.hash) window.wbShowAnchor && window.wbShowAnchor(); }, 300); }"
_CLEAR_JS = "() => { window.wbCloseViewer && window.wbCloseViewer(); window.wbResetCounter && window.wbResetCounter(); }"


EXPORT_CACHE = 64  # task-list exports kept per filter
EXPORT_MAX_AGE_S = 3600  # export files older than this are deleted (Gradio has copied them)


def prune(folder: Path, max_age_s: float = EXPORT_MAX_AGE_S) -> None:
    """Delete export files older than `max_age_s` so the temp folder does not grow."""
    cutoff = time.time() - max_age_s
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass


def _safe_name(text: str, limit: int = 60) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text)[:limit] or "导出"


def build_ui(assistant_getter: AssistantGetter, *, feedback_store: StoreGetter | None = None,
             max_question_chars: int = 500) -> gr.Blocks:
    """The workbench; `assistant_getter()` returns the loaded Assistant or raises AssistantError,
    `feedback_store()` the FeedbackStore (feedback is disabled without it)."""
    export_dir = Path(tempfile.mkdtemp(prefix="assistant-ui-"))
    exports: dict[tuple[int, TaskFilter], tuple[Path, Path]] = {}  # filter -> files, oldest first

    def records_and_locator() -> tuple[Any, Any]:
        assistant = assistant_getter()
        return assistant.records, locator_for(assistant.records, assistant.settings.corpus_dir)

    # ---- chat --------------------------------------------------------------------------
    def add_question(question: str, display: list[dict[str, Any]]) -> tuple[Any, ...]:
        question = (question or "").strip()
        if not question:
            return gr.skip(), gr.skip(), display, ""
        display = [*display, {"role": "user", "content": question}]
        if len(question) > max_question_chars:
            display.append({"role": "error", "content": (
                f"问题共 {len(question)} 字，超过 {max_question_chars} 字的上限，请精简后再问。")})
            return "", conversation_html(display), display, ""
        return "", conversation_html(display, pending=True), display, question

    def answer(question: str, scope: str | None, display: list[dict[str, Any]],
               turns: list[dict[str, str]]) -> tuple[Any, ...]:
        if not question:
            return gr.skip(), display, turns, gr.skip()
        try:
            assistant = assistant_getter()
            history = recent_history(turns, assistant.settings.max_history_turns)
            result = assistant.ask(question, history=history, scope=scope_value(scope))
        except AssistantError as exc:
            logger.info("ui ask failed: %s", exc)
            display = [*display, {"role": "error", "content": error_text(exc)}]
            return conversation_html(display), display, turns, export_conversation(display)
        data = result.to_dict()
        data.setdefault("answer_markdown", getattr(result, "answer_markdown", "") or "")
        display = [*display, {"role": "assistant", "question": question, "answer": data,
                              "history": history, "scope": scope_value(scope) or ""}]
        turns = [*turns, {"role": "user", "content": question},
                 {"role": "assistant", "content": result.answer}]
        return conversation_html(display), display, turns, export_conversation(display)

    def export_conversation(display: list[dict[str, Any]]) -> Any:
        if not display:
            return gr.DownloadButton(value=None, interactive=False)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        prune(export_dir)
        path = export_dir / f"对话记录_{stamp}_{secrets.token_hex(3)}.md"
        path.write_text(conversation_markdown(display, time.strftime("%Y-%m-%d %H:%M:%S")),
                        encoding="utf-8")
        return gr.DownloadButton(value=str(path), interactive=True)

    def clear() -> tuple[Any, ...]:
        return ([], [], "", conversation_html([]), viewer_html(None),
                gr.DownloadButton(value=None, interactive=False), "")

    # ---- bridge: markers, sources, rows, documents, feedback ---------------------------
    def on_bridge(payload: str, display: list[dict[str, Any]]) -> tuple[Any, ...]:
        skip = gr.skip()
        try:
            action = json.loads(payload or "{}")
        except json.JSONDecodeError:
            return skip, skip, skip, skip, skip
        kind = action.get("a")
        try:
            if kind == "cite":
                m, n = int(action["m"]), int(action["n"])
                citation = display[m]["answer"]["citations"][n - 1]
                _, locator = records_and_locator()
                view = locator.locate(citation["doc_id"], citation.get("task_no"),
                                      citation.get("section"), citation.get("text"),
                                      citation.get("highlight"))
                return viewer_html(view.to_dict(), citation, n), skip, skip, skip, skip
            if kind == "task":
                _, locator = records_and_locator()
                view = locator.locate(str(action["doc"]), str(action["no"]))
                return viewer_html(view.to_dict()), skip, skip, skip, skip
            if kind == "doc":
                records, _ = records_and_locator()
                outline = document_outline(records, str(action["doc"]))
                return skip, skip, skip, gr.Tabs(selected="docs"), document_view_html(outline)
            if kind in ("fb", "fbc"):
                display = record_feedback(action, display)
                return skip, conversation_html(display), display, skip, skip
        except AssistantError as exc:
            return viewer_html(None, error=error_text(exc)), skip, skip, skip, skip
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            logger.info("ui bridge: bad action %r: %s", payload[:200], exc)
            return viewer_html(None, error="没有找到这条来源，请重新提问后再点击。"), skip, skip, skip, skip
        return skip, skip, skip, skip, skip

    def record_feedback(action: dict[str, Any], display: list[dict[str, Any]]) -> list[dict[str, Any]]:
        m = int(action["m"])
        msg = display[m]
        if msg.get("role") != "assistant":
            return display
        fb = dict(msg.get("feedback") or {})
        store = feedback_store() if feedback_store else None
        try:
            if store is None:
                raise AssistantError("feedback store not configured")
            if action["a"] == "fb":
                rating = "up" if action.get("r") == "up" else "down"
                if fb.get("id"):
                    store.update(fb["id"], rating=rating)
                else:
                    a = msg["answer"]
                    fb["id"] = store.add(FeedbackEntry(
                        rating=rating, question=msg["question"], history=msg.get("history", []),
                        resolved_question=a.get("resolved_question", ""), answer=a.get("answer", ""),
                        answerable=a.get("answerable"), citations=a.get("citations", []),
                        scope=msg.get("scope", ""), build_id=_build_id(), source="ui"))
                fb["rating"] = rating
                fb["status"] = "已记录，谢谢！可在下方补充说明。"
            else:
                if not fb.get("id"):
                    return display
                comment = str(action.get("c") or "")
                if len(comment.strip()) > 2000:
                    fb["status"] = f"补充说明共 {len(comment.strip())} 字，超过 2000 字的上限，请精简。"
                else:
                    store.update(fb["id"], comment=comment)
                    fb["comment"] = comment.strip()
                    fb["status"] = "意见已提交，谢谢！"
        except AssistantError as exc:
            logger.warning("ui feedback not stored: %s", exc)
            fb["status"] = "反馈未能保存，请稍后再试。"
        display = list(display)
        display[m] = {**msg, "feedback": fb}
        return display

    def _build_id() -> str:
        try:
            meta = getattr(getattr(assistant_getter(), "store", None), "meta", None) or {}
        except AssistantError:
            return ""
        return str(meta.get("build_id", ""))

    # ---- task table --------------------------------------------------------------------
    def run_query(doc: str | None, year: str | None, leader: str | None, unit: str | None,
                  role: str | None, q: str | None) -> tuple[Any, Any, Any]:
        try:
            records, _ = records_and_locator()
        except AssistantError as exc:
            return (f'<p class="wb-v-error">{error_text(exc)}</p>',
                    gr.DownloadButton(value=None, interactive=False),
                    gr.DownloadButton(value=None, interactive=False))
        f = TaskFilter(doc_id=None if doc in (None, "", ALL) else doc,
                       year=None if year in (None, "", ALL) else int(year),
                       leader=None if leader in (None, "", ALL) else leader.strip(),
                       unit=None if unit in (None, "", ALL) else unit.strip(),
                       role=UnitRole(role or UnitRole.ANY.value),
                       q=(q or "").strip() or None)
        rows = task_rows(records, filter_tasks(records, f))
        caption = f.describe()
        key = (id(records), f)
        xlsx, csv = exports.get(key, (None, None))
        if xlsx is None or not xlsx.exists() or not csv.exists():
            prune(export_dir)
            base = export_dir / f"任务清单_{_safe_name(f.describe('_'))}_{secrets.token_hex(3)}"
            xlsx, csv = base.with_suffix(".xlsx"), base.with_suffix(".csv")
            xlsx.write_bytes(to_xlsx(rows))
            csv.write_bytes(to_csv(rows))
            if len(exports) >= EXPORT_CACHE:
                exports.pop(next(iter(exports)))
            exports[key] = (xlsx, csv)
        return (task_table_html(rows, caption),
                gr.DownloadButton(value=str(xlsx), interactive=True),
                gr.DownloadButton(value=str(csv), interactive=True))

    def counter_html(ready: bool = False) -> str:
        # data-ready marks a page whose load event has run (the browser tests wait for it)
        return (f'<div id="q-counter" data-max="{max_question_chars}" data-ready="{int(ready)}">'
                f'0/{max_question_chars}</div>')

    # ---- page load ---------------------------------------------------------------------
    def on_load(request: gr.Request) -> tuple[Any, ...]:
        skip = gr.skip()
        try:
            assistant = assistant_getter()
            records = assistant.records
            documents = document_list(records)
        except AssistantError as exc:
            return (gr.Dropdown(choices=scope_choices([]), value=ALL_DOCUMENTS),
                    f"**索引尚未就绪**：{error_text(exc)}", *([skip] * 10), counter_html(True))
        task_docs = [d for d in documents if d.get("tasks")]
        years = sorted({d["year"] for d in task_docs}, reverse=True)
        leaders = sorted(records.tasks_by_leader, key=lambda n: (-len(records.tasks_by_leader[n]), n))
        units = sorted(records.tasks_by_unit, key=lambda u: (-len(records.tasks_by_unit[u]), u))
        doc = (request.query_params.get("doc") if request else None) or ""
        tabs, view = skip, skip
        if doc in records.documents:
            tabs, view = gr.Tabs(selected="docs"), document_view_html(document_outline(records, doc))
        table, xlsx, csv = run_query(ALL, ALL, ALL, ALL, UnitRole.ANY.value, "")
        issuers = "、".join(dict.fromkeys(d["issuer"] for d in documents if d.get("issuer")))
        summary = f"收录 {len(documents)} 份文件（{issuers}）。" if issuers else ""
        return (gr.Dropdown(choices=scope_choices(documents), value=ALL_DOCUMENTS), summary,
                document_list_html(documents), tabs, view,
                gr.Dropdown(choices=[("全部文件", ALL)] + [(f"{d['doc_id']}（{d['tasks']}项）", d["doc_id"])
                                                         for d in task_docs], value=ALL),
                gr.Dropdown(choices=[("全部年份", ALL)] + [(f"{y}年", str(y)) for y in years], value=ALL),
                gr.Dropdown(choices=[("全部领导", ALL)] + [(f"{n}（{len(records.tasks_by_leader[n])}）", n)
                                                         for n in leaders], value=ALL),
                gr.Dropdown(choices=[("全部单位", ALL)] + [(u, u) for u in units], value=ALL),
                table, xlsx, csv, counter_html(True))

    # ---- layout ------------------------------------------------------------------------
    with gr.Blocks(title="广东政策文件问答助手", analytics_enabled=False,
                   delete_cache=(3600, 3600)) as demo:
        gr.Markdown("## 政策文件问答助手\n"
                    "回答均注明出处（文号、任务序号或章节）并附原文；资料中没有的内容会如实说明。",
                    elem_id="wb-header")
        status = gr.Markdown(elem_id="status")
        with gr.Row(elem_id="wb-main"):
            with gr.Column(scale=3, min_width=0, elem_id="main-col"):
                with gr.Tabs(elem_id="tabs") as tabs:
                    with gr.Tab("问答", id="chat", elem_id="tab-chat"):
                        scope = gr.Dropdown(choices=[(ALL_DOCUMENTS_LABEL, ALL_DOCUMENTS)],
                                            value=ALL_DOCUMENTS, label="检索范围",
                                            interactive=True, elem_id="scope")
                        chat = gr.HTML(conversation_html([]), elem_id="chat", label="对话",
                                       show_label=False)
                        with gr.Row(equal_height=True):
                            box = gr.Textbox(show_label=False, label="问题", elem_id="question",
                                             placeholder="输入问题，例如：谁负责粮食产量？",
                                             scale=8, lines=1, max_lines=4,
                                             max_length=max_question_chars)
                            send = gr.Button("提问", variant="primary", elem_id="send", scale=1,
                                             min_width=72)
                        counter = gr.HTML(counter_html(), elem_id="q-counter-wrap",
                                          show_label=False)
                        with gr.Row(elem_classes="wb-examples"):
                            gr.Markdown("示例问题：", elem_id="examples-label")
                            example_buttons = [gr.Button(q, size="sm", elem_classes="wb-example")
                                               for q in EXAMPLES]
                        with gr.Row():
                            clear_btn = gr.Button("清空对话", elem_id="clear", size="sm")
                            export_btn = gr.DownloadButton("导出对话记录", value=None,
                                                           interactive=False, size="sm",
                                                           elem_id="export-chat")
                    with gr.Tab("文件", id="docs", elem_id="tab-docs"):
                        doc_list = gr.HTML(elem_id="doc-list", show_label=False)
                        doc_view = gr.HTML(document_view_html(None), elem_id="doc-view",
                                           show_label=False)
                    with gr.Tab("任务清单", id="tasks", elem_id="tab-tasks"):
                        with gr.Row():
                            t_doc = gr.Dropdown([("全部文件", ALL)], value=ALL, label="文件",
                                                elem_id="t-doc", min_width=160)
                            t_year = gr.Dropdown([("全部年份", ALL)], value=ALL, label="年份",
                                                 elem_id="t-year", min_width=120)
                            t_leader = gr.Dropdown([("全部领导", ALL)], value=ALL, label="分管领导",
                                                   elem_id="t-leader", filterable=True,
                                                   allow_custom_value=True, min_width=140)
                        with gr.Row():
                            t_unit = gr.Dropdown([("全部单位", ALL)], value=ALL, label="单位",
                                                 elem_id="t-unit", filterable=True,
                                                 allow_custom_value=True, min_width=180)
                            t_role = gr.Radio(ROLE_CHOICES, value=UnitRole.ANY.value,
                                              label="单位角色", elem_id="t-role", min_width=160)
                            t_q = gr.Textbox(label="关键词", placeholder="例如：就业",
                                             elem_id="t-q", min_width=140)
                        with gr.Row():
                            t_search = gr.Button("查询", variant="primary", elem_id="t-search",
                                                 size="sm")
                            t_reset = gr.Button("重置", elem_id="t-reset", size="sm")
                            dl_xlsx = gr.DownloadButton("导出电子表格", value=None,
                                                        interactive=False, size="sm",
                                                        elem_id="t-xlsx")
                            dl_csv = gr.DownloadButton("导出文本表格", value=None, interactive=False,
                                                       size="sm", elem_id="t-csv")
                        t_table = gr.HTML(elem_id="task-table", show_label=False)
            with gr.Column(scale=2, min_width=0, elem_id="viewer-col"):
                viewer = gr.HTML(viewer_html(None), elem_id="viewer", show_label=False)
        bridge = gr.Textbox(visible="hidden", elem_id="wb-bridge", label="内部通道")

        display = gr.State([])
        turns = gr.State([])
        pending = gr.State("")

        hidden = {"show_progress": "hidden", "api_visibility": "private"}
        filters = [t_doc, t_year, t_leader, t_unit, t_role, t_q]
        demo.load(on_load, outputs=[scope, status, doc_list, tabs, doc_view, t_doc, t_year,
                                    t_leader, t_unit, t_table, dl_xlsx, dl_csv, counter], **hidden
                  ).then(None, js=_AFTER_LOAD_JS)

        def ask_chain(trigger: Any, fn: Callable, inputs: list) -> None:
            trigger(fn, inputs, [box, chat, display, pending], queue=False, **hidden
                    ).then(answer, [pending, scope, display, turns],
                           [chat, display, turns, export_btn], **hidden
                           ).then(None, js=_AFTER_ANSWER_JS)

        ask_chain(box.submit, add_question, [box, display])
        ask_chain(send.click, add_question, [box, display])
        for button, question in zip(example_buttons, EXAMPLES):
            ask_chain(button.click, lambda d, q=question: add_question(q, d), [display])
        clear_btn.click(clear, outputs=[display, turns, pending, chat, viewer, export_btn, box],
                        queue=False, js=_CLEAR_JS, **hidden)

        bridge.change(on_bridge, [bridge, display], [viewer, chat, display, tabs, doc_view],
                      **hidden).then(None, [bridge], js=_AFTER_BRIDGE_JS)

        for component in (t_doc, t_year, t_leader, t_unit, t_role):
            component.input(run_query, filters, [t_table, dl_xlsx, dl_csv], **hidden)
        t_q.submit(run_query, filters, [t_table, dl_xlsx, dl_csv], **hidden)
        t_search.click(run_query, filters, [t_table, dl_xlsx, dl_csv], **hidden)
        t_reset.click(lambda: (ALL, ALL, ALL, ALL, UnitRole.ANY.value, ""), outputs=filters,
                      queue=False, **hidden
                      ).then(run_query, filters, [t_table, dl_xlsx, dl_csv], **hidden)
    demo.queue(default_concurrency_limit=2, max_size=64)
    return demo


def _head() -> str:
    script = (STATIC / "workbench.js").read_text(encoding="utf-8")
    layout = (STATIC / "layout.css").read_text(encoding="utf-8")
    return ('<link rel="icon" type="image/x-icon" href="/favicon.ico">'
            f"<style>{layout}</style><script>{script}</script>")


# Gradio's event queue polls for work every 1 ms when it has none (and for progress updates
# every 10 ms): ~1,100 event-loop wake-ups a second in every worker, each taking the GIL from
# the threads computing answers. Idle, a worker with the UI used 3.5% of a core against 0.2%
# without it; under load (benchmarks/load_api.py, 2 workers x 8 clients) 11.8-11.9 ms of CPU
# per /api/ask request against 11.1-11.3 ms without the UI. A queued UI event waits at most
# UI_QUEUE_POLL_S more to start (Gradio's own value on Windows is 50 ms).
UI_QUEUE_POLL_S = 0.02
UI_PROGRESS_POLL_S = 0.1


def calm_queue(blocks: gr.Blocks) -> None:
    """Poll Gradio's queue every UI_QUEUE_POLL_S (progress every UI_PROGRESS_POLL_S) instead of
    its 1 ms (10 ms); only ever lengthens them."""
    queue = getattr(blocks, "_queue", None)
    if queue is None:
        return
    queue.sleep_when_free = max(getattr(queue, "sleep_when_free", 0.0), UI_QUEUE_POLL_S)
    queue.progress_update_sleep_when_free = max(getattr(queue, "progress_update_sleep_when_free", 0.0),
                                                UI_PROGRESS_POLL_S)


def mount_ui(app: FastAPI, assistant_getter: AssistantGetter, *, path: str = "/ui",
             api_key: str = "", feedback_store: StoreGetter | None = None,
             max_question_chars: int = 500) -> FastAPI:
    """Mount the UI on `app`. With an API key set, the UI asks for it at a login page
    (any user name, the key as password), so the UI is no way around the key."""
    auth = None
    if api_key:
        def auth(username: str, password: str) -> bool:
            return secrets.compare_digest(password.encode(), api_key.encode())

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon",
                            headers={"Cache-Control": "public, max-age=86400"})

    app.add_middleware(ChineseLocaleMiddleware, path=path)
    blocks = build_ui(assistant_getter, feedback_store=feedback_store, max_question_chars=max_question_chars)
    calm_queue(blocks)
    return gr.mount_gradio_app(
        app, blocks,
        path=path, auth=auth,
        auth_message="请输入访问密钥（用户名任意）。" if api_key else None,
        footer_links=[], ssr_mode=False, mcp_server=False, pwa=False, run_history=False,
        enable_monitoring=False, show_error=False, theme=THEME, i18n=I18N,
        css=(STATIC / "workbench.css").read_text(encoding="utf-8"), head=_head())
