"""personnel parser on the real 任免 notices closing data/corpus/003_285df7e8bd13503d.txt.

Expected values were read from the source file (lines 3655-3675).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.gazette import DocText
from assistant.ingest.parsers import ParseResult, personnel
from tests.conftest import corpus_document

REPO = Path(__file__).resolve().parents[2]
DOC_ID = "穗人社任免〔2022〕9-13号"
GOV = "广州市人民政府批准:"
CONGRESS = "广州市第十五届人民代表大会常务委员会第六十五次会议决定:"


@pytest.fixture(scope="module")
def doc() -> DocText:
    return corpus_document(DOC_ID)


@pytest.fixture(scope="module")
def result(doc: DocText) -> ParseResult:
    return personnel.parse(doc)


def test_one_item_per_appointment_or_removal(result: ParseResult) -> None:
    assert not result.warnings
    assert [(s.title, s.label, s.path) for s in result.sections] == [
        ("陈勇", "穗人社任免〔2022〕9号", (GOV,)),
        ("冼银崧", "穗人社任免〔2022〕9号", (GOV,)),
        ("陈旭", "穗人社任免〔2022〕13号", (GOV,)),
        ("廖荣辉", "穗人社任免〔2022〕10号", (CONGRESS,)),
        ("李小琴", "穗人社任免〔2022〕11号", (CONGRESS,)),
        ("周亚伟", "穗人社任免〔2022〕9号", (GOV,)),
        ("刘芳", "穗人社任免〔2022〕12号", (GOV,)),
    ]
    assert {s.kind for s in result.sections} == {"item"}


def test_item_texts(result: ParseResult) -> None:
    by_name = {s.title: s for s in result.sections}
    assert by_name["陈勇"].text == "任命陈勇同志为广州开发区管委会主任。(穗人社任免〔2022〕9号)"
    # Wrapped over two PDF lines: "...任职时间从 ２０２１ 年１ 月" / "２９ 日起计算ꎮ (穗人社任免 〔２０２２〕 １３ 号)"
    assert by_name["陈旭"].text == ("陈旭同志任职试用期满，同意其任市发展改革委副主任，"
                                   "任职时间从2021年1月29日起计算。(穗人社任免〔2022〕13号)")
    assert by_name["廖荣辉"].text == "免去廖荣辉同志的广州市司法局局长职务。(穗人社任免〔2022〕10号)"


def test_spans_point_at_the_items(doc: DocText, result: ParseResult) -> None:
    text = doc.text.text
    for s in result.sections:
        assert s.doc_id == DOC_ID and s.source_file == "003_285df7e8bd13503d.txt"
        chunk = text[s.span[0]:s.span[1]]
        assert chunk.startswith(s.text[:6]) and chunk.endswith(s.label + ")")
