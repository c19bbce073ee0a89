"""`assistant serve`: run the app with uvicorn. `python -m assistant.api.server` does the same
with Settings() from ASSISTANT_* environment variables (used by the load benchmark).

Connection limits (from Settings): at most `max_connections` open connections (uvicorn's
limit_concurrency: more get 503), idle keep-alive connections closed after `keep_alive_s`,
request headers of at most `max_header_bytes` (400 beyond), and `request_read_timeout_s` for a client
to send a whole request once it has connected or started one, so slow clients cannot hold
connections (and file descriptors) open forever.

With `workers` > 1 uvicorn starts that many processes, each building the app from the
environment (`app_from_environment`): `serve` passes the settings down as ASSISTANT_*
variables. The workers share one index directory; its vector matrix, BM25 arrays and
substring index are memory-mapped, so the page cache holds them once. Each worker gets an
equal share of the cores as OpenMP threads per query embedding (one each on 2 cores with
2 workers) unless `omp_num_threads` is set; each may run one embedding and one answer per
core at a time (`embed_concurrency`, `max_concurrent_answers` unless set), so a worker with
waiting requests can use a core the other leaves idle.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from assistant.api.app import create_app
from assistant.config import Settings
from assistant.store.embedders import cores

logger = logging.getLogger(__name__)


class ReadTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol plus a deadline for reading each request (headers and
    body) and a bound on the size of its headers.

    uvicorn only times out idle keep-alive connections; a client that connects and never
    finishes its request (or sends a byte now and then) would hold the connection forever.
    httptools (the C parser) instead of h11 (pure Python): about 1 ms less CPU per request.
    """

    read_timeout_s = 15.0
    max_header_bytes = 16 * 1024

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._read_timer: asyncio.TimerHandle | None = None
        self._pending = True  # a request is awaited or under way (not yet received whole)
        self._in_body = False  # past the current request's headers
        self._header_bytes = 0  # bytes received since the current request's headers began
        self._field_bytes = 0  # the current request's URL and header fields so far
        self._arm()

    def _arm(self) -> None:
        if self._read_timer is None:
            self._read_timer = self.loop.call_later(self.read_timeout_s, self._read_timed_out)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def data_received(self, data: bytes) -> None:
        if not self._in_body:
            self._header_bytes += len(data)
        super().data_received(data)
        if self.transport.is_closing():
            return
        if not self._in_body and self._header_bytes > self.max_header_bytes:
            msg = "Request headers too large."
            self.logger.warning(msg)
            self.send_400_response(msg)
            return
        if self._pending:
            self._arm()  # a request has begun (or is awaited) but is not complete
        else:
            self._disarm()

    def on_message_begin(self) -> None:
        self._pending = True
        self._field_bytes = 0
        super().on_message_begin()

    # A whole request can arrive in one read and be dispatched inside it: its headers are
    # also counted field by field, and past the limit the parse fails (400, closed).
    def on_url(self, url: bytes) -> None:
        self._count_field(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_field(len(name) + len(value) + 4)
        super().on_header(name, value)

    def _count_field(self, n: int) -> None:
        self._field_bytes += n
        if self._field_bytes > self.max_header_bytes:
            raise ValueError("request headers too large")  # httptools: HttpParserCallbackError

    def on_headers_complete(self) -> None:
        self._in_body = True
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._pending = self._in_body = False
        self._header_bytes = 0
        self._disarm()
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._disarm()
        super().on_response_complete()

    def _read_timed_out(self) -> None:
        self._read_timer = None
        if self.transport.is_closing() or not self._pending:
            return  # the request is complete: its response is being produced
        logger.warning("closing connection from %s: request not received within %.0f s",
                       self.client, self.read_timeout_s)
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        self.transport.close()


def protocol_class(settings: Settings) -> type[ReadTimeoutProtocol]:
    return type("AssistantHttpProtocol", (ReadTimeoutProtocol,),
                {"read_timeout_s": settings.request_read_timeout_s,
                 "max_header_bytes": settings.max_header_bytes})


def server_config(app: Any, settings: Settings, **overrides: Any) -> uvicorn.Config:
    """uvicorn.Config with the connection limits of `settings`."""
    options: dict[str, Any] = dict(
        host=settings.host, port=settings.port, log_level="info", timeout_graceful_shutdown=5,
        http=protocol_class(settings), limit_concurrency=settings.max_connections,
        timeout_keep_alive=int(settings.keep_alive_s + 0.999))
    options.update(overrides)
    return uvicorn.Config(app, **options)


def worker_environment(settings: Settings) -> dict[str, str]:
    """ASSISTANT_* variables that rebuild `settings` in a worker process."""
    env = {f"ASSISTANT_{name.upper()}": str(value) for name, value in settings.model_dump().items()}
    if settings.workers > 1 and settings.omp_num_threads == 0 and "OMP_NUM_THREADS" not in os.environ:
        env["ASSISTANT_OMP_NUM_THREADS"] = str(max(1, cores() // settings.workers))
    if settings.workers > 1 and "max_concurrent_answers" not in settings.model_fields_set:
        # One answer per core in each worker, the rest queued first come, first served, and
        # each worker may embed on every core (one OpenMP thread per call): measured with
        # 2 workers x 8 clients on 2 cores, p95 135 ms against 166-175 ms with 4 answers and
        # one embedding at a time per worker, at the same throughput (README).
        env["ASSISTANT_MAX_CONCURRENT_ANSWERS"] = str(cores())
    return env


def app_from_environment() -> Any:
    """The app of one worker process (uvicorn factory): settings from ASSISTANT_* variables."""
    settings = Settings()
    ReadTimeoutProtocol.read_timeout_s = settings.request_read_timeout_s  # this process's
    ReadTimeoutProtocol.max_header_bytes = settings.max_header_bytes
    return create_app(settings)


def serve(settings: Settings) -> None:
    """Serve on settings.host:settings.port until interrupted, with settings.workers processes."""
    logger.info("serving on http://%s:%d with %d worker(s) (%s)", settings.host, settings.port,
                settings.workers, "UI at /ui" if settings.ui else "API only, no UI")
    if settings.workers == 1:
        uvicorn.Server(server_config(create_app(settings), settings)).run()
        return
    os.environ.update(worker_environment(settings))
    # Workers are spawned processes: the protocol class must be importable (not made per
    # settings), so each worker sets its read timeout in app_from_environment.
    uvicorn.run("assistant.api.server:app_from_environment", factory=True, workers=settings.workers,
                host=settings.host, port=settings.port, log_level="info", timeout_graceful_shutdown=5,
                http=ReadTimeoutProtocol, limit_concurrency=settings.max_connections,
                timeout_keep_alive=int(settings.keep_alive_s + 0.999))


def main() -> None:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    serve(Settings())


if __name__ == "__main__":
    main()
