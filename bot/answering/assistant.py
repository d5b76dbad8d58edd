"""The bot: resolve the question, retrieve passages, answer, cite. What the CLI and UI call."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

from bot.answering.composer import OfflineAnswerer
from bot.answering.phrases import phrase
from bot.limits import bound, limits_of
from bot.model import Answer, Passage
from bot.understanding.analysis import Query, is_follow_up, language_of
from bot.understanding.conversation import resolve
from knowledge.base import KnowledgeBase
from knowledge.retriever import Hit, Retriever

log = logging.getLogger(__name__)


def to_passage(hit: Hit) -> Passage:
    """A retrieval hit as the Passage the answer carries."""
    m = hit.meta
    return Passage(
        id=hit.id,
        text=hit.text,
        source=m.get("source", ""),
        title=m.get("title", ""),
        city=m.get("city", ""),
        heading=m.get("heading", ""),
        paragraph=int(m.get("paragraph", 0)),
        start=int(m.get("start", 0)),
        end=int(m.get("end", 0)),
        score=round(hit.score, 5),
        scores=hit.scores,
        ranks=hit.ranks,
    )


class Assistant:
    """Answers questions from one knowledge base, offline or (when configured) with an LLM."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        retriever: Retriever,
        answerer=None,
        llm_answerer=None,
        top_k: int = 5,
        max_question_chars: int = 2000,
    ):
        self.knowledge = knowledge
        self.retriever = retriever
        self.answerer = answerer or OfflineAnswerer(retriever.terms, retriever.idf)
        self.llm_answerer = llm_answerer
        self.top_k = top_k
        self.max_question_chars = max_question_chars
        self._facts_for: str | None = "unset"
        self._facts: list = []
        self._covered: list[str] = []

    def refresh(self) -> bool:
        """Pick up a finished ingest (from any process); True if something changed."""
        changed = self.retriever.refresh()
        if changed or self._facts_for != self.knowledge.generation:
            self._facts = self.knowledge.salary_facts()
            self._covered = self.knowledge.cities()
            self._facts_for = self.knowledge.generation
        return changed

    def prepare(self, question: str, history: Iterable | None) -> tuple[Query, list[Passage]]:
        """The resolved query and its retrieved passages."""
        self.refresh()
        query = resolve(question, history, self._covered)
        if self.llm_answerer is not None and history and is_follow_up(question):
            query.resolved = self.llm_answerer.rewrite(query, history)
        hits = self.retriever.search(query.search_text, query.cities or None, k=self.top_k)
        return query, [to_passage(h) for h in hits]

    def _checked(self, question) -> Answer | None:
        """An error reply for input that cannot be a question, else None."""
        text = question if isinstance(question, str) else ""
        lang = language_of(text[:500])
        if len(text) > self.max_question_chars:
            msg = phrase(
                lang,
                "too_long",
                length=f"{len(text):,}".replace(",", "."),
                limit=self.max_question_chars,
            )
            return Answer(text[:200], msg, "no_answer", lang, reason="too_long")
        if not text.strip() or not any(ch.isalnum() for ch in text):
            covers = phrase(lang, "covers", cities=", ".join(self._covered) or "-")
            return Answer(
                text, f"{phrase(lang, 'empty')} {covers}", "no_answer", lang, reason="empty"
            )
        return None

    def stream(self, question: str, history: Iterable | None = None) -> Iterator[Answer]:
        """Growing partial answers; the last one is final."""
        bounded = bound(question, history, limits_of(self))  # before any analysis: issue #13
        if bounded.refusal is not None:
            yield bounded.refusal
            return
        question, history = bounded.question, bounded.history
        t0 = time.perf_counter()
        if isinstance(question, str):  # lone surrogates (bad argv bytes, JSON "\ud800") break
            question = question.encode("utf-8", "replace").decode("utf-8")  # tokenizer, print
        try:
            early = self._checked(question)
            if early is not None:
                early.seconds = time.perf_counter() - t0
                yield early
                return
            query, passages = self.prepare(question, history)
            if self.llm_answerer is not None and query.domain and not query.injection:
                final = None
                for final in self.llm_answerer.stream(query, passages, self._facts, self._covered):
                    yield final
                answer = final
            else:
                answer = self.answerer.answer(query, passages, self._facts, self._covered)
                words = answer.answer.split(" ")
                step = max(4, len(words) // 8)
                for i in range(step, len(words), step):  # progressive display in the UI
                    yield Answer(
                        answer.question, " ".join(words[:i]), answer.status, answer.language
                    )
            answer.passages = passages
            answer.resolved = query.resolved
            answer.seconds = time.perf_counter() - t0
            yield answer
        except Exception as exc:  # the store or server failed: a clear reply, not a trace
            log.exception("answering failed")
            lang = language_of(question if isinstance(question, str) else "")
            yield Answer(
                question,
                phrase(lang, "unavailable", error=type(exc).__name__),
                "no_answer",
                lang,
                reason=f"error: {exc}",
            )

    def ask(self, question: str, history: Iterable | None = None) -> Answer:
        """The final answer to a question in the context of earlier turns."""
        *_, final = self.stream(question, history)
        return final
