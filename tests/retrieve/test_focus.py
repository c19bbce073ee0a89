"""The attribute a value question asks about, as the refusal names it (no index needed)."""

from __future__ import annotations

import pytest

from assistant.retrieve.focus import FocusChecker


@pytest.mark.parametrize(("question", "missing", "nouns", "phrase"), [
    ("环卫工人的夜班津贴是多少", ["夜班"], ["环卫工人", "夜班", "津贴"], "夜班津贴"),
    ("环卫工人的交通补贴每月多少钱？", ["交通", "补贴"], ["环卫工人", "交通", "补贴"], "交通补贴"),
    ("电动汽车充电设施违规的罚款是多少？", ["违规", "罚款"], ["电动汽车", "充电", "设施", "违规", "罚款"], "罚款"),
    ("环卫工人的工资是多少", [], ["环卫工人", "工资"], ""),
])
def test_phrase_of_the_unstated_attribute(question, missing, nouns, phrase):
    assert FocusChecker.phrase(question, missing, nouns) == phrase


def test_missing_allows_one_inserted_character():
    assert FocusChecker.missing(["老人", "夜班"], "老年人照护服务", lambda w: False) == ["夜班"]
