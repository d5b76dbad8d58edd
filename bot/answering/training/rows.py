"""The rows the answering fits read from labelled dev cases: candidate sentences for the ranker,
measured questions for answerability, sentences with their topic for the sentence-topic model."""

from __future__ import annotations

import numpy as np

from bot.answering.exemplars import QUOTED, exemplar
from bot.answering.pairing import question_inputs


def facts_of(case: dict) -> list[str]:
    """The case's expected facts that are words, not figures: the facts table answers figures,
    the ranker learns to find words."""
    return [f for f in case.get("expect_facts", []) if f and not f.replace(".", "").isdigit()]


def collect(bot, cases: list[dict]) -> tuple[list, list, list, list]:
    """(sentence rows, sentence labels, answer rows, answer labels) from dev cases."""
    from bot.evaluation.checks import contains

    s_rows, s_labels, a_rows, a_labels = [], [], [], []
    for case in cases:
        query, passages = bot.prepare(case["question"], case.get("turns", []))
        evidence = bot.evidence(query, passages)
        facts = facts_of(case)
        answerable = case["expect_status"] == "answered"
        if answerable and facts and not query.comparison:
            for cand in evidence.candidates:
                s_rows.append(cand.features)
                s_labels.append(int(any(contains(cand.text, f) for f in facts)))
        answer = bot.answerer.answer(query, passages, evidence, bot._facts, bot.catalog)
        if answer.features:  # the question reached the evidence path
            part = evidence.parts[0][1] if evidence.parts else evidence
            found = [(c.text, c.vector, c.city) for c in part.candidates]
            one = answerable and not evidence.parts
            a_rows.append(
                {
                    **answer.features,
                    "_offtopic": query.offtopic,
                    "_pair": _pair_of(query, part),
                    "_question": np.asarray(query.vector, dtype=np.float32)
                    if query.vector
                    else None,
                    "_vectors": [v for _, v, _ in found[:QUOTED]],
                    "_places": bot.catalog.cities,
                    "_exemplar": exemplar(query.vector or None, found, facts, contains)
                    if one
                    else None,
                }
            )
            a_labels.append(int(answerable))
    return s_rows, s_labels, a_rows, a_labels


def _pair_of(query, part):
    """What the pairing reads: the question and its product with the best sentence (a
    comparison: its first city's, the part the composer decides on while no answerability
    model is there to rank them)."""
    return question_inputs(query, part.candidates[0].vector if part.candidates else None)


def topic_rows(bot, cases: list[dict]) -> list[tuple[str, object, str]]:
    """(sentence, stored vector, topic) for the candidate sentences of answerable one-topic
    questions: the question's topic where the sentence holds an asked fact, else OTHER."""
    from bot.answering.topics import OTHER
    from bot.evaluation.checks import contains
    from bot.understanding.training.fit_intents import KIND_INTENT

    rows = []
    for case in cases:
        topic = KIND_INTENT.get(case["kind"])
        if case["expect_status"] != "answered" or topic in (None, "comparison", "offtopic"):
            continue
        facts = [f for f in case.get("expect_facts", []) if f]
        query, passages = bot.prepare(case["question"], case.get("turns", []))
        if query.comparison or not facts:
            continue
        for cand in bot.evidence(query, passages).candidates:
            if cand.vector is not None:
                held = any(contains(cand.text, f) for f in facts)
                rows.append((cand.text, cand.vector, topic if held else OTHER))
    return rows
