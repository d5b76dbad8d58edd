"""What a sentence speaks of: a multinomial logistic regression on stored sentence embeddings,
fitted on the sentences that hold the facts of labelled dev questions (training/fit_answering).

The intent model reads questions; read on a sentence's embedding it tells on-topic from
off-topic sentences less well (per question, fact sentences against the others, sets left out:
AUC 0.862 against 0.887 for this model)."""

from __future__ import annotations

import random

import numpy as np

from bot.understanding.intent import Softmax

OTHER = "other"  # a sentence that held no asked fact: what most sentences are for a question
TOPIC_C = 2.0  # sets left out: C = 0.5 / 2 / 8 gave AUC 0.883 / 0.887 / 0.888


def load_topics(model_name: str) -> Softmax | None:
    """The shipped sentence-topic model for an embedding model, or None."""
    from bot.answering.scoring import load_params

    params = load_params("topics", model_name)
    return Softmax.from_dict(params) if params else None


def fit_topics(rows: list[tuple[object, str]], c: float = TOPIC_C, seed: int = 0) -> dict:
    """Parameters from (sentence vector, topic or OTHER) rows: every topic sentence once, and
    as many OTHER sentences, drawn at random, as there are topic sentences."""
    from bot.understanding.training.fit_intents import fit

    topical = [r for r in rows if r[1] != OTHER]
    others = [r for r in rows if r[1] == OTHER]
    random.Random(seed).shuffle(others)
    chosen = topical + others[: len(topical)]
    x = np.asarray([np.asarray(v, dtype=np.float64) for v, _ in chosen])
    return fit(x, [t for _, t in chosen], c, max_iter=3000)


def unique(rows: list[tuple[str, object, str]]) -> list[tuple[object, str]]:
    """(vector, topic) rows, one per sentence text and topic; a sentence that held a fact for
    any question is no OTHER one (it held none of another question's)."""
    seen: dict[tuple[str, str], object] = {}
    for text, vector, topic in rows:
        seen.setdefault((text, topic), vector)
    topical = {text for text, topic in seen if topic != OTHER}
    return [
        (vector, topic)
        for (text, topic), vector in seen.items()
        if topic != OTHER or text not in topical
    ]
