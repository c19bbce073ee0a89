"""`assistant ingest | add | remove | cache prune | ask | serve | eval | stats`. Errors print as one readable line."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from assistant.config import Settings
from assistant.errors import AssistantError


def _settings() -> Settings:
    try:
        return Settings()
    except ValueError as exc:
        raise click.ClickException(f"bad ASSISTANT_* setting: {exc}") from exc


class _Group(click.Group):
    """Turns our errors into one line and exit code 1 (2 for usage errors, as click does)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo("interrupted; the previous index (if any) is untouched", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - e.g. a native library's panic: one line, no traceback
            logging.getLogger(__name__).debug("unexpected error", exc_info=exc)
            message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
            click.echo(f"error: unexpected {type(exc).__name__}: {message} "
                       f"(rerun with -v for the traceback)", err=True)
            sys.exit(1)


@click.group(cls=_Group)
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
def main(verbose: bool) -> None:
    """Cited answers from Guangdong / Guangzhou government policy documents."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")


@main.command()
@click.option("--force", is_flag=True, help="Rebuild even if corpus and code are unchanged.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(force: bool, quiet: bool) -> None:
    """Parse data/corpus into records and (re)build index/ atomically."""
    from assistant.ingest.pipeline import ingest as run_ingest

    summary = run_ingest(_settings(), progress=not quiet, force=force)
    click.echo("\n".join(summary.lines()))


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "doc_id", default=None, help="Document id (default: the 文号 printed in the text).")
@click.option("--title", default=None, help="Title (default: read from the text).")
@click.option("--year", type=int, default=None, help="Year (default: from the 文号 or the date).")
@click.option("--level", type=click.Choice(["省", "市"]), default=None, help="省 or 市 (default: from the issuer).")
@click.option("--layout", default="auto", show_default=True,
              help="auto, generic, task_list, task_table_tsv, notice, ... (see README, Adding documents).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def add(path: Path, doc_id: str | None, title: str | None, year: int | None, level: str | None,
        layout: str, quiet: bool) -> None:
    """Copy a .txt/.md/.docx/.pdf file into the corpus, list it in the manifest and ingest."""
    from assistant.ingest.corpus import add_document

    added = add_document(_settings(), path, doc_id=doc_id, title=title, year=year, level=level,
                         layout=layout, progress=not quiet)
    click.echo("\n".join(added.lines()))


@main.command()
@click.argument("doc_id")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def remove(doc_id: str, quiet: bool) -> None:
    """Take a document out of the corpus (file and manifest entry) and ingest."""
    from assistant.ingest.corpus import remove_document

    click.echo("\n".join(remove_document(_settings(), doc_id, progress=not quiet).lines()))


@main.group()
def cache() -> None:
    """The passage-embedding cache (data/embedding_cache)."""


@cache.command()
def prune() -> None:
    """Drop cached vectors of text no longer in the corpus (ingest keeps them)."""
    from assistant.ingest.passages import build_passages
    from assistant.ingest.pipeline import parse_corpus
    from assistant.store.embedders import make_embedder
    from assistant.store.embedding_cache import EmbeddingCache, content_key

    settings = _settings()
    _, tasks, sections, _, _ = parse_corpus(settings)
    live = {content_key(p.text) for p in build_passages(tasks, sections)}
    embedder = make_embedder(settings.embedder)
    store = EmbeddingCache(settings.embedding_cache_dir, embedder.name, embedder.dim)
    try:
        removed = store.prune(live)
        left = len(store.keys())
    finally:
        store.close()
    click.echo(f"pruned {removed} vectors from {store.path}; {left} left (the corpus has {len(live)} passages)")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--verify", is_flag=True,
              help="Also compare every index file's sha256 with the build manifest.")
def stats(as_json: bool, verify: bool) -> None:
    """Per document: doc_id, title, tasks, passages of the built index (exit 1 if damaged)."""
    from assistant.errors import IndexDamagedError, IndexNotReadyError
    from assistant.store.integrity import verify_build
    from assistant.store.layout import current_build, read_meta
    from assistant.store.store import RECORDS_FILE, load_records

    settings = _settings()
    build = current_build(settings.index_dir)
    if build is None:
        raise IndexNotReadyError(f"{settings.index_dir} has no built index; run `assistant ingest` first")
    meta = read_meta(build)
    problems = verify_build(build, checksums=verify)
    if problems:
        raise IndexDamagedError(f"the index build {build.name} is damaged: {'; '.join(problems[:5])}; "
                                "run `assistant ingest` to rebuild it")
    try:
        records = load_records(build)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexDamagedError(f"the index build {build.name} is damaged ({RECORDS_FILE}: {exc}); "
                                "run `assistant ingest` to rebuild it") from exc
    docs = records.document_summaries()
    if as_json:
        click.echo(json.dumps({"build_id": meta["build_id"], "embedder": meta.get("embedder"),
                               "verified": "sha256" if verify else "sizes",
                               "documents": docs}, ensure_ascii=False, indent=1))
        return
    click.echo(f"index {meta['build_id']} (embedder {meta.get('embedder')}; "
               f"{'checksums' if verify else 'sizes'} verified)")
    for d in docs:
        click.echo(f"  {d['doc_id']:<24} tasks {d['tasks']:>4}  sections {d['sections']:>4}  "
                   f"passages {d['passages']:>4}  {d['title']}")


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the Answer as JSON.")
@click.option("--history", "history_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON file: a list of {role, content} turns, oldest first.")
@click.option("--scope", default=None, help="Restrict to one document id, e.g. 粤府〔2023〕18号.")
def ask(question: str, as_json: bool, history_file: Path | None, scope: str | None) -> None:
    """Answer one question with citations."""
    from assistant.retrieve.assistant import Assistant

    history = None
    if history_file:
        try:
            history = json.loads(history_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{history_file} is not valid JSON: {exc}") from exc
    answer = Assistant.load(_settings()).ask(question, history=history, scope=scope)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
        return
    if answer.resolved_question and answer.resolved_question != question:
        click.echo(f"（理解为：{answer.resolved_question}）")
    click.echo(answer.answer)
    for i, c in enumerate(answer.citations, 1):
        where = f"第{c.task_no}项" if c.task_no else c.section
        click.echo(f"[{i}] {c.doc_id} {where}: {c.text[:120]}")


@main.command()
@click.option("--host", default=None, help="Bind address (default from settings: 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 8000).")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Worker processes sharing one index (default 1; ASSISTANT_WORKERS).")
@click.option("--no-ui", "no_ui", is_flag=True, default=False,
              help="Serve the HTTP API only, without the chat UI at /ui (ASSISTANT_UI=false).")
def serve(host: str | None, port: int | None, workers: int | None, no_ui: bool) -> None:
    """Run the HTTP API and the chat UI (/ui) with uvicorn."""
    from assistant.api.server import serve as run_server

    settings = _settings()
    updates = {k: v for k, v in {"host": host, "port": port, "workers": workers,
                                 "ui": False if no_ui else None}.items() if v is not None}
    run_server(settings.model_copy(update=updates))


@main.command(name="eval")
@click.option("--questions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("eval/questions.jsonl"), show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("eval/results.jsonl"), show_default=True)
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write a Markdown report to this file (none unless given).")
@click.option("--baseline", type=click.Choice(["naive"]), default=None,
              help="Also score the naive LlamaIndex pipeline on the same questions.")
def eval_cmd(questions: Path, out: Path, report: Path | None, baseline: str | None) -> None:
    """Run an eval question file (DESIGN.md format) and print metrics per type."""
    from assistant.evaluation.runner import main as run_eval

    sys.exit(run_eval(_settings(), questions, out, report, baseline))


@main.group()
def feedback() -> None:
    """Feedback (👍/👎) collected by the UI and POST /api/feedback."""


@feedback.command(name="export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="JSONL file to write (the eval question format of DESIGN.md).")
@click.option("--rating", type=click.Choice(["all", "up", "down"]), default="all",
              show_default=True, help="Export only 👍 (up) or 👎 (down) entries.")
def feedback_export(out: Path, rating: str) -> None:
    """Write stored feedback as eval-set candidates (👎 items are marked needs_review)."""
    from assistant.workbench.feedback import FeedbackStore, export_jsonl

    settings = _settings()
    n = export_jsonl(FeedbackStore(settings.feedback_db), out, None if rating == "all" else rating)
    click.echo(f"wrote {n} feedback entries from {settings.feedback_db} to {out}")


if __name__ == "__main__":
    main()
