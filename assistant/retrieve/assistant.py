"""Assistant: the one entry point the edges (API, UI, CLI, eval) call."""

from __future__ import annotations

import logging
import re
import time
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import InvalidQuestionError
from assistant.records import Answer, Citation, Task, Turn
from assistant.retrieve import compose
from assistant.retrieve.conversation import resolve
from assistant.retrieve.focus import FocusChecker
from assistant.retrieve.query import Query, QueryParser
from assistant.retrieve.search import Hit, HybridSearcher
from assistant.store.store import Store
from assistant.store.vocabulary import expand_aliases
from assistant.text import compact

log = logging.getLogger(__name__)

TASK_KINDS = ("task", "annex")
# Evidence thresholds, calibrated on eval/questions.jsonl (see README "Results"): the best
# passage must hold most of the question's rare words, or many words and be close in meaning.
MIN_WEIGHTED_COVERAGE = 0.6
MIN_COVERAGE = 0.5
MIN_DENSE = 0.86

SECTION_WINDOWS = 4  # windows quoted from a part the question names (a 专栏 is 1-5 windows)

_HAS_WORD = re.compile(r"[\w\u3400-\u9fff]")


class Assistant:
    """Loads the built index once; `ask` answers one question (plus history) with citations."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.records = store.records
        self.parser = QueryParser(store.records, store.bm25.tokenizer.words)
        self.searcher = HybridSearcher(store, settings.query_cache_size)
        self.focus = FocusChecker()

    @classmethod
    def load(cls, settings: Settings) -> Assistant:
        """Open the index under settings.index_dir; IndexNotReadyError if there is none."""
        return cls(settings, Store.open(settings))

    # ---- public API --------------------------------------------------------------------
    def ask(self, question: str, history: list[Turn] | list[dict[str, Any]] | None = None,
            scope: str | None = None) -> Answer:
        """Answer `question`; `history` is earlier turns (oldest first); `scope` a doc_id or None."""
        t0 = time.perf_counter()
        question = self._check_question(question)
        turns = self._check_history(history)
        if scope is not None and scope not in ("", "all") and scope not in self.records.documents:
            raise InvalidQuestionError(f"unknown scope {scope!r}; use one of: {', '.join(self.records.documents)}")
        if not _HAS_WORD.search(question):
            answer = Answer("请输入一个关于政策文件的问题，例如：“谁负责粮食产量？”", False,
                            resolved_question=question, intent="empty")
        else:
            query = resolve(self.parser, _to_simplified(question), turns, self._answer)
            if scope and scope != "all" and not query.docs:
                query = query.with_(docs=(scope,))
            answer = self._answer(query)
        return Answer(answer.answer, answer.answerable, answer.citations, answer.records,
                      (time.perf_counter() - t0) * 1000, answer.resolved_question, answer.intent)

    def documents(self) -> list[dict[str, Any]]:
        """Per document: doc_id, title, level, year, layout, tasks, uncertain_tasks, sections, passages."""
        return self.records.document_summaries()

    def tasks(self, doc_id: str | None = None, leader: str | None = None,
              unit: str | None = None, q: str | None = None) -> list[Task]:
        """Structured task records filtered by document, leader, unit and a text query."""
        result = self.records.tasks
        if doc_id:
            result = [t for t in result if t.doc_id == doc_id]
        if leader:
            name = compact(leader)
            result = [t for t in result if name in t.leaders]
        if unit:
            u = expand_aliases(compact(unit))
            result = [t for t in result if any(u in x for x in t.lead_units + t.co_units)]
        if q:
            needle = expand_aliases(compact(q))
            result = [t for t in result if needle in compact(t.title + t.measures)]
        return list(result)

    # ---- input checks ------------------------------------------------------------------
    def _check_question(self, question: Any) -> str:
        if not isinstance(question, str):
            raise InvalidQuestionError("question must be a string")
        question = question.strip()
        if not question:
            raise InvalidQuestionError("question is empty; ask something like “谁负责粮食产量？”")
        if len(question) > self.settings.max_question_chars:
            raise InvalidQuestionError(f"question has {len(question)} characters; the limit is "
                                       f"{self.settings.max_question_chars}")
        return question

    def _check_history(self, history: Any) -> list[dict[str, str]]:
        if history is None:
            return []
        if not isinstance(history, list):
            raise InvalidQuestionError("history must be a list of {role, content} turns")
        if len(history) > self.settings.max_history_turns:
            raise InvalidQuestionError(f"history has {len(history)} turns; the limit is "
                                       f"{self.settings.max_history_turns}")
        turns = []
        for i, turn in enumerate(history):
            if isinstance(turn, Turn):
                turn = {"role": turn.role, "content": turn.content}
            if not isinstance(turn, dict) or not isinstance(turn.get("content"), str) \
                    or turn.get("role") not in ("user", "assistant"):
                raise InvalidQuestionError(f"history[{i}] must be {{\"role\": \"user\"|\"assistant\", "
                                           "\"content\": \"...\"}}")
            turns.append({"role": turn["role"], "content": turn["content"][: self.settings.max_question_chars * 20]})
        return turns

    # ---- answering ---------------------------------------------------------------------
    def _answer(self, q: Query) -> Answer:
        if q.refuse:
            return self._refuse(q, q.refuse)
        handler = {"reverse": self._reverse, "count": self._count, "task_lookup": self._task_lookup}.get(
            q.intent, self._search_answer)
        answer = handler(q)
        return Answer(answer.answer, answer.answerable, answer.citations, answer.records, 0.0,
                      q.question, q.intent)

    def _refuse(self, q: Query, why: str) -> Answer:
        reasons = {
            "other_place": "所收录的文件只涉及广东省和广州市，没有其他地区的工作分工。",
            "no_document_for_year": "所收录的文件中没有该年份（或该层级）的政府工作报告任务分工。",
            "unknown_document": "所收录的文件中没有这个文号的文件。",
            "no_such_task": f"该文件中没有第{q.task_no}项任务。",
            "off_topic": "这个问题与所收录的政策文件无关。",
            "other_period": "所收录的规划只有广东省“十四五”规划纲要。",
            "unknown_person": "所收录的任务分工中没有这位领导或这个单位。",
            "not_found": "在所收录的文件中没有找到能回答这个问题的内容。",
            "no_match": "在所收录的任务分工中没有找到符合条件的任务。",
        }
        covered = "；".join(f"{d.doc_id}" for d in self.records.documents.values())
        text = f"抱歉，无法回答：{reasons.get(why, reasons['not_found'])}本助手收录的文件：{covered}。"
        return Answer(text, False, (), (), 0.0, q.question, q.intent)

    def _scope_tasks(self, q: Query) -> list[Task]:
        docs = q.docs or tuple(self.parser.task_docs.values())
        return [t for d in docs for t in self.records.tasks_by_doc.get(d, [])]

    def _matching_tasks(self, q: Query) -> list[Task]:
        tasks = self._scope_tasks(q)
        if q.person:
            tasks = [t for t in tasks if q.person in t.leaders]
        if q.unit:
            unit = q.unit
            if q.aspect == "co":
                tasks = [t for t in tasks if unit in t.co_units]
            elif q.aspect == "lead" or q.person:
                tasks = [t for t in tasks if unit in t.lead_units]
            else:
                tasks = [t for t in tasks if unit in t.lead_units or unit in t.co_units]
        return tasks

    def _by_doc_newest_first(self, tasks: list[Task]) -> dict[str, list[Task]]:
        groups: dict[str, list[Task]] = {}
        for t in tasks:
            groups.setdefault(t.doc_id, []).append(t)
        return dict(sorted(groups.items(), key=lambda kv: -self.records.documents[kv[0]].year))

    def _role(self, q: Query) -> str:
        unit_role = {"lead": "牵头", "co": "配合"}.get(q.aspect, "牵头或配合")
        if q.person and q.unit:
            return f"分管、由{q.unit}{'配合' if q.aspect == 'co' else '牵头'}"
        return "分管" if q.person else unit_role

    def _reverse(self, q: Query) -> Answer:
        tasks = self._matching_tasks(q)
        if not tasks:
            return self._refuse(q, "no_match")
        who = q.person or q.unit or ""
        blocks, citations = [], []
        for doc_id, group in self._by_doc_newest_first(tasks).items():
            main = [t for t in group if t.kind == "task"]
            annex = [t for t in group if t.kind != "task"]
            if main:
                blocks.append(compose.listing(self.records, main, who, self._role(q)))
            if annex:
                blocks.append(compose.listing(self.records, annex, who, self._role(q), "民生实事"))
            citations += [compose.task_citation(self.records, t, 1.0) for t in main + annex]
        if len(blocks) > 1:
            blocks.insert(0, f"{who}{self._role(q)}的任务合计{len(tasks)}项，按文件列出（新文件在前）：")
        return Answer("\n\n".join(blocks), True, tuple(citations), tuple(t.to_dict() for t in tasks))

    def _count(self, q: Query) -> Answer:
        if q.person or q.unit:
            return self._reverse(q)
        docs = q.docs or tuple(self.parser.task_docs.values())
        lines, citations = [], []
        for doc_id in docs:
            tasks = self.records.tasks_by_doc.get(doc_id, [])
            if not tasks:
                continue
            main = [t for t in tasks if t.kind == "task"]
            annex = [t for t in tasks if t.kind == "annex"]
            line = f"{compose.doc_label(self.records, doc_id)}共有{len(main)}项任务"
            if annex:
                line += f"，另附民生实事{len(annex)}项"
            lines.append(line + "。")
            citations.append(compose.task_citation(self.records, main[-1], 1.0))
        if not lines:
            return self._search_answer(q)
        return Answer("\n".join(lines), True, tuple(citations), ())

    def _task_lookup(self, q: Query) -> Answer:
        docs = q.docs or tuple(self.parser.task_docs.values())
        found = [self.records.task_by_key[(d, q.task_no)] for d in docs
                 if (d, q.task_no) in self.records.task_by_key]
        if not found:
            if any(self.records.documents[d].layout.startswith("task_") for d in docs if d in self.records.documents):
                return self._refuse(q, "no_such_task")
            return self._search_answer(q)
        found.sort(key=lambda t: -self.records.documents[t.doc_id].year)
        return self._task_answer(found, q)

    def _task_answer(self, tasks: list[Task], q: Query, scores: list[float] | None = None) -> Answer:
        scores = scores or [1.0] * len(tasks)
        text = "\n\n".join(compose.task_block(self.records, t, q.aspect) for t in tasks)
        cites = tuple(compose.task_citation(self.records, t, s) for t, s in zip(tasks, scores))
        return Answer(text, True, cites, tuple(t.to_dict() for t in tasks))

    def _evidence_ok(self, hit: Hit) -> bool:
        return hit.weighted >= MIN_WEIGHTED_COVERAGE or (
            hit.coverage >= MIN_COVERAGE and hit.dense >= MIN_DENSE)

    def _section_answer(self, q: Query) -> Answer | None:
        """A named part (专栏3, 第十七条): search inside it, or quote its start if nothing more is asked."""
        in_part = self.searcher.in_section(q.section_label)
        if q.docs:
            in_part &= np.isin([p.doc_id for p in self.records.passages], list(q.docs))
        indices = [int(i) for i in np.flatnonzero(in_part)]
        if not indices:
            return None
        if q.topic:
            hits = self.searcher.search(q.topic, q.docs, k=self.settings.top_k, section_label=q.section_label)
            if hits and self._evidence_ok(hits[0]):
                hits = self._on_focus(q, hits)
                if not hits:
                    return self._refuse(q, "not_found")
                # Quote the part in document order (it usually says what it is first and lists
                # the rest after), making sure the best-matching window is among the quoted.
                best = self.records.passage_index[hits[0].passage.passage_id]
                shown = indices[:SECTION_WINDOWS] if best in indices[:SECTION_WINDOWS] \
                    else indices[:SECTION_WINDOWS - 1] + [best]
                return self._quote([self.searcher.hit(i) for i in shown])
        docs = {self.records.passages[i].doc_id for i in indices}
        if len(docs) > 1 and not q.topic:
            return None  # 第一节 of which document? let the search decide
        return self._quote([self.searcher.hit(i) for i in indices[:SECTION_WINDOWS]])

    def _search_answer(self, q: Query) -> Answer:
        if q.section_label and q.intent in ("passage", "figure"):
            answer = self._section_answer(q)
            if answer is not None:
                return answer
        text = q.topic or q.question
        k = self.settings.top_k * 2
        # who-questions: tasks that name who is responsible come first
        prefer = self._attributed_task if q.intent == "responsibility" else None
        hits = self.searcher.search(text, q.docs, k=k, prefer=prefer)
        if (not hits or not self._evidence_ok(hits[0])) and q.soft_scope:
            return self._search_answer(q.with_(docs=(), soft_scope=False))
        if not hits or not self._evidence_ok(hits[0]):
            return self._refuse(q, "not_found")
        if q.intent in ("figure", "passage"):  # a "how much" question, whatever it is about
            hits = self._on_focus(q, hits)
            if not hits:
                return self._refuse(q, "not_found")
        if q.intent == "figure":
            hits = _prefer_figures(hits)
        top = hits[0]
        if top.passage.task_no is not None:
            tasks = self._related_tasks(q, hits)
            return self._task_answer(tasks, q, [h.score for h in hits[:len(tasks)]])
        return self._passage_answer(hits)

    def _attributed_task(self, p) -> bool:
        task = self.records.task_by_key.get((p.doc_id, p.task_no)) if p.task_no else None
        return task is not None and bool(task.leaders or task.lead_units)

    def _on_focus(self, q: Query, hits: list[Hit]) -> list[Hit]:
        """Keep the hits (best first, top 3 looked at) that speak of what the question asks about."""
        nouns, years = self.focus.focus(q.question)
        scoped_years = {str(self.records.documents[d].year) for d in q.docs}
        years = [y for y in years if y not in scoped_years]
        index = self.records.passage_index
        good = [h for h in hits[:3] if self.focus.covered(
            nouns, years, h.passage.text, lambda w, i=index[h.passage.passage_id]: self.searcher.has(w, i),
            self.searcher.idf)]
        return good + [h for h in hits if h not in good] if good else []

    def _related_tasks(self, q: Query, hits: list[Hit]) -> list[Task]:
        """The best task, plus the same topic in other task documents (newest first)."""
        top = hits[0]
        best = self.records.task_by_key[(top.passage.doc_id, top.passage.task_no)]
        chosen = [best]
        if len(q.docs) == 1 or q.intent not in ("responsibility", "figure", "passage"):
            return chosen
        seen_docs = {best.doc_id}
        for h in hits[1:]:
            p = h.passage
            if p.task_no is None or p.doc_id in seen_docs:
                continue
            if h.coverage >= max(top.coverage, 0.99) and h.score >= 0.5 * top.score:
                chosen.append(self.records.task_by_key[(p.doc_id, p.task_no)])
                seen_docs.add(p.doc_id)
        chosen.sort(key=lambda t: -self.records.documents[t.doc_id].year)
        return chosen

    def _passage_answer(self, hits: list[Hit]) -> Answer:
        top = hits[0]
        chosen = [top]
        for h in hits[1:3]:
            if h.passage.doc_id == top.passage.doc_id and h.passage.task_no is None \
                    and h.score >= 0.85 * top.score and h.coverage >= top.coverage - 0.2:
                chosen.append(h)
        return self._quote(chosen)

    def _quote(self, chosen: list[Hit]) -> Answer:
        """Quote passages verbatim, each under its document and heading path."""
        parts, cites = [], []
        for h in chosen:
            body = h.passage.text.split("\n", 1)[-1]
            where = h.passage.section or h.passage.kind
            parts.append(f"【{h.passage.doc_id} {where}】\n{body}")
            cites.append(compose.passage_citation(self.records, h.passage, h.score, body))
        return Answer("\n\n".join(parts), True, tuple(cites), ())


def _prefer_figures(hits: list[Hit]) -> list[Hit]:
    """For "how much" questions, a passage that states a number beats one that does not."""
    top = hits[0]
    if re.search(r"\d", top.passage.text.split("\n", 1)[-1]):
        return hits
    for i, h in enumerate(hits[1:5], 1):
        if re.search(r"\d", h.passage.text.split("\n", 1)[-1]) and h.coverage >= top.coverage:
            return [h] + hits[:i] + hits[i + 1:]
    return hits


def _to_simplified(text: str) -> str:
    """Traditional characters -> simplified (cheap dictionary mapping)."""
    import zhconv

    return zhconv.convert(text, "zh-cn")
