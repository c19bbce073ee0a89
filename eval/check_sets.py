"""Validate the round-2 held-out sets by reusing eval/check_questions.py.

Usage: python eval/check_sets.py [FILE ...]
       (default: eval/paraphrase.jsonl eval/nearmiss.jsonl eval/multiturn.jsonl
        and, where present, the later held-out sets in HELDOUT_SETS:
        eval/paraphrase_dev.jsonl eval/nearmiss_dev.jsonl
        eval/paraphrase_r3.jsonl eval/nearmiss_r3.jsonl
        eval/paraphrase_r4.jsonl eval/nearmiss_r4.jsonl
        eval/paraphrase_r5.jsonl eval/nearmiss_r5.jsonl
        eval/paraphrase_r6.jsonl eval/nearmiss_r6.jsonl
        eval/paraphrase_r7.jsonl eval/nearmiss_r7.jsonl
        eval/paraphrase_r8.jsonl eval/nearmiss_r8.jsonl
        eval/paraphrase_r9.jsonl eval/nearmiss_r9.jsonl
        eval/paraphrase_r10.jsonl eval/nearmiss_r10.jsonl
        eval/paraphrase_r11.jsonl eval/nearmiss_r11.jsonl
        eval/paraphrase_r12.jsonl eval/nearmiss_r12.jsonl
        eval/paraphrase_r13.jsonl eval/nearmiss_r13.jsonl
        eval/paraphrase_r14.jsonl eval/nearmiss_r14.jsonl
        eval/paraphrase_r15.jsonl eval/nearmiss_r15.jsonl
        eval/paraphrase_r16.jsonl eval/nearmiss_r16.jsonl
        eval/paraphrase_r17.jsonl eval/nearmiss_r17.jsonl
        eval/paraphrase_r18.jsonl eval/nearmiss_r18.jsonl
        eval/paraphrase_r19.jsonl eval/nearmiss_r19.jsonl
        eval/paraphrase_r20.jsonl eval/nearmiss_r20.jsonl
        eval/paraphrase_r21.jsonl eval/nearmiss_r21.jsonl
        eval/paraphrase_r22.jsonl eval/nearmiss_r22.jsonl
        eval/paraphrase_r23.jsonl eval/nearmiss_r23.jsonl
        eval/paraphrase_r24.jsonl eval/nearmiss_r24.jsonl
        eval/paraphrase_r25.jsonl eval/nearmiss_r25.jsonl
        eval/paraphrase_r26.jsonl eval/nearmiss_r26.jsonl
        eval/paraphrase_r27.jsonl eval/nearmiss_r27.jsonl
        eval/paraphrase_r28.jsonl eval/nearmiss_r28.jsonl
        eval/paraphrase_r29.jsonl eval/nearmiss_r29.jsonl
        eval/paraphrase_r30.jsonl eval/nearmiss_r30.jsonl
        eval/paraphrase_r31.jsonl eval/nearmiss_r31.jsonl
        eval/paraphrase_r32.jsonl eval/nearmiss_r32.jsonl
        eval/paraphrase_r33.jsonl eval/nearmiss_r33.jsonl
        eval/paraphrase_r34.jsonl eval/nearmiss_r34.jsonl
        eval/paraphrase_r35.jsonl eval/nearmiss_r35.jsonl
        eval/paraphrase_r36.jsonl eval/nearmiss_r36.jsonl
        eval/paraphrase_r37.jsonl eval/nearmiss_r37.jsonl
        eval/paraphrase_r38.jsonl eval/nearmiss_r38.jsonl
        eval/paraphrase_r39.jsonl eval/nearmiss_r39.jsonl
        eval/paraphrase_r40.jsonl eval/nearmiss_r40.jsonl
        eval/paraphrase_r41.jsonl eval/nearmiss_r41.jsonl
        eval/paraphrase_r42.jsonl eval/nearmiss_r42.jsonl
        eval/paraphrase_r43.jsonl eval/nearmiss_r43.jsonl
        eval/paraphrase_r44.jsonl eval/nearmiss_r44.jsonl
        eval/paraphrase_r45.jsonl eval/nearmiss_r45.jsonl
        eval/paraphrase_r46.jsonl eval/nearmiss_r46.jsonl
        eval/paraphrase_r47.jsonl eval/nearmiss_r47.jsonl
        eval/paraphrase_r48.jsonl eval/nearmiss_r48.jsonl
        eval/paraphrase_r49.jsonl eval/nearmiss_r49.jsonl
        eval/paraphrase_r50.jsonl eval/nearmiss_r50.jsonl
        eval/paraphrase_r51.jsonl eval/nearmiss_r51.jsonl
        eval/paraphrase_r52.jsonl eval/nearmiss_r52.jsonl
        eval/paraphrase_r53.jsonl eval/nearmiss_r53.jsonl
        eval/paraphrase_r54.jsonl eval/nearmiss_r54.jsonl
        eval/paraphrase_r55.jsonl eval/nearmiss_r55.jsonl
        eval/paraphrase_r56.jsonl eval/nearmiss_r56.jsonl
        eval/paraphrase_r58.jsonl eval/nearmiss_r58.jsonl
        eval/paraphrase_r57.jsonl eval/nearmiss_r57.jsonl)

Each file is recognised by its name (a name containing paraphrase / nearmiss /
multiturn, e.g. paraphrase_dev.jsonl is a paraphrase set) and checked in two steps:

1. The main checker (check_questions.check) runs unchanged on a temporary copy:
   fields, JSON, question/history shape (alternating user/assistant, ending
   with an assistant turn), answerable vs citations/must_include (1-3 strings),
   doc ids in data/corpus/manifest.toml, task numbers that exist, every
   must_include string in the cited document after normalization (NFKC,
   whitespace removed, PDF glyphs mapped). For the copy, ids are renamed to
   q###, the set's own fields (`scope`, `kind`) are removed (they are checked
   here), and a multi-turn refusal (type `unanswerable` with a history) is
   passed as type `followup` with answerable false, which the main checker
   allows; its MIN_COUNTS become the set's allowed types and minimums.
2. Set-specific checks (SETS below): id prefix and order (p001..., n001...,
   m001...), allowed types, minimum counts, `kind` (multiturn: one of KINDS,
   each at least KIND_MIN times), `scope` (a manifest doc id; every expected
   citation of a scoped answerable item must come from that document), history
   rules, and no question (NFKC/whitespace-compact question + history) that
   also occurs in eval/questions.jsonl, eval/heldout.jsonl, a round-2 set or
   another held-out set of HELDOUT_SETS (sets of the same kind included: a
   paraphrase_r3 question may not repeat one of paraphrase_dev or paraphrase);
   a set without history also may not repeat a history-less question of any
   other file.

Exit status 1 if any file has a problem.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_questions as cq  # noqa: E402

EVAL = cq.ROOT / "eval"
OLD_SETS = [EVAL / "questions.jsonl", EVAL / "heldout.jsonl"]
# Held-out sets written after round 2 (checked like the round-2 set whose name they contain).
HELDOUT_SETS = ["paraphrase_dev", "nearmiss_dev", "paraphrase_r3", "nearmiss_r3", "paraphrase_r4", "nearmiss_r4",
                "paraphrase_r5", "nearmiss_r5", "paraphrase_r6", "nearmiss_r6", "paraphrase_r7", "nearmiss_r7",
                "paraphrase_r8", "nearmiss_r8", "paraphrase_r9", "nearmiss_r9", "paraphrase_r10", "nearmiss_r10",
                "paraphrase_r11", "nearmiss_r11", "paraphrase_r12", "nearmiss_r12", "paraphrase_r13", "nearmiss_r13",
                "paraphrase_r14", "nearmiss_r14", "paraphrase_r15", "nearmiss_r15",
                "paraphrase_r16", "nearmiss_r16", "paraphrase_r17", "nearmiss_r17",
                "paraphrase_r18", "nearmiss_r18", "paraphrase_r19", "nearmiss_r19",
                "paraphrase_r20", "nearmiss_r20", "paraphrase_r21", "nearmiss_r21",
                "paraphrase_r22", "nearmiss_r22", "paraphrase_r23", "nearmiss_r23",
                "paraphrase_r24", "nearmiss_r24", "paraphrase_r25", "nearmiss_r25",
                "paraphrase_r26", "nearmiss_r26", "paraphrase_r27", "nearmiss_r27",
                "paraphrase_r28", "nearmiss_r28", "paraphrase_r29", "nearmiss_r29",
                "paraphrase_r30", "nearmiss_r30", "paraphrase_r31", "nearmiss_r31",
                "paraphrase_r32", "nearmiss_r32", "paraphrase_r33", "nearmiss_r33",
                "paraphrase_r34", "nearmiss_r34", "paraphrase_r35", "nearmiss_r35",
                "paraphrase_r36", "nearmiss_r36", "paraphrase_r37", "nearmiss_r37",
                "paraphrase_r38", "nearmiss_r38", "paraphrase_r39", "nearmiss_r39",
                "paraphrase_r40", "nearmiss_r40", "paraphrase_r41", "nearmiss_r41",
                "paraphrase_r42", "nearmiss_r42", "paraphrase_r43", "nearmiss_r43",
                "paraphrase_r44", "nearmiss_r44",
                "paraphrase_r45", "nearmiss_r45",
                "paraphrase_r46", "nearmiss_r46",
                "paraphrase_r47", "nearmiss_r47",
                "paraphrase_r48", "nearmiss_r48",
                "paraphrase_r49", "nearmiss_r49",
                "paraphrase_r50", "nearmiss_r50",
                "paraphrase_r51", "nearmiss_r51",
                "paraphrase_r52", "nearmiss_r52",
                "paraphrase_r53", "nearmiss_r53",
                "paraphrase_r54", "nearmiss_r54",
                "paraphrase_r55", "nearmiss_r55",
                "paraphrase_r56", "nearmiss_r56",
                "paraphrase_r58", "nearmiss_r58",
                "paraphrase_r57", "nearmiss_r57"]

KINDS = ("leak", "scope", "followup", "long", "two_ask")
KIND_MIN = 10

SETS = {
    "paraphrase": {
        "prefix": "p",
        "types": {"paraphrase": 40, "responsibility": 0, "figure": 0, "notice": 0, "plan": 0},
        "total": 60,
        "answerable": True,   # every item answerable
        "history": False,     # no history allowed
        "extra_fields": set(),
    },
    "nearmiss": {
        "prefix": "n",
        "types": {"unanswerable": 30},
        "total": 30,
        "answerable": False,
        "history": False,
        "extra_fields": set(),
    },
    "multiturn": {
        "prefix": "m",
        "types": {"followup": 0, "unanswerable": 0},
        "total": 60,
        "answerable": None,   # either
        "history": True,      # history required
        "extra_fields": {"kind", "scope"},
    },
}


# Sets written to a shorter deadline, with their own minimum (round 6: written late in a
# session as the next held-out set, 40 paraphrases instead of 60).
SMALLER_SETS = {"paraphrase_r6": 40, "paraphrase_r25": 59,  # (round 25: one item dropped unread, the same question as one of round 26)
                "paraphrase_r37": 30, "paraphrase_r38": 30,  # (rounds 37, 38: 30 paraphrases beside 90 near misses)
                "paraphrase_r39": 30, "paraphrase_r40": 30,  # (rounds 39, 40: 30 paraphrases beside 90 near misses)
                "paraphrase_r46": 30, "paraphrase_r47": 30,  # (rounds 46, 47: 30 paraphrases beside 90 near misses)
                "paraphrase_r51": 30,  # (round 51: 30 paraphrases beside 90 near misses)
                "paraphrase_r53": 59,  # (round 53: p029 dropped unread, the same question as p019 of round 52, written at the same time)
                "paraphrase_r54": 60, "nearmiss_r54": 30,  # (round 54, a dev round: 60 one-sentence paraphrases beside 30 near misses, 5 per kind a-f)
                "paraphrase_r57": 30}  # (round 57, a dev round: 30 paraphrases beside 90 near misses, 45 of kind b and 45 of kind d)


def set_name(path: Path) -> str:
    for name in SETS:
        if name in path.stem:
            return name
    raise SystemExit(f"{path}: cannot tell the set from the file name (expected one of {', '.join(SETS)})")


def key(q: dict) -> str:
    hist = "".join(cq.compact(str(t.get("content", ""))) for t in q.get("history") or [])
    return cq.compact(q.get("question", "")) + "|" + hist


def load_rows(path: Path) -> list[dict]:
    rows = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip():
            try:
                rows.append(json.loads(raw))
            except json.JSONDecodeError:
                rows.append({"_bad": lineno})
    return rows


def check_file(path: Path, others: list[Path], docs: dict) -> int:
    name = set_name(path)
    spec = SETS[name]
    rows = load_rows(path)
    problems: list[str] = []
    kinds: Counter[str] = Counter()
    types: Counter[str] = Counter()

    for n, q in enumerate(rows, 1):
        if "_bad" in q:
            continue  # reported by the main checker
        qid = q.get("id")
        where = f"line {n} ({qid})"
        if qid != f"{spec['prefix']}{n:03d}":
            problems.append(f"{where}: id should be {spec['prefix']}{n:03d}")
        qtype = q.get("type")
        types[qtype] += 1
        if qtype not in spec["types"]:
            problems.append(f"{where}: type {qtype!r} not allowed in {name} (allowed: {sorted(spec['types'])})")
        extra = set(q) - cq.FIELDS
        if extra - spec["extra_fields"]:
            problems.append(f"{where}: unexpected fields {sorted(extra - spec['extra_fields'])}")
        exp = q.get("expected") or {}
        answerable = exp.get("answerable")
        if spec["answerable"] is not None and answerable is not spec["answerable"]:
            problems.append(f"{where}: every {name} item must have answerable {spec['answerable']}")
        if qtype == "unanswerable" and answerable is not False:
            problems.append(f"{where}: type unanswerable but answerable is not false")
        if name == "multiturn" and answerable is False and qtype != "unanswerable":
            problems.append(f"{where}: a multi-turn refusal case should have type unanswerable")
        hist = q.get("history") or []
        if spec["history"] and not hist:
            problems.append(f"{where}: history required in {name}")
        if not spec["history"] and hist:
            problems.append(f"{where}: no history allowed in {name}")
        if name == "multiturn":
            kind = q.get("kind")
            kinds[kind] += 1
            if kind not in KINDS:
                problems.append(f"{where}: kind {kind!r} not one of {KINDS}")
            scope = q.get("scope")
            if "scope" in q:
                if scope not in docs:
                    problems.append(f"{where}: scope {scope!r} is not a doc_id of the manifest")
                elif answerable:
                    outside = [c.get("doc_id") for c in exp.get("citations") or [] if c.get("doc_id") != scope]
                    if outside:
                        problems.append(f"{where}: expected citations {outside} lie outside scope {scope}")
            if kind == "scope" and "scope" not in q:
                problems.append(f"{where}: kind scope without a scope field")
            if kind == "two_ask" and answerable and len(exp.get("must_include") or []) < 2:
                problems.append(f"{where}: two_ask needs must_include facts from both asks (>= 2 strings)")

    total = SMALLER_SETS.get(path.stem, spec["total"])
    if len(rows) < total:
        problems.append(f"only {len(rows)} items (< {total})")
    for t, k in spec["types"].items():
        k = min(k, total)  # a smaller set cannot reach the full per-type minimum
        if types[t] < k:
            problems.append(f"type {t}: {types[t]} items (< {k})")
    if name == "multiturn":
        for k in KINDS:
            if kinds[k] < KIND_MIN:
                problems.append(f"kind {k}: {kinds[k]} items (< {KIND_MIN})")

    # duplicates: within the file and against the older sets and the other round-2 sets
    seen: dict[str, str] = {}
    for q in rows:
        if "_bad" in q:
            continue
        k = key(q)
        if k in seen:
            problems.append(f"{q.get('id')}: duplicate question within {path.name} (also {seen[k]})")
        seen[k] = q.get("id")
    for other in others:
        if not other.exists() or other.resolve() == path.resolve() or other.name == path.name:
            continue  # itself, or (a copy being checked elsewhere) its own canonical file
        other_rows = [r for r in load_rows(other) if "_bad" not in r]
        keys = {key(r): r.get("id") for r in other_rows}
        bare = {cq.compact(r.get("question", "")): r.get("id") for r in other_rows if not r.get("history")}
        for q in rows:
            if "_bad" in q:
                continue
            if key(q) in keys:
                problems.append(f"{q.get('id')}: same question as {keys[key(q)]} in {other.name}")
            elif not q.get("history") and cq.compact(q.get("question", "")) in bare:
                problems.append(f"{q.get('id')}: same question as {bare[cq.compact(q['question'])]} in {other.name}")

    # the main checker on a copy (ids q###, own fields removed, refusals-with-history as followup)
    copy_rows = []
    for n, q in enumerate(rows, 1):
        if "_bad" in q:
            copy_rows.append("{")  # keeps the line so the main checker reports it
            continue
        c = {k: v for k, v in q.items() if k not in spec["extra_fields"]}
        c["id"] = f"q{n:03d}"
        if c.get("type") == "unanswerable" and c.get("history"):
            c["type"] = "followup"
        copy_rows.append(json.dumps(c, ensure_ascii=False))
    cq.MIN_COUNTS = {t: 0 for t in spec["types"]} | {"followup": 0} if spec["history"] else {t: 0 for t in spec["types"]}
    cq.MIN_TOTAL = 0
    out = StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text("\n".join(copy_rows) + "\n", encoding="utf-8")
        with redirect_stdout(out):
            status = cq.check(copy)
    main_report = out.getvalue()

    print(f"== {path.name} ({name}): {len(rows)} items")
    print("per type: " + ", ".join(f"{t} {types[t]}" for t in spec["types"]))
    if name == "multiturn":
        print("per kind: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS)
              + f"; with scope {sum('scope' in q for q in rows)}")
    docs_cited: Counter[str] = Counter()
    for q in rows:
        for d in {c.get("doc_id") for c in (q.get("expected") or {}).get("citations") or []}:
            docs_cited[d] += 1
    if docs_cited:
        print("items citing each doc_id: " + ", ".join(f"{d} {k}" for d, k in docs_cited.most_common()))
    if status:
        problems += ["main checker: " + re.sub(r"\bq(\d{3})\b", spec["prefix"] + r"\1", line.strip())
                     for line in main_report.split("problem(s):", 1)[-1].splitlines() if line.strip()]
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("OK")
    return 0


def main(argv: list[str]) -> int:
    later = [EVAL / f"{n}.jsonl" for n in HELDOUT_SETS]
    paths = [Path(a) for a in argv] or [EVAL / f"{n}.jsonl" for n in SETS] + [p for p in later if p.exists()]
    all_sets = OLD_SETS + [EVAL / f"{n}.jsonl" for n in SETS] + later
    docs = cq.load_documents()
    status = 0
    for p in paths:
        status |= check_file(p, all_sets, docs)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
