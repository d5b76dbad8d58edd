"""The learned question-sentence pairing: a small network fitted with scikit-learn on the
question and its element-wise product with the sentence, shipped as JSON, read without
scikit-learn, and stacked into answerability without leaking labels."""

from __future__ import annotations

import json

import numpy as np

from bot.answering.pairing import Pairing, fit_pairing, inputs, stack_pairing
from bot.answering.scoring import load_model, load_pairing
from bot.settings import BUNDLED_MODEL


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def _pairs(n: int = 300, seed: int = 0, dim: int = 8):
    """Question and sentence vectors as similar overall; an answer agrees with the question on
    dimension 0 and not on 1, a near miss the other way round: what plain cosine cannot see."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        q = _unit(rng.normal(size=dim))
        s = q + rng.normal(scale=0.3, size=dim)
        answers = i % 2 == 0
        sign = 1 if answers else -1
        s[0], s[1] = sign * q[0], -sign * q[1]
        out.append((q, _unit(s), int(answers)))
    return out


def test_a_fitted_pairing_tells_answers_from_near_misses_and_reads_back_from_json():
    train, test = _pairs(seed=0), _pairs(seed=1)
    fitted = fit_pairing([inputs(q, s) for q, s, _ in train], [y for *_, y in train], alpha=0.01)
    pairing = Pairing.from_dict(json.loads(json.dumps(fitted.to_dict())))
    right = sum((pairing.logit(q, s) > 0) == bool(y) for q, s, y in test)
    assert right / len(test) > 0.9
    # Read back from JSON, it scores as fitted, to the digits kept.
    assert abs(pairing.logit(*test[0][:2]) - fitted.logit(*test[0][:2])) < 1e-4
    cosine = [float(q @ s) for q, s, _ in test]  # the raw similarity does not separate them
    assert abs(np.mean(cosine[0::2]) - np.mean(cosine[1::2])) < 0.1


def _by_hand() -> Pairing:
    """Three-long vectors, two units: one reads the question's first value, one the product's
    last; the second unit is cut at zero when negative."""
    hidden = ((1.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 1.0))
    return Pairing((0.0,) * 6, (1.0,) * 5 + (2.0,), hidden, (0.0, -1.0), (2.0, 3.0), 0.5)


def test_a_pairing_computes_its_network_and_scores_nothing_without_both_vectors():
    pairing = _by_hand()
    assert pairing.logit(None, (1.0, 1.0, 1.0)) == 0.0
    assert pairing.logit((1.0, 1.0, 1.0), None) == 0.0
    assert pairing.logit((1.0,) * 384, (1.0,) * 384) == 0.0  # another model's vectors
    # unit 1: q0 = 1.5; unit 2: q2 * s2 / 2 - 1 = 4 * 2 / 2 - 1 = 3; 2 * 1.5 + 3 * 3 + 0.5
    assert pairing.logit((1.5, 0.0, 4.0), (1.0, 0.0, 2.0)) == 12.5
    # unit 2 below zero reads as zero: 2 * 1.5 + 0.5
    assert pairing.logit((1.5, 0.0, 1.0), (1.0, 0.0, 1.0)) == 3.5


def test_each_sets_rows_are_scored_by_a_pairing_fitted_without_that_set():
    data = _pairs(120)
    sets = {}
    for name, part in (("a", data[:40]), ("b", data[40:80]), ("c", data[80:])):
        rows = [{"_pair": inputs(q, s)} for q, s, _ in part]
        sets[name] = (rows, [y for *_, y in part])
    sets["c"][0][0]["_pair"] = None  # a question that reached no sentence
    stack_pairing(sets)
    assert sets["c"][0][0]["pair_relevance"] == 0.0
    # Flipping set a's labels changes a pairing fitted on a, never a's own scores.
    before = [r["pair_relevance"] for r in sets["a"][0]]
    sets["a"] = (sets["a"][0], [1 - y for y in sets["a"][1]])
    stack_pairing(sets)
    assert [r["pair_relevance"] for r in sets["a"][0]] == before
    assert [r["pair_relevance"] for r in sets["b"][0]] != before[:40]


def test_the_shipped_answerability_model_reads_the_shipped_pairing():
    assert load_pairing(BUNDLED_MODEL) is not None
    assert "pair_relevance" in load_model("answerability", BUNDLED_MODEL).features


def test_a_question_not_about_the_job_gets_no_pairing_input():
    from types import SimpleNamespace

    from bot.answering.training.rows import _pair_of

    part = SimpleNamespace(candidates=[SimpleNamespace(vector=(1.0, 0.0, 2.0))])
    about = SimpleNamespace(domain=True, vector=(1.0, 2.0, 3.0))
    assert list(_pair_of(about, part)) == [1.0, 2.0, 3.0, 1.0, 0.0, 6.0]
    assert _pair_of(SimpleNamespace(domain=False, vector=(1.0, 2.0, 3.0)), part) is None
