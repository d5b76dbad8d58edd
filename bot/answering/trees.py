"""Boosted decision trees over measured features, for answerability: a sum of small trees
catches what one linear score cannot (a similarity means less for an English question on a
German text than within one language). Fitted by training/fit_answering.py with
scikit-learn's HistGradientBoostingClassifier; read here without scikit-learn."""

from __future__ import annotations

from dataclasses import dataclass

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
