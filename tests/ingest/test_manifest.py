"""The manifest as a new user writes it: only name and doc_id required, one-line errors."""

from __future__ import annotations

import shutil

import pytest

from assistant.errors import CorpusError
from assistant.ingest.manifest import load_manifest
from assistant.ingest.pipeline import parse_corpus
from tests.ingest.notice_files import NEW_DOCS


def _write(settings, body: str) -> None:
    (settings.corpus_dir / "manifest.toml").write_text(body, encoding="utf-8")


def test_only_name_and_doc_id_the_rest_is_read_from_the_text(mini_settings) -> None:
    shutil.copy(NEW_DOCS / "gz_2025_tasks.txt", mini_settings.corpus_dir)
    _write(mini_settings, '[[file]]\nname = "gz_2025_tasks.txt"\n[[file.document]]\ndoc_id = "穗府〔2025〕2号"\n'
                          '[[file]]\nname = "001_excerpt.txt"\n[[file.document]]\ndoc_id = "粤府〔2023〕18号"\n')
    documents, tasks, _, _, _ = parse_corpus(mini_settings)
    gz = documents[0]
    assert (gz.title, gz.issuer, gz.level, gz.year, gz.layout) == (
        "广州市人民政府关于印发2025年市政府工作报告重点工作任务分工的通知", "广州市人民政府", "市", 2025, "task_list")
    assert sum(t.doc_id == "穗府〔2025〕2号" for t in tasks) == 5
    assert documents[1].layout == "task_list" and documents[1].year == 2023


def test_generic_layout_is_known(mini_settings) -> None:
    shutil.copy(NEW_DOCS / "notice.md", mini_settings.corpus_dir)
    _write(mini_settings, '[[file]]\nname = "notice.md"\n[[file.document]]\ndoc_id = "x"\nlayout = "generic"\n')
    assert load_manifest(mini_settings.corpus_dir)[0].documents[0].layout == "generic"


@pytest.mark.parametrize(("document", "message"), [
    ('title = "t"', "document #1 of 001_excerpt.txt has no doc_id; add doc_id ="),
    ('doc_id = "x"\nlevle = "省"', "has an unknown field 'levle'; fields: doc_id, title"),
    ('doc_id = "x"\nyear = "2025"', "field year = '2025' should be a number"),
    ('doc_id = "x"\nlayout = "spreadsheet"', "unknown layout 'spreadsheet'; known layouts: auto, generic"),
])
def test_bad_entries_are_one_line_errors(mini_settings, document: str, message: str) -> None:
    _write(mini_settings, f'[[file]]\nname = "001_excerpt.txt"\n[[file.document]]\n{document}\n')
    with pytest.raises(CorpusError) as err:
        load_manifest(mini_settings.corpus_dir)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_files_the_manifest_does_not_list_are_reported(mini_settings) -> None:
    shutil.copy(NEW_DOCS / "notice.md", mini_settings.corpus_dir)
    (mini_settings.corpus_dir / "notes.csv").write_text("a,b\n", encoding="utf-8")  # not a document type
    *_, warnings, _ = parse_corpus(mini_settings)
    unlisted = [w for w in warnings if "not in manifest.toml" in w]
    assert len(unlisted) == 1 and unlisted[0].startswith("notice.md is in ")
    assert "assistant add" in unlisted[0]
