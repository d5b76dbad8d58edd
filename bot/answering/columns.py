"""Feature columns over a question's candidate sentences: cosine similarities, standardised
values, ranks, and the passage that holds each sentence; the features the ranker reads."""

from __future__ import annotations

import numpy as np

from bot.answering.scoring import LinearModel
from bot.model import Passage
from knowledge.retriever import Hit

SENTENCE_FEATURES = (
    "sentence_similarity",
    "sentence_z",
    "sentence_rank",
    "passage_similarity",
    "passage_z",
    "passage_rank",
    "lexical",
    "log_length",
    "has_digits",
    "fused_rank",
    "topic_match",
    "topic_z",
    "sentence_topic",
    "sentence_topic_z",
    "asked_similarity",
    "asked_z",
    "paragraph_candidates",
    # How close the sentence comes to what answers to the most similar labelled questions look
    # like (exemplars.py): "39 Std./Woche" for weekly hours, where the topic alone (working
    # conditions) ranks home office as high.
    "exemplar_match",
    "exemplar_match_z",
)
# Before a ranker is fitted (a new embedding model): passage and sentence standing, and words.
DEFAULT_RANKER = LinearModel(
    SENTENCE_FEATURES,
    (0.0,) * len(SENTENCE_FEATURES),
    (1.0,) * len(SENTENCE_FEATURES),
    (0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0),
    0.0,
)


def similarities(asked: list[float] | None, hits: list[Hit], fallback: list[float]) -> list:
    """Cosine of each hit's vector with the asked vector, in one product (fallback where a
    hit or the question has no vector)."""
    if asked is None:
        return list(fallback)
    q = np.asarray(asked, dtype=np.float64)
    q = q / (np.linalg.norm(q) or 1.0)
    out = list(fallback)
    have = [i for i, h in enumerate(hits) if h.vector is not None]
    if have:
        m = np.asarray([hits[i].vector for i in have], dtype=np.float64)
        sims = m @ q / np.where((n := np.linalg.norm(m, axis=1)) > 0, n, 1.0)
        for i, s in zip(have, sims.tolist(), strict=True):
            out[i] = s
    return out


def standardised(values: list[float]) -> list[float]:
    """(x - mean) / standard deviation; zeros when all are equal."""
    if not values:
        return []
    mean = sum(values) / len(values)
    sd = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
    return [(v - mean) / sd if sd > 1e-9 else 0.0 for v in values]


def ranks(values: list[float]) -> list[float]:
    """1 / rank of each value (1 for the highest)."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    out = [0.0] * len(values)
    for r, i in enumerate(order, start=1):
        out[i] = 1.0 / r
    return out


def passage_ranks(hits: list[Hit], passages: list[Passage]) -> dict[str, tuple[int, int]]:
    """Each sentence hit's best passage holding it: (its index, its rank among the passages of
    its city); (len(passages), len(passages)) if none does. Per city, so that each city of a
    comparison has its own best passages."""
    before: dict[str, int] = {}
    city_rank = []
    for p in passages:
        city_rank.append(before.get(p.city, 0))
        before[p.city] = city_rank[-1] + 1
    none = (len(passages), len(passages))
    rank_of = {}
    for h in hits:
        at, src = int(h.meta.get("start", 0)), h.meta.get("source")
        inside = [i for i, p in enumerate(passages) if p.source == src and p.start <= at < p.end]
        rank_of[h.id] = (inside[0], city_rank[inside[0]]) if inside else none
    return rank_of


def table(
    topic: list[float],
    sentence_topic: list[float],
    sentence: list[float],
    asked: list[float],
    passage: list[float],
    exemplar: list[float],
) -> dict[str, list[float]]:
    """The score columns of one question's candidates, each beside its z (and rank) column."""
    return {
        "topic_match": topic,
        "topic_z": standardised(topic),
        "sentence_topic": sentence_topic,
        "sentence_topic_z": standardised(sentence_topic),
        "sentence_similarity": sentence,
        "sentence_z": standardised(sentence),
        "sentence_rank": ranks(sentence),
        "asked_similarity": asked,
        "asked_z": standardised(asked),
        "passage_similarity": passage,
        "passage_z": standardised(passage),
        "passage_rank": ranks(passage),
        "exemplar_match": exemplar,
        "exemplar_match_z": standardised(exemplar),
    }
