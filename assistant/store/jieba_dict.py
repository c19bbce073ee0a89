"""jieba's default dictionary, loaded once per process and shared.

A jieba.Tokenizer holds a prefix dictionary of about 520k words (~50 MB), and a
part-of-speech tokenizer adds a table of 350k words and tags (~80 MB as jieba builds it).
The BM25 tokenizer (default words plus the corpus's names) and the focus checker's
part-of-speech tokenizer (default words) each used to load their own. Now the default
dictionary is loaded once: the part-of-speech tokenizer reads it as it is, the BM25
tokenizer starts from a copy (a new table over the same word strings) before adding the
corpus's names, and the tag table shares the dictionary's word strings and one string per
tag. Segmentation and tags are unchanged: the same words, frequencies, total and tags.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

_LOCK = threading.Lock()
_DEFAULT: Any = None


def default_tokenizer() -> Any:
    """The jieba.Tokenizer of the default dictionary, loaded once per process. Shared:
    never add words to it (use `tokenizer_copy`)."""
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _DEFAULT = tokenizer
        return _DEFAULT


def tokenizer_copy() -> Any:
    """A new jieba.Tokenizer holding the default words, ready for more (`add_word`)."""
    import jieba

    base = default_tokenizer()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(base.FREQ)  # a table of its own; the word strings are shared
    tokenizer.total = base.total
    tokenizer.initialized = True
    return tokenizer


def pos_tokenizer() -> Any:
    """A jieba.posseg.POSTokenizer over the shared default dictionary, its tag table keyed by
    the dictionary's own word strings, each tag one string."""
    import jieba.posseg

    base = default_tokenizer()
    pos = jieba.posseg.POSTokenizer(base)  # reads the word/tag table from the dictionary file
    loaded: dict[str, str] = pos.word_tag_tab
    tags = {tag: sys.intern(tag) for tag in set(loaded.values())}  # about 60 distinct
    table = {word: tags[loaded[word]] for word in base.FREQ if word in loaded}  # ~0.25 s
    if len(table) < len(loaded):  # none expected: every tagged word is in the dictionary
        table.update((word, tags[tag]) for word, tag in loaded.items() if word not in table)
    pos.word_tag_tab = table
    return pos
