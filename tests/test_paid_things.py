"""Money that is not the salary: a payment beside it, what a course costs or on-call duty
pays, and the level a text labels "Senior" (sample texts, real e5 model, real Chroma)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def bot(samples_store):
    from bot.factory import build_bot

    return build_bot(samples_store)


def test_a_payment_beside_the_salary_is_not_answered_with_the_salary(bot):
    a = bot.ask("Gibt es in Bochum Weihnachtsgeld für Medizininformatiker?")
    assert not a.answer.startswith("In Bochum verdienen Medizininformatiker")
    assert "Weihnachtsgeld" not in a.answer or a.status == "no_answer"


def test_who_pays_a_course_asked_after_the_courses_stays_on_the_courses(bot):
    a = bot.ask("Und wer bezahlt das?", ["Welche Weiterbildungen gibt es in Essen?"])
    assert a.topic == "training" and "verdienen Medizininformatiker" not in a.answer
    # A person earns: the same follow-up on what they earn asks the salary.
    a = bot.ask("Und was verdienen die?", ["Welche Aufgaben haben Medizininformatiker in Essen?"])
    assert a.topic == "salary" and "48.000" in a.answer


def test_a_senior_asked_gets_the_figure_the_text_labels_senior(bot):
    a = bot.ask("Was verdienen Senior-Berater in Mülheim an der Ruhr?")
    quoted = " ".join(c.quote for c in a.citations)
    assert a.status == "answered" and "Senior-Berater" in quoted


def test_the_scheme_that_sets_pay_is_asked_of_the_sentences(bot):
    # The collective agreement is a sentence's business, not the salary table's.
    a = bot.ask("Wird in Oberhausen nach Tarif bezahlt?")
    quoted = " ".join(c.quote for c in a.citations)
    assert a.status == "answered" and "TVöD" in quoted
    # Bochum's text names no scheme: its salary lines do not answer whether one applies.
    a = bot.ask("Is pay for medical informaticians in Bochum set by a collective agreement?")
    assert a.status == "no_answer"


def test_a_learners_pay_is_asked_of_the_sentences(bot):
    # A working student's or an apprentice's pay is none of the profession's levels: Bochum's
    # salary lines (entry, experienced) do not answer it, and its text says nothing of it.
    for question in (
        "Was verdient ein Werkstudent in der Medizininformatik in Bochum?",
        "What do apprentices get paid in Bochum?",
    ):
        a = bot.ask(question)
        assert a.status == "no_answer", question
        assert "3.600" not in a.answer and "3,600" not in a.answer


def test_learner_words_are_general_career_words():
    from knowledge.levels import LEARNER

    for text in ("studentische Hilfskraft", "Azubi", "internship", "working students", "Praktikum"):
        assert LEARNER.search(text), text
    for text in ("Weiterbildung", "interne Schulung", "nach der Ausbildung", "Berufseinstieg"):
        assert not LEARNER.search(text), text


def test_a_payment_beside_the_salary_compared_between_cities_is_asked_of_the_sentences(bot):
    # Two cities' bonuses are no ranking of their salaries: Essen's text speaks of a bonus.
    a = bot.ask("Gibt es einen Bonus zusätzlich zum Gehalt? Vergleiche Essen und Oberhausen.")
    quoted = " ".join(c.quote for c in a.citations)
    assert "Bonus" in quoted, a.answer
    assert "Städte nach Gehalt" not in a.answer


def test_pay_words_are_whole_pay_words_and_levels_are_whole_words():
    from knowledge.levels import EXTRA, PAY, without_levels

    for text in ("Stundenlohn", "Lohnniveau", "Löhne", "Gehalt", "paid", "earnings"):
        assert PAY.search(text), text
    for text in ("Das lohnt sich", "lohnen sich mehr", "lohnenswert", "lohnend"):
        assert not PAY.search(text), text
    assert EXTRA.search("Gibt es Boni?") and not EXTRA.search("Bonität")
    assert without_levels("and for team leads?").split() == ["and", "for", "?"]
    assert without_levels("Und mit Berufserfahrung?").split() == ["Und", "mit", "?"]
