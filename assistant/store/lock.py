"""One writer per index directory: an exclusive `fcntl.flock` on index/.lock.

Every command that changes index/ (ingest, and add/remove) runs inside `index_lock`.
The lock is released by the kernel when the process dies, so a killed ingest never
leaves a stale lock behind; the pid written into the file only names the holder.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import IndexBusyError

LOCK_FILE = ".lock"


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode("ascii", "replace").strip() or "?"
    except OSError:
        return "?"


@contextmanager
def index_lock(index_dir: Path, wait_s: float = 5.0) -> Iterator[None]:
    """Hold the index's writer lock; wait up to `wait_s` seconds for another writer, then
    raise IndexBusyError naming its pid."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(0.0, wait_s)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusyError(
                        f"another ingest is running (pid {_holder(fd)}) on {index_dir}; "
                        f"wait for it to finish, then run the command again") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
