"""Where a built index lives, and the atomic swap that publishes a new one.

index/
  current -> builds/<build_id>     (a symlink, replaced atomically)
  builds/<build_id>/meta.json      (written last: a build without it is incomplete)
                    records.json  bm25/  chroma/
A crash or Ctrl-C during ingest leaves `current` pointing at the old build.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

META = "meta.json"


def current_build(index_dir: Path) -> Path | None:
    """The published build directory, or None if there is none (or it is incomplete)."""
    link = index_dir / "current"
    if not link.exists():
        return None
    target = link.resolve()
    return target if (target / META).is_file() else None


def read_meta(build_dir: Path) -> dict[str, Any]:
    return json.loads((build_dir / META).read_text(encoding="utf-8"))


def new_build_dir(index_dir: Path, build_id: str) -> Path:
    path = index_dir / "builds" / build_id
    path.mkdir(parents=True)  # build ids are unique; an existing one is never overwritten
    return path


def publish(index_dir: Path, build_dir: Path, meta: dict[str, Any]) -> None:
    """Write meta.json, then point `current` at the build in one atomic rename."""
    (build_dir / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp = index_dir / f".current.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(build_dir.relative_to(index_dir))
    os.replace(tmp, index_dir / "current")


def remove_other_builds(index_dir: Path) -> list[str]:
    """Delete every build but the published one (old builds and interrupted ones)."""
    keep = current_build(index_dir)
    removed = []
    builds = index_dir / "builds"
    for path in builds.iterdir() if builds.is_dir() else []:
        if keep is None or path.resolve() != keep:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed
