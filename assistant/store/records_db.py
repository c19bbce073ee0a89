"""The structured records (documents, tasks, sections, passages), saved as one JSON file.

The corpus is small (about a thousand tasks), so the records live in memory with
dictionaries keyed by doc_id, task_no, leader and unit: complete answers to
"every task of 张虎" come from here, never from top-k search.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from assistant.records import Passage, Section, SourceDocument, Task


class RecordsDB:
    def __init__(self, documents: list[SourceDocument], tasks: list[Task], sections: list[Section],
                 passages: list[Passage]) -> None:
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

    @property
    def leaders(self) -> set[str]:
        return set(self.tasks_by_leader)

    @property
    def units(self) -> set[str]:
        return set(self.tasks_by_unit)

    def save(self, path: Path) -> None:
        data = {
            "documents": [asdict(d) for d in self.documents.values()],
            "tasks": [asdict(t) for t in self.tasks],
            "sections": [asdict(s) for s in self.sections],
            "passages": [asdict(p) for p in self.passages],
        }
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RecordsDB:
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
