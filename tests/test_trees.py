"""Answerability and the sentence ranker as boosted trees: fitted with scikit-learn, shipped as
JSON, read without it."""

from __future__ import annotations

import json

import numpy as np

from bot.answering.columns import SENTENCE_FEATURES
from bot.answering.scoring import load_model
from bot.answering.training.fit_answering import ANSWER_FEATURES, _remembered, fit_trees
from bot.answering.trees import TreeModel, from_sklearn
from bot.settings import BUNDLED_MODEL


def _rows(n: int = 400, seed: int = 0) -> tuple[list[dict], list[int]]:
    """Answerable when similarity is high within one language, or higher still across two:
    what one linear score cannot draw."""
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for _ in range(n):
        similarity, cross = float(rng.uniform(0.7, 0.95)), float(rng.integers(0, 2))
        rows.append({"best_similarity": similarity, "cross_lingual": cross})
        labels.append(int(similarity > (0.85 if cross else 0.8)))
    return rows, labels


def test_the_shipped_form_reads_as_scikit_learn_predicts():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows, labels = _rows()
    names = ("best_similarity", "cross_lingual")
    x = np.asarray([[r[n] for n in names] for r in rows])
    clf = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=5).fit(x, labels)
    model = TreeModel.from_dict(json.loads(json.dumps(from_sklearn(clf, names).to_dict())))
    ours = np.asarray([model.probability(r) for r in rows])
    assert np.abs(ours - clf.predict_proba(x)[:, 1]).max() < 1e-6
    # All rows at once (the ranker's candidates), every tree walked in arrays: the same scores.
    assert np.abs(np.asarray(model.logits(rows)) - clf.decision_function(x)).max() < 1e-6
    assert model.logits([]) == []


def test_fitted_trees_learn_a_threshold_that_depends_on_the_language_pair():
    rows, labels = _rows()
    model = fit_trees(rows, labels, ("best_similarity", "cross_lingual"))
    assert model.accepts({"best_similarity": 0.83, "cross_lingual": 0.0})
    assert not model.accepts({"best_similarity": 0.83, "cross_lingual": 1.0})
    test_rows, test_labels = _rows(200, seed=1)
    right = sum(model.accepts(r) == bool(y) for r, y in zip(test_rows, test_labels, strict=True))
    assert right >= 190


def test_the_shipped_answerability_model_is_trees_over_the_answer_features():
    model = load_model("answerability", BUNDLED_MODEL)
    assert isinstance(model, TreeModel) and model.features == ANSWER_FEATURES
    assert 0.05 < model.threshold < 0.95 and len(model.trees) >= 50
    assert 0.0 <= model.probability({}) <= 1.0  # a missing feature reads as 0


def test_the_shipped_ranker_is_trees_over_the_sentence_features():
    model = load_model("ranker", BUNDLED_MODEL)
    assert isinstance(model, TreeModel) and model.features == SENTENCE_FEATURES
    rows = [{n: float(i % 3) for n in SENTENCE_FEATURES} for i in range(5)]
    assert np.allclose(model.logits(rows), [model.logit(r) for r in rows])


def test_the_ablation_decides_each_set_by_trees_fitted_without_it():
    from bench.answerability_ablation import decided

    per_set = {f"set{i}": _rows(200, seed=i) for i in range(3)}
    right = decided(per_set, ("best_similarity", "cross_lingual"), leaves=7)
    labels = [y for _, ys in per_set.values() for y in ys]
    assert right["all"] == right["answerable"] + right["to refuse"]
    assert right["answerable"] <= sum(labels) and right["to refuse"] <= labels.count(0)
    # The rule is learnable from the other sets: far above chance on each left-out one.
    assert right["all"] > 0.9 * len(labels)


def test_the_fitter_searches_each_question_once_per_history():
    """The fitter's three passes ask the same questions: each (question, turns) is searched
    once, and the same question after other turns is searched again."""
    calls = []

    def prepare(question, turns):
        calls.append((question, tuple(turns or ())))
        return len(calls)

    once = _remembered(prepare)
    assert once("Gehalt in Bochum?", []) == once("Gehalt in Bochum?", []) == 1
    assert once("und dort?", ["Gehalt in Bochum?"]) == 2
    assert once("und dort?", ["Gehalt in Essen?"]) == 3
    assert once("und dort?", ["Gehalt in Bochum?"]) == 2
    assert len(calls) == 3
