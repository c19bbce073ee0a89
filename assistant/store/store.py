"""The built index as one object: records, BM25, vectors and the query embedder.

A build directory holds, besides meta.json:

    records.sqlite   the records (RecordsDB)
    bm25/            bm25s arrays, memory-mapped
    vectors.npy      every passage vector in index order (float32), memory-mapped: worker
                     processes share it through the page cache instead of each copying the
                     vectors out of Chroma
    terms/           the character-bigram substring index (term_index.py) and the compacted
                     search text of every passage (text_column.py), memory-mapped
    chroma/          the Chroma collection (a Chroma server instead when ASSISTANT_CHROMA_URL
                     is set): nearest neighbours over the whole corpus for a server's
                     clients; an in-process search reads vectors.npy and never opens it
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import AssistantError, IndexDamagedError, IndexNotReadyError
from assistant.records import Passage
from assistant.store import synonyms
from assistant.store.bm25_index import BM25Index, Tokenizer
from assistant.store.embedders import Embedder, make_embedder
from assistant.store.integrity import verify_build
from assistant.store.layout import current_build, read_meta
from assistant.store.records_db import RecordsDB
from assistant.store.term_index import SubstringIndex
from assistant.store.text_column import TextColumn
from assistant.store.vector_store import VectorStore, open_client
from assistant.text import compact

log = logging.getLogger(__name__)

RECORDS_FILE = "records.sqlite"
LEGACY_RECORDS_FILE = "records.json"  # builds before records.sqlite
BM25_DIR = "bm25"
CHROMA_DIR = "chroma"
VECTORS_FILE = "vectors.npy"
TERMS_DIR = "terms"
# The form of the derived files a build writes from the records (search texts, word index);
# part of the build fingerprint, so `assistant ingest` rebuilds an index written in an older
# form. 2: search texts lower-cased (query words always were: "5G基站" holds the word 5g).
# 3: synonyms from large Cilin groups the corpus uses few words of (小孩 -> 儿童).
BUILD_FORMAT = 3


def collection_name(base: str, build_id: str) -> str:
    """One Chroma collection per build, so a server keeps serving the old one during ingest."""
    return f"{base}-{build_id}"


def passage_metadata(p: Passage, records: RecordsDB) -> dict[str, Any]:
    doc = records.documents[p.doc_id]
    meta: dict[str, Any] = {"doc_id": p.doc_id, "kind": p.kind, "section": p.section[:500],
                            "year": doc.year, "level": doc.level}
    if p.task_no is not None:
        meta["task_no"] = p.task_no
        task = records.task_by_key.get((p.doc_id, p.task_no))
        if task:
            meta["leaders"] = "、".join(task.leaders)
            meta["units"] = "、".join(task.lead_units + task.co_units)[:500]
    return meta


def search_texts(records: RecordsDB, compacts: list[str] | None = None) -> list[str]:
    """What word statistics match against: each passage's compacted text behind its document's
    title ("学历补贴" in the 环卫 notice is about 环卫工人), lower-cased as query words are
    ("5G基站" holds the word 5g). `compacts`: compact(p.text) of each passage when known
    (compact works character by character, so the two parts join)."""
    titles = {d.doc_id: compact(d.title) for d in records.documents.values()}
    if compacts is None:
        compacts = [compact(p.text) for p in records.passages]
    return [(titles[p.doc_id] + c).lower() for p, c in zip(records.passages, compacts)]


def load_records(build_dir: Path) -> RecordsDB:
    """The records of a build (records.sqlite, or records.json of an earlier build)."""
    path = build_dir / RECORDS_FILE
    if not path.exists() and (build_dir / LEGACY_RECORDS_FILE).exists():
        path = build_dir / LEGACY_RECORDS_FILE
    return RecordsDB.load(path)


# Per passage text: its compacted form and BM25 tokens, kept in records.sqlite (table
# "derived") so the next build segments only new texts and the searcher loads them as they are.
_DERIVED = "derived"
_SEP = "\x1f"  # between tokens (a token never holds it)


def _text_key(p: Passage, tokenizer: Tokenizer) -> str:
    return hashlib.sha1(f"{tokenizer.fingerprint}\0{p.section}\0{p.text}".encode()).hexdigest()


def leaf_heading(p: Passage) -> str:
    """A passage's own heading, compacted: the task title for tasks, the last heading else."""
    return compact(p.text.split("\n")[1] if p.task_no is not None and "\n" in p.text
                   else p.section.split(" / ")[-1])


def read_derived(build_dir: Path | None) -> dict[str, tuple[str, str, str]]:
    """text key -> (compact text, tokens joined by _SEP, leaf heading) of a build; empty if
    it has none."""
    path = build_dir / RECORDS_FILE if build_dir else None
    if path is None or not path.exists():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {k: (c, t, h) for k, c, t, h in db.execute(f"SELECT key, compact, tokens, leaf FROM {_DERIVED}")}
    except sqlite3.DatabaseError:
        return {}
    finally:
        db.close()


def read_derived_columns(build_dir: Path, n: int,
                         columns: tuple[str, ...] = ("compact", "leaf")) -> tuple[list[str], ...] | None:
    """The derived `columns` (compact(p.text), leaf_heading(p)) per passage (index order) as
    written by write_records, or None when the build has no such table."""
    try:
        db = sqlite3.connect(f"file:{build_dir / RECORDS_FILE}?mode=ro", uri=True)
        try:
            rows = db.execute(f"SELECT {', '.join(columns)} FROM {_DERIVED} ORDER BY seq").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None
    if len(rows) != n:
        return None
    return tuple([r[i] for r in rows] for i in range(len(columns)))


def write_records(build_dir: Path, records: RecordsDB, tokenizer: Tokenizer | None = None,
                  previous: Path | None = None) -> list[list[str]]:
    """records.sqlite (with each passage's compact text and BM25 tokens, taken from the
    `previous` build where the text and tokenizer are unchanged) and the substring index;
    returns the tokens of every passage for BM25Index.build."""
    t0 = time.perf_counter()
    tokenizer = tokenizer or Tokenizer.for_records(records)
    path = build_dir / RECORDS_FILE
    records.save(path)
    known = read_derived(previous)
    rows, tokens, compacts, reused = [], [], [], 0
    for seq, p in enumerate(records.passages):
        key = _text_key(p, tokenizer)
        if key in known:
            c, t, h = known[key]
            reused += 1
        else:
            c, t, h = compact(p.text), _SEP.join(tokenizer.tokenize(p.text)), leaf_heading(p)
            known[key] = (c, t, h)
        rows.append((seq, key, c, t, h))
        compacts.append(c)
        tokens.append(t.split(_SEP) if t else [])
    db = sqlite3.connect(path)
    try:
        with db:
            db.execute(f"CREATE TABLE {_DERIVED} (seq INTEGER PRIMARY KEY, key TEXT, compact TEXT, "
                       "tokens TEXT, leaf TEXT)")
            db.executemany(f"INSERT INTO {_DERIVED} VALUES (?, ?, ?, ?, ?)", rows)
    finally:
        db.close()
    t1 = time.perf_counter()
    texts = search_texts(records, compacts)
    SubstringIndex.save_arrays(build_dir / TERMS_DIR, SubstringIndex.build_arrays(texts))
    TextColumn.save(build_dir / TERMS_DIR, texts)
    del texts
    vocabulary = {w for passage_tokens in tokens for w in passage_tokens}
    synonyms.save(build_dir / synonyms.SYNONYMS_FILE,
                  synonyms.build_synonyms(vocabulary, (p.text for p in records.passages), synonyms.cilin_tables()))
    log.info("records written in %.2fs (%d of %d passages segmented, the rest from the previous build), "
             "substring index in %.2fs", t1 - t0, len(records.passages) - reused, len(records.passages),
             time.perf_counter() - t1)
    return tokens


def write_vectors(settings: Settings, build_dir: Path, build_id: str, records: RecordsDB,
                  vectors: np.ndarray, previous: Path | None = None) -> None:
    """vectors.npy (what search reads) and the Chroma collection (nearest neighbours).

    With the embedded store and a `previous` published build, its Chroma directory is copied
    and brought up to date (passages gone deleted, new ones added) instead of inserting every
    vector into a new HNSW graph again: adding one document to a large index costs a file copy
    and the new vectors. Any failure there falls back to the full build."""
    t0 = time.perf_counter()
    np.save(build_dir / VECTORS_FILE, np.ascontiguousarray(vectors, dtype=np.float32))
    ids = [p.passage_id for p in records.passages]
    if previous is not None and not settings.chroma_url and (previous / CHROMA_DIR).is_dir():
        try:
            added = _update_copy(settings, previous, build_dir, build_id, records, vectors)
            log.info("Chroma collection updated from %s (+%d vectors) in %.2fs", previous.name, added,
                     time.perf_counter() - t0)
            return
        except Exception as exc:  # any problem with the old copy: build from scratch
            log.warning("could not update the previous Chroma collection (%s); building it anew", exc)
            shutil.rmtree(build_dir / CHROMA_DIR, ignore_errors=True)
    client = open_client(settings.chroma_url, build_dir / CHROMA_DIR)
    store = VectorStore.create(client, collection_name(settings.collection, build_id), settings.chroma_url)
    store.add(client, ids, vectors, [passage_metadata(p, records) for p in records.passages],
              [p.text for p in records.passages])
    log.info("%d vectors written in %.2fs", len(ids), time.perf_counter() - t0)


def _update_copy(settings: Settings, previous: Path, build_dir: Path, build_id: str,
                 records: RecordsDB, vectors: np.ndarray) -> int:
    """Copy the previous build's Chroma directory into `build_dir`, rename its collection and
    make it hold exactly the passages of `records`; returns how many vectors were added."""
    old_name = collection_name(settings.collection, read_meta(previous)["build_id"])
    shutil.copytree(previous / CHROMA_DIR, build_dir / CHROMA_DIR)
    client = open_client("", build_dir / CHROMA_DIR)
    store = VectorStore.open(client, old_name)
    store.rename(collection_name(settings.collection, build_id))
    have = store.ids()
    want = {p.passage_id: i for i, p in enumerate(records.passages)}
    store.delete([pid for pid in have if pid not in want])
    new = [i for pid, i in want.items() if pid not in have]
    if new:
        store.add(client, [records.passages[i].passage_id for i in new], vectors[new],
                  [passage_metadata(records.passages[i], records) for i in new],
                  [records.passages[i].text for i in new])
    return len(new)


@dataclass
class Store:
    records: RecordsDB
    bm25: BM25Index
    vectors: VectorStore
    embedder: Embedder
    meta: dict[str, Any]
    matrix: np.ndarray  # every passage vector, index order (memory-mapped vectors.npy)
    build_dir: Path | None = None
    synonyms: dict[str, list[str]] | None = None  # query expansion (store/synonyms.py)
    # Ask `vectors` for the nearest neighbours of a large scope (a Chroma server); otherwise
    # search scans `matrix` exactly and the embedded collection is never opened.
    nearest_neighbours: bool = False

    def derived_columns(self) -> tuple[list[str], list[str]]:
        """(compact(p.text), leaf_heading(p)) of every passage, as the build stored them
        (computed when the build has none)."""
        got = read_derived_columns(self.build_dir, len(self.records.passages)) if self.build_dir else None
        if got is None:
            ps = self.records.passages
            got = [compact(p.text) for p in ps], [leaf_heading(p) for p in ps]
        return got

    def leaf_headings(self) -> list[str]:
        """leaf_heading(p) of every passage, as the build stored them (computed when it has none)."""
        got = read_derived_columns(self.build_dir, len(self.records.passages), ("leaf",)) \
            if self.build_dir else None
        return got[0] if got is not None else [leaf_heading(p) for p in self.records.passages]

    def search_column(self) -> Sequence[str]:
        """search_texts of the records: the build's memory-mapped column (terms/texts.bin),
        or a list built from the stored compact texts for a build written before it."""
        terms = self.build_dir / TERMS_DIR if self.build_dir else None
        column = TextColumn.load(terms) if terms is not None else None
        if column is not None and len(column) == len(self.records.passages):
            return column
        return search_texts(self.records, self.derived_columns()[0])

    def substring_index(self, texts: Sequence[str]) -> SubstringIndex:
        """The build's substring index over `texts` (search_texts of the records); built in
        memory when the build has none (an index written before terms/ existed)."""
        terms = self.build_dir / TERMS_DIR if self.build_dir else None
        if terms is not None and (terms / "postings.npy").exists():
            return SubstringIndex.load(terms, texts.__getitem__, len(texts))
        log.info("the build has no substring index; building it in memory")
        return SubstringIndex.build(texts)

    @classmethod
    def open(cls, settings: Settings) -> Store:
        """Load the published build after checking it against its manifest. Any failure is an
        IndexNotReadyError (IndexDamagedError when files are damaged) naming the fix."""
        t0 = time.perf_counter()
        build = current_build(settings.index_dir)
        if build is None:
            raise IndexNotReadyError(f"{settings.index_dir} has no built index; run `assistant ingest` first")
        meta = read_meta(build)
        problems = verify_build(build, checksums=settings.verify_checksums_on_load)
        if problems:
            raise IndexDamagedError(f"the index build {build.name} in {settings.index_dir} is damaged: "
                                    f"{'; '.join(problems[:3])}; run `assistant ingest` to rebuild it")
        if meta.get("embedder") != settings.embedder:
            raise IndexNotReadyError(
                f"the index in {settings.index_dir} was built with embedder {meta.get('embedder')!r} "
                f"but settings ask for {settings.embedder!r}; run `assistant ingest` again")
        try:
            records = load_records(build)
            tokenizer = Tokenizer.for_records(records)
            bm25 = BM25Index.load(tokenizer, build / BM25_DIR)
            matrix = np.load(build / VECTORS_FILE, mmap_mode="r") if (build / VECTORS_FILE).exists() \
                else None
            name = collection_name(settings.collection, meta["build_id"])
            if settings.chroma_url or matrix is None:
                vectors = VectorStore.open(open_client(settings.chroma_url, build / CHROMA_DIR), name,
                                           settings.chroma_url)
                count = vectors.count()
                if matrix is None:  # a build before vectors.npy: copy the vectors out of Chroma
                    matrix = vectors.vectors([p.passage_id for p in records.passages])
            else:  # search reads vectors.npy; the embedded collection opens only if asked for
                vectors = VectorStore.deferred(lambda: VectorStore.open(open_client("", build / CHROMA_DIR), name))
                count = len(matrix)
        except AssistantError:
            raise
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - Chroma raises many kinds
            raise IndexDamagedError(f"the index build {build.name} is damaged ({type(exc).__name__}: "
                                    f"{str(exc)[:200]}); run `assistant ingest` to rebuild it") from exc
        if count != len(records.passages) or len(matrix) != len(records.passages):
            raise IndexDamagedError(f"the index in {build} holds {count} vectors in Chroma and "
                                    f"{len(matrix)} in {VECTORS_FILE} for {len(records.passages)} "
                                    "passages; run `assistant ingest` again")
        embedder = make_embedder(settings.embedder, settings)
        log.info("index %s loaded: %d passages in %.2fs", meta["build_id"], len(records.passages),
                 time.perf_counter() - t0)
        return cls(records, bm25, vectors, embedder, meta, matrix, build,
                   synonyms.load(build / synonyms.SYNONYMS_FILE), nearest_neighbours=bool(settings.chroma_url))
