"""What a question's own words ask for, measured for the answerability model."""

from __future__ import annotations

from bot.answering.composer import ANSWER_INTENTS
from bot.answering.wording import unmet_quantity


def test_an_amount_asked_is_unmet_by_sentences_without_a_number():
    vacation = "Wie viele Urlaubstage gibt es?"
    assert unmet_quantity(vacation, ["Homeoffice ist an zwei Tagen möglich."]) == 0.0
    assert unmet_quantity(vacation, ["Homeoffice ist nach Absprache möglich."]) == 1.0
    assert unmet_quantity("How long is the course?", ["It takes 18 months."]) == 0.0
    # A question that asks no amount is never unmet.
    assert unmet_quantity("Gibt es Homeoffice?", ["Nach Absprache."]) == 0.0


def test_each_city_of_a_comparison_is_judged_as_a_part(samples_store):
    from bot.factory import build_bot

    bot = build_bot(samples_store)
    both = bot.ask("Wie unterscheidet sich die Weiterbildung in Bochum und Essen?")
    one = bot.ask("Welche Weiterbildung gibt es in Essen?")
    assert both.features["compared"] == 1.0 and one.features["compared"] == 0.0
    # What is asked is read too: one indicator per intent, the asked one set.
    assert one.features["intent_training"] == 1.0
    assert sum(one.features[f"intent_{i}"] for i in ANSWER_INTENTS) == 1.0
