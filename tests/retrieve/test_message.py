"""Courtesy is dropped and a message is cut into its asks (no index needed)."""

from __future__ import annotations

import re

import pytest

from assistant.retrieve.message import asks, without_courtesy
from assistant.store.vocabulary import default_lexicon

COURTESY = [re.compile(p) for p in default_lexicon().courtesy]

STRIPPED = [
    ("您好！我是省教育厅的新同事，对分工方案还不太熟悉。请问2023年推进专门学校建设是哪位省领导分管的？谢谢！",
     "请问2023年推进专门学校建设是哪位省领导分管的？"),
    ("我是省发展改革委的工作人员，想了解一下粮食产量的目标是多少、由哪位省领导分管",
     "想了解一下粮食产量的目标是多少、由哪位省领导分管"),
    ("你好，我是市水务局的，刚从区里调上来。想问问农村生活污水治理率要达到多少？", "想问问农村生活污水治理率要达到多少？"),
    ("谢谢", ""),
    ("你好", ""),
    ("我是谁负责的？", "我是谁负责的？"),  # a clause that asks is never courtesy
    ("谁负责粮食产量？", "谁负责粮食产量？"),
]


@pytest.mark.parametrize(("message", "expected"), STRIPPED)
def test_courtesy_is_not_a_question(message, expected):
    assert without_courtesy(message, COURTESY) == expected


def has_subject(piece: str) -> bool:  # a stand-in for QueryParser: a subject is a word before the ask
    return bool(re.search(r"[\u4e00-\u9fff]{2,}(?=.*(多少|几|什么|哪|谁))", piece)) and not piece.startswith("谁")


SPLIT = [
    ("十四五末人均预期寿命要达到多少岁？森林覆盖率的目标又是多少？", 2),
    ("2022年开展农田整治提升行动，新增建设高标准农田多少亩？谁牵头？", 1),
    ("省里今年要改造多少个老旧小区？（2023年民生实事）", 1),
    ("专栏8水利重点工程中，生态海堤和大湾区堤防分别要建设多少公里？", 1),
    ("2022年广州建碧道是哪个局牵头，新改建公厕又是哪个局牵头？", 2),
    # a condition holding a question word ("whichever district") is the ask's context
    ("广州哪个区要是同时执行两个以上的区片价，这文件印发后多少天内得把平均区片价定出来公布？", 1),
]


@pytest.mark.parametrize(("message", "n"), SPLIT)
def test_a_message_is_cut_into_its_asks(message, n):
    assert len(asks(message, has_subject)) == n


@pytest.mark.parametrize(("message", "written"), [
    ("广州24年市重点项目有多少个？", "广州2024年市重点项目有多少个？"),
    ("23年城里和农村低保每人每月的补差分别提到多少？", "2023年城里和农村低保每人每月的补差分别提到多少？"),
    ("环卫工人工龄满20年每月工龄工资多少？", "环卫工人工龄满20年每月工龄工资多少？"),  # a count of years
    ("工龄累计15年以下的怎么算", "工龄累计15年以下的怎么算"),
    ("99年的文件", "99年的文件"),  # no document of 2099
    ("市里定的27年目标是多少？", "市里定的2027年目标是多少？"),  # within a plan's horizon
    ("环卫工人干了25年，工龄工资多少？", "环卫工人干了25年，工龄工资多少？"),  # a count of years
    ("工作25年的环卫工", "工作25年的环卫工"),
    # a year that opens the message or a clause, though no document covers it
    ("18年那会儿全省R&D投入占比多少？", "2018年那会儿全省R&D投入占比多少？"),
    ("对比一下，20年全省的森林覆盖率是多少？", "对比一下，2020年全省的森林覆盖率是多少？"),
    ("15年以下的工龄工资怎么算？", "15年以下的工龄工资怎么算？"),  # a count of years, though it opens
])
def test_two_digit_years_of_the_documents(message, written):
    from assistant.retrieve.message import full_years

    assert full_years(message, range(2021, 2036)) == written


@pytest.mark.parametrize(("message", "written"), [
    ("穗府办规2022年3号那个文件管几年？", "穗府办规〔2022〕3号那个文件管几年？"),
    ("粤府2023年第18号", "粤府〔2023〕18号"),
    ("粤府办〔2021〕22号", "粤府办〔2021〕22号"),  # printed form already
    ("深府2023年5号", "深府2023年5号"),  # a prefix no document uses
])
def test_document_numbers_without_brackets(message, written):
    from assistant.retrieve.message import bracketed_doc_numbers

    assert bracketed_doc_numbers(message, ["穗府办规", "粤府", "粤府办"]) == written
