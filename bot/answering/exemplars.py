"""What an answer to a question like this one looks like, learned from labelled questions: each
answerable dev question's vector beside the mean vector of the sentences that held its facts. A
new question's nearest labelled questions give a prototype answer ("Rufbereitschaft ... eine
Woche in acht" for "Is there on-call duty?"); how close the best sentences come to it tells a
text that speaks of the asked thing from one that speaks only of its topic (on-call duty where
home office was asked). Fitted by training/fit_answering.py, read with numpy alone.

A store reads only the exemplars whose answers come from cities it does not hold, as
answerability learned them (each dev set measured without its cities' exemplars). Read on their
own texts, a set's questions, written to one pattern for four neighbouring towns, stand closer
than any other set's and made dev questions to refuse look answerable (91 -> 435 of 1,422
answered)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

NEAREST = 10  # labelled questions read (sets left out: 3 / 10 / 30 gave about the same)
SHARPNESS = 20.0  # weight exp(SHARPNESS * (similarity - nearest's)): the closest count most
QUOTED = 6  # the sentences that would be quoted (evidence.MAX_QUOTES)
# Sets left out, beside these two: the first sentence's closeness and the gap to a closer one
# further down added nothing (4,702 and 4,689 against 4,719 of 5,160).
NAMES = ("exemplar_best", "exemplar_near")
NOTHING = dict.fromkeys(NAMES, 0.0)


def unit(vector: Sequence[float]) -> np.ndarray:
    """The vector scaled to length one."""
    v = np.asarray(vector, dtype=np.float32)
    return v / (float(np.linalg.norm(v)) or 1.0)


@dataclass(frozen=True)
class Exemplars:
    """Unit question vectors and their answers' unit vectors, row by row; each row's group,
    and each group's cities (those of the sentences that held the answer)."""

    questions: np.ndarray
    answers: np.ndarray
    groups: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    places: tuple[tuple[str, ...], ...] = ()

    def without(self, cities: Sequence[str]) -> Exemplars:
        """The exemplars whose answers come from none of these cities (a store's)."""
        near = [g for g, places in enumerate(self.places) if set(places) & set(cities)]
        keep = ~np.isin(self.groups, near)
        return Exemplars(self.questions[keep], self.answers[keep], self.groups[keep], self.places)

    def prototype(self, question: Sequence[float]) -> tuple[np.ndarray, float] | None:
        """The weighted mean answer of the nearest labelled questions, and the nearest one's
        similarity; None for another model's vectors or no exemplars."""
        q = np.asarray(question, dtype=np.float32)
        if not len(self.questions) or q.shape != self.questions.shape[1:]:
            return None
        sims = self.questions @ unit(q)
        near = np.argsort(-sims)[:NEAREST]
        weights = np.exp((sims[near] - sims[near[0]]) * SHARPNESS)
        return unit(weights @ self.answers[near]), float(sims[near[0]])

    def answer_like(self, question: Sequence[float] | None) -> list[float] | None:
        """The prototype answer to the question (what the ranker compares sentences with)."""
        found = self.prototype(question) if question is not None else None
        return found[0].tolist() if found is not None else None

    def features(self, question, sentences: Sequence) -> dict[str, float]:
        """exemplar_best: how close the closest of the first QUOTED sentences (the ranker's
        order) comes to the prototype; exemplar_near: how like a labelled question this one is
        (how far the prototype can be trusted)."""
        found = self.prototype(question) if question is not None else None
        vectors = [unit(v) for v in sentences[:QUOTED] if v is not None]
        if found is None or not vectors or vectors[0].shape != found[0].shape:
            return dict(NOTHING)
        answer, near = found
        return {"exemplar_best": float((np.vstack(vectors) @ answer).max()), "exemplar_near": near}

    def save(self, path: Path) -> None:
        """Half-precision vectors in one .npz file (their last digits decide nothing)."""
        np.savez_compressed(
            path,
            questions=self.questions.astype(np.float16),
            answers=self.answers.astype(np.float16),
            groups=self.groups.astype(np.int32),
            places=np.array(json.dumps(self.places)),
        )

    @classmethod
    def load(cls, path: Path) -> Exemplars:
        """From a file written by save."""
        with np.load(path) as data:
            vectors = (data["questions"].astype(np.float32), data["answers"].astype(np.float32))
            if "groups" not in data:  # written before groups: one group, read everywhere
                return cls(*vectors, np.zeros(len(vectors[0]), np.int32), ((),))
            places = tuple(tuple(p) for p in json.loads(str(data["places"])))
            return cls(*vectors, data["groups"].astype(np.int32), places)

    @classmethod
    def of(cls, items: Sequence[tuple[np.ndarray, np.ndarray, Sequence[str]]]) -> Exemplars:
        """From (question vector, answer vector, the answer's cities) items."""
        if not items:
            return cls(np.zeros((0, 0), np.float32), np.zeros((0, 0), np.float32))
        places = list(dict.fromkeys(tuple(sorted(c)) for *_, c in items))
        return cls(
            np.vstack([unit(q) for q, _, _ in items]),
            np.vstack([unit(a) for _, a, _ in items]),
            np.asarray([places.index(tuple(sorted(c))) for *_, c in items], np.int32),
            tuple(places),
        )


def exemplar(question, sentences: Sequence[tuple[str, object, str]], facts: Sequence[str], holds):
    """(question vector, mean vector of the sentences that hold a fact, their cities) or None;
    sentences: (text, vector, city); holds(text, fact): whether a sentence states the fact."""
    held = [(v, c) for t, v, c in sentences if v is not None and any(holds(t, f) for f in facts)]
    if question is None or not held:
        return None
    mean = unit(np.mean([unit(v) for v, _ in held], axis=0))
    return unit(question), mean, tuple(sorted({c for _, c in held if c}))


def stack_exemplars(per_set: dict, giving: Sequence[str]) -> Exemplars:
    """Exemplars from the sets named in giving; each set's rows are measured on the exemplars
    whose answers come from none of its cities (its rows' "_places"), as a store of its texts
    reads them."""
    every = Exemplars.of(
        [r["_exemplar"] for n in giving for r in per_set[n][0] if r.get("_exemplar")]
    )
    for rows, _ in per_set.values():
        cities = next((r["_places"] for r in rows if "_places" in r), ())
        others = every.without(cities)
        for r in rows:
            r.update(others.features(r.get("_question"), r.get("_vectors", ())))
    return every
