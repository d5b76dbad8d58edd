"""The intent model's wording: hashed character n-grams fitted beside the embedding, shipped
as JSON and read without scikit-learn; place names never reach it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bot.settings import BUNDLED_MODEL
from bot.understanding.intent import Softmax, intent_model
from bot.understanding.ngrams import BUCKETS, Wording, buckets, fit_idf, grams, weighted
from bot.understanding.training.fit_intents import fit_with_wording, plain


def test_grams_are_padded_word_parts_and_a_huge_word_costs_no_more_than_a_long_one():
    assert list(grams("Ab")) == [" a", "ab", "b ", " ab", "ab ", " ab "]
    assert set(grams("Weiterbildung")) & set(grams("weiterbilden")) >= {"weite", "bild"}
    assert len(list(grams("x" * 100_000))) == len(list(grams("x" * 60)))
    assert all(0 <= b < BUCKETS for b in buckets("Gehalt in der Pflege"))


def test_weighted_vectors_have_unit_length_and_skip_buckets_the_fit_did_not_keep():
    idf = fit_idf(["Gehalt im Monat", "Gehalt im Jahr", "Weiterbildung"])
    assert all(v > 0 for v in idf.values())
    v = weighted(buckets("Gehalt im Jahr, Urlaub"), idf)
    assert abs(sum(x * x for x in v.values()) - 1.0) < 1e-9
    assert set(v) <= set(idf)
    assert weighted(buckets("zzzz"), idf) == {}  # only unseen wording: no vote


def test_wording_separates_what_the_embedding_alone_cannot_and_reads_back_from_json():
    # The embedding is the same for every question: only the words tell the classes apart.
    kinds = {"salary": "Gehalt verdienen", "training": "Weiterbildung Kurs", "tasks": "Alltag"}
    texts = [f"{w} {i}" for i in range(20) for w in kinds.values()]
    labels = list(kinds) * 20
    x = np.ones((len(texts), 4))
    fitted = fit_with_wording(x, texts, labels, c=8.0)
    model = Softmax.from_dict(json.loads(json.dumps(fitted)))
    assert isinstance(model.wording, Wording)
    pay = model.probabilities(np.ones(4), "Wie viel kann man verdienen?")
    course = model.probabilities(np.ones(4), "Gibt es einen Kurs?")
    assert pay["salary"] > 0.5 > course["salary"]
    # Without the words, only the embedding's part is left: no class is preferred.
    blind = model.probabilities(np.ones(4), "")
    assert max(blind.values()) - min(blind.values()) < 0.2


def test_place_names_are_left_out_of_the_wording():
    assert "Bochum" not in plain("Was verdient man in Bochum?")
    assert "verdient" in plain("Was verdient man in Bochum?")


def test_the_shipped_intent_model_reads_the_wording():
    model = intent_model(BUNDLED_MODEL)
    assert model.intent.wording is not None and model.intent.wording.weights
    assert all(len(w) == len(model.intent.classes) for w in model.intent.wording.weights.values())


def test_wording_for_another_number_of_buckets_is_refused():
    with pytest.raises(ValueError, match="16 buckets"):
        Wording.from_dict({"buckets": 16, "idf": {}, "weights": {}})
