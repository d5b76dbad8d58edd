"""Salary facts: every monthly euro range, its level, and the exact sentence with offsets."""

from __future__ import annotations

import pytest

from bot.factory import build_knowledge
from ingest.extractor import salary_facts
from ingest.reader import read_text

# (city, level, low, high) stated in the five real articles: exactly these eight.
CORPUS_FACTS = {
    ("Duisburg", "entry", 3000, 3400),
    ("Duisburg", "experienced", 3600, 4200),
    ("Gelsenkirchen", "entry", 3200, 3800),
    ("Dortmund", "entry", 3300, 3800),
    ("Wuppertal", "entry", 3200, 3500),
    ("Wuppertal", "experienced", 3800, 4200),
    ("Bochum", "entry", 3200, 3600),
    ("Bochum", "experienced", 4000, 4600),
}


@pytest.mark.parametrize(
    ("sentence", "level", "low", "high"),
    [
        ("Zum Einstieg verdient man etwa 3.000 € bis 3.400 € brutto.", "entry", 3000, 3400),
        ("Das Einstiegsgehalt liegt zwischen 3.200 € und 3.800 € im Monat.", "entry", 3200, 3800),
        ("Berufseinsteiger bekommen 3.200 € bis 3.600 €, je nach Haus.", "entry", 3200, 3600),
        ("Mit Erfahrung sind 3.800 € bis 4.200 € drin.", "experienced", 3800, 4200),
        ("Nach einigen Jahren winken zwischen 4.000 € und 4.600 €.", "experienced", 4000, 4600),
        ("Absolventen erhalten 3.300–3.800 € monatlich.", "entry", 3300, 3800),
        ("Wer Spezialwissen hat, bekommt von 3.600 bis 4.200 Euro.", "experienced", 3600, 4200),
        ("Junioren starten bei 3200 bis 3500 EUR.", "entry", 3200, 3500),
        ("Gezahlt werden 3.100 € - 3.900 € pro Monat.", "unspecified", 3100, 3900),
    ],
)
def test_each_range_form_is_found_with_level_and_offsets(sentence, level, low, high):
    text = f"Ein Titel in Bochum\nEin erster Satz ohne Zahl. {sentence} Ein Satz danach.\n"
    (fact,) = salary_facts(text)
    assert (fact.level, fact.low, fact.high) == (level, low, high)
    assert fact.sentence == sentence
    assert text[fact.start : fact.end] == sentence


def test_level_can_come_from_the_sentence_before():
    text = "Zum Gehalt beim Einstieg. Üblich sind 3.200 € bis 3.600 €.\n"
    (fact,) = salary_facts(text)
    assert (fact.level, fact.low, fact.high) == ("entry", 3200, 3600)


@pytest.mark.parametrize(
    "sentence",
    [
        "Von 2019 bis 2023 wuchs die Zahl der Stellen.",
        "Zwischen 2.000 und 3.000 Beschäftigte arbeiten in den Kliniken.",
        "Die Hotline 0201 bis 0209 ist werktags besetzt.",
        "Ein Studium dauert 6 bis 8 Semester und kostet 300 € bis 400 € Beitrag.",
    ],
)
def test_numbers_that_are_not_monthly_salaries_are_ignored(sentence):
    assert salary_facts(f"Titel in Essen\n{sentence}\n") == []


def test_two_ranges_in_one_sentence_are_two_facts():
    text = "Einsteiger bekommen 3.000 € bis 3.400 €, Erfahrene später 3.900 € bis 4.500 €.\n"
    facts = salary_facts(text)
    assert [(f.low, f.high) for f in facts] == [(3000, 3400), (3900, 4500)]
    assert all(text[f.start : f.end] == f.sentence for f in facts)


def test_corpus_facts_table_is_exactly_the_eight_stated_ranges(corpus_store, corpus_dir):
    rows = build_knowledge(corpus_store).salary_facts()
    assert {(r.city, r.level, r.low, r.high) for r in rows} == CORPUS_FACTS
    assert len(rows) == len(CORPUS_FACTS)
    for r in rows:
        text = read_text(
            next(p for p in corpus_dir.glob("*.txt") if str(p.resolve()) == r.source), 10**6
        ).text
        assert text[r.start : r.end] == r.sentence
        assert r.title == text.split("\n")[0].strip()
        assert f"{r.low:,}".replace(",", ".") in r.sentence
        assert f"{r.high:,}".replace(",", ".") in r.sentence


def test_sample_texts_state_the_same_figures_per_city(samples_dir):
    found = set()
    for path in sorted(samples_dir.glob("*.txt")):
        text = read_text(path, 10**6).text
        city = path.stem.capitalize()
        for f in salary_facts(text):
            assert text[f.start : f.end] == f.sentence
            found.add((city, f.level, f.low, f.high))
    assert found == CORPUS_FACTS


def test_sample_store_holds_the_same_facts(samples_store):
    rows = build_knowledge(samples_store).salary_facts()
    assert {(r.city, r.level, r.low, r.high) for r in rows} == CORPUS_FACTS
    assert len(rows) == len(CORPUS_FACTS)
