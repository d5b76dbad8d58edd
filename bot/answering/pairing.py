"""How well the best sentence answers the question, learned: a small neural network (one hidden
layer) over the question's embedding and its element-wise product with the sentence's, which
says which dimensions tell an answer from a near miss and what kind of question each is. Raw
cosine runs 0.80-0.88 for answerable and unanswerable questions alike; answerability reads this
score beside it. Fitted on the dev questions' labels by training/fit_answering.py, read here
with numpy only (no scikit-learn at run time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

KIND = "pairing-network"
HIDDEN = 64  # units; 64 with alpha 1.0 left out set by set: see docs/evaluation.md
ALPHA = 1.0  # L2 penalty: the rows are a few thousand, the inputs 768


def inputs(question: Sequence[float], sentence: Sequence[float]) -> np.ndarray:
    """What a pairing reads: the question's vector, then its element-wise product with the
    sentence's (the product alone, a weighted cosine, told fewer cases apart)."""
    q = np.asarray(question, dtype=float)
    return np.concatenate([q, q * np.asarray(sentence, dtype=float)])


def question_inputs(query, best: Sequence[float] | None) -> np.ndarray | None:
    """What a pairing reads for an analysed question and its best sentence's vector; None
    (scored 0) without both vectors, or for a question not about the job: the network, fitted
    on questions about it, scored one about baking bread as the surest answer of all. Fitting
    and run time read it here alike."""
    if not query.domain or not query.vector or best is None or len(query.vector) != len(best):
        return None
    return inputs(query.vector, best)


@dataclass(frozen=True)
class Pairing:
    """logit = w · relu(W · (x - mean) / scale + b) + c over one embedding model's inputs x."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    hidden: tuple[tuple[float, ...], ...]  # one row per input, one column per unit
    hidden_bias: tuple[float, ...]
    weights: tuple[float, ...]  # one per unit
    bias: float

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, ...]:
        return (
            np.asarray(self.mean, dtype=float),
            np.asarray(self.scale, dtype=float),
            np.asarray(self.hidden, dtype=float),
            np.asarray(self.hidden_bias, dtype=float),
            np.asarray(self.weights, dtype=float),
        )

    def logit(self, question: Sequence[float] | None, sentence: Sequence[float] | None) -> float:
        """The learned score of a sentence answering the question; 0 without both vectors."""
        if question is None or sentence is None:
            return 0.0
        q, s = np.asarray(question, dtype=float), np.asarray(sentence, dtype=float)
        if q.shape != s.shape or 2 * q.size != len(self.mean):
            return 0.0  # another model's vectors: no score rather than a wrong one
        return self.score(inputs(q, s))

    def score(self, x: np.ndarray | None) -> float:
        """The logit of inputs already taken; 0 for none, or another model's."""
        if x is None or len(x) != len(self.mean):
            return 0.0
        mean, scale, hidden, hidden_bias, weights = self._arrays
        standard = (np.asarray(x, dtype=float) - mean) / scale
        h = np.maximum(standard @ hidden + hidden_bias, 0.0)
        return float(h @ weights + self.bias)

    def to_dict(self) -> dict:
        """Plain JSON form (7 significant digits: the last ones decide nothing)."""

        def short(values) -> list[float]:
            return [float(f"{v:.7g}") for v in values]

        return {
            "kind": KIND,
            "mean": short(self.mean),
            "scale": short(self.scale),
            "hidden": [short(row) for row in self.hidden],
            "hidden_bias": short(self.hidden_bias),
            "weights": short(self.weights),
            "bias": self.bias,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Pairing:
        """From the JSON form."""
        if d.get("kind") != KIND:
            raise ValueError(f"not a {KIND} model: kind {d.get('kind')!r}")
        return cls(
            tuple(d["mean"]),
            tuple(d["scale"]),
            tuple(tuple(row) for row in d["hidden"]),
            tuple(d["hidden_bias"]),
            tuple(d["weights"]),
            float(d["bias"]),
        )


def fit_pairing(
    rows: list[np.ndarray], labels: list[int], hidden: int = HIDDEN, alpha: float = ALPHA
) -> Pairing:
    """A pairing fitted on inputs and answerability labels (standardised; a tenth held back to
    stop training early; seeded, so a refit gives the same network)."""
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    x = np.vstack(rows)
    scaler = StandardScaler().fit(x)
    net = MLPClassifier(
        hidden_layer_sizes=(hidden,),
        alpha=alpha,
        max_iter=300,
        early_stopping=True,
        random_state=0,
    )
    net.fit(scaler.transform(x), labels)
    (first, second), (b1, b2) = net.coefs_, net.intercepts_
    return Pairing(
        tuple(float(v) for v in scaler.mean_),
        tuple(float(v) for v in scaler.scale_),
        tuple(tuple(float(v) for v in row) for row in first),
        tuple(float(v) for v in b1),
        tuple(float(v) for v in second[:, 0]),
        float(b2[0]),
    )


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
