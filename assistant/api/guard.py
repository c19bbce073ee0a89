"""The edge guard (pure ASGI middleware, outermost): failed-auth throttling per client address,
the API key in front of Gradio's internal routes and the API docs, and Gradio's own error
bodies ({"detail": ...}) rewritten into the one error shape {"error": {"type", "message"}}.
"""

from __future__ import annotations

import json
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import http_error_type
from assistant.config import Settings

_OPEN_PATHS = ("/healthz", "/readyz")
_DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json")
# Under the UI mount, what the login page itself needs; every other UI route needs a session.
_UI_ANONYMOUS = {"", "/", "/login", "/login/", "/logout", "/config", "/config/", "/theme.css",
                 "/favicon.ico", "/robots.txt", "/manifest.json", "/gradio_api/info",
                 "/gradio_api/info/", "/gradio_api/startup-events", "/gradio_api/app_id",
                 "/gradio_api/app_id/"}
_UI_ANONYMOUS_PREFIXES = ("/assets/", "/static/", "/svelte/", "/gradio_api/file=")
_MAX_CLIENTS = 10_000


class AuthThrottle:
    """Failed authentications per client address in a sliding window."""

    def __init__(self, max_failures: int, window_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, client: str) -> deque[float] | None:
        times = self._failures.get(client)
        if times is None:
            return None
        cutoff = self.clock() - self.window_s
        while times and times[0] <= cutoff:
            times.popleft()
        if not times:
            del self._failures[client]
            return None
        return times

    def retry_after(self, client: str) -> float:
        """Seconds until `client` may try again (0 when not blocked)."""
        times = self._recent(client)
        if times is None or len(times) < self.max_failures:
            return 0.0
        # unblocked once enough failures have aged out of the window
        return times[len(times) - self.max_failures] + self.window_s - self.clock()

    def failed(self, client: str) -> None:
        times = self._recent(client) or deque()
        times.append(self.clock())
        self._failures[client] = times
        self._failures.move_to_end(client)
        while len(self._failures) > _MAX_CLIENTS:
            self._failures.popitem(last=False)


def _json(status: int, type_: str, message: str, headers: dict[str, str] | None = None
          ) -> tuple[Message, Message]:
    body = json.dumps({"error": {"type": type_, "message": message}}, ensure_ascii=False).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return ({"type": "http.response.start", "status": status, "headers": raw},
            {"type": "http.response.body", "body": body})


class EdgeGuardMiddleware:
    """See the module docstring. `ui_sessions()` returns (cookie names, valid tokens) of the
    mounted Gradio app, so a logged-in UI session counts as holding the key."""

    def __init__(self, app: ASGIApp, settings: Settings, ui_path: str = "/ui",
                 ui_sessions: Callable[[], tuple[list[str], dict[str, Any]]] | None = None,
                 throttle: AuthThrottle | None = None) -> None:
        self.app = app
        self.settings = settings
        self.ui_path = ui_path
        self.ui_sessions = ui_sessions
        self.throttle = throttle or AuthThrottle(settings.auth_max_failures, settings.auth_window_s)

    # ---- who is asking -------------------------------------------------------------
    def _has_key(self, scope: Scope) -> bool:
        key = self.settings.api_key.encode()
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                scheme, _, token = value.partition(b" ")
                if scheme.lower() == b"bearer" and secrets.compare_digest(token.strip(), key):
                    return True
        return False

    def _has_ui_session(self, scope: Scope) -> bool:
        if self.ui_sessions is None:
            return False
        names, tokens = self.ui_sessions()
        cookies: dict[str, str] = {}
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                for part in value.decode("latin-1").split(";"):
                    k, _, v = part.strip().partition("=")
                    cookies[k] = v
        return any(cookies.get(n) in tokens for n in names if cookies.get(n))

    def _needs_key(self, path: str) -> bool:
        """Paths the guard itself keeps behind the key (the API routes check it themselves)."""
        if path in _DOCS_PATHS:
            return not self.settings.open_docs
        if path == self.ui_path or path.startswith(self.ui_path + "/"):
            rest = path[len(self.ui_path):]
            return not (rest in _UI_ANONYMOUS or rest.startswith(_UI_ANONYMOUS_PREFIXES))
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.settings.api_key:
            await self._pass(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path in _OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.throttle.retry_after(client)
        if wait > 0:
            await self._send(send, *_json(
                429, "TooManyRequestsError",
                f"too many failed authentications from {client}; retry after {int(wait + 0.999)} s",
                {"Retry-After": str(max(1, int(wait + 0.999)))}))
            return
        if self._needs_key(path) and not (self._has_key(scope) or self._has_ui_session(scope)):
            self.throttle.failed(client)
            where = "the API docs" if path in _DOCS_PATHS else "this UI route"
            await self._send(send, *_json(
                401, "UnauthorizedError",
                f"{where} needs the API key: log in at {self.ui_path}/ or send "
                "'Authorization: Bearer <key>'", {"WWW-Authenticate": "Bearer"}))
            return
        is_login = path.rstrip("/") == f"{self.ui_path}/login"

        def on_status(status: int) -> None:
            if status == 401 or (is_login and status in (400, 401, 403)):
                self.throttle.failed(client)

        await self._pass(scope, receive, send, on_status)

    async def _pass(self, scope: Scope, receive: Receive, send: Send,
                    on_status: Callable[[int], None] | None = None) -> None:
        """Call the app; reshape JSON error bodies of UI routes; report the status."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        reshape = path == self.ui_path or path.startswith(self.ui_path + "/")
        held: Message | None = None
        chunks: list[bytes] = []

        async def guarded_send(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                if on_status is not None:
                    on_status(message["status"])
                headers = dict(message.get("headers", []))
                if (reshape and message["status"] >= 400
                        and headers.get(b"content-type", b"").startswith(b"application/json")):
                    held = message
                    return
            elif held is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                start, body = _reshape(held, b"".join(chunks))
                held = None
                await send(start)
                await send(body)
                return
            await send(message)

        await self.app(scope, receive, guarded_send)

    @staticmethod
    async def _send(send: Send, start: Message, body: Message) -> None:
        await send(start)
        await send(body)


def _reshape(start: Message, raw: bytes) -> tuple[Message, Message]:
    """{"detail": X} (Gradio, FastAPI) -> {"error": {"type", "message"}}; other bodies kept."""
    status = start["status"]
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict) or "error" in data and isinstance(data["error"], dict) \
            and set(data["error"]) == {"type", "message"}:
        return start, {"type": "http.response.body", "body": raw}
    detail = data.get("detail", data.get("error", data))
    if isinstance(detail, dict):
        message = str(detail.get("error") or detail.get("message") or detail)
    elif isinstance(detail, list):  # validation errors
        message = "; ".join(str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in detail)
    else:
        message = str(detail)
    keep = [(k, v) for k, v in start.get("headers", [])
            if k.lower() not in (b"content-length", b"content-type", b"content-encoding")]
    new_start, new_body = _json(status, http_error_type(status), message or http_error_type(status))
    new_start["headers"] = keep + new_start["headers"]
    return new_start, new_body
