"""The memory-mapped text column (store/text_column.py) without an index."""

from __future__ import annotations

import pytest

from assistant.store.text_column import DATA_FILE, TextColumn

TEXTS = ["粤府〔2023〕18号稳增长", "", "a\nb", "𠀀生僻字", "\ud800孤立代理", "广州市环卫工人" * 50]


def test_round_trip_through_the_file(tmp_path):
    TextColumn.save(tmp_path, TEXTS)
    column = TextColumn.load(tmp_path)
    assert len(column) == len(TEXTS)
    assert list(column) == TEXTS and column[-1] == TEXTS[-1] and column[1:3] == TEXTS[1:3]
    assert "环卫工人" in column[5] and column.index("") == 1
    with pytest.raises(IndexError):
        column[len(TEXTS)]


def test_empty_and_missing(tmp_path):
    TextColumn.save(tmp_path / "empty", [])
    assert len(TextColumn.load(tmp_path / "empty")) == 0
    assert TextColumn.load(tmp_path / "none") is None


def test_a_truncated_file_is_refused(tmp_path):
    TextColumn.save(tmp_path, TEXTS)
    data = tmp_path / DATA_FILE
    data.write_bytes(data.read_bytes()[:-2])
    with pytest.raises(ValueError, match="offsets"):
        TextColumn.load(tmp_path)


def test_a_column_in_memory_reads_as_the_list():
    column = TextColumn.of(TEXTS)
    assert len(column) == len(TEXTS) and list(column) == TEXTS and column[-2] == TEXTS[-2]
    assert list(TextColumn.of([])) == []
