"""`assistant add` / `assistant remove` end to end: a new document is parsed, indexed, answered
with the right citation, then removed and refused. Runs the real CLI (click) on a temporary
copy of the mini corpus, the real e5 model and embedded Chroma."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import Settings
from assistant.retrieve.assistant import Assistant
from tests.conftest import MINI_CORPUS
from tests.ingest.notice_files import NEW_DOCS, write_docx, write_pdf, write_txt

pytestmark = pytest.mark.slow

NOTICE = "穗府办规〔2025〕9号"


@pytest.fixture(scope="module")
def e5_cache(tmp_path_factory) -> Path:
    """One embedding cache for the module: each text is embedded once."""
    return tmp_path_factory.mktemp("e5-cache")


@pytest.fixture
def env(tmp_path: Path, e5_cache: Path) -> dict[str, str]:
    shutil.copytree(MINI_CORPUS, tmp_path / "corpus")
    return {"ASSISTANT_CORPUS_DIR": str(tmp_path / "corpus"), "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
            "ASSISTANT_EMBEDDING_CACHE_DIR": str(e5_cache)}


def cli(env: dict[str, str], *args: str, ok: bool = True):
    result = CliRunner().invoke(main, list(args), env=env)
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def ask(env: dict[str, str], question: str):
    settings = Settings(corpus_dir=env["ASSISTANT_CORPUS_DIR"], index_dir=env["ASSISTANT_INDEX_DIR"],
                        embedding_cache_dir=env["ASSISTANT_EMBEDDING_CACHE_DIR"])
    return Assistant.load(settings).ask(question)


def _notice(fmt: str, tmp_path: Path) -> Path:
    return {"txt": lambda: write_txt(tmp_path / "notice_crlf_bom.txt"), "md": lambda: NEW_DOCS / "notice.md",
            "docx": lambda: write_docx(tmp_path / "notice.docx"), "pdf": lambda: write_pdf(tmp_path / "notice.pdf")}[fmt]()


# (file, extra CLI args, doc_id, layout, question, cited task_no or a section part, answer must hold)
TASK_DOCS = [
    ("gd_2025_tasks.txt", (), "粤府〔2025〕6号", "task_list", "无人机物流配送由哪个部门牵头？", "4",
     ["省邮政管理局"]),
    ("gz_2025_tasks.txt", (), "穗府〔2025〕2号", "task_list", "谁负责新增独角兽企业？", "4",
     ["市科技局", "苏晓岚"]),
    ("gz_2025_table.tsv.txt", ("--id", "穗府〔2025〕3号", "--title", "2025年民生实事分工表"), "穗府〔2025〕3号",
     "task_table_tsv", "口袋公园建设由谁负责？", "3", ["苏晓岚", "市林业园林局"]),
]


@pytest.mark.parametrize(("name", "args", "doc_id", "layout", "question", "task_no", "facts"), TASK_DOCS)
def test_add_task_document_answer_remove(env, name, args, doc_id, layout, question, task_no, facts) -> None:
    out = cli(env, "add", str(NEW_DOCS / name), "--quiet", *args)
    assert f"added {doc_id}" in out and f"layout  {layout} (detected)" in out
    assert "uncertain tasks 0" in out and "warning" not in out
    answer = ask(env, question)
    assert answer.answerable, answer.answer
    assert (answer.citations[0].doc_id, answer.citations[0].task_no) == (doc_id, task_no)
    assert all(f in answer.answer for f in facts), answer.answer

    out = cli(env, "remove", doc_id, "--quiet")
    assert f"removed {doc_id}" in out and "deleted" in out
    assert not (Path(env["ASSISTANT_CORPUS_DIR"]) / name).exists()
    after = ask(env, question)
    assert not after.answerable and all(c.doc_id != doc_id for c in after.citations), after.answer


@pytest.mark.parametrize("fmt", ["txt", "md", "docx", "pdf"])
def test_add_notice_in_every_format(env, tmp_path, fmt: str) -> None:
    out = cli(env, "add", str(_notice(fmt, tmp_path)), "--quiet")
    assert f"added {NOTICE}" in out and "layout  generic (detected)" in out
    assert "issuer  广州市人民政府办公厅   level 市   year 2025" in out
    sections = 16 if fmt != "pdf" else 13  # the PDF's table is text in a point, not rows
    assert f"sections {sections}," in out

    answer = ask(env, "社区食堂助餐每餐补贴多少？")
    assert answer.answerable and "3元" in answer.answer, answer.answer
    top = answer.citations[0]
    assert top.doc_id == NOTICE and "(二)丰富服务内容" in top.section and "每餐补贴标准为3元" in top.text
    land = ask(env, "社区嵌入式服务设施用地怎么供应？")
    assert land.citations[0].doc_id == NOTICE and land.citations[0].section == "三、保障措施 / (二)强化用地保障"

    cli(env, "remove", NOTICE, "--quiet")
    after = ask(env, "社区食堂助餐每餐补贴多少？")
    assert not after.answerable and not after.citations


def test_refusals_leave_the_corpus_as_it_was(env, tmp_path) -> None:
    manifest = Path(env["ASSISTANT_CORPUS_DIR"]) / "manifest.toml"
    before = manifest.read_text(encoding="utf-8")
    cli(env, "add", str(NEW_DOCS / "gz_2025_tasks.txt"), "--quiet")
    again = cli(env, "add", str(NEW_DOCS / "gz_2025_tasks.txt"), "--quiet", ok=False)
    assert "穗府〔2025〕2号 is already in the corpus" in again and "assistant remove" in again

    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("一、总体要求\n坚持以人民为中心。".encode("gb18030"))
    out = cli(env, "add", str(gbk), ok=False)
    assert out.count("\n") == 1 and "GB18030" in out
    wrong = cli(env, "add", str(NEW_DOCS / "notice.md"), "--layout", "task_table_tsv", "--quiet", ok=False)
    assert "yielded no records; is layout 'task_table_tsv' right?" in wrong
    assert not (Path(env["ASSISTANT_CORPUS_DIR"]) / "notice.md").exists()  # rolled back

    assert "no document '粤府〔2099〕1号'" in cli(env, "remove", "粤府〔2099〕1号", ok=False)
    cli(env, "remove", "穗府〔2025〕2号", "--quiet")
    assert manifest.read_text(encoding="utf-8").rstrip() == before.rstrip()


def test_ingest_warns_about_dropped_files_and_keeps_cached_vectors(env) -> None:
    from assistant.store.embedders import make_embedder
    from assistant.store.embedding_cache import EmbeddingCache

    corpus = Path(env["ASSISTANT_CORPUS_DIR"])
    shutil.copy(NEW_DOCS / "gz_2025_tasks.txt", corpus)
    out = cli(env, "ingest", "--quiet")
    assert "warning: gz_2025_tasks.txt is in" in out and "assistant add" in out
    cli(env, "add", str(corpus / "gz_2025_tasks.txt"), "--quiet")  # listed where it lies
    e5 = make_embedder("e5")
    cache = EmbeddingCache(Path(env["ASSISTANT_EMBEDDING_CACHE_DIR"]), e5.name, e5.dim)
    with_doc = len(cache.keys())
    cli(env, "remove", "穗府〔2025〕2号", "--quiet")
    assert len(cache.keys()) == with_doc  # removing a document keeps its vectors
    out = cli(env, "cache", "prune")
    assert out.startswith("pruned ") and len(cache.keys()) < with_doc
    cache.close()


def test_real_corpus_add_two_task_lists_then_remove(tmp_path) -> None:
    """On a copy of the real corpus (with a copy of the committed embedding cache): the new
    lists are answered beside the old ones, and removing them restores the old records."""
    from assistant.store.layout import current_build
    from assistant.store.records_db import RecordsDB
    from assistant.store.store import RECORDS_FILE
    from tests.conftest import REPO

    shutil.copytree(REPO / "data" / "corpus", tmp_path / "corpus")
    shutil.copytree(REPO / "data" / "embedding_cache", tmp_path / "cache")
    env = {"ASSISTANT_CORPUS_DIR": str(tmp_path / "corpus"), "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
           "ASSISTANT_EMBEDDING_CACHE_DIR": str(tmp_path / "cache")}
    assert "embedded 0, from cache 1684" in cli(env, "ingest", "--quiet")
    records = lambda: RecordsDB.load(current_build(tmp_path / "index") / RECORDS_FILE)  # noqa: E731
    before = [t.to_dict() for t in records().tasks]

    cli(env, "add", str(NEW_DOCS / "gd_2025_tasks.txt"), "--quiet")
    cli(env, "add", str(NEW_DOCS / "gz_2025_tasks.txt"), "--quiet")
    new_province = ask(env, "2025年海洋生产总值增长目标由谁负责？")
    assert (new_province.citations[0].doc_id, new_province.citations[0].task_no) == ("粤府〔2025〕6号", "2")
    assert "欧阳明" in new_province.answer and "省自然资源厅" in new_province.answer
    new_city = ask(env, "珠江夜游新航线由哪个部门牵头？")
    assert new_city.citations[0].doc_id == "穗府〔2025〕2号" and "市文化广电旅游局" in new_city.answer
    old = ask(env, "2023年粮食产量由谁负责？")
    assert old.answerable and old.citations[0].doc_id == "粤府〔2023〕18号"

    cli(env, "remove", "粤府〔2025〕6号", "--quiet")
    cli(env, "remove", "穗府〔2025〕2号", "--quiet")
    assert [t.to_dict() for t in records().tasks] == before
    gone = ask(env, "珠江夜游新航线由哪个部门牵头？")
    assert not gone.answerable and all(c.doc_id != "穗府〔2025〕2号" for c in gone.citations)


def test_a_shenzhen_document_is_answered(env, tmp_path) -> None:
    path = tmp_path / "sz.txt"
    path.write_text("深圳市人民政府关于推进低空经济发展的通知\n深府〔2025〕3号\n各区人民政府：\n"
                    "一、发展目标\n到2026年，深圳市低空经济产业规模达到1200亿元。\n"
                    "深圳市人民政府\n2025年3月1日\n", encoding="utf-8")
    assert "added 深府〔2025〕3号" in cli(env, "add", str(path), "--quiet")
    answer = ask(env, "深圳市低空经济产业规模目标是多少？")
    assert answer.answerable and answer.citations[0].doc_id == "深府〔2025〕3号" and "1200亿元" in answer.answer


def test_remove_one_document_of_a_gazette(env) -> None:
    """The document before the removed one gets an `end`, so it does not run on over its text."""
    corpus = Path(env["ASSISTANT_CORPUS_DIR"])
    (corpus / "gazette.txt").write_text(
        "穗府办〔2025〕1号\n一、工作要求\n做好防汛工作。\n"
        "穗府办〔2025〕2号\n一、工作要求\n做好防台风工作。\n"
        "穗府办〔2025〕3号\n一、工作要求\n做好防寒工作。\n", encoding="utf-8")
    with (corpus / "manifest.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[file]]\nname = "gazette.txt"\n' + "".join(
            f'\n  [[file.document]]\n  doc_id = "穗府办〔2025〕{n}号"\n  start = "穗府办〔2025〕{n}号"\n'
            for n in (1, 2, 3)))
    cli(env, "ingest", "--quiet")
    out = cli(env, "remove", "穗府办〔2025〕2号", "--quiet")
    assert "kept (other documents live in it)" in out
    manifest = (corpus / "manifest.toml").read_text(encoding="utf-8")
    assert 'end = "穗府办〔2025〕2号"' in manifest and 'doc_id = "穗府办〔2025〕2号"' not in manifest
    gone = ask(env, "防台风工作有什么要求？")
    assert all(c.doc_id != "穗府办〔2025〕2号" and "防台风" not in c.text for c in gone.citations)
    assert ask(env, "防汛工作有什么要求？").citations[0].doc_id == "穗府办〔2025〕1号"


def test_first_document_of_a_new_corpus(tmp_path, e5_cache) -> None:
    env = {"ASSISTANT_CORPUS_DIR": str(tmp_path / "new_corpus"), "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
           "ASSISTANT_EMBEDDING_CACHE_DIR": str(e5_cache)}
    out = cli(env, "add", str(NEW_DOCS / "notice.md"), "--quiet")
    assert f"added {NOTICE}" in out
    manifest = (tmp_path / "new_corpus" / "manifest.toml").read_text(encoding="utf-8")
    assert manifest.startswith("# The corpus") and 'name = "notice.md"' in manifest
    assert "is the only document of the corpus" in cli(env, "remove", NOTICE, ok=False)


def test_second_task_list_of_the_same_year_and_level(env, tmp_path) -> None:
    """A second 2023 provincial list beside 粤府〔2023〕18号: both are answered."""
    text = (NEW_DOCS / "gd_2025_tasks.txt").read_text(encoding="utf-8")
    path = tmp_path / "gd_2023_extra.txt"
    path.write_text(text.replace("粤府〔2025〕6号", "粤府〔2023〕99号").replace("2025年", "2023年"), encoding="utf-8")
    assert "added 粤府〔2023〕99号" in cli(env, "add", str(path), "--quiet")
    new = ask(env, "2023年无人机物流配送由哪个部门牵头？")
    assert (new.citations[0].doc_id, new.citations[0].task_no) == ("粤府〔2023〕99号", "4")
    old = ask(env, "2023年地区生产总值增长目标由哪个部门牵头？")
    assert {c.doc_id for c in old.citations} >= {"粤府〔2023〕18号"} and "省发展改革委" in old.answer
