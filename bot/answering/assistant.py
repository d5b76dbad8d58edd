"""The bot: understand the question once, retrieve chunks and sentences, answer, cite.
What the CLI, the web page and the evaluation call."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from itertools import zip_longest

import numpy as np

from bot.answering.composer import FIGURES_FIRST, Catalog, OfflineAnswerer
from bot.answering.coverage import WordCoverage, query_encoder
from bot.answering.elsewhere import Elsewhere
from bot.answering.evidence import Evidence, EvidenceFinder
from bot.answering.pairing import question_inputs
from bot.answering.phrases import TOPIC_WORDS, phrase
from bot.limits import Limits, bound
from bot.model import Answer, Frame, Passage, Reason, Status
from bot.understanding.analysis import Context, Query, without_cities
from bot.understanding.conversation import is_follow_up, resolve
from bot.understanding.intent import IntentModel
from bot.understanding.language import language_of
from bot.understanding.places import implied_city
from bot.understanding.spelling import Speller
from bot.understanding.training.fit_intents import training_vocabulary
from knowledge.base import KnowledgeBase
from knowledge.occupations import glossary_words, mentions, same
from knowledge.retriever import Retriever

log = logging.getLogger(__name__)
SENTENCE_CANDIDATES = 80


class Assistant:
    """Answers questions from one knowledge base, offline or (when configured) with an LLM."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        retriever: Retriever,
        intents: IntentModel,
        answerer: OfflineAnswerer,
        ranker=None,
        llm_answerer=None,
        topics=None,
        pairing=None,
        exemplars=None,
        top_k: int = 5,
        max_question_chars: int = 2000,
        limits: Limits | None = None,
    ):
        self.knowledge = knowledge
        self.retriever = retriever
        self.intents = intents
        self.topics = topics  # sentence-topic model (bot/answering/topics.py), if fitted
        self.pairing = pairing  # question-sentence relevance (bot/answering/pairing.py)
        # Answers to labelled questions (exemplars.py); read: those of texts not in this store.
        self.all_exemplars = self.exemplars = exemplars
        self.answerer = answerer
        self.finder = EvidenceFinder(retriever.terms, retriever.idf, ranker, self._document_text)
        self.llm_answerer = llm_answerer
        self.top_k = top_k
        self.max_question_chars = max_question_chars
        self.limits = limits or Limits(question_chars=max_question_chars)
        self._seen: str | None = "unset"
        self._facts: list = []
        self.elsewhere = Elsewhere(retriever, self._document_text)
        self.coverage = WordCoverage(query_encoder(knowledge.embedder), retriever.terms)
        self.speller: Speller | None = None
        self.catalog = Catalog()
        try:  # the covered cities, so that even a first, empty question can name them
            self.refresh()
        except Exception as exc:  # store down: the first question retries and reports it
            log.warning("knowledge base not loaded at start: %s", exc)

    def refresh(self) -> bool:
        """Pick up a finished ingest (from any process); True if something changed."""
        changed = self.retriever.refresh()
        if changed or self._seen != self.knowledge.generation:
            self._facts = self.knowledge.salary_facts()
            # Professions: the documents', and those a text gives its own figures for.
            named = {f.profession for f in self._facts if f.profession}
            documented = self.knowledge.professions()  # the most covered first
            professions = documented + sorted(named - set(documented))
            self.catalog = Catalog(
                tuple(self.knowledge.cities()),
                tuple(professions),
                documented[0] if documented else None,
                tuple(documented),
            )
            if self.all_exemplars is not None:
                self.exemplars = self.all_exemplars.without(self.catalog.cities)
            self.elsewhere.reset()
            known = self.retriever.vocabulary() | training_vocabulary() | glossary_words()
            self.speller = Speller(known)
            self._seen = self.knowledge.generation
        return changed

    def _document_text(self, source: str) -> str | None:
        """A stored document's text (None if it is gone)."""
        document = self.knowledge.document(source)
        return document["text"] if document else None

    def context(self) -> Context:
        """What question analysis reads from the store and the models."""
        embed = self.knowledge.embedder.embed_query
        return Context(
            self.catalog.cities, self.catalog.professions, embed, self.intents, self.speller
        )

    def prepare(self, question: str, history: Iterable | None) -> tuple[Query, list[Passage]]:
        """The resolved query and its retrieved passages."""
        self.refresh()
        query = resolve(question, history, self.context())
        if self.llm_answerer is not None and history and is_follow_up(question):
            query = replace(query, resolved=self.llm_answerer.rewrite(query, history))
        if not (query.cities or query.other_cities) and query.intent not in FIGURES_FIRST:
            city = implied_city(query.text, self.retriever.cities_using)
            query = replace(query, cities=(city,)) if city else query
        profession = self._filter_profession(query)
        topic = self._topic_words(query)
        text = f"{query.search_text} {topic}".strip()
        vector = self._search_vector(query) if topic else list(query.vector)
        # Each city of a comparison gets its own best passages: one text may simply match the
        # wording better and crowd the other out.
        scopes = [[c] for c in query.cities] if len(query.cities) > 1 else [list(query.cities)]
        groups = [
            self.retriever.search(text, scope or None, self.top_k, vector, profession)
            for scope in scopes
        ]
        hits = [h for rank in zip_longest(*groups) for h in rank if h is not None]
        return query, [Passage.of_hit(h) for h in hits]

    @staticmethod
    def _asked(query: Query) -> str:
        """The asked words without city names: every search is filtered by city anyway."""
        return without_cities(query.search_text, query.cities) or query.search_text

    @staticmethod
    def _topic_words(query: Query) -> str:
        return TOPIC_WORDS.get(query.topic, "") if query.domain else ""

    def _search_vector(self, query: Query) -> list[float]:
        """What the passage and sentence searches both read: the asked words and the topic's
        words. One encoding per question; the embedder's query cache serves the second."""
        text = f"{self._asked(query)} {self._topic_words(query)}".strip()
        return self.knowledge.embedder.embed_query(text)

    def _filter_profession(self, query: Query) -> str | None:
        """The profession to restrict passages to: only when documents differ in it."""
        docs = self.catalog.documented
        return query.profession if len(docs) > 1 and query.profession in docs else None

    def evidence(self, query: Query, passages: list[Passage]) -> Evidence:
        """Scored sentences for the query from its passages' neighbourhood; a question on
        several cities gets each city's evidence as if asked of that city alone."""
        if len(query.cities) < 2:
            return self._evidence(query, passages, query)
        # Each city's sentences are ranked against that city's own: one text may match the
        # wording better and crowd the other out.
        parts = tuple(
            (city, self._evidence(one, [p for p in passages if p.city == city], query))
            for city in query.cities
            for one in [replace(query, cities=(city,))]
        )
        return Evidence.joined(parts)

    def _evidence(self, query: Query, passages: list[Passage], whole: Query) -> Evidence:
        """One city's (or no city's) evidence; whole: the question as asked, whose words
        (every named city left out) are searched and matched."""
        profession = self._filter_profession(query)
        asked = self._asked(whole)
        cities = list(query.cities) or None
        hits = self.retriever.sentences(
            self._search_vector(whole), cities, SENTENCE_CANDIDATES, profession
        )
        # Words match the asked words only: the topic's words are in half of every text.
        # Words match without the profession's name: every text names it.
        words = _without(asked, query.profession or self.catalog.main)
        asked_vector = list(query.vector) or None
        like = self.exemplars.answer_like(asked_vector) if self.exemplars else None
        found = self.finder.find(
            words, query.cities, hits, passages, self._topic(query), asked_vector, like
        )
        vector = self.knowledge.embedder.embed_query(asked)
        elsewhere = self.elsewhere.measure(vector, whole.cities, query.cities, profession)
        # Word vectors cost a model call: measured only if answerability reads them.
        later = partial(
            self.coverage.features, words, whole.language, query.cities, found.candidates
        )
        best = found.candidates[0].vector if found.candidates else None
        pair = self.pairing.score(question_inputs(query, best)) if self.pairing else 0.0
        measured = {**found.features, "elsewhere": elsewhere, "pair_relevance": pair}
        if self.exemplars:
            vectors = [c.vector for c in found.candidates]
            measured.update(self.exemplars.features(query.vector or None, vectors))
        return replace(found, features=measured, later=later)

    def _topic(self, query: Query):
        """Sentence vector -> the probability that it speaks of the question's intent, read by
        the intent model and by the sentence-topic model; None for off-topic questions."""
        if not query.domain:
            return None
        intent = str(query.intent)
        asked = self.intents.intent
        # The sentence model where it knows the topic; the question model's reading else
        # (comparisons of pay, overviews, an embedding model with no sentence model fitted).
        own = self.topics if self.topics is not None and intent in self.topics.classes else None

        def read(v) -> tuple[float, float]:
            v = np.asarray(v, dtype=np.float64)
            p = asked.probabilities(v)[intent]
            return p, own.probabilities(v)[intent] if own else p

        return read

    def _checked(self, question) -> Answer | None:
        """An error reply for input that cannot be a question, else None."""
        text = question if isinstance(question, str) else ""
        lang = language_of(text[:500])
        if len(text) > self.max_question_chars:
            length = f"{len(text):,}".replace(",", ".")
            msg = phrase(lang, "too_long", length=length, limit=self.max_question_chars)
            return Answer(text[:200], msg, Status.NO_ANSWER, lang, reason=Reason.TOO_LONG)
        self.refresh()
        if not self.catalog.cities and self.retriever.size == 0:
            msg = phrase(lang, "empty_store")
            return Answer(text, msg, Status.NO_ANSWER, lang, reason=Reason.EMPTY_STORE)
        if not text.strip() or not any(ch.isalnum() for ch in text):
            msg = f"{phrase(lang, 'empty')} {self.catalog.covers(lang)}"
            return Answer(text, msg, Status.NO_ANSWER, lang, reason=Reason.EMPTY)
        return None

    def stream(self, question: str, history: Iterable | None = None) -> Iterator[Frame]:
        """Frames of the growing reply; the last one carries the final Answer."""
        bounded = bound(question, history, self.limits)  # before any analysis (issue #13)
        if bounded.refusal is not None:
            yield Frame.final(bounded.refusal)
            return
        question, history = bounded.question, bounded.history
        t0 = time.perf_counter()
        if isinstance(question, str):  # lone surrogates (bad argv bytes, JSON "\ud800") break
            question = question.encode("utf-8", "replace").decode("utf-8")  # tokenizer, print
        try:
            early = self._checked(question)
            if early is not None:
                early.seconds = time.perf_counter() - t0
                yield Frame.final(early)
                return
            query, passages = self.prepare(question, history)
            evidence = self.evidence(query, passages)
            answer = self.answerer.answer(query, passages, evidence, self._facts, self.catalog)
            if self.llm_answerer is not None and answer.status == Status.ANSWERED:
                for partial in self.llm_answerer.stream(query, passages, answer):
                    yield Frame(partial.answer, partial.language)
                answer = partial
            else:
                yield from _progressive(answer)
            answer.passages = passages
            answer.resolved = query.resolved
            answer.seconds = time.perf_counter() - t0
            yield Frame.final(answer)
        except Exception as exc:  # the store or server failed: a clear reply, not a trace
            log.exception("answering failed")
            lang = language_of(question if isinstance(question, str) else "")
            msg = phrase(lang, "unavailable", error=type(exc).__name__)
            yield Frame.final(Answer(question, msg, Status.NO_ANSWER, lang, reason=f"error: {exc}"))

    def ask(self, question: str, history: Iterable | None = None) -> Answer:
        """The final answer to a question in the context of earlier turns."""
        *_, last = self.stream(question, history)
        return last.answer


def _without(text: str, profession: str | None) -> str:
    """Text with the profession's name left out ("What skills do I need in medical
    informatics?"), or as it is if nothing else is left."""
    spans = [m for m in mentions(text) if profession and same(m.name, profession)]
    rest = text
    for m in reversed(spans):
        rest = rest[: m.start] + rest[m.end :]
    return rest if rest.strip() else text


def _progressive(answer: Answer) -> Iterator[Frame]:
    """Partial texts for progressive display in the UI."""
    words = answer.answer.split(" ")
    step = max(4, len(words) // 8)
    for i in range(step, len(words), step):
        yield Frame(" ".join(words[:i]), answer.language)
