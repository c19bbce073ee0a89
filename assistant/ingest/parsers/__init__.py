"""One parser module per document layout, chosen by the manifest's `layout` string.

Every parser has the same shape:

    def parse(doc: DocText) -> ParseResult

It reads `doc.text.text` (normalized, see assistant/text.py) and returns records
whose `span` is relative to that text; the pipeline turns spans into raw-file spans.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from assistant.records import Section, Task


@dataclass
class ParseResult:
    tasks: list[Task] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# layout name -> module under assistant.ingest.parsers
LAYOUTS: dict[str, str] = {
    "task_list": "task_list",  # 粤府〔2023〕18号: "N. title" / 分管省领导 / 部门分工 + 民生实事 annex
    "task_list_web": "task_list_web",  # 粤府〔2022〕13号: web text, duplicated/interleaved paragraphs
    "task_table_tsv": "task_table_tsv",  # 穗府〔2024〕1号: tab-separated task table
    "task_table_pdf": "task_table_pdf",  # 穗府〔2022〕2号: PDF-extracted task table
    "plan": "plan",  # 十四五 plan: 章/节/专栏/表
    "notice": "notice",  # notices and measures: 一、(一) 1. points, 第N条 articles, tables
    "personnel": "personnel",  # 任免 notices
    "generic": "generic",  # any policy text: 章/节/条, 一、(一) 1. (1) and Markdown/Word headings, tables
}


def get_parser(layout: str) -> Callable:
    return import_module(f"assistant.ingest.parsers.{LAYOUTS[layout]}").parse
