"""HTML of the workbench UI: conversation, source viewer, document list and view, task table.

Every text from an answer or the corpus is HTML-escaped here; the markup carries
`data-wb` actions that the page script (static/workbench.js) turns into requests.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from assistant.records import Answer

MARKER = re.compile(r"\[(\d{1,3})\]")
_TAG = re.compile(r"(<[^>]*>)")
MAX_TABLE_ROWS = 200
# 👍 / 👎 as inline icons: emoji need a colour-emoji font that office machines may lack.
_THUMB = ('<svg class="wb-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"{flip}>'
          '<path fill="currentColor" d="M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32'
          'c0-.41-.17-.79-.44-1.06L13.17 1 6.59 7.59C6.22 7.95 6 8.45 6 9v10c0 1.1.9 2 2 2h9c.83 0 '
          '1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z"/></svg>')
THUMB_UP = _THUMB.format(flip="")
THUMB_DOWN = _THUMB.format(flip=' style="transform: rotate(180deg)"')
LEVELS = {"省": "省级", "市": "市级"}


def esc(text: Any) -> str:
    """Escaped text; braces too, so no template syntax of the page can fire on corpus text."""
    return html.escape(str(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _attr(value: Any) -> str:
    return esc(value)


# ---- conversation -----------------------------------------------------------------------

def answer_markdown(answer: Answer | dict[str, Any]) -> str:
    """The Markdown rendering when the Answer carries one (newer retrieval), else ''."""
    if isinstance(answer, dict):
        return str(answer.get("answer_markdown") or "")
    return str(getattr(answer, "answer_markdown", "") or "")


def _markdown_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).enable("table")
    return md.render(markdown)


def link_markers(body_html: str, message: int, n_citations: int) -> str:
    """Every [n] (1 <= n <= n_citations) outside tags becomes a marker opening citations[n-1]."""
    def marker(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if not 1 <= n <= n_citations:
            return m.group(0)
        return (f'<a href="#" class="wb-cite" data-wb="cite" data-m="{message}" data-n="{n}" '
                f'title="查看来源 {n}" aria-label="查看来源 {n}">[{n}]</a>')

    parts = _TAG.split(body_html)
    inside_link = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            if part.startswith("<a ") or part == "<a>":
                inside_link = True
            elif part.startswith("</a"):
                inside_link = False
            continue
        if not inside_link:
            parts[i] = MARKER.sub(marker, part)
    return "".join(parts)


def answer_body_html(answer: dict[str, Any], message: int) -> str:
    """The answer as HTML: `answer_markdown` rendered when present, else the plain `answer`."""
    n = len(answer.get("citations") or [])
    markdown = answer_markdown(answer)
    if markdown.strip():
        body = _markdown_html(markdown).replace("{", "&#123;").replace("}", "&#125;")
        return f'<div class="wb-answer wb-md">{link_markers(body, message, n)}</div>'
    text = str(answer.get("answer") or "").strip() or "（没有回答）"
    return f'<div class="wb-answer">{link_markers(esc(text), message, n)}</div>'


def source_label(c: dict[str, Any], sep: str) -> str:
    """"粤府〔2023〕18号《title》 第10项": a citation's document, title and place in it."""
    title = c.get("doc_title") or ""
    head = c["doc_id"] + (f"《{title}》" if title and title != c["doc_id"] else "")
    where = citation_where(c)
    return head + (f"{sep}{where}" if where else "")


def citation_where(c: dict[str, Any]) -> str:
    """"任务第10项 · 一、…" or the section path."""
    parts = []
    if c.get("task_no"):
        no = str(c["task_no"])
        parts.append(f"民生实事第{no.replace('民生实事-', '')}项" if no.startswith("民生实事-")
                     else f"任务第{no}项")
    if c.get("section"):
        parts.append(str(c["section"]))
    return " · ".join(parts)


def sources_html(citations: Sequence[dict[str, Any]], message: int) -> str:
    if not citations:
        return ""
    items = []
    for n, c in enumerate(citations, 1):
        title = c.get("doc_title") or ""
        head = f'<b>{esc(c["doc_id"])}</b>'
        if title and title != c["doc_id"]:
            head += f"《{esc(title)}》"
        where = citation_where(c)
        text = str(c.get("text") or "").strip()
        items.append(
            f'<li><a href="#" class="wb-src" data-wb="cite" data-m="{message}" data-n="{n}">'
            f'<span class="wb-src-n">[{n}]</span> {head}'
            + (f' · {esc(where)}' if where else "")
            + '<span class="wb-src-open">查看原文</span></a>'
            + (f'<blockquote>{esc(text)}</blockquote>' if text else "") + "</li>")
    return (f'<div class="wb-sources"><div class="wb-sources-h">来源（{len(citations)}）</div>'
            f'<ol>{"".join(items)}</ol></div>')


_SOURCES_BLOCK = re.compile(r"\n\s*来源[:：]\s*\n.*\Z", re.S)


def direct_part(answer_text: str) -> str:
    """The answer without the short numbered source list newer answers end with."""
    return _SOURCES_BLOCK.sub("", answer_text.strip()).strip()


def plain_text(answer: dict[str, Any], question: str = "") -> str:
    """What 复制 puts on the clipboard: the plain answer and its sources with their verbatim
    text, no Markdown."""
    lines = []
    resolved = str(answer.get("resolved_question") or "")
    if resolved and question and _squash(resolved) != _squash(question):
        lines.append(f"理解为：{resolved}")
    if not answer.get("answerable", True):
        lines.append("未找到依据")
    lines.append(direct_part(str(answer.get("answer") or "")))
    citations = answer.get("citations") or []
    if citations:
        lines += ["", f"来源（{len(citations)}）："]
        for n, c in enumerate(citations, 1):
            lines.append(f"[{n}] {source_label(c, ' ')}")
            for line in str(c.get("text") or "").strip().splitlines():
                if line.strip():
                    lines.append(f"    {line.strip()}")
    return "\n".join(lines).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def feedback_html(message: int, feedback: dict[str, Any] | None) -> str:
    rating = (feedback or {}).get("rating")
    comment = (feedback or {}).get("comment") or ""
    status = (feedback or {}).get("status") or ""

    def button(r: str, label: str) -> str:
        pressed = "true" if rating == r else "false"
        return (f'<button type="button" class="wb-fb" data-wb="fb" data-m="{message}" '
                f'data-r="{r}" aria-pressed="{pressed}" title="{label}">'
                f'{THUMB_UP if r == "up" else THUMB_DOWN}<span>{label}</span></button>')

    form = ""
    if rating:
        form = (f'<div class="wb-fb-form"><label>补充说明（可选）：'
                f'<textarea maxlength="2000" rows="2" placeholder="例如：来源不对，应为……">'
                f'{esc(comment)}</textarea></label>'
                f'<span class="wb-count">{len(comment)}/2000</span>'
                f'<button type="button" class="wb-btn" data-wb="fb-send" data-m="{message}">'
                f'提交意见</button></div>')
    return (f'{button("up", "有帮助")}{button("down", "没帮助")}'
            f'<span class="wb-fb-status" role="status">{esc(status)}</span>{form}')


def message_html(i: int, msg: dict[str, Any]) -> str:
    role = msg["role"]
    if role == "user":
        return (f'<div class="wb-msg wb-user" id="wb-msg-{i}"><div class="wb-bubble">'
                f'{esc(msg["content"])}</div></div>')
    if role == "error":
        return (f'<div class="wb-msg wb-bot wb-error" id="wb-msg-{i}"><div class="wb-bubble">'
                f'{esc(msg["content"])}</div></div>')
    answer = msg["answer"]
    parts = []
    resolved = str(answer.get("resolved_question") or "")
    if resolved and _squash(resolved) != _squash(msg.get("question", "")):
        parts.append(f'<div class="wb-resolved">理解为：{esc(resolved)}</div>')
    if not answer.get("answerable", True):
        parts.append('<div class="wb-notfound">未找到依据</div>')
    parts.append(answer_body_html(answer, i))
    if not answer_markdown(answer).strip():  # a Markdown answer lists its sources itself
        parts.append(sources_html(answer.get("citations") or [], i))
    parts.append(
        f'<div class="wb-actions"><button type="button" class="wb-btn" data-wb="copy" '
        f'data-m="{i}">复制</button>{feedback_html(i, msg.get("feedback"))}</div>')
    parts.append(f'<textarea class="wb-plain" hidden aria-hidden="true">'
                 f'{esc(plain_text(answer, msg.get("question", "")))}</textarea>')
    return (f'<div class="wb-msg wb-bot" id="wb-msg-{i}" data-m="{i}"><div class="wb-bubble">'
            + "".join(p for p in parts if p) + "</div></div>")


def conversation_html(display: Sequence[dict[str, Any]], pending: bool = False) -> str:
    if not display and not pending:
        return ('<div class="wb-conv wb-empty"><p>请在下方输入问题，或点击示例问题。</p>'
                '<p>回答中的 [1]、[2] 等标记和“来源”列表可点击，查看原文出处。</p></div>')
    body = "".join(message_html(i, m) for i, m in enumerate(display))
    if pending:
        body += ('<div class="wb-msg wb-bot wb-pending"><div class="wb-bubble">'
                 '正在检索，请稍候…</div></div>')
    return f'<div class="wb-conv">{body}</div>'


def conversation_markdown(display: Sequence[dict[str, Any]], exported_at: str) -> str:
    """The whole conversation as a Markdown file (问/答 with sources and their text)."""
    out = [f"# 政策文件问答记录\n\n导出时间：{exported_at}\n"]
    for msg in display:
        if msg["role"] == "user":
            out.append(f"## 问：{msg['content']}\n")
        elif msg["role"] == "error":
            out.append(f"{msg['content']}\n")
        else:
            a = msg["answer"]
            resolved = str(a.get("resolved_question") or "")
            if resolved and _squash(resolved) != _squash(msg.get("question", "")):
                out.append(f"*理解为：{resolved}*\n")
            if not a.get("answerable", True):
                out.append("**未找到依据**\n")
            markdown = answer_markdown(a).strip()
            out.append((markdown or str(a.get("answer") or "").strip()) + "\n")
            cites = [] if markdown else (a.get("citations") or [])
            if cites:
                out.append(f"**来源（{len(cites)}）**\n")
                for n, c in enumerate(cites, 1):
                    out.append(f"{n}. {source_label(c, ' · ')}")
                    for line in str(c.get("text") or "").strip().splitlines():
                        out.append(f"   > {line}" if line.strip() else "   >")
                    out.append("")
            fb = msg.get("feedback") or {}
            if fb.get("rating"):
                out.append(f"反馈：{'👍' if fb['rating'] == 'up' else '👎'}"
                           + (f"（{fb['comment']}）" if fb.get("comment") else "") + "\n")
    return "\n".join(out).rstrip() + "\n"


# ---- source viewer ----------------------------------------------------------------------

def document_link(doc_id: str, anchor: str = "") -> str:
    return f"?doc={quote(doc_id)}" + (f"#{quote(anchor)}" if anchor else "")


def viewer_html(view: dict[str, Any] | None, citation: dict[str, Any] | None = None,
                number: int | None = None, error: str = "") -> str:
    head = ('<div class="wb-viewer-bar"><span class="wb-viewer-h">原文出处</span>'
            '<button type="button" class="wb-btn wb-close" data-wb="close">关闭</button></div>')
    if error:
        return f'<div class="wb-viewer">{head}<p class="wb-v-error">{esc(error)}</p></div>'
    if view is None:
        return (f'<div class="wb-viewer">{head}<p class="wb-v-hint">点击回答中的 [1]、[2] 标记、'
                '“来源”中的条目或任务清单中的一行，在此查看原文及上下文。</p></div>')
    where = " / ".join(p for p in (view.get("section"), view.get("label")) if p)
    meta = " · ".join(str(p) for p in (view.get("issuer"), f"{view['year']}年" if view.get("year")
                                       else "", LEVELS.get(view.get("level", ""), "")) if p)
    label = view.get("label") or "原文"
    note = ""
    if not view.get("exact", True):
        note = ('<p class="wb-v-note">原文此处为网页转录，段落交错重复；高亮部分是该任务在原文中的位置，'
                '可能不含任务标题。</p>' if view.get("task_no") else
                '<p class="wb-v-note">引文未能在原文中逐字定位，下面显示它所在的部分。</p>')
    cite_line = f'<div class="wb-v-n">来源 [{number}]</div>' if number else ""
    link = (f'<a class="wb-doclink" href="{_attr(document_link(view["doc_id"], view.get("anchor", "")))}" '
            f'data-wb="doc" data-doc="{_attr(view["doc_id"])}" data-anchor="{_attr(view.get("anchor", ""))}">'
            f'查看全文（定位到{esc(label)}）</a>')
    return (f'<div class="wb-viewer">{head}{cite_line}'
            f'<div class="wb-v-doc">{esc(view["doc_id"])}</div>'
            f'<div class="wb-v-title">{esc(view.get("doc_title", ""))}</div>'
            f'<div class="wb-v-meta">{esc(meta)}</div>'
            + (f'<div class="wb-v-path">{esc(where)}</div>' if where else "")
            + note
            + f'<div class="wb-v-text" id="wb-v-text"><span class="wb-ctx">{esc(view["before"])}</span>'
              f'<mark class="wb-cited" id="wb-cited">{_cited_html(view)}</mark>'
              f'<span class="wb-ctx">{esc(view["after"])}</span></div>'
            + f'<div class="wb-v-foot">{link}</div></div>')


def _cited_html(view: dict[str, Any]) -> str:
    """The cited span, its answering sentences (`focus`) in bold."""
    cited = view["cited"]
    a, b = (list(view.get("focus") or (0, 0)) + [0, 0])[:2]
    if not 0 <= a < b <= len(cited):
        return esc(cited)
    return f'{esc(cited[:a])}<strong class="wb-focus">{esc(cited[a:b])}</strong>{esc(cited[b:])}'


# ---- documents ---------------------------------------------------------------------------

def document_list_html(documents: Sequence[dict[str, Any]]) -> str:
    rows = []
    for d in documents:
        counts = []
        if d.get("tasks"):
            counts.append(f"任务 {d['tasks']} 项")
        if d.get("sections"):
            counts.append(f"章节条目 {d['sections']} 个")
        rows.append(
            f'<tr data-wb="doc" data-doc="{_attr(d["doc_id"])}" tabindex="0">'
            f'<td data-h="文号"><a href="{_attr(document_link(d["doc_id"]))}" data-wb="doc" '
            f'data-doc="{_attr(d["doc_id"])}">{esc(d["doc_id"])}</a></td>'
            f'<td data-h="标题">{esc(d.get("title", ""))}</td>'
            f'<td data-h="发文机关">{esc(d.get("issuer", ""))}</td>'
            f'<td data-h="年份">{esc(d.get("year", ""))}</td>'
            f'<td data-h="层级">{esc(LEVELS.get(d.get("level", ""), d.get("level", "")))}</td>'
            f'<td data-h="内容">{esc("，".join(counts) or "—")}</td></tr>')
    return (f'<div class="wb-doclist"><p class="wb-count-line">共 {len(documents)} 份文件，'
            f'点击查看全文。</p><table class="wb-table"><thead><tr><th>文号</th><th>标题</th>'
            f'<th>发文机关</th><th>年份</th><th>层级</th><th>内容</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _names(values: Sequence[str]) -> str:
    return "、".join(values) or "—"


def document_view_html(outline: dict[str, Any] | None) -> str:
    if outline is None:
        return '<div class="wb-docview wb-v-hint">在上方列表中选择一份文件查看全文。</div>'
    out = [f'<div class="wb-docview" data-doc="{_attr(outline["doc_id"])}">'
           f'<div class="wb-v-doc">{esc(outline["doc_id"])}</div>'
           f'<h3 class="wb-doc-title">{esc(outline.get("title", ""))}</h3>'
           f'<div class="wb-v-meta">{esc(outline.get("issuer", ""))} · {esc(outline.get("year", ""))}年'
           f' · {esc(LEVELS.get(outline.get("level", ""), ""))}</div>']
    for item in outline["items"]:
        depth = min(int(item.get("depth", 0)), 4)
        if item["type"] == "heading":
            out.append(f'<div class="wb-h wb-d{depth}">{esc(item["title"])}</div>')
        elif item["type"] == "section":
            title = " ".join(p for p in (item.get("label"), item.get("title")) if p)
            if item["kind"] in ("chapter", "section", "box", "table") and title:
                out.append(f'<div class="wb-h wb-d{depth}" id="{_attr(item["anchor"])}">{esc(title)}</div>')
                if item.get("text") and item["kind"] != "table":
                    out.append(f'<p class="wb-sec-text">{esc(item["text"])}</p>')
            else:
                lead = f'<b>{esc(title)}</b> ' if title and title not in item.get("text", "") else ""
                out.append(f'<p class="wb-sec wb-d{depth}" id="{_attr(item["anchor"])}">{lead}'
                           f'{esc(item.get("text", ""))}</p>')
        else:
            no = item["task_no"]
            label = f"民生实事 {no.replace('民生实事-', '')}" if item["kind"] == "annex" else f"{no}."
            measures = (f'<div class="wb-task-m">工作措施：{esc(item["measures"])}</div>'
                        if item.get("measures") else "")
            flag = '<span class="wb-flag">归属存疑</span>' if item.get("uncertain") else ""
            out.append(
                f'<div class="wb-task" id="{_attr(item["anchor"])}">'
                f'<div class="wb-task-t"><b>{esc(label)}</b> {esc(item["title"])}{flag}</div>{measures}'
                f'<div class="wb-task-r">分管领导：{esc(_names(item["leaders"]))}　'
                f'牵头单位：{esc(_names(item["lead_units"]))}　配合单位：{esc(_names(item["co_units"]))}</div>'
                f'<a href="#" class="wb-src-open" data-wb="task" data-doc="{_attr(outline["doc_id"])}" '
                f'data-no="{_attr(no)}">查看原文</a></div>')
    out.append("</div>")
    return "".join(out)


# ---- task table -------------------------------------------------------------------------

def task_table_html(rows: Sequence[dict[str, Any]], caption: str) -> str:
    shown = rows[:MAX_TABLE_ROWS]
    more = (f"，显示前 {MAX_TABLE_ROWS} 项（请缩小筛选范围，或导出全部）"
            if len(rows) > MAX_TABLE_ROWS else "")
    body = []
    for r in shown:
        body.append(
            f'<tr data-wb="task" data-doc="{_attr(r["doc_id"])}" data-no="{_attr(r["task_no"])}" '
            f'tabindex="0" title="查看原文">'
            f'<td data-h="文件">{esc(r["文件"])}</td><td data-h="序号">{esc(r["序号"])}</td>'
            f'<td data-h="任务">{esc(r["任务"])}</td><td data-h="分管领导">{esc(r["分管领导"] or "—")}</td>'
            f'<td data-h="牵头单位">{esc(r["牵头单位"] or "—")}</td>'
            f'<td data-h="配合单位">{esc(r["配合单位"] or "—")}</td></tr>')
    return (f'<div class="wb-tasks"><p class="wb-count-line" id="wb-task-count" '
            f'data-total="{len(rows)}">{esc(caption)}：共 <b>{len(rows)}</b> 项{more}。'
            f'点击一行查看原文。</p>'
            f'<table class="wb-table"><thead><tr><th>文件</th><th>序号</th><th>任务</th>'
            f'<th>分管领导</th><th>牵头单位</th><th>配合单位</th></tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')
