"""Evidence at sentence level: candidate sentences described by measured features (semantic
similarity of the sentence and of its passage, lexical match, rank), ranked by a fitted
model, and the features that the answerability model reads."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.answering import columns
from bot.answering.columns import DEFAULT_RANKER
from bot.answering.quotes import TextOf, as_quote, with_headers
from bot.answering.scoring import Decision
from bot.answering.wording import unmet_quantity
from bot.model import Passage
from bot.understanding.language import language_of
from knowledge.retriever import Hit

# Expected phrases of answerable one-city dev questions (39 sets, 4,594), each set ranked by trees
# fitted without it, quotes within 4 log-odds of the best: at most 5 quotes held 86.4 % (4.4 on
# average), 6 88.3 % (4.9), 7 89.4 % (5.4): six keep the reply readable.
MAX_QUOTES = 6
_COMPOUND = re.compile(r"[^\W\d_]{8,}")  # long enough to be split into parts
TOP_PASSAGES = 5  # quotes come from the passages the hybrid retriever ranked best
OUTSIDE_SENTENCES = 5  # and from the sentences nearest the question outside those
NEAR_BEST = 4.0  # further quotes: within this many log-odds of the best one


@dataclass(frozen=True)
class Sentence:
    """A candidate quote with its features; start/end index the document's text."""

    source: str
    title: str
    city: str
    text: str
    start: int
    end: int
    features: dict
    score: float = 0.0
    vector: object = field(default=None, repr=False, compare=False)  # the stored embedding


@dataclass(frozen=True)
class Evidence:
    """The chosen sentences and the features describing how well they answer."""

    sentences: tuple[Sentence, ...]
    features: dict[str, float]
    candidates: tuple[Sentence, ...] = ()
    parts: tuple[tuple[str, Evidence], ...] = ()  # (city, its own evidence) when several
    later: Callable[[], dict] | None = None  # features measured only when answerability reads

    @classmethod
    def joined(cls, parts: tuple[tuple[str, Evidence], ...]) -> Evidence:
        """Several cities' evidence as one, with no features of its own: each city is judged
        on its part's."""
        return cls(
            tuple(s for _, e in parts for s in e.sentences),
            {},
            tuple(sorted((s for _, e in parts for s in e.candidates), key=lambda s: -s.score)),
            parts,
        )


def _sentence(meta: dict, quote: str, features: dict, score: float, vector=None) -> Sentence:
    """A scored candidate quote from a sentence record's metadata."""
    return Sentence(
        meta.get("source", ""),
        meta.get("title", ""),
        meta.get("city", ""),
        quote,
        int(meta.get("start", 0)),
        int(meta.get("end", 0)),
        features,
        score,
        vector,
    )


def _near_best(scored: list[Sentence], n: int) -> list[Sentence]:
    """The first n of the sentences (best first) within NEAR_BEST of the best one, each
    wording once per city: a text that repeats a line (two job ads with the same hours) would
    otherwise fill two quotes with it."""
    out, seen = [], set()
    floor = scored[0].score - NEAR_BEST if scored else 0.0
    for s in scored:
        if len(out) >= n:
            break
        key = (s.city, " ".join(s.text.split()).casefold())
        if s.score >= floor and key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _language_pair(question: str, hits: list[Hit], scored: list[Sentence]) -> dict[str, float]:
    """Raw similarities run lower for an English question on German texts than within one
    language: whether the question and the best sentences differ in language, and how far
    the best sentence stands above the asked cities' sentences at large."""
    pool = [h.score for h in hits]
    tongue = language_of(" ".join(s.text for s in scored[:MAX_QUOTES])) if scored else None
    return {
        "best_relative": max(pool) - sum(pool) / len(pool) if len(pool) > 1 else 0.0,
        "cross_lingual": float(bool(scored) and language_of(question) != tongue),
    }


class EvidenceFinder:
    """Chooses quotes for a question from sentence hits and the retrieved passages."""

    def __init__(
        self,
        terms: Callable[[str], set[str]],
        idf: Callable[[str], float],
        ranker: Decision | None = None,
        text_of: TextOf | None = None,
    ):
        self.terms = terms
        self.idf = idf
        self.ranker = ranker or DEFAULT_RANKER
        self.text_of = text_of  # a document's stored text: where a quoted list goes on

    def lexical(self, wanted: set[str], text: str) -> float:
        """Share of the question's (idf-weighted) terms that text contains."""
        total = sum(self.idf(t) for t in wanted)
        got = sum(self.idf(t) for t in wanted & self.terms(text))
        return got / total if total else 0.0

    def candidates(
        self,
        question: str,
        cities: tuple[str, ...],
        hits: list[Hit],
        passages: list[Passage],
        topic: Callable | None = None,
        asked: list[float] | None = None,
        like: list[float] | None = None,
    ) -> list[Sentence]:
        """Every sentence hit with its features; topic(vector): how likely a sentence is about
        what is asked (the intent model's reading of its embedding, the sentence model's);
        like: what an answer looks like (exemplars.py), if known."""
        wanted = self._wanted(question, cities)
        floor = min((p.scores.get("vector", 0.0) for p in passages), default=0.0) - 0.01
        rank_of = columns.passage_ranks(hits, passages)
        top = [h for h in hits if rank_of[h.id][1] < TOP_PASSAGES]
        # Also the nearest sentences outside the best passages: in a long text without headings
        # the asked paragraph may miss them. All hits when no passage holds one.
        outside = [h for h in hits if rank_of[h.id][1] >= TOP_PASSAGES][:OUTSIDE_SENTENCES]
        hits = top + outside if top else hits
        passage_of = [
            passages[rank_of[h.id][0]].scores.get("vector", 0.0)
            if rank_of[h.id][0] < len(passages)
            else floor
            for h in hits
        ]
        sims = [h.score for h in hits]
        # The question as asked (city and all), beside the search text with its topic words.
        asked_sims = columns.similarities(asked, hits, sims)
        likes = columns.similarities(like, hits, [0.0] * len(hits)) if like is not None else None
        read = [topic(h.vector) if topic and h.vector is not None else (0.0, 0.0) for h in hits]
        topics, subjects = [r[0] for r in read], [r[1] for r in read]
        # A paragraph that gave many candidates goes on about the asked subject (employers).
        paragraph = Counter((h.meta.get("source"), h.meta.get("paragraph")) for h in hits)
        table = columns.table(
            topic=topics,
            sentence_topic=subjects,
            sentence=sims,
            asked=asked_sims,
            passage=passage_of,
            exemplar=likes or [0.0] * len(hits),
        )
        rows = []
        for i, h in enumerate(hits):
            m = h.meta
            quote = m.get("quote") or h.text  # stores from before windows embedded the sentence
            f = {name: col[i] for name, col in table.items()}
            f["lexical"] = self.lexical(wanted, h.text)
            f["log_length"] = math.log(1 + len(quote))
            f["has_digits"] = float(any(ch.isdigit() for ch in quote))
            f["fused_rank"] = 1.0 / (1 + rank_of[h.id][1])
            f["paragraph_candidates"] = math.log(paragraph[m.get("source"), m.get("paragraph")])
            rows.append((m, quote, f, h.vector))
        scores = self.ranker.logits([f for _, _, f, _ in rows])
        out = [_sentence(m, q, f, s, v) for (m, q, f, v), s in zip(rows, scores, strict=True)]
        return sorted(out, key=lambda s: -s.score)

    def find(
        self,
        question: str,
        cities: tuple[str, ...],
        hits: list[Hit],
        passages: list[Passage],
        topic: Callable | None = None,
        asked: list[float] | None = None,
        like: list[float] | None = None,
    ) -> Evidence:
        """The chosen sentences, answerability features and all candidates."""
        scored = self.candidates(question, cities, hits, passages, topic, asked, like)
        chosen = [as_quote(s, passages, self.text_of) for s in self._choose(scored, cities)]
        # A quote grown back over the sentence before may now hold another chosen one.
        kept = [
            s
            for s in chosen
            if not any(o is not s and o.start <= s.start and s.end <= o.end for o in chosen)
        ]
        kept = with_headers(kept, self.text_of)
        measured = self._features(scored, passages)
        measured.update(self.asked_words(self._wanted(question, cities), scored, question))
        measured.update(_language_pair(question, hits, scored))
        measured["unmet_quantity"] = unmet_quantity(question, [s.text for s in scored[:3]])
        return Evidence(tuple(kept), measured, tuple(scored))

    def _choose(self, scored: list[Sentence], cities: tuple[str, ...]) -> list[Sentence]:
        if not scored:
            return []
        if len(cities) > 1:
            # A question on several cities gets each city's best sentences, judged against that
            # city's own best: one city's text may simply match the wording better.
            share = max(2, -(-MAX_QUOTES // len(cities)))  # rounded up
            chosen = [
                s
                for city in cities
                for s in _near_best([s for s in scored if s.city == city], share)
            ]
        else:
            chosen = _near_best(scored, MAX_QUOTES)
        return sorted(chosen, key=lambda s: (s.source, s.start))

    def _wanted(self, question: str, cities: tuple[str, ...]) -> set[str]:
        """The question's keyword terms, without the named cities' words."""
        return self.terms(question) - self.terms(" ".join(cities))

    def asked_words(
        self, wanted: set[str], scored: list[Sentence], question: str
    ) -> dict[str, float]:
        """How the asked words stand in the texts. missing_term: the rarest one that some text
        uses but none of the best sentences (its idf; 0 when every such word is there):
        "Homeoffice" asked of a city whose text never mentions it while another's does. A
        compound is there when its parts are ("Datenbankkenntnisse": "Kenntnisse in SQL und
        relationalen Datenbanken")."""
        unknown = self.idf("\x00")  # what a word no text uses scores
        wanted = {t for t in wanted if t}
        seen = set().union(*(self.terms(s.text) for s in scored[:MAX_QUOTES]))
        known = {t for t in wanted if self.idf(t) < unknown} - self._split(question, seen)
        # Not the share of words no text uses: function words outside the stop list ("welche",
        # "gibt") made it refuse plain questions (5-fold CV on dev: more refusals, fewer answers).
        return {"missing_term": max((self.idf(t) for t in known - seen), default=0.0)}

    def _split(self, question: str, seen: set[str]) -> set[str]:
        """The question's compounds (their whole terms) whose parts all stand in seen."""
        out = set()
        for word in _COMPOUND.findall(question):
            terms = self.terms(word)
            whole = max(terms, key=len)
            if len(terms) > 1 and terms - {whole} <= seen:
                out.add(whole)
        return out

    @staticmethod
    def _features(scored: list[Sentence], passages: list[Passage]) -> dict[str, float]:
        sims = sorted((s.features["sentence_similarity"] for s in scored), reverse=True)
        sims += [0.0, 0.0, 0.0]
        scores = [s.score for s in scored] + [0.0, 0.0]
        topics = [s.features["topic_match"] for s in scored] + [0.0, 0.0, 0.0]
        subjects = [s.features["sentence_topic"] for s in scored] + [0.0, 0.0, 0.0]
        return {
            "best_similarity": sims[0],
            "top3_similarity": sum(sims[:3]) / 3,
            "best_score": scores[0],
            "score_margin": scores[0] - scores[1],
            "best_lexical": max((s.features["lexical"] for s in scored[:5]), default=0.0),
            "passage_similarity": max((p.scores.get("vector", 0.0) for p in passages), default=0.0),
            # Whether the sentence the ranker put first speaks of what was asked at all, and the
            # best three on average (one off-topic first sentence says less than three).
            "top_topic": scored[0].features["topic_match"] if scored else 0.0,
            "top3_topic": sum(topics[:3]) / 3,
            "top_sentence_topic": subjects[0],
            "top3_sentence_topic": sum(subjects[:3]) / 3,
        }
