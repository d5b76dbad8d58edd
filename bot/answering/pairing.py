"""How well the best sentence answers the question, learned: a logistic regression on the
element-wise product of the question's and the sentence's embeddings, a weighted cosine whose
weights say which dimensions tell an answer from a near miss. Raw cosine runs 0.80-0.88 for
answerable and unanswerable questions alike; answerability reads this score beside it. Fitted on
the dev questions' labels by training/fit_answering.py, read here without scikit-learn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

KIND = "pairing"


@dataclass(frozen=True)
class Pairing:
    """logit = w · (question ⊙ sentence) + b, over one embedding model's vectors."""

    weights: tuple[float, ...]
    bias: float

    @cached_property
    def _w(self) -> np.ndarray:
        return np.asarray(self.weights, dtype=float)

    def logit(self, question: Sequence[float] | None, sentence: Sequence[float] | None) -> float:
        """The learned score of a sentence answering the question; 0 without both vectors."""
        if question is None or sentence is None:
            return 0.0
        q, s = np.asarray(question, dtype=float), np.asarray(sentence, dtype=float)
        if q.shape != self._w.shape or s.shape != self._w.shape:
            return 0.0  # another model's vectors: no score rather than a wrong one
        return self.score(q * s)

    def score(self, product: np.ndarray) -> float:
        """The logit of an element-wise product already taken."""
        return float(self._w @ product + self.bias)

    def to_dict(self) -> dict:
        """Plain JSON form."""
        return {"kind": KIND, "weights": list(self.weights), "bias": self.bias}

    @classmethod
    def from_dict(cls, d: dict) -> Pairing:
        """From the JSON form."""
        return cls(tuple(float(w) for w in d["weights"]), float(d["bias"]))


def products(question: Sequence[float], sentence: Sequence[float]) -> np.ndarray:
    """The element-wise product a pairing is fitted on."""
    return np.asarray(question, dtype=float) * np.asarray(sentence, dtype=float)


def fit_pairing(rows: list[np.ndarray], labels: list[int], c: float = 0.1) -> Pairing:
    """A pairing fitted on products and answerability labels, classes balanced."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    clf.fit(np.vstack(rows), labels)
    return Pairing(tuple(float(w) for w in clf.coef_[0]), float(clf.intercept_[0]))


def stack_pairing(per_set: dict):
    """The pairing fitted on every set, and each set's rows scored by one fitted without it
    (answerability learns from scores the pairing made on questions it never saw)."""

    def fit(sets):
        pairs = [(r["_pair"], y) for n in sets for r, y in zip(*per_set[n])]
        pairs = [(p, y) for p, y in pairs if p is not None]
        return fit_pairing([p for p, _ in pairs], [y for _, y in pairs])

    for held, (rows, _) in per_set.items():
        pairing = fit([n for n in per_set if n != held])
        for r in rows:
            r["pair_relevance"] = 0.0 if r["_pair"] is None else pairing.score(r["_pair"])
    return fit(list(per_set))
