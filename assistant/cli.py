"""`assistant ingest | ask | serve | eval | stats`. Errors print as one readable line."""

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
        except KeyboardInterrupt:
            click.echo("interrupted; the previous index (if any) is untouched", err=True)
            sys.exit(130)


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
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats(as_json: bool) -> None:
    """Per document: doc_id, title, tasks, passages of the built index."""
    from assistant.store.layout import current_build, read_meta
    from assistant.store.store import load_records
    from assistant.errors import IndexNotReadyError

    settings = _settings()
    build = current_build(settings.index_dir)
    if build is None:
        raise IndexNotReadyError(f"{settings.index_dir} has no built index; run `assistant ingest` first")
    records = load_records(build)
    docs = records.document_summaries()
    meta = read_meta(build)
    if as_json:
        click.echo(json.dumps({"build_id": meta["build_id"], "embedder": meta["embedder"],
                               "documents": docs}, ensure_ascii=False, indent=1))
        return
    click.echo(f"index {meta['build_id']} (embedder {meta['embedder']})")
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
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Run the HTTP API and the chat UI (/ui) with uvicorn."""
    from assistant.api.server import serve as run_server

    settings = _settings()
    updates = {k: v for k, v in {"host": host, "port": port, "workers": workers}.items() if v is not None}
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


if __name__ == "__main__":
    main()
