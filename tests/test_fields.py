"""A trade's fields ("Fachinformatiker für Systemintegration") are professions of their own:
the field a text gives figures for answers, another field of the trade is refused, and the
trade asked without a field gets the field's figures under its full name (the project's sample
texts, real e5 model, real Chroma)."""

from __future__ import annotations

import pytest

FIELD = "Fachinformatiker für Systemintegration"


@pytest.fixture(scope="module")
def bot(samples_store):
    from bot.factory import build_bot

    return build_bot(samples_store)


def test_the_field_a_text_speaks_of_is_a_covered_profession(bot):
    assert FIELD in bot.catalog.professions
    assert "Fachinformatiker" not in bot.catalog.professions


def test_another_field_of_the_trade_is_refused_with_the_covered_one(bot):
    a = bot.ask("Was verdient ein Fachinformatiker für Anwendungsentwicklung in Oberhausen?")
    assert a.status == "no_answer" and a.reason == "profession", a.answer
    assert FIELD in a.answer and "2.900" not in a.answer


@pytest.mark.parametrize(
    "question, history",
    [
        ("Was verdient ein Fachinformatiker in Oberhausen?", []),
        (
            "Und ein Fachinformatiker für Systemintegration?",
            ["Was verdient ein Medizininformatiker in Oberhausen?"],
        ),
    ],
)
def test_the_trade_or_its_field_gets_the_field_s_figures(bot, question, history):
    a = bot.ask(question, history)
    assert a.status == "answered", a.answer
    lead = a.answer.split("\n")[0]
    assert FIELD in lead and "2.900" in lead and "3.200" in lead, lead
    assert "3.250" not in lead  # the Medizininformatiker figure of the turn before
