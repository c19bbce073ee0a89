"""What every intent handler works with: the records, the lexicon, the searcher, and the
shared steps of answering (refuse, task blocks, search with evidence and focus checks).

An intent module says *how* it retrieves as a `SearchPlan` row; `Context.search_answer`
carries it out. Thresholds are named constants with the reason for their value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.config import Settings
from assistant.records import Answer, Passage, Task
from assistant.retrieve import compose
from assistant.retrieve.focus import FocusChecker
from assistant.retrieve.lexicon import Lexicon
from assistant.retrieve.query import Aspect, Intent, Query
from assistant.retrieve.refusals import Refusal
from assistant.retrieve.search import Hit, HybridSearcher
from assistant.store.records_db import RecordsDB

# Evidence thresholds, calibrated on eval/questions.jsonl (tuned on that set; the held-out
# sets are the honest check): the best passage must hold most of the question's rare words,
# or many words and be close in meaning.
MIN_WEIGHTED_COVERAGE = 0.6  # IDF-weighted share of the question's words in the passage
MIN_COVERAGE = 0.5  # plain share, accepted together with ...
MIN_DENSE = 0.86  # ... an e5 cosine this high (e5 cosines of unrelated Chinese text sit near 0.8)
# A second task document joins the answer ("粮食产量" in 2022 and 2023) when it covers the
# question at least as fully as the best and scores at least this share of it (tuned).
SAME_TOPIC_SCORE_SHARE = 0.5
# A neighbouring passage of the same document is quoted too when this close to the best (tuned).
NEIGHBOUR_SCORE_SHARE = 0.85
NEIGHBOUR_COVERAGE_SLACK = 0.2
FOCUS_LOOKS_AT = 3  # hits inspected by the focus check (the rest follow in order)
FIGURE_LOOKS_AT = 5  # hits inspected for one that states a number


@dataclass(frozen=True)
class SearchPlan:
    """How an intent retrieves when the records alone cannot answer."""

    prefer_attributed: bool = False  # tasks naming a leader or unit rank higher (who-questions)
    focus_check: bool = False  # the passage must speak of what a "how much" question asks about
    prefer_figures: bool = False  # a passage that states a number beats one that does not
    other_documents: bool = False  # add the same topic from other task documents, newest first
    named_part: bool = False  # answer from inside a named part (专栏3) when the question names one


PLAIN = SearchPlan()


class Context:
    def __init__(self, settings: Settings, records: RecordsDB, lexicon: Lexicon,
                 searcher: HybridSearcher, focus: FocusChecker) -> None:
        self.settings = settings
        self.records = records
        self.lexicon = lexicon
        self.searcher = searcher
        self.focus = focus

    # ---- refusals ----------------------------------------------------------------------
    def refuse(self, q: Query, why: Refusal) -> Answer:
        reason = why.text(places=self.lexicon.places_text(), plans=self.lexicon.plans_text(),
                          task_no=q.task_no or "")
        covered = "；".join(self.records.documents)
        text = f"抱歉，无法回答：{reason}本助手收录的文件：{covered}。"
        return Answer(text, False, (), (), 0.0, q.question, str(q.intent))

    # ---- task records ------------------------------------------------------------------
    def scope_tasks(self, q: Query) -> list[Task]:
        docs = q.docs or tuple(self.lexicon.task_docs)
        return [t for d in docs for t in self.records.tasks_by_doc.get(d, [])]

    def matching_tasks(self, q: Query) -> list[Task]:
        """Tasks in scope of the question's person and unit (the unit in the role asked)."""
        tasks = self.scope_tasks(q)
        if q.person:
            tasks = [t for t in tasks if q.person in t.leaders]
        if q.unit:
            unit = q.unit
            if q.aspect is Aspect.CO:
                tasks = [t for t in tasks if unit in t.co_units]
            elif q.aspect is Aspect.LEAD or q.person:
                tasks = [t for t in tasks if unit in t.lead_units]
            else:
                tasks = [t for t in tasks if unit in t.lead_units or unit in t.co_units]
        return tasks

    def by_doc_newest_first(self, tasks: list[Task]) -> dict[str, list[Task]]:
        groups: dict[str, list[Task]] = {}
        for t in tasks:
            groups.setdefault(t.doc_id, []).append(t)
        return dict(sorted(groups.items(), key=lambda kv: -self.records.documents[kv[0]].year))

    def task_answer(self, tasks: list[Task], q: Query, scores: list[float] | None = None) -> Answer:
        scores = scores or [1.0] * len(tasks)
        text = "\n\n".join(compose.task_block(self.records, t, q.aspect) for t in tasks)
        cites = tuple(compose.task_citation(self.records, t, s) for t, s in zip(tasks, scores))
        return Answer(text, True, cites, tuple(t.to_dict() for t in tasks))

    # ---- search ------------------------------------------------------------------------
    def evidence_ok(self, hit: Hit) -> bool:
        return hit.weighted >= MIN_WEIGHTED_COVERAGE or (
            hit.coverage >= MIN_COVERAGE and hit.dense >= MIN_DENSE)

    def search_answer(self, q: Query, plan: SearchPlan = PLAIN) -> Answer:
        """Hybrid search for the question's topic, checked for evidence (and focus), then
        worded as task blocks or quoted passages."""
        if plan.named_part and q.section_label:
            from assistant.retrieve.intents import section  # the part's own answer

            answer = section.answer_in_part(q, self, plan)
            if answer is not None:
                return answer
        text = q.topic or q.question
        prefer = self.attributed_task if plan.prefer_attributed else None
        hits = self.searcher.search(text, q.docs, k=self.settings.top_k * 2, prefer=prefer)
        if (not hits or not self.evidence_ok(hits[0])) and q.soft_scope:
            return self.search_answer(q.with_(docs=(), soft_scope=False), plan)
        if not hits or not self.evidence_ok(hits[0]):
            return self.refuse(q, Refusal.NOT_FOUND)
        if plan.focus_check:
            hits = self.on_focus(q, hits)
            if not hits:
                return self.refuse(q, Refusal.NOT_FOUND)
        if plan.prefer_figures:
            hits = prefer_figures(hits)
        top = hits[0]
        if top.passage.task_no is not None:
            tasks = self.related_tasks(q, hits, plan)
            return self.task_answer(tasks, q, [h.score for h in hits[:len(tasks)]])
        return self.passage_answer(hits)

    def attributed_task(self, p: Passage) -> bool:
        task = self.records.task_by_key.get((p.doc_id, p.task_no)) if p.task_no else None
        return task is not None and bool(task.leaders or task.lead_units)

    def on_focus(self, q: Query, hits: list[Hit]) -> list[Hit]:
        """Keep the hits (best first) that speak of what the question asks about."""
        nouns, years = self.focus.focus(q.question)
        scoped_years = {str(self.records.documents[d].year) for d in q.docs}
        years = [y for y in years if y not in scoped_years]
        index = self.records.passage_index
        good = [h for h in hits[:FOCUS_LOOKS_AT] if self.focus.covered(
            nouns, years, h.passage.text, lambda w, i=index[h.passage.passage_id]: self.searcher.has(w, i),
            self.searcher.idf)]
        return good + [h for h in hits if h not in good] if good else []

    def related_tasks(self, q: Query, hits: list[Hit], plan: SearchPlan) -> list[Task]:
        """The best task, plus the same topic in other task documents (newest first)."""
        top = hits[0]
        best = self.records.task_by_key[(top.passage.doc_id, top.passage.task_no)]
        chosen = [best]
        if len(q.docs) == 1 or not plan.other_documents:
            return chosen
        seen_docs = {best.doc_id}
        for h in hits[1:]:
            p = h.passage
            if p.task_no is None or p.doc_id in seen_docs:
                continue
            if h.coverage >= max(top.coverage, 0.99) and h.score >= SAME_TOPIC_SCORE_SHARE * top.score:
                chosen.append(self.records.task_by_key[(p.doc_id, p.task_no)])
                seen_docs.add(p.doc_id)
        chosen.sort(key=lambda t: -self.records.documents[t.doc_id].year)
        return chosen

    def passage_answer(self, hits: list[Hit]) -> Answer:
        top = hits[0]
        chosen = [top]
        for h in hits[1:3]:
            if h.passage.doc_id == top.passage.doc_id and h.passage.task_no is None \
                    and h.score >= NEIGHBOUR_SCORE_SHARE * top.score \
                    and h.coverage >= top.coverage - NEIGHBOUR_COVERAGE_SLACK:
                chosen.append(h)
        return self.quote(chosen)

    def quote(self, chosen: list[Hit]) -> Answer:
        """Quote passages verbatim, each under its document and heading path."""
        parts, cites = [], []
        for h in chosen:
            body = h.passage.text.split("\n", 1)[-1]
            where = h.passage.section or h.passage.kind
            parts.append(f"【{h.passage.doc_id} {where}】\n{body}")
            cites.append(compose.passage_citation(self.records, h.passage, h.score, body))
        return Answer("\n\n".join(parts), True, tuple(cites), ())


_DIGIT = re.compile(r"\d")


def prefer_figures(hits: list[Hit]) -> list[Hit]:
    """For "how much" questions, a passage that states a number beats one that does not."""
    top = hits[0]
    if _DIGIT.search(top.passage.text.split("\n", 1)[-1]):
        return hits
    for i, h in enumerate(hits[1:FIGURE_LOOKS_AT], 1):
        if _DIGIT.search(h.passage.text.split("\n", 1)[-1]) and h.coverage >= top.coverage:
            return [h] + hits[:i] + hits[i + 1:]
    return hits


__all__ = ["Context", "SearchPlan", "PLAIN", "Intent"]
