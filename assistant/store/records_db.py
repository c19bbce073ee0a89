"""The structured records (documents, tasks, sections, passages), saved as one SQLite file.

The records live in memory with dictionaries keyed by doc_id, task_no, leader and unit:
complete answers to "every task of 张虎" come from here, never from top-k search. On disk
they are one SQLite database (standard library), a table per record type with a column per
field (tuples as JSON text), read in one pass per table: at 100 times the corpus (172k
passages) that loads in about half the time of the one JSON document it replaces, and
`sqlite3` can answer a question about the records without loading them. A JSON file
(`records.json`, the earlier format) still loads.

The long texts of passages, sections and tasks (`text`, `source_text`, a task's title,
measures and responsibility: most of the records' memory) and what only a citation shows
(raw spans, a task's cells) stay in the file (STORED_TEXT): a loaded record reads them when
first asked for (by row id, a bounded cache in front), so a process holds the record
objects (slots, no `__dict__`) and their short fields, not every text of the corpus; only
the records a question cites or checks are ever read. Loading keeps one object per
distinct value of the short repeated fields (doc_id, section path, kind, source file,
names, and tuples of names), not one per row, and decodes spans and table cells with
string operations, not a JSON parse per row. The table of 文号 that the passages quote
(store/doc_numbers.py) is written beside the records, so no process scans the passages for it.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.lru import LRU
from assistant.records import Passage, Section, SourceDocument, Task
from assistant.store.doc_numbers import quoted_doc_numbers


class RecordsDB:
    def __init__(self, documents: list[SourceDocument], tasks: list[Task], sections: list[Section],
                 passages: list[Passage], quoted: dict[str, tuple[str, ...]] | None = None) -> None:
        self._quoted = quoted
        self._path: Path | None = None  # the records.sqlite the passages were loaded from
        self.documents = {d.doc_id: d for d in documents}
        self.tasks = tasks
        self.sections = sections
        self.passages = passages
        self.passage_index = {p.passage_id: i for i, p in enumerate(passages)}
        self.task_by_key = {(t.doc_id, t.task_no): t for t in tasks}
        self.tasks_by_doc: dict[str, list[Task]] = defaultdict(list)
        self.tasks_by_leader: dict[str, list[Task]] = defaultdict(list)
        self.tasks_by_unit: dict[str, list[Task]] = defaultdict(list)
        for t in tasks:
            self.tasks_by_doc[t.doc_id].append(t)
            for name in t.leaders:
                self.tasks_by_leader[name].append(t)
            for unit in set(t.lead_units) | set(t.co_units):
                self.tasks_by_unit[unit].append(t)
        self.sections_by_doc: dict[str, list[Section]] = defaultdict(list)
        for s in sections:
            self.sections_by_doc[s.doc_id].append(s)

    def document_summaries(self) -> list[dict]:
        """Per document: id, title, level, year, layout and its record and passage counts."""
        passages: dict[str, int] = defaultdict(int)
        for p in self.passages:
            passages[p.doc_id] += 1
        out = []
        for d in self.documents.values():
            tasks = self.tasks_by_doc.get(d.doc_id, [])
            out.append({"doc_id": d.doc_id, "title": d.title, "level": d.level, "year": d.year,
                        "layout": d.layout, "tasks": len(tasks),
                        "uncertain_tasks": sum(t.uncertain for t in tasks),
                        "sections": len(self.sections_by_doc.get(d.doc_id, [])),
                        "passages": passages[d.doc_id]})
        return out

    def read_texts(self) -> None:
        """Read every field still in records.sqlite into its record, one query per table: for a
        process that is about to touch them all (a build from loaded records), instead of a
        read per record."""
        for rows in (self.passages, self.sections, self.tasks):
            cls = type(rows[0]) if rows else None
            source = getattr(cls, "_texts", None)
            if source is None:
                continue
            fields = [cls.__dict__[name] for name in STORED_TEXT[cls.__mro__[1]]]
            by_seq = {r._seq: r for r in rows if type(r) is cls and hasattr(r, "_seq")}
            for seq, *values in source.rows():
                record = by_seq.get(seq)
                if record is not None:
                    for field, value in zip(fields, values):
                        field.fill(record, value)

    def passage_texts(self, doc_ids: list[str]) -> list[tuple[str, str]]:
        """(section, text) of every passage of `doc_ids`, index order: one query when the
        texts are still in records.sqlite, instead of reading them passage by passage."""
        wanted = set(doc_ids)
        if self._path is None or not wanted:
            return [(p.section, p.text) for p in self.passages if p.doc_id in wanted]
        db = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True)
        try:
            out: list[tuple[str, str]] = []
            ids = sorted(wanted)
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                out += db.execute(f"SELECT seq, section, text FROM passages WHERE doc_id IN "
                                  f"({', '.join('?' * len(chunk))})", chunk).fetchall()
        finally:
            db.close()
        return [(section, text) for _, section, text in sorted(out)]

    @property
    def quoted(self) -> dict[str, tuple[str, ...]]:
        """文号 printed inside the passages -> the documents printing them (doc_numbers.py);
        read from records.sqlite, computed (once) for records built in memory or older files."""
        if self._quoted is None:
            self._quoted = quoted_doc_numbers(self.passages)
        return self._quoted

    @property
    def leaders(self) -> set[str]:
        return set(self.tasks_by_leader)

    @property
    def units(self) -> set[str]:
        return set(self.tasks_by_unit)

    def save(self, path: Path) -> None:
        """Write the records to `path`: SQLite (records.sqlite), or JSON for a .json path."""
        if path.suffix != ".json":
            _save_sqlite(self, path)
            return
        data = {
            "documents": [asdict(d) for d in self.documents.values()],
            "tasks": [asdict(t) for t in self.tasks],
            "sections": [asdict(s) for s in self.sections],
            "passages": [asdict(p) for p in self.passages],
        }
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RecordsDB:
        if path.suffix != ".json":
            strings: dict = {}  # one object per distinct short value (or tuple of them), shared by rows
            records = cls(*(_load_table(path, rtype, strings) for rtype in _TABLES.values()),
                          quoted=_load_quoted(path))
            records._path = path
            return records
        data = json.loads(path.read_text(encoding="utf-8"))

        def tup(d: dict, *keys: str) -> dict:
            for k in keys:
                if k in d:
                    d[k] = tuple(tuple(x) if isinstance(x, list) else x for x in d[k])
            return d

        return cls(
            [SourceDocument(**tup(d, "span")) for d in data["documents"]],
            [Task(**tup(t, "leaders", "lead_units", "co_units", "span", "spans", "extra")) for t in data["tasks"]],
            [Section(**tup(s, "path", "span", "spans", "extra")) for s in data["sections"]],
            [Passage(**tup(p, "span", "spans")) for p in data["passages"]],
        )


# ---- SQLite ----------------------------------------------------------------------------
_TABLES = {"documents": SourceDocument, "tasks": Task, "sections": Section, "passages": Passage}


_SEP = "\x1f"  # joins the strings of a tuple[str, ...] field (never inside a name or heading)
_PAIRS = "\x1d"  # leads a tuple of string pairs (table cells): pairs split by _PAIR, halves by _SEP
_PAIR = "\x1e"
_CONTROL = (_SEP, _PAIRS, _PAIR)
# Short fields whose values repeat across rows (a document's id and heading paths, kinds, file
# names, leaders and units): loaded as one shared string object per distinct value.
_SHARED = frozenset({"doc_id", "kind", "section", "source_file", "task_no", "label", "issuer",
                     "level", "layout", "leaders", "lead_units", "co_units", "path"})


def _codec(type_name: str):
    """(encode, decode) of a tuple field: spans as "start end", span lists as "s e s e ...",
    string tuples joined by _SEP, string pairs (table cells) by _PAIR and _SEP, anything else
    as JSON; plain Python string operations, no JSON parse per row (at 100 times the corpus
    that parse took half the load time). Values written as JSON by earlier builds still load."""
    if type_name == "tuple[int, int]":
        return (lambda v: f"{v[0]} {v[1]}"), (lambda s: tuple(map(int, s.split())))
    if type_name == "tuple[str, ...]":
        def enc(v):
            if any(_SEP in x for x in v):
                raise ValueError(f"a record field holds the separator U+001F: {v!r}")
            return "\x00" if not v else _SEP.join(v)
        return enc, (lambda s: () if s == "\x00" else tuple(s.split(_SEP)))
    if type_name == "tuple[tuple[int, int], ...]":
        def enc_spans(v):
            return " ".join(f"{a} {b}" for a, b in v)

        def dec_spans(s):
            if s.startswith("["):
                return _json(s)
            ints = s.split()
            if len(ints) == 2:  # the common case: one span
                return ((int(ints[0]), int(ints[1])),)
            return tuple(zip(map(int, ints[::2]), map(int, ints[1::2])))
        return enc_spans, dec_spans
    if type_name == "tuple[tuple[str, str], ...]":
        def enc_pairs(v):
            if not v:
                return ""
            if all(len(pair) == 2 and all(isinstance(x, str) and not any(c in x for c in _CONTROL) for x in pair)
                   for pair in v):
                return _PAIRS + _PAIR.join(f"{a}{_SEP}{b}" for a, b in v)
            return json.dumps(v, ensure_ascii=False)

        def dec_pairs(s):
            if s.startswith(_PAIRS):
                return tuple(tuple(pair.split(_SEP)) for pair in s[1:].split(_PAIR))
            return _json(s) if s else ()
        return enc_pairs, dec_pairs
    return (lambda v: json.dumps(v, ensure_ascii=False) if v else ""), (lambda s: _json(s) if s else ())


def _json(s: str):
    return _tuple(json.loads(s))


def _codecs(rtype: type) -> dict[str, tuple]:
    """Field name -> (encode, decode) for the tuple fields of a record type."""
    return {f.name: _codec(str(f.type)) for f in dataclasses.fields(rtype) if "tuple" in str(f.type)}


def _save_sqlite(records: RecordsDB, path: Path) -> None:
    rows: dict[str, list] = {"documents": list(records.documents.values()), "tasks": records.tasks,
                             "sections": records.sections, "passages": records.passages}
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        with db:
            for table, rtype in _TABLES.items():
                names = [f.name for f in dataclasses.fields(rtype)]
                codecs = _codecs(rtype)
                db.execute(f"CREATE TABLE {table} (seq INTEGER PRIMARY KEY, {', '.join(names)})")
                db.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                    ([codecs[n][0](getattr(r, n)) if n in codecs else getattr(r, n) for n in names]
                     for r in rows[table]))
            db.execute("CREATE INDEX passages_doc ON passages (doc_id)")
            db.execute("CREATE INDEX tasks_doc ON tasks (doc_id, task_no)")
            db.execute(f"CREATE TABLE {_QUOTED} (seq INTEGER PRIMARY KEY, number TEXT, doc_id TEXT)")
            db.executemany(f"INSERT INTO {_QUOTED} (number, doc_id) VALUES (?, ?)",
                           ((number, doc) for number, docs in records.quoted.items() for doc in docs))
    finally:
        db.close()


_QUOTED = "quoted"  # 文号 printed in a passage -> the documents printing it (doc_numbers.py)


def _load_quoted(path: Path) -> dict[str, tuple[str, ...]] | None:
    """The quoted-文号 table of a records.sqlite; None for a file written before it existed."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute(f"SELECT number, doc_id FROM {_QUOTED} ORDER BY seq").fetchall()
    except sqlite3.OperationalError:
        return None
    finally:
        db.close()
    quoted: dict[str, list[str]] = {}
    for number, doc in rows:
        quoted.setdefault(number, []).append(doc)
    return {k: tuple(v) for k, v in quoted.items()}


def _tuple(value: Any) -> Any:
    return tuple(_tuple(v) for v in value) if isinstance(value, list) else value


# Fields read from the file when first asked for, per record type: the long texts, and what
# only a citation or a displayed task shows (raw spans, verbatim text, table cells of a
# task). Everything a lookup over all records needs (ids, names, units, headings, kinds, a
# section's cells) stays in memory.
STORED_TEXT = {Passage: ("text", "source_text", "span", "spans"),
               Section: ("text", "source_text", "span", "spans"),
               Task: ("title", "measures", "responsibility", "source_text", "span", "spans", "extra")}
TEXT_CACHE_SIZE = 4096  # rows per table whose stored fields are kept in memory


class _Unread:
    """The value of a stored field not read yet (one object)."""

    def __repr__(self) -> str:
        return "<unread>"


_UNREAD = _Unread()


class _TextSource:
    """Reads the stored fields of one table by row id, decoded: one read-only connection
    (opened at load, so it keeps working if a later build replaces the directory), a bounded
    cache."""

    def __init__(self, path: Path, table: str, columns: tuple[str, ...], decoders: tuple) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._sql = f"SELECT {', '.join(columns)} FROM {table} WHERE seq = ?"
        self._all_sql = f"SELECT seq, {', '.join(columns)} FROM {table}"
        self._decoders = decoders  # per column: a function, or None for a plain value
        self._lock = threading.Lock()
        self._cache: LRU[int, tuple] = LRU(TEXT_CACHE_SIZE)

    def _decode(self, row) -> tuple:
        return tuple(v if dec is None else dec(v) for dec, v in zip(self._decoders, row))

    def rows(self):
        """(seq, *fields) of every row, in one query."""
        with self._lock:
            got = self._db.execute(self._all_sql).fetchall()
        return [(seq, *self._decode(row)) for seq, *row in got]

    def row(self, seq: int) -> tuple:
        return self._cache.get_or_compute(seq, lambda: self._read(seq))

    def _read(self, seq: int) -> tuple:
        with self._lock:
            got = self._db.execute(self._sql, (seq,)).fetchone()
        if got is None:
            raise LookupError(f"{self._sql} ({seq}): no such row; the index build changed under the process")
        return self._decode(got)


class _StoredField:
    """A record field kept in records.sqlite until read: a data descriptor over the record's
    own slot, which holds _UNREAD until a value is set (by the dataclass __init__, e.g.
    through dataclasses.replace, or by RecordsDB.read_texts)."""

    def __init__(self, slot: Any, column: int) -> None:
        self.slot, self.column = slot, column  # the base class's member descriptor

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = self.slot.__get__(obj, owner)
        if value is _UNREAD:
            return type(obj)._texts.row(obj._seq)[self.column]
        return value

    def __set__(self, obj, value) -> None:
        self.slot.__set__(obj, value)

    def fill(self, obj, value) -> None:
        """Keep `value` in the record if the field is still unread."""
        if self.slot.__get__(obj) is _UNREAD:
            self.slot.__set__(obj, value)

    def unread(self, obj) -> bool:
        return self.slot.__get__(obj) is _UNREAD


def unread(record: Any) -> tuple[str, ...]:
    """The stored fields of a loaded record not read from records.sqlite yet."""
    cls = type(record)
    return tuple(name for name, field in vars(cls).items()
                 if isinstance(field, _StoredField) and field.unread(record))


def _stored_type(rtype: type, source: _TextSource) -> type:
    """A subclass of `rtype` whose STORED_TEXT fields are read from `source` on first use;
    equal to (and usable as) the plain record with the same field values."""
    stored = STORED_TEXT[rtype]
    fields = [f.name for f in dataclasses.fields(rtype)]

    def __eq__(self, other):  # equal to the plain record of the same values, as to its own kind
        if not isinstance(other, rtype):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in fields)

    namespace = {n: _StoredField(rtype.__dict__[n], i) for i, n in enumerate(stored)}
    namespace.update(_texts=source, __slots__=("_seq",), __eq__=__eq__, __hash__=rtype.__hash__,
                     __doc__=f"{rtype.__name__} whose {', '.join(stored)} stay in records.sqlite until read")
    return type(f"Stored{rtype.__name__}", (rtype,), namespace)


def _load_table(path: Path, rtype: type, strings: dict | None = None) -> list:
    """Every row of `rtype`'s table, in order; `strings` (shared across tables) keeps one
    object per distinct value of the _SHARED fields. The STORED_TEXT fields are not read:
    the rows are instances of a subclass that reads them on first use."""
    table = next(t for t, r in _TABLES.items() if r is rtype)
    if rtype in STORED_TEXT:
        return _load_stored(path, rtype, table, strings)
    names = [f.name for f in dataclasses.fields(rtype)]
    decode = _row_decoder(rtype, names, strings)
    return [rtype(*decode(list(row))) for row in _query(path, f"SELECT {', '.join(names)} FROM {table} ORDER BY seq")]


def _load_stored(path: Path, rtype: type, table: str, strings: dict | None) -> list:
    stored = STORED_TEXT[rtype]
    names = [f.name for f in dataclasses.fields(rtype) if f.name not in stored]
    decode = _row_decoder(rtype, names, strings)
    codecs = _codecs(rtype)
    cls = _stored_type(rtype, _TextSource(path, table, stored, tuple(codecs[n][1] if n in codecs else None
                                                                      for n in stored)))
    # the record's slots set directly (the values as stored, checked when they were written)
    setters = [rtype.__dict__[n].__set__ for n in names]
    set_stored = [rtype.__dict__[n].__set__ for n in stored]
    set_seq = cls.__dict__["_seq"].__set__
    out = []
    new = object.__new__
    for seq, *row in _query(path, f"SELECT seq, {', '.join(names)} FROM {table} ORDER BY seq"):
        record = new(cls)
        for put, value in zip(setters, decode(row)):
            put(record, value)
        for put in set_stored:
            put(record, _UNREAD)
        set_seq(record, seq)
        out.append(record)
    return out


def _row_decoder(rtype: type, names: list[str], strings: dict | None):
    """A function that turns a row of `names` (a list, changed in place) into field values:
    codec columns decoded, _SHARED values replaced by one shared object per distinct value."""
    codecs = _codecs(rtype)
    decoders = [(i, codecs[n][1]) for i, n in enumerate(names) if n in codecs]
    share = ({} if strings is None else strings).setdefault
    shared = [i for i, n in enumerate(names) if n in _SHARED and n not in codecs]
    shared_tuples = [i for i, n in enumerate(names) if n in _SHARED and n in codecs]

    def decode(row: list) -> list:
        for i, dec in decoders:
            row[i] = dec(row[i])
        for i in shared:
            if row[i].__class__ is str:
                row[i] = share(row[i], row[i])
        for i in shared_tuples:  # the tuple itself shared too (the same units, path, leaders)
            items = tuple(share(x, x) for x in row[i])
            row[i] = share(items, items)
        return row
    return decode


def _query(path: Path, sql: str):
    """The rows of a read-only query on records.sqlite; ValueError if it is no records database."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield from db.execute(sql)
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{path}: not a records database ({exc})") from exc
    finally:
        db.close()
