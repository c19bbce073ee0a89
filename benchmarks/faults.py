"""Fault injection: reproduce the reliability probes against a scratch index and print a table.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/faults.py [--skip-serve]

Uses the real corpus and the committed embedding cache, a temporary index directory and real
processes (`python -m assistant.cli ...`, `python -m assistant.api.server`). Probes:

* kill -9 at each stage of `ingest --force`, then a plain `ingest`: the index heals, no stray builds;
* two `ingest --force` at once: one builds, the other says "another ingest is running (pid N)";
* each index file truncated in turn: `stats` prints one line and exits 1, `serve` starts and
  answers 503 (`/readyz` names the file), a plain `ingest` repairs it;
* garbled BM25 weights (same size) and an emptied records.sqlite;
* a lone surrogate -> 422 (/api/ask, /v1, /v1 streaming); zero-width characters -> same answer;
* 20 wrong keys -> 429, the right key works after the window; Gradio internals and /docs need
  the key; a client that never finishes its headers is cut off;
* a request dropped while waiting for an answer slot is never computed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.config import Settings  # noqa: E402
from assistant.store.integrity import MANIFEST, read_manifest, verify_build  # noqa: E402
from assistant.store.layout import current_build, previous_build  # noqa: E402
from benchmarks.kill_ingest import DRIVER, STAGES  # noqa: E402

ROWS: list[tuple[str, str, bool]] = []
KEY = "faults-key-1"



def row(probe: str, result: str, ok: bool) -> None:
    ROWS.append((probe, result, ok))
    print(f"{'ok  ' if ok else 'FAIL'} {probe}: {result}", flush=True)


class Env:
    def __init__(self, root: Path) -> None:
        self.settings = Settings(index_dir=root / "index")
        self.env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1",
                    "ASSISTANT_INDEX_DIR": str(self.settings.index_dir)}

    def cli(self, *args: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=REPO,
                              env={**self.env, **extra}, capture_output=True, text=True, timeout=600)

    def builds(self) -> set[str]:
        d = self.settings.index_dir / "builds"
        return {p.name for p in d.iterdir()} if d.is_dir() else set()

    def healthy(self) -> tuple[bool, str]:
        build = current_build(self.settings.index_dir)
        if build is None:
            return False, "no current build"
        problems = verify_build(build, checksums=True)
        kept = {p.name for p in (build, previous_build(self.settings.index_dir)) if p}
        stray = self.builds() - kept
        if problems or stray:
            return False, f"problems {problems}, stray builds {sorted(stray)}"
        return True, f"current verified, {len(self.builds())} builds kept (current + previous)"


# ---- ingest -----------------------------------------------------------------------------

def probe_kills(env: Env) -> None:
    for stage, (target, nth, when) in STAGES.items():
        proc = subprocess.run([sys.executable, "-c", DRIVER, target, str(nth), when], cwd=REPO,
                              env=env.env, capture_output=True, text=True, timeout=600)
        killed = proc.returncode == -signal.SIGKILL
        before = len(env.builds())
        heal = env.cli("ingest", "--quiet")
        ok, how = env.healthy()
        row(f"kill -9 at '{stage}', then `ingest`",
            f"{'killed' if killed else 'NOT KILLED'}; {before} build dirs -> {_said(heal)}; {how}",
            killed and heal.returncode == 0 and ok)
    # and a kill at an arbitrary moment of a real run
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", "--force", "--quiet"],
                            cwd=REPO, env=env.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    heal = env.cli("ingest", "--quiet")
    ok, how = env.healthy()
    row("kill -9 3.5 s into `ingest --force`, then `ingest`", f"{_said(heal)}; {how}",
        heal.returncode == 0 and ok)


def _said(proc: subprocess.CompletedProcess) -> str:
    """What a plain ingest did: up to date / rebuilt, and the builds it removed."""
    out = proc.stdout
    did = "up to date" if "up to date" in out else "rebuilt" if "built index" in out else \
        f"exit {proc.returncode}"
    removed = next((x.split(":", 1)[1].strip() for x in out.splitlines() if "removed builds" in x), "")
    return did + (f", deleted {len(removed.split(', '))} old or partial build(s)" if removed else "")


def _damage(text: str) -> str:
    """The part of a damage message that names the file (Chroma's segment id shortened)."""
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<segment>", text)
    return text.split("damaged: ", 1)[-1].split("; run", 1)[0] if "damaged: " in text else text


def probe_concurrent(env: Env) -> None:
    procs = [subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", "--force", "--quiet"],
                              cwd=REPO, env={**env.env, "ASSISTANT_INDEX_LOCK_WAIT_S": "0"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(), *p.communicate()) for p in procs]
    codes = sorted(rc for rc, _, _ in results)
    loser = next((err.strip() for rc, _, err in results if rc != 0), "")
    ok, how = env.healthy()
    row("two `ingest --force` at once", f"exit codes {codes}; {loser[:90] or 'both ran one after the other'}",
        0 in codes and "Traceback" not in loser and ok)


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def probe_damage(env: Env, serve: bool) -> None:
    env.cli("ingest", "--quiet")
    build = current_build(env.settings.index_dir)
    segment = next(build.glob("chroma/*/")).name  # Chroma's segment dir differs per build
    files = sorted(read_manifest(build)["files"]) + [MANIFEST]
    for pattern in files:
        build = current_build(env.settings.index_dir)
        now = next(build.glob("chroma/*/")).name
        rel = pattern.replace(segment, now)
        truncate(build / rel)
        stats = env.cli("stats")
        served = serve_probe(env) if serve else "not served"
        heal = env.cli("ingest", "--quiet")
        ok, how = env.healthy()
        verify = env.cli("stats", "--verify")
        good = (stats.returncode == 1 and "Traceback" not in stats.stderr and heal.returncode == 0
                and ok and verify.returncode == 0 and (not serve or served.startswith("readyz 503")))
        label = pattern.replace(segment, "<segment>")
        row(f"truncate {label}", f"stats: exit {stats.returncode}, "
            f"{len(stats.stderr.strip().splitlines())} line ({_damage(stats.stderr.strip())[:90]}); "
            f"serve: {served}; ingest: {_said(heal)}", good)
    # garbled BM25 weights (same size) and an emptied records.sqlite
    build = current_build(env.settings.index_dir)
    npy = build / "bm25" / "data.csc.index.npy"
    data = bytearray(npy.read_bytes())
    data[-64:] = bytes(64)
    npy.write_bytes(bytes(data))
    plain, verify = env.cli("stats"), env.cli("stats", "--verify")
    heal = env.cli("ingest", "--quiet")
    row("garble BM25 weights (same size)", f"stats: exit {plain.returncode}; stats --verify: exit "
        f"{verify.returncode} ({_damage(verify.stderr.strip())[:70]}); ingest: {_said(heal)}",
        verify.returncode == 1 and "built index" in heal.stdout and env.healthy()[0])
    (current_build(env.settings.index_dir) / "records.sqlite").write_bytes(b"")
    heal = env.cli("ingest", "--quiet")
    row("`: > records.json`, then `ingest`", _said(heal) + "; " + env.healthy()[1],
        "built index" in heal.stdout and env.healthy()[0])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env: Env, **extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant.api.server"], cwd=REPO,
                                     env={**env.env, "ASSISTANT_PORT": str(self.port), **extra},
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def serve_probe(env: Env) -> str:
    try:
        with Server(env) as server:
            ready = httpx.get(f"{server.url}/readyz", timeout=30)
            ask = httpx.post(f"{server.url}/api/ask", json={"question": "谁负责粮食产量？"}, timeout=30)
            return f"readyz {ready.status_code}, ask {ask.status_code}" \
                if ready.status_code != 200 else f"{ready.status_code} (damage not seen)"
    except RuntimeError as exc:
        return f"server died: {exc}"


# ---- HTTP edge --------------------------------------------------------------------------

def probe_http(env: Env) -> None:
    env.cli("ingest", "--quiet")
    auth = {"Authorization": f"Bearer {KEY}"}
    with Server(env, ASSISTANT_API_KEY=KEY, ASSISTANT_AUTH_WINDOW_S="3",
                ASSISTANT_REQUEST_READ_TIMEOUT_S="2") as server, \
            httpx.Client(base_url=server.url, timeout=30) as c:
        body = b'{"question": "\\ud800\xe7\xb2\xae"}'
        results = []
        for path, payload in [("/api/ask", body),
                              ("/v1/chat/completions", b'{"messages": [{"role": "user", "content": "\\ud800"}]}'),
                              ("/v1/chat/completions",
                               b'{"stream": true, "messages": [{"role": "user", "content": "\\ud800"}]}')]:
            r = c.post(path, content=payload, headers={**auth, "Content-Type": "application/json"})
            results.append(r.status_code)
        row("lone surrogate in /api/ask, /v1, /v1 stream", f"{results}", results == [422, 422, 422])
        plain = c.post("/api/ask", json={"question": "谁负责粮食产量？"}, headers=auth).json()
        hidden = c.post("/api/ask", json={"question": "谁负\u200b责粮\u200d食\ufeff产量？"}, headers=auth).json()
        row("zero-width characters in the question", "same answer" if plain["answer"] == hidden["answer"]
            else "different answer", plain["answer"] == hidden["answer"])
        anon = {p: c.request(m, p, json={}).status_code for m, p in
                [("POST", "/ui/gradio_api/cancel"), ("POST", "/ui/gradio_api/reset"),
                 ("GET", "/docs"), ("GET", "/openapi.json")]}
        shaped = set(c.post("/ui/gradio_api/reset", json={}).json()) == {"error"}
        row("anonymous Gradio cancel/reset, /docs, /openapi.json (key set)",
            ", ".join(f"{p} {s}" for p, s in anon.items()) + (", {error} shape" if shaped else ""),
            set(anon.values()) == {401} and shaped)
        time.sleep(3.2)  # those 5 anonymous calls count as failed authentications too
        statuses = [c.get("/api/documents", headers={"Authorization": f"Bearer wrong{i}"}).status_code
                    for i in range(20)]
        right = c.get("/api/documents", headers=auth)
        time.sleep(3.2)
        later = c.get("/api/documents", headers=auth)
        row("20 wrong keys, then the right key (window 3 s)",
            f"{statuses.count(401)}x401 then {statuses.count(429)}x429; right key at once "
            f"{right.status_code} (Retry-After {right.headers.get('retry-after')}), after the window "
            f"{later.status_code}", statuses.count(429) == 10 and right.status_code == 429
            and later.status_code == 200)
        with socket.create_connection(("127.0.0.1", server.port)) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            slow.settimeout(10)
            t0 = time.monotonic()
            closed = slow.recv(10) == b""
            took = time.monotonic() - t0
        row("client that never finishes its headers (read timeout 2 s)",
            f"closed by the server after {took:.1f} s" if closed else "still open", closed and took < 5)


def probe_dropped(env: Env) -> None:
    """In-process: the real Assistant behind a 1 s delay, one answer slot."""
    import uvicorn

    from assistant.api import create_app
    from assistant.retrieve.assistant import Assistant

    settings = env.settings.model_copy(update={"max_concurrent_answers": 1})
    real = Assistant.load(settings)
    asked: list[str] = []

    class Slow:
        def __getattr__(self, name):
            return getattr(real, name)

        def ask(self, question, history=None, scope=None):
            asked.append(question)
            time.sleep(1.0)
            return real.ask(question, history=history, scope=scope)

    app = create_app(settings, Slow())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        first = threading.Thread(target=lambda: httpx.post(f"http://127.0.0.1:{port}/api/ask",
                                                           json={"question": "谁负责粮食产量？"}, timeout=30))
        first.start()
        time.sleep(0.3)
        for i in range(5):
            body = json.dumps({"question": f"放弃的问题{i}"}, ensure_ascii=False).encode()
            with socket.create_connection(("127.0.0.1", port)) as s:
                s.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                time.sleep(0.05)
        first.join()
        time.sleep(0.5)
        gate = app.state.answer_gate
        row("5 requests dropped while waiting for the answer slot",
            f"computed {len(asked)} of 6 ({asked[0]}); abandoned {gate.abandoned}",
            asked == ["谁负责粮食产量？"] and gate.abandoned == 5)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-serve", action="store_true",
                        help="do not start a server for every truncated file (faster)")
    parser.add_argument("--probes", default="kills,concurrent,damage,http,dropped",
                        help="comma-separated groups to run (default: all)")
    args = parser.parse_args()
    groups = set(args.probes.split(","))
    root = Path(tempfile.mkdtemp(prefix="faults-"))
    env = Env(root)
    t0 = time.perf_counter()
    try:
        env.cli("ingest", "--quiet")
        if "kills" in groups:
            probe_kills(env)
        if "concurrent" in groups:
            probe_concurrent(env)
        if "damage" in groups:
            probe_damage(env, serve=not args.skip_serve)
        if "http" in groups:
            probe_http(env)
        if "dropped" in groups:
            probe_dropped(env)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"\n{sum(ok for *_, ok in ROWS)}/{len(ROWS)} probes as expected "
          f"({time.perf_counter() - t0:.0f} s)\n")
    print("| probe | result | ok |\n|---|---|---|")
    for probe, result, ok in ROWS:
        print(f"| {probe} | {result.replace('|', '/')} | {'yes' if ok else '**no**'} |")
    return 0 if all(ok for *_, ok in ROWS) else 1


if __name__ == "__main__":
    sys.exit(main())
