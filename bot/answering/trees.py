"""Boosted decision trees over measured features, for answerability and the sentence ranker: a
sum of small trees catches what one linear score cannot (a similarity means less for an English
question on a German text than within one language). Fitted by training/fit_answering.py with
scikit-learn's HistGradientBoostingClassifier; read here without scikit-learn."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from bot.answering.scoring import Decision

KIND = "trees"


@dataclass(frozen=True)
class Tree:
    """One tree as parallel node arrays; a leaf has feature -1. Left when value <= threshold."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaf_value(self, x: list[float]) -> float:
        """The value of the leaf that x falls into."""
        i = 0
        while self.feature[i] >= 0:
            i = self.left[i] if x[self.feature[i]] <= self.threshold[i] else self.right[i]
        return self.value[i]


@dataclass(frozen=True)
class TreeModel(Decision):
    """sigmoid(baseline + the trees' leaf values), with a decision threshold."""

    features: tuple[str, ...]
    baseline: float
    trees: tuple[Tree, ...]
    threshold: float = 0.5

    def logit(self, values: dict[str, float]) -> float:
        """The summed score (log-odds)."""
        x = [float(values.get(name, 0.0)) for name in self.features]
        return self.baseline + sum(tree.leaf_value(x) for tree in self.trees)

    def logits(self, rows: list[dict[str, float]]) -> list[float]:
        """The summed scores of many rows, every tree walked for all rows at once: ranking
        thirty candidate sentences leaf by leaf in Python would cost milliseconds."""
        if not rows:
            return []
        feature, threshold, left, right, value = self._arrays
        x = np.asarray([[float(r.get(n, 0.0)) for n in self.features] for r in rows])
        trees = np.arange(len(self.trees))[:, None]
        rows_at = np.arange(len(rows))[None, :]
        node = np.zeros((len(self.trees), len(rows)), dtype=np.int64)
        for _ in range(feature.shape[1]):  # no path is longer than a tree's node count
            f = feature[trees, node]
            inner = f >= 0
            if not inner.any():
                break
            goes_left = x[rows_at, np.maximum(f, 0)] <= threshold[trees, node]
            step = np.where(goes_left, left[trees, node], right[trees, node])
            node = np.where(inner, step, node)
        return (self.baseline + value[trees, node].sum(axis=0)).tolist()

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, ...]:
        """The trees' node arrays padded to one (trees x nodes) array each."""
        width = max(len(t.feature) for t in self.trees)
        padded = []
        for part, fill, kind in (
            ("feature", -1, np.int64),
            ("threshold", 0.0, np.float64),
            ("left", 0, np.int64),
            ("right", 0, np.int64),
            ("value", 0.0, np.float64),
        ):
            a = np.full((len(self.trees), width), fill, dtype=kind)
            for i, t in enumerate(self.trees):
                got = getattr(t, part)
                a[i, : len(got)] = got
            padded.append(a)
        return tuple(padded)

    def to_dict(self) -> dict:
        """Plain JSON form."""
        return {
            "kind": KIND,
            "features": list(self.features),
            "baseline": self.baseline,
            "trees": [
                [list(t.feature), list(t.threshold), list(t.left), list(t.right), list(t.value)]
                for t in self.trees
            ],
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(cls, d: dict) -> TreeModel:
        """From the JSON form."""
        trees = tuple(Tree(*(tuple(part) for part in t)) for t in d["trees"])
        return cls(tuple(d["features"]), float(d["baseline"]), trees, float(d["threshold"]))


def from_sklearn(clf, names: tuple[str, ...]) -> TreeModel:
    """A fitted binary HistGradientBoostingClassifier as a TreeModel."""
    trees = []
    for (predictor,) in clf._predictors:  # one tree per boosting round for two classes
        nodes = predictor.nodes
        trees.append(
            Tree(
                tuple(
                    -1 if leaf else int(f)
                    for f, leaf in zip(nodes["feature_idx"], nodes["is_leaf"])
                ),
                tuple(float(t) for t in nodes["num_threshold"]),  # exact: a value on it goes left
                tuple(int(i) for i in nodes["left"]),
                tuple(int(i) for i in nodes["right"]),
                tuple(round(float(v), 9) for v in nodes["value"]),
            )
        )
    return TreeModel(names, float(clf._baseline_prediction.ravel()[0]), tuple(trees))
