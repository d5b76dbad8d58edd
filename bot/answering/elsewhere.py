"""The answerability feature 'elsewhere': how much closer another city's text comes to the
asked words than the asked cities' texts, a topic other texts cover and these do not."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.understanding.language import language_of
from knowledge.retriever import Retriever
from knowledge.store import StoreUnavailableError

log = logging.getLogger(__name__)
CANDIDATES = 30  # sentences of every city searched for a better match elsewhere


class Elsewhere:
    """Measures 'elsewhere' on one store; each document's language is read once per ingest."""

    def __init__(self, retriever: Retriever, text_of: Callable[[str], str | None]):
        self.retriever = retriever
        self.text_of = text_of
        self._languages: dict[str, str] = {}  # each document's language, by source

    def reset(self) -> None:
        """Forget the documents' languages (after an ingest)."""
        self._languages = {}

    def language(self, source: str) -> str:
        """A stored document's language ('de' or 'en')."""
        if source not in self._languages:
            self._languages[source] = language_of((self.text_of(source) or "")[:3000])
        return self._languages[source]

    def measure(
        self, vector: list[float], cities: tuple, asked_of: tuple, profession: str | None
    ) -> float:
        """How much closer another city's best sentence comes to the asked words (city names
        left out, as `vector`) than the best of `asked_of`; cities: all the question names,
        none of which counts as elsewhere (a compared city may just match the wording better).
        Only sentences in the language of the asked cities' best count: a German question
        comes closer to any German text than to an English one that answers it."""
        if not cities:
            return 0.0
        inside = self.retriever.sentences(vector, list(asked_of or cities), 1, profession, False)
        tongue = self.language(inside[0].meta.get("source", "")) if inside else None

        def other(meta: dict) -> bool:
            return (
                meta.get("city") not in cities
                and (profession is None or meta.get("profession") == profession)
                and self.language(meta.get("source", "")) == tongue
            )

        try:
            # The whole store, unfiltered: a profession filter that selects most of a large
            # store makes Chroma's query scan it (seconds at 100k chunks).
            best = self.retriever.nearest_sentence(vector, other, CANDIDATES)
        except StoreUnavailableError as exc:
            # The asked city's records are held in memory; the whole store is not. Answer
            # from what is at hand rather than fail the question.
            log.warning("elsewhere not measured: %s", exc)
            return 0.0
        return best[0] - inside[0].score if inside and best else 0.0
