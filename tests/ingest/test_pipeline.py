"""Ingest as a user meets it: summary, idempotence, atomic swap, clear errors on bad input."""

from __future__ import annotations

import pytest

from assistant.errors import CorpusError
from assistant.ingest import pipeline
from assistant.ingest.pipeline import ingest
from assistant.retrieve.assistant import Assistant
from assistant.store.layout import current_build


def _ask_works(settings) -> None:
    answer = Assistant.load(settings).ask("地区生产总值增长目标是多少？")
    assert answer.answerable and "5%" in answer.answer


def test_ingest_builds_and_reingest_changes_nothing(mini_settings):
    first = ingest(mini_settings, progress=False)
    assert first.documents[0]["doc_id"] == "粤府〔2023〕18号"
    assert first.documents[0]["tasks"] == 9  # the excerpt holds tasks 1-9
    assert first.embedded == first.passages > 0
    build = current_build(mini_settings.index_dir)
    second = ingest(mini_settings, progress=False)
    assert second.up_to_date and second.embedded == 0
    assert current_build(mini_settings.index_dir) == build
    _ask_works(mini_settings)


def test_forced_rebuild_embeds_nothing_new(mini_settings):
    ingest(mini_settings, progress=False)
    again = ingest(mini_settings, progress=False, force=True)
    assert not again.up_to_date and again.embedded == 0 and again.cached == again.passages
    _ask_works(mini_settings)


def _break_and_check(settings, breaker, message_part):
    ingest(settings, progress=False)
    good = current_build(settings.index_dir)
    breaker(settings)
    with pytest.raises(CorpusError) as err:
        ingest(settings, progress=False)
    assert message_part in str(err.value)
    assert current_build(settings.index_dir) == good
    _ask_works(settings)


def test_missing_corpus_dir(mini_settings):
    def breaker(s):
        object.__setattr__(s, "corpus_dir", s.corpus_dir.parent / "nope")
    _break_and_check(mini_settings, breaker, "nope")


def test_empty_file(mini_settings):
    _break_and_check(mini_settings, lambda s: (s.corpus_dir / "001_excerpt.txt").write_text(""),
                     "001_excerpt.txt is empty")


def test_file_not_utf8(mini_settings):
    def breaker(s):
        path = s.corpus_dir / "001_excerpt.txt"
        path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    _break_and_check(mini_settings, breaker, "001_excerpt.txt is not UTF-8")


def test_manifest_names_missing_file(mini_settings):
    def breaker(s):
        m = s.corpus_dir / "manifest.toml"
        m.write_text(m.read_text(encoding="utf-8").replace("001_excerpt.txt", "gone.txt"), encoding="utf-8")
    _break_and_check(mini_settings, breaker, "gone.txt")


def test_unknown_layout(mini_settings):
    def breaker(s):
        m = s.corpus_dir / "manifest.toml"
        m.write_text(m.read_text(encoding="utf-8").replace('"task_list"', '"spreadsheet"'), encoding="utf-8")
    _break_and_check(mini_settings, breaker, "unknown layout 'spreadsheet'")


def test_interrupted_ingest_leaves_old_index_serving(mini_settings, monkeypatch):
    ingest(mini_settings, progress=False)
    good = current_build(mini_settings.index_dir)
    (mini_settings.corpus_dir / "001_excerpt.txt").open("a", encoding="utf-8").write("\n10. 新增一项测试任务。\n")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "write_vectors", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(mini_settings, progress=False)
    assert current_build(mini_settings.index_dir) == good
    assert sorted(p.name for p in (mini_settings.index_dir / "builds").iterdir()) == [good.name]
    _ask_works(mini_settings)
