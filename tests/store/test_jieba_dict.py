"""jieba's default dictionary shared (index-free): the BM25 tokenizer and the focus checker's
part-of-speech tokenizer segment and tag exactly as tokenizers that load their own."""

from __future__ import annotations

import jieba
import jieba.posseg

from assistant.store.bm25_index import Tokenizer
from assistant.store.jieba_dict import default_tokenizer, pos_tokenizer, tokenizer_copy

TEXTS = ["广州环卫工人的伙食补贴每月多少钱？", "省发展改革委牵头推进粤港澳大湾区国际科技创新中心建设",
         "2023年老旧小区改造完成多少个", "大热天环卫工人有啥补贴", "张虎分管哪些任务"]
USER_LINES = ["省发展改革委 1000 nt", "张虎 1000 nr", "粤菜师傅 500 n"]


def test_the_part_of_speech_tokenizer_tags_as_jieba_own():
    own = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    shared = pos_tokenizer()
    assert shared.tokenizer is default_tokenizer()
    assert shared.word_tag_tab == own.word_tag_tab
    for text in TEXTS:
        assert [tuple(p) for p in shared.cut(text, HMM=False)] == [tuple(p) for p in own.cut(text, HMM=False)]


def test_jieba_posseg_module_tokenizer_holds_no_second_tag_table():
    shared = pos_tokenizer()
    assert jieba.posseg.dt.word_tag_tab is shared.word_tag_tab  # not a ~40 MB copy of its own
    text = TEXTS[0]
    own = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    assert [tuple(p) for p in jieba.posseg.cut(text, HMM=False)] == [tuple(p) for p in own.cut(text, HMM=False)]


def test_a_copy_takes_words_without_changing_the_shared_dictionary():
    base = default_tokenizer()
    before = (len(base.FREQ), base.total)
    copy = tokenizer_copy()
    copy.add_word("一个从未有过的词", 100, "n")
    assert copy.FREQ is not base.FREQ and "一个从未有过的词" in copy.FREQ
    assert "一个从未有过的词" not in base.FREQ and (len(base.FREQ), base.total) == before


def test_the_bm25_tokenizer_segments_as_a_jieba_of_its_own():
    own = jieba.Tokenizer()
    own.initialize()
    for line in USER_LINES:
        word, freq, tag = line.rsplit(" ", 2)
        own.add_word(word, int(freq), tag)
    ours = Tokenizer(USER_LINES)
    for text in TEXTS:
        assert ours.words(text) == own.lcut(ours.lexicon.expand_aliases(text), HMM=False)
