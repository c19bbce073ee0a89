"""Load on the HTTP API (a benchmark, not a test).

Starts the real server (`python -m assistant.api.server`, what `assistant serve` runs) on a
free 127.0.0.1 port, measures start-to-ready (polling /readyz), then runs C concurrent
clients x N requests each against POST /api/ask with a mix of eval questions (follow-ups
with their history included), bounded by --max-seconds. Prints one JSON object and one
human line:

    .venv/bin/python benchmarks/load_api.py [--workers 2] [--clients 8] [--requests 200]
        [--query-cache-size 0] [--max-seconds 180]
    .venv/bin/python benchmarks/load_api.py --url http://127.0.0.1:8000   # a running server
    .venv/bin/python benchmarks/load_api.py --client raw    # the lean load generator

The load generator shares the machine's cores with the server, so its own CPU is reported
(`client_cpu_share`: CPU seconds of this process over duration x cores) beside the
server's (`server_cpu_share`, summed over the workers). `--client httpx` (the default) is
a thread per client with an httpx connection each: easy to read, but about 1 ms of CPU per
request. `--client raw` sends pre-encoded HTTP/1.1 requests over one keep-alive socket per
client thread and reads the response by its Content-Length (no JSON parse, no header
objects): it measures the server rather than the client.

By default the query-embedding cache of the started server is off (`--query-cache-size 0`):
every request is a new question to the embedder, as it would be for real users; pass
`--query-cache-size 4096` for the default server setting. ASSISTANT_* environment variables
reach the started server (its OpenMP settings among them; the output records them and the
machine's load average); with ASSISTANT_API_KEY set the clients send it.

Last measured (branch tput 530657b, 2026-11-26 23:38-23:40 UTC, OMP_NUM_THREADS=1, the
2-core machine shared with other work, load average 1.9-3.5; `--workers 2 --clients 8
--requests 200 --client raw`, each run under the shared CPU lock, alternated with the
round's start 5064609): 150-167 req/s, p50 36-41 ms, p95 118-135 ms, 11.4-12.6 ms of server
CPU per request (5064609: 104-129 req/s, p95 143-206 ms, 14.8-15.6 ms). Issue 12's 150 req/s
is met, its p95 of 100 ms is not. Earlier (scale3, 18:55-19:01 UTC): 1 worker x 8 clients
133 req/s, p95 120 ms; 1 worker x 32 clients 136.5 req/s, p95 381 ms; 2 workers x 32 clients
145 req/s, p95 445 ms. README, "Threads, workers and scale" and "Fourth round".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
FALLBACK_QUESTIONS = [
    {"question": "谁负责粮食产量？", "history": []},
    {"question": "张虎分管哪些任务？", "history": []},
    {"question": "环卫工人工龄工资怎么算？", "history": []},
    {"question": "2024年广州市菜篮子工作谁牵头？", "history": []},
    {"question": "配合单位有哪些？",
     "history": [{"role": "user", "content": "谁负责粮食产量？"},
                 {"role": "assistant", "content": "省农业农村厅牵头。"}]},
    {"question": "广州地铁票价是多少？", "history": []},
]


def load_questions(path: Path) -> list[dict[str, Any]]:
    """question + history of every line of an eval JSONL file (the fallback mix if absent)."""
    if not path.exists():
        return FALLBACK_QUESTIONS
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.append({"question": item["question"], "history": item.get("history") or []})
    return out or FALLBACK_QUESTIONS


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(timeout: float, workers: int = 1,
                 query_cache_size: int = 0) -> tuple[subprocess.Popen, str, float, Path]:
    """The server process, its URL, seconds from spawn to /readyz 200, and its log file.
    With several workers, ready means every worker answered /readyz (probed until each pid
    has been seen, or the timeout)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = Path(tempfile.mkdtemp(prefix="load_api-")) / "server.log"
    env = {**os.environ, "ASSISTANT_HOST": "127.0.0.1", "ASSISTANT_PORT": str(port),
           "ASSISTANT_WORKERS": str(workers), "ASSISTANT_QUERY_CACHE_SIZE": str(query_cache_size)}
    started = time.perf_counter()
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "assistant.api.server"], cwd=ROOT,
                                env=env, stdout=log, stderr=subprocess.STDOUT)
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}; log: {log_path}")
        try:
            r = httpx.get(f"{url}/readyz", timeout=5)
            if r.status_code == 200 and len(worker_pids(proc)) >= workers:
                ready = time.perf_counter() - started
                wait_all_ready(url, workers, started + timeout)
                return proc, url, ready, log_path
            if r.status_code == 503:
                stop_server(proc)
                raise SystemExit(f"server not ready: {r.json()['error']['message']}")
        except httpx.TransportError:
            pass
        if time.perf_counter() - started > timeout:
            stop_server(proc)
            raise SystemExit(f"server not ready after {timeout:.0f} s; log: {log_path}")
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def worker_pids(proc: subprocess.Popen) -> list[int]:
    """The processes serving requests: the server itself, or its uvicorn worker children
    (Linux /proc; multiprocessing's resource tracker is not a worker)."""
    kids = []
    for pid in _children(proc.pid):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "resource_tracker" not in cmd:
            kids.append(pid)
    return kids or [proc.pid]


def wait_all_ready(url: str, workers: int, deadline: float) -> None:
    """With several workers, keep asking /readyz until it has answered 200 many times in a row
    (each connection may land on another worker; a worker still loading answers 503)."""
    if workers == 1:
        return
    in_a_row = 0
    while in_a_row < 20 * workers and time.perf_counter() < deadline:
        try:
            ok = httpx.get(f"{url}/readyz", timeout=5).status_code == 200
        except httpx.TransportError:
            ok = False
        in_a_row = in_a_row + 1 if ok else 0
        time.sleep(0.05)


def rss_mb(proc: subprocess.Popen) -> list[dict[str, float]]:
    """RSS and PSS (shared pages split between the processes that map them) per worker, MB,
    from /proc/<pid>/smaps_rollup."""
    out = []
    for pid in worker_pids(proc):
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                fields[name] = int(rest.split()[0])
        out.append({"pid": pid, "rss_mb": round(fields.get("Rss", 0) / 1024, 1),
                    "pss_mb": round(fields.get("Pss", 0) / 1024, 1)})
    return out


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of processes (Linux /proc/<pid>/stat), 0 for those gone."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def own_cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


_LATENCY = re.compile(rb'"latency_ms":\s*([0-9.eE+-]+)')


class RawClient:
    """One keep-alive HTTP/1.1 connection sending pre-encoded POSTs; reads each response by
    its Content-Length. Reconnects when the server closes the connection."""

    def __init__(self, url: str, headers: dict[str, str], timeout: float = 60, keep_alive: bool = True) -> None:
        host, _, port = url.split("://", 1)[1].partition(":")
        self.address, self.timeout, self.sock = (host, int(port or 80)), timeout, None
        self.head = f"Host: {host}\r\nContent-Type: application/json\r\n".encode() + \
            b"".join(f"{k}: {v}\r\n".encode() for k, v in headers.items()) + \
            (b"" if keep_alive else b"Connection: close\r\n")
        self.buf = b""

    def request(self, path: str, body: bytes) -> tuple[int, bytes]:
        data = b"POST " + path.encode() + b" HTTP/1.1\r\n" + self.head + \
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        for attempt in (0, 1):
            if self.sock is None:
                self.sock = socket.create_connection(self.address, timeout=self.timeout)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.buf = b""
            try:
                self.sock.sendall(data)
                return self._response()
            except (ConnectionError, OSError):
                self.close()
                if attempt:
                    raise
        raise ConnectionError("unreachable")

    def _response(self) -> tuple[int, bytes]:
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length, close = 0, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        if close:
            self.close()
        return status, body

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buf += chunk

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def run_load(url: str, questions: list[dict[str, Any]], clients: int, per_client: int,
             max_seconds: float, headers: dict[str, str], kind: str = "httpx",
             keep_alive: bool = True) -> dict[str, Any]:
    """C clients x N requests each, stopping early at the deadline."""
    latencies: list[float] = []
    server_ms: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    deadline = time.perf_counter() + max_seconds

    bodies = [json.dumps(q, ensure_ascii=False).encode() for q in questions]

    def raw_client(index: int) -> None:
        http = RawClient(url, headers, keep_alive=keep_alive)
        try:
            for i in range(per_client):
                if time.perf_counter() > deadline:
                    return
                body = bodies[(index * per_client + i) % len(bodies)]
                t0 = time.perf_counter()
                try:
                    status, payload = http.request("/api/ask", body)
                    kind = None if status == 200 else f"HTTP {status}"
                except OSError as exc:
                    payload, kind = b"", type(exc).__name__
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    if kind is None:
                        latencies.append(ms)
                        m = _LATENCY.search(payload)
                        server_ms.append(float(m.group(1)) if m else 0.0)
                    else:
                        errors[kind] += 1
        finally:
            http.close()

    def client(index: int) -> None:
        with httpx.Client(base_url=url, timeout=60, headers=headers) as http:
            for i in range(per_client):
                if time.perf_counter() > deadline:
                    return
                q = questions[(index * per_client + i) % len(questions)]
                t0 = time.perf_counter()
                try:
                    r = http.post("/api/ask", json=q)
                    kind = None if r.status_code == 200 else f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    r, kind = None, type(exc).__name__
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    if kind is None:
                        latencies.append(ms)
                        server_ms.append(r.json().get("latency_ms", 0.0))
                    else:
                        errors[kind] += 1

    health_ms: list[float] = []
    stop = threading.Event()

    def probe() -> None:  # /healthz stays fast while asks run iff the event loop is free
        with httpx.Client(base_url=url, timeout=30) as http:
            while not stop.wait(0.1):
                t0 = time.perf_counter()
                http.get("/healthz")
                health_ms.append((time.perf_counter() - t0) * 1000)

    prober = threading.Thread(target=probe, daemon=True)
    started = time.perf_counter()
    own_before = own_cpu_seconds()
    prober.start()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(raw_client if kind == "raw" else client, range(clients)))
    duration = time.perf_counter() - started
    own_cpu = own_cpu_seconds() - own_before
    stop.set()
    prober.join()
    done = len(latencies) + sum(errors.values())
    return {
        "clients": clients, "requests_planned": clients * per_client, "requests_done": done,
        "ok": len(latencies), "errors": sum(errors.values()), "error_kinds": dict(errors),
        "stopped_by_deadline": done < clients * per_client,
        "duration_s": round(duration, 2), "req_per_s": round(done / duration, 1),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "server_p50_ms": round(percentile(server_ms, 50), 1),
        "healthz_p95_ms_under_load": round(percentile(health_ms, 95), 1),
        "client": kind, "keep_alive": keep_alive, "client_cpu_s": round(own_cpu, 2),
        "client_cpu_share": round(own_cpu / (duration * (os.cpu_count() or 1)), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers of the started server")
    parser.add_argument("--query-cache-size", type=int, default=0,
                        help="query-embedding cache of the started server (default 0: all new)")
    parser.add_argument("--requests", type=int, default=200, help="requests per client")
    parser.add_argument("--max-seconds", type=float, default=180, help="stop the load here")
    parser.add_argument("--startup-timeout", type=float, default=300)
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    parser.add_argument("--url", help="benchmark a running server instead of starting one")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    parser.add_argument("--client", choices=("httpx", "raw"), default="httpx",
                        help="load generator: httpx threads, or the lean raw-socket client")
    parser.add_argument("--new-connections", action="store_true",
                        help="raw client: one connection per request (Connection: close), so each "
                             "request is accepted by whichever worker is free, as behind a balancer")
    args = parser.parse_args()

    questions = load_questions(args.questions)
    key = os.environ.get("ASSISTANT_API_KEY", "")
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    proc, startup = None, None
    if args.url:
        url = args.url.rstrip("/")
    else:
        proc, url, startup, _ = start_server(args.startup_timeout, args.workers, args.query_cache_size)
    memory = None
    try:
        for q in questions[: 4 * args.workers]:  # warm-up: each worker's first requests
            httpx.post(f"{url}/api/ask", json=q, headers=headers, timeout=60)
        load_before = os.getloadavg()[0]
        pids = worker_pids(proc) if proc is not None else []
        server_before = cpu_seconds(pids)
        each_before = [cpu_seconds([pid]) for pid in pids]
        result = run_load(url, questions, args.clients, args.requests, args.max_seconds, headers, args.client,
                          keep_alive=not args.new_connections)
        if proc is not None:
            memory = rss_mb(proc)
            server_cpu = cpu_seconds(pids) - server_before
            result["server_cpu_s"] = round(server_cpu, 2)
            result["server_cpu_s_per_worker"] = [round(cpu_seconds([pid]) - b, 2) for pid, b in zip(pids, each_before)]
            result["server_cpu_share"] = round(server_cpu / (result["duration_s"] * (os.cpu_count() or 1)), 3)
    finally:
        if proc is not None:
            stop_server(proc)
    result = {"startup_to_ready_s": round(startup, 2) if startup is not None else None,
              "workers": args.workers if proc is not None else None,
              "query_cache_size": args.query_cache_size if proc is not None else None,
              "omp": {k: v for k, v in os.environ.items() if k.startswith(("OMP_", "ASSISTANT_OMP",
                                                                           "ASSISTANT_EMBED"))},
              "loadavg_1min_before": round(load_before, 2), "loadavg_1min_after": round(os.getloadavg()[0], 2),
              "memory_per_worker": memory, "questions": len(questions), **result}
    print(json.dumps(result, ensure_ascii=False))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    ready = f"ready in {startup:.1f} s; " if startup is not None else ""
    print(f"load_api: {ready}{result['requests_done']} requests from {args.clients} clients "
          f"({result['workers']} worker(s), query cache {result['query_cache_size']}) in "
          f"{result['duration_s']} s: {result['req_per_s']} req/s, p50 {result['p50_ms']} ms, "
          f"p95 {result['p95_ms']} ms, {result['errors']} errors; /healthz p95 under load "
          f"{result['healthz_p95_ms_under_load']} ms; CPU of the {args.client} load generator "
          f"{result['client_cpu_share']:.0%} of the machine, server {result.get('server_cpu_share', 0):.0%}"
          + (" (stopped at the time limit)" if result["stopped_by_deadline"] else ""))


if __name__ == "__main__":
    main()
