"""The intent model: what a question asks about and for which career level, from its
embedding and its wording's character n-grams, by logistic regressions fitted
on labelled questions (training/fit_intents.py)."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.model import Intent, Level
from bot.understanding.ngrams import Wording

MODELS_DIR = Path(__file__).resolve().parent / "models"


def params_path(model_name: str, folder: Path = MODELS_DIR) -> Path:
    """Where the fitted parameters for an embedding model are kept."""
    return folder / f"intent-{re.sub(r'[^A-Za-z0-9._-]+', '_', model_name)}.json"


@dataclass(frozen=True)
class Softmax:
    """A fitted multinomial logistic regression: classes, weights over the embedding,
    intercepts, and optionally weights over the wording's n-grams."""

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    wording: Wording | None = None

    def probabilities(self, vector: np.ndarray, text: str = "") -> dict[str, float]:
        """Class probabilities for one embedding and the words it was made of."""
        z = self.coef @ vector + self.intercept
        if self.wording is not None:
            z = z + np.asarray(self.wording.scores(text, len(self.classes)))
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {c: float(x) for c, x in zip(self.classes, p, strict=True)}

    @classmethod
    def from_dict(cls, d: dict) -> Softmax:
        wording = Wording.from_dict(d["wording"]) if d.get("wording") else None
        return cls(tuple(d["classes"]), np.asarray(d["coef"]), np.asarray(d["intercept"]), wording)


@dataclass(frozen=True)
class IntentGuess:
    """The intent model's reading of one question."""

    intent: Intent
    confidence: float
    probabilities: dict[str, float]
    level: Level | None


class IntentModel:
    """Intent and level of a question from its embedding."""

    def __init__(self, intent: Softmax, level: Softmax):
        self.intent = intent
        self.level = level

    def guess(self, vector, text: str = "") -> IntentGuess:
        """The most likely intent and, if one is named clearly, the level; text: the question
        as embedded, without place names (which say nothing of what is asked)."""
        v = np.asarray(vector, dtype=np.float64)
        probs = self.intent.probabilities(v, text)
        best = max(probs, key=probs.get)
        levels = self.level.probabilities(v, text)
        top = max(levels, key=levels.get)
        # "any" (no level named) is the default; a level must be clearly more likely.
        level = Level(top) if top != "any" and levels[top] >= 0.5 else None
        return IntentGuess(Intent(best), probs[best], probs, level)

    @classmethod
    def load(cls, path: Path) -> IntentModel:
        """Parameters written by the fit script."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Softmax.from_dict(data["intent"]), Softmax.from_dict(data["level"]))


_lock = threading.Lock()
_loaded: dict[tuple[str, str], IntentModel] = {}


def intent_model(model_name: str, embedder=None, cache_dir: Path | None = None) -> IntentModel:
    """The shipped parameters for this embedding model; else ones fitted once on the training
    questions with this embedder and kept in cache_dir (the store), so any model works."""
    key = (model_name, str(cache_dir))
    with _lock:
        if key in _loaded:
            return _loaded[key]
        shipped = params_path(model_name)
        cached = params_path(model_name, cache_dir) if cache_dir else None
        if shipped.is_file():
            model = IntentModel.load(shipped)
        elif cached and cached.is_file():
            model = IntentModel.load(cached)
        elif embedder is not None:
            from bot.understanding.training.fit_intents import fitted

            params = fitted(embedder, model_name)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(params), encoding="utf-8")
            model = IntentModel(
                Softmax.from_dict(params["intent"]), Softmax.from_dict(params["level"])
            )
        else:
            raise FileNotFoundError(
                f"no intent model for embedding model {model_name!r}; fit one with: python -m "
                f"bot.understanding.training.fit_intents --model {model_name}"
            )
        _loaded[key] = model
        return model
