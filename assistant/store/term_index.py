"""Which passages contain a word as a substring, without scanning every passage.

Search weighs a question's words by their rarity over passages (IDF) and asks whether a
document speaks of a word throughout (the share of its passages that hold it). Both are
defined by substring match on the compacted passage text ("环卫工人" in "…广州市环卫工人…"),
which a scan of every passage answers in time proportional to the corpus. This index
answers it from the character bigrams of each passage: the passages holding a word are
the intersection of the posting lists of its bigrams (exact for a two-character word),
checked by substring match only for the few left. Built at ingest time with numpy and
saved as three arrays that every worker memory-maps.

    keys      uint64[B]   sorted bigram codes (first char << 21 | second char)
    offsets   int64[B+1]  postings[offsets[b]:offsets[b+1]] are the passages of keys[b]
    postings  int32[P]    passage indices, ascending within a bigram
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

_CHAR_BITS = 21  # every Unicode code point fits in 21 bits
_PID_BITS = 22  # up to 4M passages per index
FILES = ("keys.npy", "offsets.npy", "postings.npy")


class SubstringIndex:
    def __init__(self, keys: np.ndarray, offsets: np.ndarray, postings: np.ndarray,
                 text_of: Callable[[int], str], size: int) -> None:
        self.keys, self.offsets, self.postings = keys, offsets, postings
        self.text_of = text_of  # compacted text of passage i, for the final substring check
        self.size = size

    @staticmethod
    def build_arrays(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(keys, offsets, postings) for compacted passage texts (index order)."""
        if len(texts) >= 1 << _PID_BITS:
            raise ValueError(f"{len(texts)} passages; the substring index holds at most {1 << _PID_BITS}")
        if not texts:
            return np.zeros(0, np.uint64), np.zeros(1, np.int64), np.zeros(0, np.int32)
        # One array of code points with a 0 between passages; bigrams touching a 0 are dropped.
        joined = "\0".join(texts) + "\0"
        cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        pid = np.repeat(np.arange(len(texts), dtype=np.uint64), lengths)
        first, second, pid = cps[:-1], cps[1:], pid[:-1]
        keep = (first != 0) & (second != 0)
        packed = (((first[keep] << _CHAR_BITS) | second[keep]) << _PID_BITS) | pid[keep]
        del cps, first, second, keep, pid
        packed.sort()  # by bigram, then passage (np.unique's hash path is far slower here)
        packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]  # one entry per pair
        codes = packed >> _PID_BITS
        postings = (packed & ((1 << _PID_BITS) - 1)).astype(np.int32)
        starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
        keys = codes[starts]
        offsets = np.append(starts, len(codes)).astype(np.int64)
        return keys, offsets, postings

    @classmethod
    def build(cls, texts: Sequence[str]) -> SubstringIndex:
        keys, offsets, postings = cls.build_arrays(texts)
        return cls(keys, offsets, postings, texts.__getitem__, len(texts))

    @staticmethod
    def save_arrays(directory: Path, arrays: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for name, arr in zip(FILES, arrays):
            np.save(directory / name, arr)

    @classmethod
    def load(cls, directory: Path, text_of: Callable[[int], str], size: int) -> SubstringIndex:
        keys, offsets, postings = (np.load(directory / name, mmap_mode="r") for name in FILES)
        return cls(keys, offsets, postings, text_of, size)

    def _posting(self, a: str, b: str) -> np.ndarray:
        code = (ord(a) << _CHAR_BITS) | ord(b)
        i = int(np.searchsorted(self.keys, code))
        if i >= len(self.keys) or int(self.keys[i]) != code:
            return self.postings[0:0]
        return self.postings[int(self.offsets[i]):int(self.offsets[i + 1])]

    def matches(self, word: str) -> np.ndarray:
        """Indices (ascending) of the passages whose compacted text contains `word`."""
        if len(word) < 2:  # no bigram to look up: check every passage (callers use words >= 2)
            return np.array([i for i in range(self.size) if word in self.text_of(i)], dtype=np.int32)
        lists = sorted((self._posting(word[i], word[i + 1]) for i in range(len(word) - 1)), key=len)
        found = np.asarray(lists[0])
        for other in lists[1:]:
            if not len(found):
                break
            found = np.intersect1d(found, other, assume_unique=True)
        if len(word) == 2:
            return found.astype(np.int32)
        return np.array([i for i in found.tolist() if word in self.text_of(i)], dtype=np.int32)
