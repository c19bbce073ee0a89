"""Assistant: the one entry point the edges (API, UI, CLI, eval) call.

    ask = validate -> drop courtesy, cut into asks -> per ask: resolve the conversation
          (understand + earlier turns + scope) -> HANDLERS[intent] -> answer -> merge
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import replace
from typing import Any

from assistant.config import Settings
from assistant.errors import InvalidQuestionError
from assistant.lru import LRU
from assistant.records import Answer, Citation, Turn
from assistant.retrieve import compose
from assistant.retrieve.context import FORWARD_ASKED, Context
from assistant.retrieve.expansion import Expander
from assistant.retrieve.conversation import resolve
from assistant.retrieve.focus import FocusChecker
from assistant.retrieve.intents import HANDLERS
from assistant.retrieve.lexicon import Lexicon
from assistant.retrieve.message import asks, bracketed_doc_numbers, full_years
from assistant.retrieve.message import without_courtesy as message_of
from assistant.retrieve.query import Intent, Query
from assistant.retrieve.search import HybridSearcher
from assistant.retrieve.understand import QueryParser
from assistant.store.store import Store

_HAS_WORD = re.compile(r"[\w\u3400-\u9fff]")
# Earlier answers kept per process, by Query, so a follow-up never answers its turn twice.
OUTCOME_CACHE_SIZE = 1024
# What a follow-up reads of an earlier answer (conversation.py): its task records' ids and
# people, and which documents it cites. The cache keeps only that (`outcome`): whole answers
# listing every task of a leader held ~60 MB of a worker at 100 times the corpus.
OUTCOME_FIELDS = ("doc_id", "task_no", "leaders", "lead_units")


class Assistant:
    """Loads the built index once; `ask` answers one question (plus history) with citations."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.records = store.records
        self.lexicon = Lexicon(store.records, store.bm25.tokenizer.lexicon)
        self.searcher = HybridSearcher(store, settings.query_cache_size, self.lexicon.periods,
                                       settings.skip_dense_when_decisive)
        self.parser = QueryParser(self.lexicon, store.bm25.tokenizer.words, attested=self.searcher.attested,
                                  passages_printing=lambda word: self.searcher.word_stats(word)[0])
        expander = Expander(store.synonyms or {}, self.lexicon.data.colloquial, self.searcher.attested)
        self.context = Context(settings, store.records, self.lexicon, self.searcher,
                               FocusChecker(self.lexicon.data.stop("f") | self.lexicon.data.stop("t"),
                                            self.lexicon.data.units, self.searcher.attested,
                                            frozenset(self.lexicon.people),
                                            self.lexicon.data.verbal_nouns), expander)
        self._outcomes: LRU[Query, Answer] = LRU(OUTCOME_CACHE_SIZE)
        self._courtesy = [re.compile(p) for p in self.lexicon.data.courtesy]
        # "24年" -> 2024年, "27年目标" -> 2027年: the years from the first document to a plan's horizon
        # "穗府办规22年3号": the prefixes of the documents' numbers and of those they quote
        self._doc_prefixes = sorted({n.split("〔")[0] for n in [*self.records.documents, *self.records.quoted]
                                     if "〔" in n})
        issued = [d.year for d in self.records.documents.values()]
        horizon = max([*issued, *(end for _, end in self.lexicon.plan_years.values())])
        self._years = list(range(min(issued), horizon + 1))

    @classmethod
    def load(cls, settings: Settings) -> Assistant:
        """Open the index under settings.index_dir; IndexNotReadyError if there is none."""
        return cls(settings, Store.open(settings))

    def warm_up(self) -> None:
        """Do now the one-time work the first questions would otherwise pay for (the heading
        index, the embedding engine's first call). The server calls it before it reports
        ready; nothing about any question is kept."""
        self.searcher.warm_up()
        self.store.embedder.embed_query("预热")

    # ---- public API --------------------------------------------------------------------
    def ask(self, question: str, history: list[Turn] | list[dict[str, Any]] | None = None,
            scope: str | None = None) -> Answer:
        """Answer `question`; `history` is earlier turns (oldest first); `scope` a doc_id or None."""
        t0 = time.perf_counter()
        with self.searcher.question():
            answer = self._ask(question, history, scope)
        return replace(answer, latency_ms=(time.perf_counter() - t0) * 1000)

    def _ask(self, question: str, history: list[Turn] | list[dict[str, Any]] | None,
             scope: str | None) -> Answer:
        question = self._check_question(question)
        turns = self._check_history(history)
        if scope is not None and scope not in ("", "all") and scope not in self.records.documents:
            raise InvalidQuestionError(f"unknown scope {scope!r}; use one of: {', '.join(self.records.documents)}")
        scope = scope if scope and scope != "all" else None
        message = bracketed_doc_numbers(full_years(message_of(_to_simplified(question), self._courtesy), self._years),
                                        self._doc_prefixes)
        if not _HAS_WORD.search(message):
            text = "请输入一个关于政策文件的问题，例如：“谁负责粮食产量？”"
            answer = Answer(text, False, resolved_question=question, intent=str(Intent.EMPTY), answer_markdown=text)
        else:
            parts = asks(message, self._has_subject)
            if FORWARD_ASKED.search(message):  # "转发的是哪个文号，哪天印发的": one answer holds both
                parts = [message]
            answers = []
            first: Query | None = None
            for part in parts:  # each ask in the frame of the ones before it
                query = resolve(self.parser, part, turns, self._outcome_of, scope)
                if first is not None and not (query.docs or query.year or query.level or query.refuse):
                    # "建碧道是哪个局牵头，新改建公厕呢？": the message's year and level hold for all
                    query = query.with_(docs=first.docs, year=first.year, level=first.level)
                first = first or query
                answers.append(self._answer(query))
                self._outcomes.put(query, outcome(answers[-1]))  # what a follow-up to this turn will need
                turns = [*turns, {"role": "user", "content": part}, {"role": "assistant", "content": ""}]
            answer = answers[0] if len(answers) == 1 else compose.merge(self.records, answers)
        return answer

    def _has_subject(self, piece: str) -> bool:
        """Whether an ask of a message names a subject of its own: not when its only topic words
        frame a value ("有没有防寒补贴？标准多少？": the 标准 of the 防寒补贴, one ask)."""
        q = self.parser.parse(piece)
        frames = self.lexicon.data.stop("f")
        return q.subject and bool(q.person or q.unit or q.task_no or any(
            len(w) > 1 and w not in frames for w in q.topic.split()))

    def documents(self) -> list[dict[str, Any]]:
        """Per document: doc_id, title, level, year, layout, tasks, uncertain_tasks, sections, passages."""
        return self.records.document_summaries()

    # ---- input checks ------------------------------------------------------------------
    def _check_question(self, question: Any) -> str:
        if not isinstance(question, str):
            raise InvalidQuestionError("question must be a string")
        question = question.strip()
        if not question:
            raise InvalidQuestionError("question is empty; ask something like “谁负责粮食产量？”")
        bad = next((c for c in question if 0xD800 <= ord(c) <= 0xDFFF
                    or (unicodedata.category(c) == "Cc" and c not in "\n\t")), None)
        if bad is not None:
            raise InvalidQuestionError(f"question holds the invalid character U+{ord(bad):04X}; "
                                       "send text without control characters or lone surrogates")
        if len(question) > self.settings.max_question_chars:
            raise InvalidQuestionError(f"question has {len(question)} characters; the limit is "
                                       f"{self.settings.max_question_chars}")
        return question

    def _check_history(self, history: Any) -> list[dict[str, str]]:
        """Earlier turns as {role, content}; a user turn is cut to the question limit, since only
        its subject matters to what follows it."""
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
            limit = self.settings.max_question_chars * (1 if turn["role"] == "user" else 20)
            content = turn["content"][:limit]
            if turn["role"] == "user":  # an earlier ask as it would have been read then
                content = message_of(_to_simplified(content), self._courtesy) or content
            turns.append({"role": turn["role"], "content": content})
        return turns

    # ---- answering ---------------------------------------------------------------------
    def _outcome_of(self, q: Query) -> Answer:
        """The `outcome` of an earlier turn's Query, computed at most once per process (bounded)."""
        return self._outcomes.get_or_compute(q, lambda: outcome(self._answer(q)))

    def _answer(self, q: Query) -> Answer:
        if q.refuse:
            return self.context.refuse(q, q.refuse)
        people = self.context.unit_people(q)  # an exact record lookup, whatever the intent
        if people is not None:
            return replace(people, latency_ms=0.0, resolved_question=q.question, intent=str(q.intent))
        with self.searcher.trial() as attempt:
            answer = HANDLERS[q.intent](q, self.context)
        if not answer.answerable and attempt.provisional:
            # a refusal is never decided on a provisionally skipped embedding (search.PROVISIONAL_LEAD)
            with self.searcher.strict():
                answer = HANDLERS[q.intent](q, self.context)
        return replace(answer, latency_ms=0.0, resolved_question=q.question, intent=str(q.intent))


def outcome(answer: Answer) -> Answer:
    """What a follow-up reads of `answer`: its task records (OUTCOME_FIELDS only) and, per
    document it cites, in order, one citation with that doc_id; no texts."""
    docs = dict.fromkeys(c.doc_id for c in answer.citations)
    return Answer("", answer.answerable, tuple(Citation(d, "", "") for d in docs),
                  tuple({k: r[k] for k in OUTCOME_FIELDS if k in r} for r in answer.records if r.get("task_no")),
                  intent=answer.intent)


def _to_simplified(text: str) -> str:
    """Traditional characters -> simplified (cheap dictionary mapping)."""
    import zhconv

    return zhconv.convert(text, "zh-cn")
