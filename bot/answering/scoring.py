"""Fitted models over measured features: the sentence ranker (which sentence answers) and
answerability (whether the texts answer at all), boosted trees (trees.py); linear models for a
ranker fitted before the trees and the default one. Fitted by training/fit_answering.py."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent / "models"


def params_path(kind: str, model_name: str, folder: Path = MODELS_DIR) -> Path:
    """Where a fitted model of this kind for an embedding model is kept."""
    return folder / f"{kind}-{re.sub(r'[^A-Za-z0-9._-]+', '_', model_name)}.json"


class Decision:
    """A fitted score read as a probability and decided at a threshold (the models' `logit`
    and `threshold`)."""

    threshold: float

    def logit(self, values: dict[str, float]) -> float:
        raise NotImplementedError

    def logits(self, rows: list[dict[str, float]]) -> list[float]:
        """The scores of many rows (the sentence ranker's candidates) at once."""
        return [self.logit(r) for r in rows]

    def probability(self, values: dict[str, float]) -> float:
        """The modelled probability."""
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.logit(values)))))

    def accepts(self, values: dict[str, float]) -> bool:
        """The decision at the fitted threshold."""
        return self.probability(values) >= self.threshold


@dataclass(frozen=True)
class LinearModel(Decision):
    """sigmoid(w · standardised features + b), with a decision threshold."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    def logit(self, values: dict[str, float]) -> float:
        """The linear score (log-odds)."""
        z = self.bias
        for name, m, s, w in zip(self.features, self.mean, self.scale, self.weights, strict=True):
            z += w * (values.get(name, 0.0) - m) / (s or 1.0)
        return z

    def to_dict(self) -> dict:
        """Plain JSON form."""
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(cls, d: dict) -> LinearModel:
        """From the JSON form."""
        return cls(
            tuple(d["features"]),
            tuple(d["mean"]),
            tuple(d["scale"]),
            tuple(d["weights"]),
            float(d["bias"]),
            float(d.get("threshold", 0.5)),
        )


def load_params(kind: str, model_name: str) -> dict | None:
    """The shipped JSON of a fitted model of this kind for an embedding model, or None."""
    path = params_path(kind, model_name)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def load_model(kind: str, model_name: str):
    """The shipped model of this kind for an embedding model (linear, or boosted trees), or
    None."""
    from bot.answering.trees import KIND, TreeModel

    params = load_params(kind, model_name)
    if not params:
        return None
    return (
        TreeModel.from_dict(params) if params.get("kind") == KIND else LinearModel.from_dict(params)
    )


def load_exemplars(model_name: str):
    """The shipped answer exemplars for an embedding model, or None."""
    from bot.answering.exemplars import Exemplars

    path = params_path("exemplars", model_name).with_suffix(".npz")
    return Exemplars.load(path) if path.is_file() else None


def load_pairing(model_name: str):
    """The shipped question-sentence pairing for an embedding model, or None."""
    from bot.answering.pairing import Pairing

    params = load_params("pairing", model_name)
    return Pairing.from_dict(params) if params else None
