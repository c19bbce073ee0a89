"""Names the gazette parsers use as parsing aids, read from data/lexicon.toml.

No module names a place, leader or unit (tests/test_no_corpus_names.py): the parsers get
them here. `[places] guangdong` lists the prefecture-level cities (bare city names in
"广州、深圳市政府"); `[parsing]` holds the Guangzhou unit-name starts, the names of the
2024 Guangzhou task table and the header of one attachment table. They only help to cut
and complete names; they never make a cleanly printed row uncertain.
"""

from __future__ import annotations

import functools
import tomllib

from assistant.errors import CorpusError
from assistant.store.vocabulary import DEFAULT_LEXICON


@functools.cache
def _data() -> dict:
    try:
        data = tomllib.loads(DEFAULT_LEXICON.read_text(encoding="utf-8"))
        return {"cities": tuple(data["places"]["guangdong"].split()), **{
            key: tuple(str(value).split()) for key, value in data["parsing"].items()}}
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise CorpusError(f"{DEFAULT_LEXICON}: cannot read the parsing names ({exc!r}); "
                          "restore it from git") from exc


def names(key: str) -> tuple[str, ...]:
    """One list: "cities", "unit_starts", "leaders_2024", "lead_units_2024" or "tier_columns"."""
    return _data()[key]
