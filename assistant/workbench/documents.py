"""Documents of the index: the list with counts, and one document's structure in reading
order (headings, sections, tasks) with the anchors citations link to."""

from __future__ import annotations

from typing import Any

from assistant.store.records_db import RecordsDB
from assistant.workbench.errors import DocumentNotFoundError
from assistant.workbench.sources import section_anchor, task_anchor

LEVEL_ORDER = {"省": 0, "市": 1}


def document_list(records: RecordsDB) -> list[dict[str, Any]]:
    """Per document: doc_id, title, issuer, year, level, layout and counts; newest first."""
    summaries = {d["doc_id"]: d for d in records.document_summaries()}
    out = []
    for doc in records.documents.values():
        out.append({**summaries.get(doc.doc_id, {}), "doc_id": doc.doc_id, "title": doc.title,
                    "issuer": doc.issuer, "year": doc.year, "level": doc.level,
                    "layout": doc.layout, "source_file": doc.source_file})
    return sorted(out, key=lambda d: (-int(d["year"] or 0), LEVEL_ORDER.get(d["level"], 9),
                                      d["doc_id"]))


def document_outline(records: RecordsDB, doc_id: str) -> dict[str, Any]:
    """The document with `items` in reading order: headings (from the tasks' section paths),
    sections and tasks, each with an `anchor` ("task-10", "sec-3") and its depth."""
    doc = records.documents.get(doc_id)
    if doc is None:
        raise DocumentNotFoundError(f"no document {doc_id!r}; use a doc_id from GET /api/documents")
    summary = next((d for d in document_list(records) if d["doc_id"] == doc_id), {})
    entries: list[tuple[int, int, dict[str, Any]]] = []
    sections = sorted(records.sections_by_doc.get(doc_id, []), key=lambda s: (s.span[0], -s.span[1]))
    for i, s in enumerate(sections):
        entries.append((s.span[0], 1, {
            "type": "section", "anchor": section_anchor(i), "kind": s.kind, "label": s.label,
            "title": s.title, "text": s.text, "path": list(s.path),
            "depth": max(len(s.path) - 1, 0), "span": list(s.span)}))
    for t in records.tasks_by_doc.get(doc_id, []):
        entries.append((t.span[0], 2, {
            "type": "task", "anchor": task_anchor(t.task_no), "kind": t.kind,
            "task_no": t.task_no, "title": t.title, "measures": t.measures,
            "leaders": list(t.leaders), "lead_units": list(t.lead_units),
            "co_units": list(t.co_units), "responsibility": t.responsibility,
            "section": t.section, "uncertain": t.uncertain, "span": list(t.span)}))
    entries.sort(key=lambda e: (e[0], e[1]))
    items: list[dict[str, Any]] = []
    current: list[str] = []
    for _, _, item in entries:
        if item["type"] == "task":
            path = [p for p in item["section"].split(" / ") if p] if item["section"] else []
            common = 0
            while common < min(len(path), len(current)) and path[common] == current[common]:
                common += 1
            for depth in range(common, len(path)):
                items.append({"type": "heading", "anchor": "", "title": path[depth], "depth": depth})
            current = path
            item["depth"] = len(path)
        items.append(item)
    return {**summary, "items": items}
