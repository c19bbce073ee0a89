"""jieba's default dictionary, loaded once per process and shared.

A jieba.Tokenizer holds a prefix dictionary of about 520k words (~50 MB), and a
part-of-speech tokenizer adds a table of 350k words and tags (~80 MB as jieba builds it).
The BM25 tokenizer (default words plus the corpus's names) and the focus checker's
part-of-speech tokenizer (default words) each used to load their own. Now the default
dictionary is loaded once: the part-of-speech tokenizer reads it as it is, the BM25
tokenizer starts from a copy (a new table over the same word strings) before adding the
corpus's names, and the tag table shares the dictionary's word strings and one string per
tag (jieba.posseg's own module-level tokenizer included). Segmentation and tags are unchanged: the same words, frequencies, total and tags.
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
    the dictionary's own word strings, each tag one string.

    Importing jieba.posseg builds a module-level POSTokenizer (`jieba.posseg.dt`) that reads
    a tag table of its own from the same default dictionary file (~40 MB of strings and
    dict): that table is read once, turned into the shared one, and the module's tokenizer
    is pointed at it (the same words and tags), so no second copy stays in the process."""
    import jieba.posseg

    base = default_tokenizer()
    module = jieba.posseg.dt
    same_file = module.tokenizer.dictionary == base.dictionary
    # the word/tag table of the dictionary file, as jieba reads it
    loaded: dict[str, str] = module.word_tag_tab if same_file else jieba.posseg.POSTokenizer(base).word_tag_tab
    tags = {tag: sys.intern(tag) for tag in set(loaded.values())}  # about 60 distinct
    table = {word: tags[loaded[word]] for word in base.FREQ if word in loaded}  # ~0.25 s
    if len(table) < len(loaded):  # none expected: every tagged word is in the dictionary
        table.update((word, tags[tag]) for word, tag in loaded.items() if word not in table)
    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)  # its __init__ reads the file again
    pos.tokenizer, pos.word_tag_tab = base, table
    if same_file:
        module.word_tag_tab = table
    return pos
