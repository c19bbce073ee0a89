"""Normalization: every unusual code point of the corpus is mapped; spans point back to the source."""

from __future__ import annotations

import unicodedata

import pytest

from assistant.text import NormText, compact, normalize
from tests.conftest import REPO

CORPUS = sorted((REPO / "data" / "corpus").glob("*.txt"))
# What may remain after normalization besides CJK ideographs and ASCII.
ALLOWED = set("，。、；：！？“”‘’《》〔〕【】—…·×€‰％〇「」°")


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_no_unmapped_code_points_remain(path):
    text = NormText.from_raw(path.read_text(encoding="utf-8")).text
    odd = {ch for ch in text if not ch.isascii() and not ("\u4e00" <= ch <= "\u9fff") and ch not in ALLOWED}
    assert not odd, {f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in odd}


def test_pdf_glyphs_and_fullwidth_digits():
    assert normalize("穗府 〔２０２２〕 ２ 号") == "穗府〔2022〕2号"
    assert normalize("增长 ５\U001001b0５％ꎬ 完成ꎮ") == "增长5.5%，完成。"
    assert normalize("«广州市»") == "《广州市》"
    assert compact("谭 萍") == "谭萍"


def test_chinese_punctuation_is_kept_for_display():
    assert normalize("牵头，各地、各部门配合；完成：是！") == "牵头，各地、各部门配合；完成：是！"


def test_spans_point_back_to_the_raw_text():
    raw = (REPO / "data" / "corpus" / "003_285df7e8bd13503d.txt").read_text(encoding="utf-8")
    nt = NormText.from_raw(raw)
    start = nt.text.index("穗府办规〔2022〕3号")
    a, b = nt.raw_span(start, start + len("穗府办规〔2022〕3号"))
    assert normalize(raw[a:b]) == "穗府办规〔2022〕3号"
    assert raw[a:b].startswith("穗府办规")


def test_delete_keeps_offsets():
    nt = NormText.from_raw("第一行\n12 (本文与正式文件同等效力)\n第二行").delete(r"\d+\(本文与正式文件同等效力\)\n")
    assert nt.text == "第一行\n第二行"
    i = nt.text.index("第二行")
    a, b = nt.raw_span(i, i + 3)
    assert nt.raw[a:b] == "第二行"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
                                       "\u2060", "\ufeff", "\u202e", "\u00ad"])
def test_format_characters_are_removed(invisible):
    assert normalize(f"谁负责粮{invisible}食产量？") == "谁负责粮食产量？"
    nt = NormText.from_raw(f"甲{invisible}乙丙")
    assert nt.text == "甲乙丙"
    a, b = nt.raw_span(1, 3)
    assert nt.raw[a:b] == "乙丙"


def test_source_form_keeps_the_printed_text():
    from assistant.text import source_form

    assert source_form("  谭 萍\t 主持ꎬ增长5\U001001b0５％\r\n\u200b第二行  ") == "谭 萍 主持，增长5.5%\n第二行"


def test_raw_pieces_split_at_deleted_page_noise():
    nt = NormText.from_raw("第一行\n12 (本文与正式文件同等效力)\n第二行").delete(r"\d+\(本文与正式文件同等效力\)\n")
    pieces = nt.raw_pieces(0, len(nt.text))
    assert [nt.raw[a:b] for a, b in pieces] == ["第一行\n", "第二行"]


def test_normalize_is_normalize_char_per_character():
    # normalize memoizes each character's form; it must equal the per-character definition,
    # also for characters past the memo's bound (which are normalized each time).
    import assistant.text as text_mod
    from assistant.text import GLYPHS, normalize_char

    sample = "".join(GLYPHS) + "穗府〔２０２２〕２号ꎬ，：；！？ＡＢｃ①㈠\u200b\u00a0\u3000ｶﾞ\u2460\u3232ﬁ"
    for bound in (text_mod._CHAR_FORMS_MAX, 0):
        old = text_mod._CHAR_FORMS_MAX
        text_mod._CHAR_FORMS_MAX = bound
        text_mod._CHAR_FORMS.clear()
        try:
            for _ in range(2):  # first sight, then from the memo
                expected = text_mod._SPACE_NEAR_CJK.sub("", "".join(normalize_char(c) for c in sample))
                assert normalize(sample) == expected
            assert len(text_mod._CHAR_FORMS) <= bound
        finally:
            text_mod._CHAR_FORMS_MAX = old
