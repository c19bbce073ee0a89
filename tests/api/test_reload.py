"""IndexWatcher: switches to a newly published build, keeps serving the old one when the new
one cannot be loaded, and does not hammer a broken build."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import anyio

from assistant.api.reload import IndexWatcher, build_id, published_build
from assistant.config import Settings
from assistant.errors import IndexNotReadyError


def _publish(index: Path, build: str) -> None:
    (index / "builds" / build).mkdir(parents=True, exist_ok=True)
    tmp = index / ".current.tmp"
    tmp.symlink_to(Path("builds") / build)
    os.replace(tmp, index / "current")


def test_switch_keep_old_on_failure_and_no_retry_storm(tmp_path: Path) -> None:
    index = tmp_path / "index"
    _publish(index, "b1")
    loads: list[str] = []

    def load(settings: Settings):
        build = published_build(settings.index_dir)
        loads.append(build)
        if build == "broken":
            raise IndexNotReadyError("damaged")
        return SimpleNamespace(store=SimpleNamespace(meta={"build_id": build}))

    state = SimpleNamespace(assistant=load(Settings(index_dir=index)), load_error=None)
    watcher = IndexWatcher(state, Settings(index_dir=index), load)
    assert anyio.run(watcher.check) is False and loads == ["b1"]  # nothing new: no load at all

    _publish(index, "b2")
    old = state.assistant
    assert anyio.run(watcher.check) is True
    assert build_id(state.assistant) == "b2" and build_id(old) == "b1"  # a held reference stays on b1

    _publish(index, "broken")
    assert anyio.run(watcher.check) is False and build_id(state.assistant) == "b2"
    assert anyio.run(watcher.check) is False and loads.count("broken") == 1  # retried only later
    assert state.load_error is None  # the server is still ready on b2


def test_first_index_appears_after_start(tmp_path: Path) -> None:
    index = tmp_path / "index"
    index.mkdir()
    state = SimpleNamespace(assistant=None, load_error=IndexNotReadyError("no index yet"))
    watcher = IndexWatcher(state, Settings(index_dir=index),
                           lambda s: SimpleNamespace(store=SimpleNamespace(meta={"build_id": published_build(index)})))
    assert anyio.run(watcher.check) is False
    _publish(index, "first")
    assert anyio.run(watcher.check) is True
    assert build_id(state.assistant) == "first" and state.load_error is None
