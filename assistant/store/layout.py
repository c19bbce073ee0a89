"""Where a built index lives, and the crash-safe swap that publishes a new one.

index/
  .lock                            (held by the one writer, see lock.py)
  current  -> builds/<build_id>    (a symlink, replaced atomically)
  previous -> builds/<build_id>    (the build `current` pointed at before; a running
                                    server may still be reading it)
  builds/<build_id>/records.json  bm25/  chroma/  meta.json
                    manifest.json  (written last: every file with size and sha256;
                                    a build without it is incomplete, see integrity.py)

A build is written beside the live one, fsynced (files, then directories), then published
by renaming a new symlink over `current`, so a crash, Ctrl-C or kill -9 at any point leaves
`current` pointing at a complete build. Builds that are neither current nor previous
(older ones, and partial ones of killed runs) are deleted by the next writer.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from assistant.errors import IndexDamagedError
from assistant.store.integrity import fsync_path, fsync_tree, write_manifest

META = "meta.json"
CURRENT = "current"
PREVIOUS = "previous"


def _linked(index_dir: Path, name: str) -> Path | None:
    link = index_dir / name
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def current_build(index_dir: Path) -> Path | None:
    """The published build directory, or None if there is none."""
    target = _linked(index_dir, CURRENT)
    return target if target is not None and (target / META).exists() else None


def previous_build(index_dir: Path) -> Path | None:
    """The build published before the current one, while it is kept."""
    return _linked(index_dir, PREVIOUS)


def read_meta(build_dir: Path) -> dict[str, Any]:
    """The build's meta.json; IndexDamagedError when it cannot be read."""
    try:
        meta = json.loads((build_dir / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexDamagedError(f"the index build {build_dir.name} is damaged ({META} is unreadable: "
                                f"{exc}); run `assistant ingest` to rebuild it") from exc
    if not isinstance(meta, dict) or "build_id" not in meta:
        raise IndexDamagedError(f"the index build {build_dir.name} is damaged ({META} has no "
                                "build_id); run `assistant ingest` to rebuild it")
    return meta


def new_build_dir(index_dir: Path, build_id: str) -> Path:
    path = index_dir / "builds" / build_id
    path.mkdir(parents=True)  # build ids are unique; an existing one is never overwritten
    return path


def _swap_link(index_dir: Path, name: str, target: Path) -> None:
    tmp = index_dir / f".{name}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target.relative_to(index_dir))
    os.replace(tmp, index_dir / name)


def publish(index_dir: Path, build_dir: Path, meta: dict[str, Any]) -> None:
    """Write meta.json and the manifest, fsync the build, then point `current` at it in one
    atomic rename (the old current becomes `previous`)."""
    (build_dir / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    fsync_tree(build_dir)
    write_manifest(build_dir)
    fsync_path(build_dir.parent)
    old = current_build(index_dir)
    if old is not None and old != build_dir.resolve():
        _swap_link(index_dir, PREVIOUS, old)
    _swap_link(index_dir, CURRENT, build_dir)
    fsync_path(index_dir)


def prune_builds(index_dir: Path) -> list[str]:
    """Delete every build but the current and the previous one (older builds and partial
    ones left by killed runs). Call only while holding the index lock."""
    keep = {p for p in (current_build(index_dir), previous_build(index_dir)) if p is not None}
    removed = []
    builds = index_dir / "builds"
    for path in sorted(builds.iterdir()) if builds.is_dir() else []:
        if path.resolve() not in keep:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    prev = index_dir / PREVIOUS
    if prev.is_symlink() and previous_build(index_dir) is None:
        prev.unlink()
    for stray in index_dir.glob(".current.*"):
        stray.unlink(missing_ok=True)
    for stray in index_dir.glob(".previous.*"):
        stray.unlink(missing_ok=True)
    return removed


def kept_build_ids(index_dir: Path) -> set[str]:
    return {p.name for p in (current_build(index_dir), previous_build(index_dir)) if p is not None}
