"""Validate an eval question file (JSONL) against the corpus.

Usage: python eval/check_questions.py eval/questions.jsonl

Checks (exit status 1 if any fails):
  * every line parses as a JSON object with exactly the fields
    id, type, question, history, expected{citations, must_include, answerable}, note;
  * ids are q001, q002, ... in order; no duplicate ids or questions;
  * type is one of the known types and each type reaches its minimum count;
  * history is empty except for followup questions (alternating user/assistant);
  * answerable questions carry 1-3 must_include strings and at least one citation;
    unanswerable ones carry neither;
  * every cited doc_id is in data/corpus/manifest.toml; task_no is null for
    plan/notice/personnel documents and a task number that exists for task lists;
  * every must_include string occurs in the cited document's text, both sides
    NFKC-normalized with all whitespace removed (for the PDF gazette the glyphs
    ꎬ ꎮ ꎻ and U+1001B0 are mapped to ， 。 ； . first, and line breaks vanish).

Prints counts per type and per cited doc_id.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"

MIN_COUNTS = {
    "responsibility": 45,
    "figure": 25,
    "task_lookup": 15,
    "reverse_lookup": 15,
    "count": 10,
    "plan": 20,
    "notice": 20,
    "paraphrase": 20,
    "followup": 25,
    "unanswerable": 25,
}
MIN_TOTAL = 230

GLYPHS = {"\ua3ac": "，", "\ua3ae": "。", "\ua3bb": "；", "\U001001b0": "."}

# Task-list documents: valid task numbers (checked against the source when the
# question file was written; see the notes in questions.jsonl).
TASK_DOCS = {
    "粤府〔2022〕13号": lambda t: t.isdigit() and 1 <= int(t) <= 180,
    "粤府〔2023〕18号": lambda t: (t.isdigit() and 1 <= int(t) <= 180)
    or (re.fullmatch(r"民生实事-(\d+)", t) is not None and 1 <= int(t.split("-")[1]) <= 29),
    "穗府〔2022〕2号": lambda t: t.isdigit() and 1 <= int(t) <= 251,
    "穗府〔2024〕1号": lambda t: t.isdigit() and 1 <= int(t) <= 363,
}

FIELDS = {"id", "type", "question", "history", "expected", "note"}
EXPECTED_FIELDS = {"citations", "must_include", "answerable"}


def compact(text: str) -> str:
    text = "".join(GLYPHS.get(c, c) for c in text)
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def load_documents() -> dict[str, dict]:
    """doc_id -> {"file": name, "text": compact text of the document's span}."""
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))
    docs: dict[str, dict] = {}
    for f in manifest["file"]:
        text = (CORPUS / f["name"]).read_text(encoding="utf-8")
        text = unicodedata.normalize("NFKC", "".join(GLYPHS.get(c, c) for c in text))
        for pattern in f.get("noise", []):  # page headers/footers, as the manifest lists them
            text = re.sub(pattern, "", text)
        lines = text.split("\n")
        keys = [compact(line) for line in lines]
        entries = f["document"]
        starts = []
        for d in entries:
            if "start" in d:
                want = compact(d["start"])
                idx = next((i for i, k in enumerate(keys) if k == want), None)
                if idx is None:
                    raise SystemExit(f"manifest start {d['start']!r} not found in {f['name']}")
                starts.append(idx)
            else:
                starts.append(0)
        for n, d in enumerate(entries):
            begin = starts[n]
            end = starts[n + 1] if n + 1 < len(entries) else len(lines)
            if "end" in d:
                want = compact(d["end"])
                end = next((i for i in range(begin, len(lines)) if keys[i] == want), end)
            docs[d["doc_id"]] = {
                "file": f["name"],
                "layout": d.get("layout"),
                "text": "".join(keys[begin:end]),
            }
    return docs


def check(path: Path) -> int:
    docs = load_documents()
    problems: list[str] = []
    per_type: Counter[str] = Counter()
    per_doc: Counter[str] = Counter()
    per_doc_q: Counter[str] = Counter()
    seen_ids: set[str] = set()
    seen_q: dict[str, str] = {}
    n = 0
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            problems.append(f"line {lineno}: empty line")
            continue
        n += 1
        where = f"line {lineno}"
        try:
            q = json.loads(raw)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: not JSON ({e})")
            continue
        if not isinstance(q, dict) or set(q) != FIELDS:
            problems.append(f"{where}: fields {sorted(q) if isinstance(q, dict) else type(q)} != {sorted(FIELDS)}")
            continue
        qid = q["id"]
        where = f"line {lineno} ({qid})"
        if qid != f"q{n:03d}":
            problems.append(f"{where}: id should be q{n:03d}")
        if qid in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(qid)
        qtype = q["type"]
        if qtype not in MIN_COUNTS:
            problems.append(f"{where}: unknown type {qtype!r}")
        per_type[qtype] += 1
        if not isinstance(q["question"], str) or not q["question"].strip():
            problems.append(f"{where}: empty question")
        else:
            key = compact(q["question"]) + "|" + json.dumps(q["history"], ensure_ascii=False)
            if key in seen_q:
                problems.append(f"{where}: duplicate question (also {seen_q[key]})")
            seen_q[key] = qid
        if not isinstance(q["note"], str) or not q["note"].strip():
            problems.append(f"{where}: empty note")
        hist = q["history"]
        if not isinstance(hist, list):
            problems.append(f"{where}: history must be a list")
            hist = []
        if qtype == "followup" and not hist:
            problems.append(f"{where}: followup without history")
        if qtype != "followup" and hist:
            problems.append(f"{where}: history only expected for followup questions")
        for i, turn in enumerate(hist):
            role = "user" if i % 2 == 0 else "assistant"
            if not isinstance(turn, dict) or set(turn) != {"role", "content"} or turn["role"] != role \
                    or not str(turn["content"]).strip():
                problems.append(f"{where}: history turn {i} should be {{role: {role}, content}}")
        if hist and len(hist) % 2:
            problems.append(f"{where}: history should end with an assistant turn")
        exp = q["expected"]
        if not isinstance(exp, dict) or set(exp) != EXPECTED_FIELDS:
            problems.append(f"{where}: expected fields {sorted(exp) if isinstance(exp, dict) else exp}")
            continue
        cits, must, answerable = exp["citations"], exp["must_include"], exp["answerable"]
        if not isinstance(answerable, bool):
            problems.append(f"{where}: answerable must be a bool")
        if qtype == "unanswerable" and answerable is not False:
            problems.append(f"{where}: unanswerable question marked answerable")
        if answerable is False:
            if cits or must:
                problems.append(f"{where}: unanswerable question must have no citations/must_include")
            continue
        if not isinstance(must, list) or not 1 <= len(must) <= 3 or not all(isinstance(m, str) and m.strip() for m in must):
            problems.append(f"{where}: must_include needs 1-3 non-empty strings")
            must = [m for m in must if isinstance(m, str)] if isinstance(must, list) else []
        if not isinstance(cits, list) or not cits:
            problems.append(f"{where}: answerable question without citations")
            cits = []
        cited_texts = []
        for d in {c.get("doc_id") for c in cits if isinstance(c, dict)}:
            per_doc_q[d] += 1
        for c in cits:
            if not isinstance(c, dict) or set(c) != {"doc_id", "task_no"}:
                problems.append(f"{where}: citation {c} should be {{doc_id, task_no}}")
                continue
            doc, task = c["doc_id"], c["task_no"]
            per_doc[doc] += 1
            if doc not in docs:
                problems.append(f"{where}: unknown doc_id {doc!r}")
                continue
            cited_texts.append((doc, docs[doc]["text"]))
            if doc in TASK_DOCS:
                if task is not None and (not isinstance(task, str) or not TASK_DOCS[doc](task)):
                    problems.append(f"{where}: {doc} has no task {task!r}")
            elif task is not None:
                problems.append(f"{where}: {doc} is not a task list; task_no must be null")
        for m in must:
            key = compact(m)
            if not key:
                problems.append(f"{where}: must_include {m!r} is empty after normalization")
                continue
            hits = [d for d, t in cited_texts if key in t]
            if cited_texts and not hits:
                problems.append(f"{where}: must_include {m!r} not found in {[d for d, _ in cited_texts]}")
    if n < MIN_TOTAL:
        problems.append(f"only {n} questions (< {MIN_TOTAL})")
    for t, k in MIN_COUNTS.items():
        if per_type[t] < k:
            problems.append(f"type {t}: {per_type[t]} questions (< {k})")

    print(f"{n} questions")
    print("per type:")
    for t in MIN_COUNTS:
        print(f"  {t:15s} {per_type[t]:4d}  (min {MIN_COUNTS[t]})")
    print("answerable questions citing each doc_id (questions / citations):")
    for d, k in per_doc_q.most_common():
        print(f"  {d:24s} {k:4d} / {per_doc[d]}")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.exit(check(Path(sys.argv[1])))
