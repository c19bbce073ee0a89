"""Query understanding over the real corpus's records, parsed in memory: no index needed."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.ingest.passages import build_passages
from assistant.ingest.pipeline import parse_corpus
from assistant.retrieve.lexicon import Lexicon
from assistant.retrieve.understand import QueryParser
from assistant.store.bm25_index import Tokenizer
from assistant.store.records_db import RecordsDB


def records_of(documents, tasks, sections) -> RecordsDB:
    return RecordsDB(documents, tasks, sections, build_passages(tasks, sections))


@pytest.fixture(scope="session")
def corpus_records() -> RecordsDB:
    documents, tasks, sections, _, _ = parse_corpus(Settings())
    return records_of(documents, tasks, sections)


@pytest.fixture(scope="session")
def parser(corpus_records: RecordsDB) -> QueryParser:
    tokenizer = Tokenizer.for_records(corpus_records)
    printed = "".join(p.text for p in corpus_records.passages)  # what search.attested asks the index
    texts = [p.text for p in corpus_records.passages]
    return QueryParser(Lexicon(corpus_records, tokenizer.lexicon), tokenizer.words,
                       attested=lambda word: word in printed,
                       passages_printing=lambda word: sum(word in t for t in texts))
