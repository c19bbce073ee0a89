"""The UI speaks Chinese whatever the browser's language.

Gradio picks its locale from `navigator.language` and falls back to English for keys its
own zh-CN table lacks (the chatbot's "Copy message", the status "Loading", ...). Two
measures: `I18N` gives every Gradio string we can show in Chinese (registered for zh-CN and
for the English fallback), and `ChineseLocaleMiddleware` makes the UI page report zh-CN
before Gradio's script reads it, with `<html lang="zh-CN">`.
"""

from __future__ import annotations

import gradio as gr
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ZH = {
    "chatbot.edit": "编辑", "chatbot.retry": "重试", "chatbot.undo": "撤销",
    "chatbot.submit": "发送", "chatbot.cancel": "取消", "chatbot.like": "有帮助",
    "chatbot.dislike": "没有帮助", "chatbot.clear": "清空对话", "chatbot.complete": "完成",
    "chatbot.copy_message": "复制", "chatbot.copied_message": "已复制",
    "chat_interface.new_chat": "新对话", "chat_interface.message_placeholder": "输入问题…",
    "chat_interface.additional_inputs": "更多选项", "chat_interface.chatbot": "对话",
    "chat_interface.conversation": "对话",
    "common.built_with": "构建于", "common.built_with_gradio": "使用 Gradio 构建",
    "common.clear": "清除", "common.download": "下载", "common.download_all": "全部下载",
    "common.edit": "编辑", "common.empty": "空", "common.error": "出错了",
    "common.hosted_on": "托管于", "common.loading": "加载中", "common.logo": "标志",
    "common.or": "或", "common.remove": "移除", "common.runs": "运行记录",
    "common.runs_description": "查看本浏览器保存的运行记录", "common.back_to_app": "返回",
    "common.back_to_app_description": "返回应用", "common.settings": "设置",
    "common.share": "分享", "common.submit": "提交", "common.undo": "撤销",
    "common.no_devices": "未找到设备", "common.language": "语言",
    "common.display_theme": "显示主题", "common.pwa": "渐进式网页应用",
    "common.progress": "进度", "common.record": "录制", "common.stop_recording": "停止录制",
    "common.screen_studio": "录屏", "common.share_gradio_tab": "分享页面", "common.run": "运行",
    "blocks.connection_can_break": "在手机上，切换页面或锁屏可能中断连接。",
    "blocks.long_requests_queue": "排队的请求较多，请稍候。",
    "blocks.lost_connection": "连接已断开，正在重新连接……",
    "blocks.waiting_for_inputs": "正在等待上传完成，请稍后重试。",
    "dropdown.dropdown": "下拉选择",
    "errors.build_error": "构建出错", "errors.config_error": "配置出错",
    "errors.contact_page_author": "请联系管理员。", "errors.no_app_file": "缺少应用文件",
    "errors.runtime_error": "运行出错", "errors.space_not_working": "服务不可用：{0}",
    "errors.space_paused": "服务已暂停", "errors.use_via_api": "通过接口使用",
    "errors.use_via_api_or_mcp": "通过接口使用",
    "file.uploading": "正在上传……",
    "login.enable_cookies": "请允许本站使用 Cookie。", "login.incorrect_credentials": "密钥不正确",
    "login.username": "用户名", "login.password": "访问密钥", "login.login": "登录",
    "status.queue_position": "排队中：第 {position} 位，共 {size} 位",
    "textbox.textbox": "文本框", "radio.radio": "单选", "checkbox.checkbox": "复选框",
    "label.label": "标签", "number.number": "数字",
    "upload_text.click_to_upload": "点击上传", "upload_text.drop_file": "将文件拖放到此处",
}

# Registered under the locales a browser may report; "en" is also Gradio's fallback locale.
I18N = gr.I18n(**{locale: ZH for locale in ("zh-CN", "zh", "zh-TW", "zh-HK", "en")})

_FORCE_ZH = (b'<script>(function(){try{var g=function(){return "zh-CN"};'
             b'Object.defineProperty(Navigator.prototype,"language",{get:g,configurable:true});'
             b'Object.defineProperty(Navigator.prototype,"languages",'
             b'{get:function(){return ["zh-CN","zh"]},configurable:true});}catch(e){}})();</script>')


class ChineseLocaleMiddleware:
    """Rewrites the UI's HTML page (GET `path` and `path`/): lang="zh-CN" and a first
    script that reports zh-CN as the browser language. Other responses pass untouched."""

    def __init__(self, app: ASGIApp, path: str = "/ui") -> None:
        self.app = app
        self.pages = {path.rstrip("/") or "/", path.rstrip("/") + "/"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope["path"] not in self.pages:
            await self.app(scope, receive, send)
            return
        # Ask for an uncompressed page so it can be rewritten.
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", [])
                                      if k.lower() != b"accept-encoding"]}
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            headers = dict((k.lower(), v) for k, v in start.get("headers", []))
            body = b"".join(chunks)
            if headers.get(b"content-type", b"").startswith(b"text/html") \
                    and b"content-encoding" not in headers:
                body = body.replace(b'lang="en"', b'lang="zh-CN"', 1)
                body = body.replace(b"<head>", b"<head>" + _FORCE_ZH, 1)
            out_headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            out_headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": out_headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)
