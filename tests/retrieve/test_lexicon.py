"""Corpus knowledge comes from the records: adding a document changes what the assistant
knows (places, periods, years, several task documents a year) without touching code."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.records import Passage, SourceDocument, Task
from assistant.retrieve.lexicon import Lexicon
from assistant.retrieve.refusals import Refusal
from assistant.retrieve.understand import QueryParser
from assistant.store.bm25_index import Tokenizer
from assistant.store.records_db import RecordsDB
from assistant.store.vocabulary import LexiconData, default_lexicon, issuer_places, unit_core


def with_documents(records: RecordsDB, *extra: tuple[SourceDocument, list[Task], list[Passage]]) -> QueryParser:
    docs = list(records.documents.values()) + [d for d, _, _ in extra]
    tasks = records.tasks + [t for _, ts, _ in extra for t in ts]
    passages = records.passages + [p for _, _, ps in extra for p in ps]
    new = RecordsDB(docs, tasks, records.sections, passages)
    tokenizer = Tokenizer.for_records(new)
    return QueryParser(Lexicon(new, tokenizer.lexicon), tokenizer.words)


def test_facts_derived_from_the_corpus(parser):
    lx = parser.lexicon
    assert lx.places == {"广东": "省", "广州": "市"}
    assert lx.abbreviations == {"省": {"粤"}, "市": {"穗"}}
    assert lx.periods == ("十三五", "十四五")
    assert lx.plan_years == {"广东省十四五规划纲要": (2021, 2035)}
    assert lx.task_docs_for(level="省") == ["粤府〔2023〕18号", "粤府〔2022〕13号"]
    assert lx.task_docs_for(2024) == ["穗府〔2024〕1号"]
    assert "深圳" in lx.other_places and "广州" not in lx.other_places
    # districts: the district governments among the units ("海珠区政府"), not 各区政府 / 相关区政府
    assert {"海珠", "天河", "越秀", "花都"} <= set(lx.districts) and not {"各区", "相关"} & set(lx.districts)


def test_a_shenzhen_document_lifts_the_other_place_refusal(parser, corpus_records):
    q = "深圳市2023年政府工作报告谁负责粮食产量？"
    assert parser.parse(q).refuse is Refusal.OTHER_PLACE
    doc = SourceDocument("深府〔2023〕1号", "深圳市人民政府关于印发2023年政府工作报告任务分工的通知",
                         "深圳市人民政府", "市", 2023, "task_list", "x.txt")
    task = Task(doc.doc_id, "1", "粮食产量稳定", leaders=("某某",), lead_units=("深圳市农业农村局",))
    passage = Passage("x1", doc.doc_id, "粮食产量稳定", task_no="1")
    extended = with_documents(corpus_records, (doc, [task], [passage]))
    parsed = extended.parse(q)
    assert parsed.refuse is None and doc.doc_id in parsed.docs


def test_a_fifteenth_plan_lifts_the_other_period_refusal(parser, corpus_records):
    q = "十五五规划GDP目标是多少？"
    assert parser.parse(q).refuse is Refusal.OTHER_PERIOD
    doc = SourceDocument("广东省十五五规划纲要", "广东省国民经济和社会发展第十五个五年规划和2040年远景目标纲要",
                         "广东省人民政府", "省", 2026, "plan", "y.txt")
    passage = Passage("y1", doc.doc_id, "十五五时期地区生产总值年均增长", section="第一章")
    extended = with_documents(corpus_records, (doc, [], [passage]))
    assert extended.parse(q).refuse is None
    assert extended.lexicon.plan_years[doc.doc_id] == (2026, 2040)


def test_two_task_documents_of_one_year_and_level_are_both_in_scope(corpus_records):
    doc = SourceDocument("粤府〔2023〕99号", "广东省人民政府关于印发2023年补充任务分工的通知",
                         "广东省人民政府", "省", 2023, "task_list", "z.txt")
    task = Task(doc.doc_id, "1", "补充任务", leaders=("张虎",), lead_units=("省商务厅",))
    extended = with_documents(corpus_records, (doc, [task], [Passage("z1", doc.doc_id, "补充任务", task_no="1")]))
    q = extended.parse("2023年省政府工作报告中张虎分管哪些任务？")
    assert set(q.docs) == {"粤府〔2023〕18号", doc.doc_id}


def test_every_refusal_has_a_message_and_codes_are_unique():
    codes = [r.value for r in Refusal]
    assert len(codes) == len(set(codes))
    for r in Refusal:
        assert r.message and r.text(places="广东省", plans="纲要", task_no="9")
    assert "第9项" in Refusal.NO_SUCH_TASK.text(task_no="9")
    with pytest.raises(AttributeError):
        Refusal.NOT_A_REASON  # noqa: B018


ALIASES = [("省发改委", "省发展改革委"), ("人社局", "人力资源社会保障局"), ("规上工业", "规模以上工业"),
           ("GDP增长", "地区生产总值增长"), ("市监局", "市场监管局"), ("卫健委", "卫生健康委"),
           ("住房和城乡建设厅", "住房城乡建设厅"), ("粮食产量", "粮食产量")]


@pytest.mark.parametrize(("text", "expanded"), ALIASES)
def test_short_forms_from_the_data_file(text, expanded):
    assert default_lexicon().expand_aliases(text) == expanded


UNIT_CORES = [("省发展改革委", "发展改革委"), ("市商务局", "商务局"), ("广州市税务局", "税务局"),
              ("广东省人民政府", "人民政府"), ("市市场监管局", "市场监管局"), ("团市委", "团市委"),
              ("深圳市政府", "深圳市政府")]


@pytest.mark.parametrize(("unit", "core"), UNIT_CORES)
def test_unit_core_strips_only_the_corpus_levels(unit, core):
    assert unit_core(unit, issuer_places(["广东省人民政府", "广州市人民政府办公厅"])) == core


def test_one_stopword_table_with_roles():
    data = default_lexicon()
    assert {"谁", "哪些", "负责"} <= data.stop("b")
    assert {"牵头单位", "分管领导"} <= data.stop("t")
    assert {"目标", "标准"} <= data.stop("f")
    assert not any(w in data.stop("t") for w in ("广东", "广州"))  # places come from the corpus


def test_a_broken_data_file_is_a_clear_error(tmp_path):
    from assistant.errors import CorpusError

    bad = tmp_path / "lexicon.toml"
    bad.write_text("[aliases\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="lexicon"):
        LexiconData.load(bad)
    bad.write_text("[aliases]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="places"):
        LexiconData.load(bad)


def test_tokenizer_uses_the_data_file(corpus_records):
    data = dataclasses.replace(default_lexicon(), aliases={"菜篮子": "副食品"})
    tokenizer = Tokenizer.for_records(corpus_records, data)
    assert "副食品" in tokenizer.tokenize("菜篮子工程")


def test_kinds_of_the_data_file_name_their_members_one_way():
    """[kinds]: a 补贴 may be named by a 津贴; nothing names a 津贴 by a 补贴 (the check reads one way)."""
    from assistant.store.vocabulary import default_lexicon

    kinds = default_lexicon().kinds
    assert "津贴" in kinds["补贴"]
    assert "补贴" not in kinds.get("津贴", ())


def test_covers_of_the_data_file_are_broader_words_apart_from_kinds():
    """[covers]: what is said of 城乡 is said of 农村, and of 企业 of a 公司; a broader word names no
    instance of a kind, so it is kept apart from [kinds] (a which-ask reads only the members)."""
    from assistant.store.vocabulary import default_lexicon

    data = default_lexicon()
    assert "城乡" in data.covers["农村"] and "企业" in data.covers["公司"]
    assert not set(data.covers) & set(data.kinds)



@pytest.mark.parametrize("word", ["这个", "那个", "这些", "那些", "这块", "那项"])
def test_demonstratives_are_no_topic_words(word):
    """"那个“2+2+N”科创平台体系": 那个 is no topic word (Cilin would expand it to 充分, 特别…)."""
    from assistant.store.vocabulary import default_lexicon

    assert word in default_lexicon().stop("t")
