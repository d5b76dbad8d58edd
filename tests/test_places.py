"""A question that names no city but an employer, clinic or district only one city's text
speaks of is asked of that city: names read from the keyword index, not from a list."""

from __future__ import annotations

import pytest

from bot.understanding.places import implied_city
from knowledge.dictionary import is_compound

USING = {
    "röhrtal": {"Sundern"},
    "sorpesee": {"Sundern"},
    "wittkamp": {"Oberhausen"},
    "medizininformatiker": {"Sundern", "Oberhausen", "Bochum"},
    "telematikinfrastruktur": {"Bochum"},
    "kantine": {"Bochum"},
}


def using(word: str) -> set[str]:
    return USING.get(word, set())


def test_a_name_only_one_citys_text_uses_names_that_city():
    assert implied_city("Woran arbeitet man bei Röhrtal Medizintechnik?", using) == "Sundern"
    assert implied_city("Was macht ein Medizininformatiker bei Wittkamp?", using) == "Oberhausen"
    assert implied_city("Klinik am Sorpesee und Röhrtal: was tut man da?", using) == "Sundern"


def test_words_of_several_texts_specialist_compounds_and_dictionary_words_name_no_city():
    assert implied_city("Was macht ein Medizininformatiker?", using) is None
    assert implied_city("Muss man die Telematikinfrastruktur kennen?", using) is None
    assert implied_city("Gibt es eine Kantine?", using) is None
    assert implied_city("Was verdient man bei Xyzzyqua?", using) is None  # in no text


def test_names_of_two_cities_name_neither():
    assert implied_city("Röhrtal oder Wittkamp, wo ist es besser?", using) is None


def test_joined_dictionary_words_are_compounds_and_names_are_not():
    assert is_compound("telematikinfrastruktur")
    assert is_compound("weiterbildungsangebot")
    assert not is_compound("wittkamp")
    assert not is_compound("sorpesee")


@pytest.fixture(scope="module")
def bot(samples_store):
    from bot.factory import build_bot

    return build_bot(samples_store)


def test_a_question_on_a_named_person_is_answered_from_that_citys_text(bot):
    query, _ = bot.prepare("Wie beschreibt Wittkamp die Aufgaben der Medizininformatiker?", [])
    assert query.cities == ("Oberhausen",)
    a = bot.ask("Wie beschreibt Wittkamp die Aufgaben der Medizininformatiker?")
    assert a.status == "answered"
    assert {c.city for c in a.citations} == {"Oberhausen"}


def test_a_question_without_names_stays_on_every_city(bot):
    query, _ = bot.prepare("Welche Aufgaben haben Medizininformatiker?", [])
    assert query.cities == ()
