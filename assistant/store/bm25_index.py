"""BM25 over jieba tokens (bm25s underneath), with a user dictionary of corpus names.

An English-regex tokenizer would make a whole run of Chinese characters one
token; jieba segments it into words, and the user dictionary keeps unit and
leader names ("省发展改革委", "张虎") whole.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from pathlib import Path

import numpy as np

from assistant.store.jieba_dict import tokenizer_copy
from assistant.store.vocabulary import LexiconData, default_lexicon, issuer_places, user_dictionary
from assistant.text import normalize

log = logging.getLogger(__name__)

_TOKEN_OK = re.compile(r"[\w\u3400-\u9fff]")


class Tokenizer:
    """jieba with our user dictionary; a private instance, so global jieba state is untouched."""

    def __init__(self, user_dict_lines: list[str], lexicon: LexiconData | None = None) -> None:
        import jieba

        self.lexicon = lexicon or default_lexicon()
        self.stopwords = self.lexicon.stop("b")  # question words and particles that carry no topic

        # What the tokens depend on: a build reuses the previous build's tokens only if equal.
        digest = hashlib.sha256(f"{jieba.__version__}|{sorted(self.stopwords)}|"
                                f"{sorted(self.lexicon.aliases.items())}".encode())
        for line in user_dict_lines:
            digest.update(line.encode() + b"\n")
        self.fingerprint = digest.hexdigest()[:16]

        self._jieba = tokenizer_copy()  # the default words (loaded once per process), then ours
        for line in user_dict_lines:
            word, freq, tag = line.rsplit(" ", 2)
            self._jieba.add_word(word, int(freq), tag)

    @classmethod
    def for_records(cls, records, lexicon: LexiconData | None = None) -> Tokenizer:
        """The tokenizer of an index: jieba plus the leaders, units and places of `records`
        (ingest and query time must build it the same way)."""
        lexicon = lexicon or default_lexicon()
        places = issuer_places(d.issuer for d in records.documents.values())
        return cls(user_dictionary(records.leaders, records.units, places, lexicon), lexicon)

    def words(self, text: str) -> list[str]:
        """Plain segmentation (no sub-words, no stopword removal), e.g. for topic extraction."""
        return self._jieba.lcut(self.lexicon.expand_aliases(text), HMM=False)

    def tokenize(self, text: str, drop_stopwords: bool = True) -> list[str]:
        text = self.lexicon.expand_aliases(normalize(text)).lower()
        tokens = [t for t in self._jieba.cut_for_search(text, HMM=False) if _TOKEN_OK.search(t)]
        if drop_stopwords:
            tokens = [t for t in tokens if t not in self.stopwords]
        return tokens


class BM25Index:
    def __init__(self, tokenizer: Tokenizer, retriever=None, size: int = 0) -> None:
        self.tokenizer = tokenizer
        self._bm25 = retriever
        self.size = size

    @classmethod
    def build(cls, tokenizer: Tokenizer, texts: list[str],
              tokens: list[list[str]] | None = None) -> BM25Index:
        """The index of `texts`; `tokens` (tokenizer.tokenize of each text), when given, spare
        the segmentation (store.write_records keeps them from build to build)."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every build at DEBUG
        t0 = time.perf_counter()
        if tokens is None:
            tokens = [tokenizer.tokenize(t) for t in texts]
        corpus_tokens = [t or ["<empty>"] for t in tokens]
        t1 = time.perf_counter()
        retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        retriever.index(_to_tokenized(corpus_tokens), show_progress=False)
        log.info("BM25 over %d passages: jieba %.2fs, index %.2fs", len(texts), t1 - t0,
                 time.perf_counter() - t1)
        return cls(tokenizer, retriever, len(texts))

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory))
        (directory / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, tokenizer: Tokenizer, directory: Path) -> BM25Index:
        import bm25s

        retriever = bm25s.BM25.load(str(directory), mmap=True)  # shared by workers via the page cache
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
