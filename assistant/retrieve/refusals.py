"""Why a question cannot be answered: one table of reasons, each with its Chinese message.

A reason is an enum member, so a mistyped one is an AttributeError at import, not a
silent "not found". Messages may name corpus facts ({places}, {plans}, {task_no}); the
Assistant fills them from the lexicon.
"""

from __future__ import annotations

from enum import Enum


class Refusal(str, Enum):
    def __new__(cls, code: str, message: str) -> Refusal:
        member = str.__new__(cls, code)
        member._value_ = code
        member.message = message
        return member

    OTHER_PLACE = ("other_place", "所收录的文件只涉及{places}，没有其他地区的工作分工。")
    NO_DOCUMENT_FOR_YEAR = ("no_document_for_year", "所收录的文件中没有该年份（或该层级）的政府工作报告任务分工。")
    UNKNOWN_DOCUMENT = ("unknown_document", "所收录的文件中没有这个文号的文件。")
    NO_SUCH_TASK = ("no_such_task", "该文件中没有第{task_no}项任务。")
    OFF_TOPIC = ("off_topic", "这个问题与所收录的政策文件无关。")
    OTHER_PERIOD = ("other_period", "所收录的规划只有{plans}。")
    UNKNOWN_PERSON = ("unknown_person", "所收录的任务分工中没有这位领导或这个单位。")
    NOT_FOUND = ("not_found", "在所收录的文件中没有找到能回答这个问题的内容。")
    NOT_STATED = ("not_stated", "所收录的文件提到了相关内容，但没有规定所问的具体事项或数额。")
    NO_MATCH = ("no_match", "在所收录的任务分工中没有找到符合条件的任务。")
    NO_SUBJECT = ("no_subject", "这个问题没有说问的是哪件事，前面也没有可以接着问的问题；"
                                "请把要问的事项说完整（哪项任务、哪个指标或哪份文件）。")
    OUT_OF_SCOPE = ("out_of_scope", "这个问题问的是其他文件或年份，而当前检索范围限定为{scope}；"
                                    "请把范围改为“全部文件”后再问。")

    def __str__(self) -> str:
        return self.value

    def text(self, **facts: str) -> str:
        """The message with corpus facts filled in; a fact not given is left out."""
        return self.message.format_map(_Blank(facts))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""
