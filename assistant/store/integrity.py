"""Build manifests: every file of a build with its size and sha256, written last, checked on load.

A build is complete when its manifest.json exists; it is intact when every file it lists is
present with the listed size (cheap, checked whenever an index is opened) and, on request,
the listed sha256 (`assistant stats --verify`, every `assistant ingest`, and on load unless
`verify_checksums_on_load` is off).

Chroma rewrites pages of its SQLite file when a client opens it, so chroma.sqlite3 is listed
without a checksum: it must exist, not have shrunk, and pass SQLite's `quick_check` when
checksums are asked for. Its HNSW files (the vectors) are checksummed like every other file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
_MUTABLE = {"chroma.sqlite3"}  # rewritten in place by Chroma when opened
_SKIP_SUFFIXES = ("-wal", "-shm", "-journal")  # SQLite side files come and go


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(build_dir: Path) -> list[Path]:
    return sorted(p for p in build_dir.rglob("*")
                  if p.is_file() and p.name != MANIFEST and not p.name.endswith(_SKIP_SUFFIXES))


def fsync_tree(root: Path) -> None:
    """fsync every file and directory under `root` (and root itself)."""
    for path in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        fsync_path(path)
    fsync_path(root)


def fsync_path(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_manifest(build_dir: Path) -> dict[str, Any]:
    """List every file of the build (size, sha256) in manifest.json, durably."""
    files: dict[str, dict[str, Any]] = {}
    for path in _files(build_dir):
        rel = path.relative_to(build_dir).as_posix()
        entry: dict[str, Any] = {"size": path.stat().st_size}
        if path.name not in _MUTABLE:
            entry["sha256"] = _sha256(path)
        files[rel] = entry
    manifest = {"version": MANIFEST_VERSION, "files": files}
    tmp = build_dir / f".{MANIFEST}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, build_dir / MANIFEST)
    fsync_path(build_dir)
    return manifest


def read_manifest(build_dir: Path) -> dict[str, Any] | None:
    """The manifest, or None when it is missing or unreadable."""
    try:
        data = json.loads((build_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None


def verify_build(build_dir: Path, checksums: bool = False) -> list[str]:
    """What is wrong with the build, one short line per problem ([] when intact)."""
    if not (build_dir / MANIFEST).exists():
        return [f"{MANIFEST} is missing (an interrupted build, or one made before manifests)"]
    manifest = read_manifest(build_dir)
    if manifest is None:
        return [f"{MANIFEST} is unreadable"]
    problems: list[str] = []
    for rel, entry in manifest["files"].items():
        path = build_dir / rel
        try:
            size = path.stat().st_size
        except OSError:
            problems.append(f"{rel} is missing")
            continue
        expected = int(entry.get("size", -1))
        if "sha256" not in entry:  # a mutable file (Chroma's SQLite): may grow, never shrink
            if size < expected or size == 0:
                problems.append(f"{rel} has {size} bytes, expected at least {expected}")
            elif checksums and not _sqlite_ok(path):
                problems.append(f"{rel} fails SQLite's quick_check")
            continue
        if size != expected:
            problems.append(f"{rel} has {size} bytes, expected {expected}")
        elif checksums and _sha256(path) != entry["sha256"]:
            problems.append(f"{rel} has changed (sha256 differs from the manifest)")
    return problems


def _sqlite_ok(path: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.Error:
        return False
