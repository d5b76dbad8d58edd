"""The sentence-topic model: fitted on labelled sentence vectors, shipped, and read for a
question's intent (the question model where the sentence model knows no such topic)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from bot.answering.assistant import Assistant
from bot.answering.topics import OTHER, fit_topics, load_topics, unique
from bot.model import Intent
from bot.settings import BUNDLED_MODEL
from bot.understanding.intent import Softmax


def _rows(seed: int = 0) -> list[tuple[str, np.ndarray, str]]:
    """Three separable clusters in 8 dimensions: salary, training and other sentences."""
    rng = np.random.default_rng(seed)
    centres = {"salary": 0, "training": 1, OTHER: 2}
    rows = []
    for topic, axis in centres.items():
        for i in range(30):
            v = rng.normal(0, 0.1, 8)
            v[axis] += 1.0
            rows.append((f"{topic} {i}", v, topic))
    return rows


def test_a_sentence_that_held_a_fact_is_no_other_sentence():
    v = np.ones(3)
    rows = [("a", v, "salary"), ("a", v, OTHER), ("b", v, OTHER), ("b", v, OTHER)]
    assert sorted(t for _, t in unique(rows)) == [OTHER, "salary"]


def test_the_fitted_model_tells_the_topics_apart():
    model = Softmax.from_dict(fit_topics(unique(_rows())))
    assert set(model.classes) == {"salary", "training", OTHER}
    for topic, axis in (("salary", 0), ("training", 1), (OTHER, 2)):
        v = np.zeros(8)
        v[axis] = 1.0
        probs = model.probabilities(v)
        assert max(probs, key=probs.get) == topic


def test_the_shipped_model_knows_the_job_topics():
    model = load_topics(BUNDLED_MODEL)
    assert model is not None and model.coef.shape == (len(model.classes), 384)
    assert {"salary", "training", "tasks", "skills", "market", "conditions", OTHER} == set(
        model.classes
    )
    assert load_topics("no-such-model") is None


def test_a_question_reads_the_sentence_model_for_its_topic_and_the_question_model_else():
    sentence_model = Softmax.from_dict(fit_topics(unique(_rows())))
    question_model = Softmax(("comparison", "salary"), np.zeros((2, 8)), np.zeros(2))
    bot = SimpleNamespace(topics=sentence_model, intents=SimpleNamespace(intent=question_model))
    v = np.zeros(8)
    v[0] = 1.0
    salary = SimpleNamespace(domain=True, intent=Intent.SALARY)
    asked, said = Assistant._topic(bot, salary)(v)
    assert asked == 0.5 and said > 0.9  # the question model's flat guess, the sentence model's
    pay_comparison = SimpleNamespace(domain=True, intent=Intent.COMPARISON)
    assert Assistant._topic(bot, pay_comparison)(v) == (0.5, 0.5)  # no such sentence topic
    assert Assistant._topic(bot, SimpleNamespace(domain=False, intent=Intent.OFFTOPIC)) is None
