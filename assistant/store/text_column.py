"""One string per passage in a file that processes memory-map instead of each holding a list.

The searcher checks words against every candidate passage's compacted text (title + text:
coverage, the substring index's last check). Held as Python strings that column is a copy
of the whole corpus in every worker (about 170 MB at 100 times the corpus); as a file it
is read through the page cache, shared by the workers, and only the passages a question
touches are ever paged in. Strings are stored as UTF-16-LE (two bytes per Chinese
character, like CPython's own form for them), one after another, with their byte offsets:

    texts.bin          the encoded strings, concatenated
    text_offsets.npy   int64[n+1]: string i is texts.bin[offsets[i]:offsets[i+1]]
"""

from __future__ import annotations

import mmap
from array import array
from collections.abc import Sequence
from pathlib import Path

import numpy as np

DATA_FILE = "texts.bin"
OFFSETS_FILE = "text_offsets.npy"
_CODEC = ("utf-16-le", "surrogatepass")  # lone surrogates survive the round trip


class TextColumn(Sequence[str]):
    """Read-only sequence of strings backed by `data` (bytes or an mmap) and byte offsets."""

    def __init__(self, data: bytes | mmap.mmap, offsets: np.ndarray) -> None:
        self._data = data
        # 8 bytes an offset that index as Python ints (no numpy scalar per access; a list of
        # ints would take 40 bytes an offset: 6.4 MB at 167k passages)
        self._offsets = array("q", np.ascontiguousarray(offsets, dtype=np.int64).tobytes())
        self._n = len(offsets) - 1

    @staticmethod
    def _encode(texts: Sequence[str]) -> tuple[bytes, np.ndarray]:
        encoded = [t.encode(*_CODEC) for t in texts]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return b"".join(encoded), offsets

    @classmethod
    def of(cls, texts: Sequence[str]) -> TextColumn:
        """The column of `texts` in memory: one bytes object and its offsets instead of a
        string object each (for 167k short headings 5 MB instead of 19 MB)."""
        return cls(*cls._encode(texts))

    @staticmethod
    def save(directory: Path, texts: Sequence[str]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        data, offsets = TextColumn._encode(texts)
        (directory / DATA_FILE).write_bytes(data)
        np.save(directory / OFFSETS_FILE, offsets)

    @classmethod
    def load(cls, directory: Path) -> TextColumn | None:
        """The column saved in `directory`, memory-mapped; None when there is none."""
        data_path, offsets_path = directory / DATA_FILE, directory / OFFSETS_FILE
        if not data_path.exists() or not offsets_path.exists():
            return None
        offsets = np.load(offsets_path)
        if len(offsets) < 1 or int(offsets[-1]) != data_path.stat().st_size:
            raise ValueError(f"{data_path} holds {data_path.stat().st_size} bytes, "
                             f"its offsets say {int(offsets[-1]) if len(offsets) else '?'}")
        if not data_path.stat().st_size:
            return cls(b"", offsets)
        with data_path.open("rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return cls(data, offsets)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(f"text {i} of {self._n}")
        return self._data[self._offsets[i]:self._offsets[i + 1]].decode(*_CODEC)
