"""Hot reload: notice that `index/current` points at a new build, load it aside, switch.

The watcher polls the `current` symlink every `settings.reload_interval` seconds (one
readlink, no file reads). When it changes, the new build is loaded in a worker thread
while the old Assistant keeps answering; then `app.state.assistant` is replaced in one
assignment. A request holds the Assistant it started with, so requests in flight finish
on the old build. A build that fails to load is logged and retried after RETRY_SECONDS;
the old one keeps serving.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio

from assistant.config import Settings
from assistant.errors import AssistantError, IndexDamagedError

log = logging.getLogger(__name__)

RETRY_SECONDS = 30.0


def published_build(index_dir: Path) -> str:
    """The build id `index_dir/current` points at ("" when there is none)."""
    try:
        return os.path.basename(os.readlink(index_dir / "current").rstrip("/"))
    except OSError:
        return ""


def build_id(assistant: Any) -> str:
    """The build a loaded Assistant answers from."""
    store = getattr(assistant, "store", None)
    return str(getattr(store, "meta", {}).get("build_id", "")) if store is not None else ""


class IndexWatcher:
    """Keeps `state.assistant` on the published build."""

    def __init__(self, state: Any, settings: Settings, load: Callable[[Settings], Any]) -> None:
        self.state = state
        self.settings = settings
        self.load = load
        self._failed: tuple[str, float] = ("", 0.0)

    async def run(self) -> None:
        while True:
            await anyio.sleep(self.settings.reload_interval)
            try:
                await self.check()
            except Exception:  # never let the watcher die: the server keeps its current build
                log.exception("index reload check failed")

    async def check(self) -> bool:
        """Load and switch to the published build if it is new; True when switched."""
        build = published_build(self.settings.index_dir)
        current = build_id(getattr(self.state, "assistant", None))
        if not build or build == current:
            return False
        failed, when = self._failed
        if build == failed and time.monotonic() - when < RETRY_SECONDS:
            return False
        t0 = time.perf_counter()
        try:
            assistant = await anyio.to_thread.run_sync(self.load, self.settings)
        except Exception as exc:  # noqa: BLE001 - a damaged build must not stop the server
            self._failed = (build, time.monotonic())
            log.warning("new index %s not loaded (still serving %s): %s", build, current or "nothing", exc)
            if getattr(self.state, "assistant", None) is None:
                self.state.load_error = exc if isinstance(exc, AssistantError) else IndexDamagedError(
                    f"the index could not be loaded ({type(exc).__name__}); run `assistant ingest` to rebuild it")
            return False
        self.state.assistant = assistant  # one assignment: requests already running keep the old one
        self.state.load_error = None
        log.info("switched from index %s to %s (loaded in %.1fs)", current or "none", build_id(assistant),
                 time.perf_counter() - t0)
        return True
