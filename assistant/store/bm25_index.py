"""BM25 over jieba tokens (bm25s underneath), with a user dictionary of corpus names.

An English-regex tokenizer would make a whole run of Chinese characters one
token; jieba segments it into words, and the user dictionary keeps unit and
leader names ("省发展改革委", "张虎") whole.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np

from assistant.store.vocabulary import expand_aliases
from assistant.text import normalize

log = logging.getLogger(__name__)

# Question words and particles that carry no topic.
STOPWORDS = frozenset(
    "的 了 和 与 及 是 在 由 把 被 对 为 向 从 等 谁 哪 哪个 哪些 什么 怎么 怎样 如何 多少 几 吗 呢 吧 啊 "
    "请问 请 一下 有 有没有 是否 负责 牵头 配合 分管 单位 部门 领导 工作 任务 方面 关于 这个 那个 那 这 "
    "它 他 她 其 之 以 及其 并 或 还 也 都 要 会 能 可以 the a of "
    # colloquial question words: they say what is asked, not what about
    "时候 什么时候 多久 多长 多长时间 哪天 哪一天 哪年 哪一年 哪项 哪几项 几位 几类 哪类 啥 大概 大约 "
    "之前 原来 打算 同样 相同 最多 最少 一共 总共 分别 各 这块 这事 事 归 管 抓 钱 呢 么".split()
)
_TOKEN_OK = re.compile(r"[\w\u3400-\u9fff]")


class Tokenizer:
    """jieba with our user dictionary; a private instance, so global jieba state is untouched."""

    def __init__(self, user_dict_lines: list[str]) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        for line in user_dict_lines:
            word, freq, tag = line.rsplit(" ", 2)
            self._jieba.add_word(word, int(freq), tag)

    def words(self, text: str) -> list[str]:
        """Plain segmentation (no sub-words, no stopword removal), e.g. for topic extraction."""
        return self._jieba.lcut(expand_aliases(text), HMM=False)

    def tokenize(self, text: str, drop_stopwords: bool = True) -> list[str]:
        text = expand_aliases(normalize(text)).lower()
        tokens = [t for t in self._jieba.cut_for_search(text, HMM=False) if _TOKEN_OK.search(t)]
        if drop_stopwords:
            tokens = [t for t in tokens if t not in STOPWORDS]
        return tokens


class BM25Index:
    def __init__(self, tokenizer: Tokenizer, retriever=None, size: int = 0) -> None:
        self.tokenizer = tokenizer
        self._bm25 = retriever
        self.size = size

    @classmethod
    def build(cls, tokenizer: Tokenizer, texts: list[str]) -> BM25Index:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every build at DEBUG
        corpus_tokens = [tokenizer.tokenize(t) or ["<empty>"] for t in texts]
        retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        retriever.index(_to_tokenized(corpus_tokens), show_progress=False)
        return cls(tokenizer, retriever, len(texts))

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory))
        (directory / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, tokenizer: Tokenizer, directory: Path) -> BM25Index:
        import bm25s

        retriever = bm25s.BM25.load(str(directory))
        return cls(tokenizer, retriever, int((directory / "size.txt").read_text()))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage (index order) for the query."""
        tokens = [t for t in self.tokenizer.tokenize(query) if t in self._bm25.vocab_dict]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)


def _to_tokenized(corpus_tokens: list[list[str]]):
    """bm25s wants ids + vocab; build them from our own tokens."""
    import bm25s

    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in corpus_tokens]
    return bm25s.tokenization.Tokenized(ids=ids, vocab=vocab)
