"""Salary facts: every euro figure or range, its level, period and profession, and the exact
sentence with offsets."""

from __future__ import annotations

import pytest

from bot.factory import build_knowledge
from ingest.chunker import parse
from ingest.extractor import salary_facts
from ingest.reader import extract, read_text

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
MEDINF = "Medizininformatiker"
# (city, level, low, high, period, profession) stated in the nine sample texts: the corpus's
# eight as monthly figures, Essen's annual ones, Mülheim's floor ("ab 3.100 Euro", no ceiling),
# a lead figure in Essen and Mülheim, and Oberhausen's figure for a second profession.
SAMPLE_FACTS = {(*f, "month", MEDINF) for f in CORPUS_FACTS} | {
    ("Essen", "entry", 48000, 53000, "year", MEDINF),
    ("Essen", "experienced", 56000, 64000, "year", MEDINF),
    ("Essen", "lead", 72000, 72000, "year", MEDINF),
    ("Hagen", "entry", 2900, 3300, "month", MEDINF),
    ("Hagen", "experienced", 3500, 4000, "month", MEDINF),
    ("Mülheim an der Ruhr", "entry", 3100, None, "month", MEDINF),
    ("Mülheim an der Ruhr", "experienced", 3700, 4300, "month", MEDINF),
    ("Mülheim an der Ruhr", "lead", 5000, 5000, "month", MEDINF),
    ("Oberhausen", "entry", 3250, 3700, "month", MEDINF),
    ("Oberhausen", "experienced", 4100, 4800, "month", MEDINF),
    ("Oberhausen", "entry", 2900, 3200, "month", "Fachinformatiker für Systemintegration"),
}


def _euro(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.mark.parametrize(
    ("sentence", "level", "low", "high"),
    [
        ("Zum Einstieg verdient man etwa 3.000 € bis 3.400 € brutto.", "entry", 3000, 3400),
        ("Das Einstiegsgehalt liegt zwischen 3.200 € und 3.800 € im Monat.", "entry", 3200, 3800),
        ("Berufseinsteiger bekommen 3.200 € bis 3.600 €, je nach Haus.", "entry", 3200, 3600),
        ("Mit Erfahrung sind 3.800 € bis 4.200 € drin.", "experienced", 3800, 4200),
        ("Nach einigen Jahren winken zwischen 4.000 € und 4.600 €.", "experienced", 4000, 4600),
        ("Absolventen erhalten 3.300–3.800 € monatlich.", "entry", 3300, 3800),
        # Levels come from general career words, not from a text's words ('Spezialwissen'):
        # alone, this figure states no level (after an entry figure it is the next one up).
        ("Wer Spezialwissen hat, bekommt von 3.600 bis 4.200 Euro.", "unspecified", 3600, 4200),
        ("Mit Spezialisierung sind 3.600 bis 4.200 Euro möglich.", "experienced", 3600, 4200),
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


def test_a_higher_figure_after_an_entry_figure_is_the_experienced_one():
    text = (
        "Titel in Duisburg\nZum Einstieg verdient man etwa 3.000 € bis 3.400 €. "
        "Die Kliniken zahlen nach Tarif. Wer Spezialwissen hat, bekommt von 3.600 bis 4.200 Euro.\n"
    )
    assert [(f.level, f.low, f.high) for f in salary_facts(text)] == [
        ("entry", 3000, 3400),
        ("experienced", 3600, 4200),
    ]
    # Only after a lower entry figure of the same period: a lower one stays unspecified.
    lower = text.replace("3.600 bis 4.200", "2.600 bis 2.800")
    assert [f.level for f in salary_facts(lower)] == ["entry", "unspecified"]


@pytest.mark.parametrize(
    ("sentence", "low", "high", "period"),
    [
        ("Berufseinsteiger beginnen ab 3.100 Euro brutto im Monat.", 3100, None, "month"),
        ("Zum Einstieg gibt es mindestens 3.000 €.", 3000, None, "month"),
        (
            "Beim Einstieg liegt das Gehalt zwischen 48.000 und 53.000 Euro im Jahr.",
            48000,
            53000,
            "year",
        ),
        ("Einsteiger erhalten 52.000 € brutto.", 52000, 52000, "year"),  # too big for a month
        ("Zum Einstieg rund 3.500 € im Monat.", 3500, 3500, "month"),
    ],
)
def test_floors_single_figures_and_periods(sentence, low, high, period):
    (fact,) = salary_facts(f"Titel in Essen\n{sentence}\n")
    assert (fact.level, fact.low, fact.high, fact.period) == ("entry", low, high, period)


def test_figure_for_another_profession_names_it():
    text = (
        "Medizininformatik in Oberhausen\nEinsteiger erhalten 3.250–3.700 € brutto im Monat. "
        "Der Verbund stellt auch Fachinformatiker ein. Für diesen Ausbildungsberuf nennt er ein "
        "Einstiegsgehalt von 2.900 bis 3.200 € im Monat.\n"
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.low, f.profession) for f in facts] == [(3250, None), (2900, "Fachinformatiker")]
    assert all(f.level == "entry" for f in facts)


def test_a_figure_in_a_sentence_that_opens_with_a_pronoun_is_for_the_profession_named_before():
    text = (
        "Zwei Kollegen sind Fachinformatiker für Anwendungsentwicklung. Die machen ähnliche "
        "Arbeit, steigen aber mit etwa 37.000 € im Jahr ein. Als Medizininformatiker beginnt "
        "man bei 43.000 € im Jahr.\n"
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.low, f.profession) for f in facts] == [
        (37000, "Fachinformatiker für Anwendungsentwicklung"),
        (43000, None),
    ]


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
    assert {(r.period, r.profession) for r in rows} == {("month", MEDINF)}
    for r in rows:
        text = read_text(
            next(p for p in corpus_dir.glob("*.txt") if str(p.resolve()) == r.source), 10**6
        ).text
        assert text[r.start : r.end] == r.sentence
        assert r.title == text.split("\n")[0].strip()
        assert f"{r.low:,}".replace(",", ".") in r.sentence
        assert f"{r.high:,}".replace(",", ".") in r.sentence


def _sample_facts(samples_dir):
    """(fact tuple, fact, text) of every salary fact in every sample text, as ingest reads it."""
    for path in sorted(p for p in samples_dir.iterdir() if p.suffix in (".txt", ".md")):
        src = read_text(path, 10**6)
        parsed = parse(src.text, 650, src.headings, src.meta)
        for f in salary_facts(src.text, parsed.profession):
            profession = f.profession or parsed.profession
            yield (parsed.city, f.level, f.low, f.high, f.period, profession), f, src.text


def test_sample_texts_state_the_expected_figures_per_city(samples_dir):
    found = []
    for key, f, text in _sample_facts(samples_dir):
        assert text[f.start : f.end] == f.sentence
        assert _euro(f.low) in f.sentence
        if f.high is None:
            assert f"ab {_euro(f.low)}" in f.sentence  # a floor: 'ab 3.100 Euro'
        else:
            assert _euro(f.high) in f.sentence
        found.append(key)
    assert set(found) == SAMPLE_FACTS
    assert len(found) == len(SAMPLE_FACTS)


def test_sample_store_holds_the_same_facts(samples_store):
    rows = build_knowledge(samples_store).salary_facts()
    assert {(r.city, r.level, r.low, r.high, r.period, r.profession) for r in rows} == SAMPLE_FACTS
    assert len(rows) == len(SAMPLE_FACTS)
    kb = build_knowledge(samples_store)
    for r in rows:
        assert kb.document(r.source)["text"][r.start : r.end] == r.sentence


def test_an_allowance_or_a_course_fee_is_no_salary():
    text = (
        "Titel in Bottrop\nDer Arbeitgeber übernimmt Kurskosten von bis zu 2.000 EUR pro Jahr. "
        "Er hilft bei der Wohnungssuche. Die Klinik zahlt neuen Fachkräften zudem eine "
        "Umzugspauschale von 1.500 EUR.\n\nBerufseinsteiger verdienen zwischen 45.000 und "
        "51.000 EUR im Jahr. Wer Spezialwissen hat, bekommt rund 60.000 EUR.\n"
    )
    assert [(f.level, f.low, f.high, f.period) for f in salary_facts(text)] == [
        ("entry", 45000, 51000, "year"),
        ("experienced", 60000, 60000, "year"),
    ]


def test_a_figure_counted_per_term_or_per_service_is_no_salary():
    text = (
        "Der Master dauert vier Semester mit Präsenz an zwei Samstagen im Monat; die Gebühren "
        "betragen 2.600 € pro Semester. Für jeden Bereitschaftsdienst gibt es 120 € je Dienst."
        "\n\nZum Einstieg verdient man 3.300 € im Monat. Erfahrene Kräfte bekommen 4.000 €/Monat.\n"
    )
    assert [(f.level, f.low, f.period) for f in salary_facts(text)] == [
        ("entry", 3300, "month"),
        ("experienced", 4000, "month"),
    ]


def test_a_figure_below_the_experienced_one_with_no_entry_figure_is_the_entry_one():
    text = (
        "Wer direkt von der Hochschule kommt, bekommt zwischen 3.050 und 3.500 Euro brutto "
        "monatlich.\n\nMit fünf Jahren Berufserfahrung sind 4.100 bis 4.600 Euro üblich.\n"
    )
    assert [(f.level, f.low) for f in salary_facts(text)] == [
        ("entry", 3050),
        ("experienced", 4100),
    ]
    # Alone, or above the experienced figure, it stays unspecified.
    assert [f.level for f in salary_facts(text.split("\n\n")[0])] == ["unspecified"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English figures: the sign first, a comma between thousands.
        (
            "Newcomers earn €3,200 to €3,600 gross per month. After several years in the job, "
            "pay rises to around €4,300 per month.",
            [("entry", 3200, 3600, "month"), ("experienced", 4300, 4300, "month")],
        ),
        # A table row without a pay word follows the row above it.
        (
            "| Stufe | Monatsgehalt |\n|---|---|\n| Einstieg | 3.300 € |\n"
            "| 3–5 Jahre | 4.000 € |\n",
            [("entry", 3300, 3300, "month"), ("experienced", 4000, 4000, "month")],
        ),
        # A price, an allowance, and "berufsbegleitend" (no lead level) are no salary.
        (
            "Der berufsbegleitende Kurs dauert ein Jahr. Der Lehrgang kostet 2.480 Euro. Die "
            "Klinik zahlt eine Umzugspauschale von bis zu 2.000 €. Einsteiger verdienen 3.100 "
            "bis 3.500 € im Monat.",
            [("entry", 3100, 3500, "month")],
        ),
        # Several figures in one sentence: each takes the level word nearest before it, else
        # one in its own clause after it; a figure whose unit is left out counts beside one
        # of its size that has it.
        (
            "Im Tarif gab es 47.500 Euro im Jahr zum Einstieg, nach vier Jahren sind es "
            "57.000 Euro im Jahr.",
            [("entry", 47500, 47500, "year"), ("experienced", 57000, 57000, "year")],
        ),
        (
            "Als Berufsanfänger liegt man bei ungefähr 3.300 Euro im Monat, mit einigen Jahren "
            "Erfahrung eher bei 4.100. Das Haus hat 1.200 Betten.",
            [("entry", 3300, 3300, "month"), ("experienced", 4100, 4100, "month")],
        ),
        # The first figure names no level of its own; the one after it is the experienced one.
        (
            "Gehalt: Man fängt mit rund 3.200 Euro im Monat an, erfahrene Leute kommen auf "
            "3.900 Euro.",
            [("entry", 3200, 3200, "month"), ("experienced", 3900, 3900, "month")],
        ),
        # A table's header says what its columns hold, for every row; "Ärztenetz" names no
        # doctors, so the sentence after the table is no doctor's pay.
        (
            "Arbeitgeber | Bereich | Einstiegsgehalt\n\nKlinik A | Krankenhaus | 3.400 €\n\n"
            "Firma B | Software | 3.650 €\n\nPraxis C | Ärztenetz | 3.250 €\n\nMit fünf Jahren "
            "Berufserfahrung liegen die Gehälter bei rund 4.300 € im Monat.",
            [
                ("entry", 3400, 3400, "month"),
                ("entry", 3650, 3650, "month"),
                ("entry", 3250, 3250, "month"),
                ("experienced", 4300, 4300, "month"),
            ],
        ),
        # A clause after the figure speaks of someone else: "der ... leitet" is no lead pay.
        (
            "„Zum Einstieg zahlen wir etwa 3.250 Euro im Monat“, sagt Frau Berg, die die "
            "IT-Abteilung leitet.",
            [("entry", 3250, 3250, "month")],
        ),
        (
            "Klinik | Einstiegsgehalt | nach fünf Jahren\n\nKlinik A | 3.400 € | 4.200 €\n",
            [("entry", 3400, 3400, "month"), ("experienced", 4200, 4200, "month")],
        ),
        # Pay in thousands ("47k"), and each figure's own period: the same pay restated per
        # month takes the level of the figure it restates.
        (
            "When I started I got around 39k. After six years I'm at about 47k a year gross, "
            "which is €3,900 per month. Our team lead makes around 62k.",
            [
                ("entry", 39000, 39000, "year"),
                ("experienced", 47000, 47000, "year"),
                ("experienced", 3900, 3900, "month"),
                ("lead", 62000, 62000, "year"),
            ],
        ),
        (
            "Mit einigen Jahren Berufserfahrung sind etwa 4.000 Euro brutto monatlich üblich – "
            "bei 13 Gehältern rund 52.000 Euro im Jahr.",
            [("experienced", 4000, 4000, "month"), ("experienced", 52000, 52000, "year")],
        ),
        # A median and its range side by side (a PDF table row) are one level's.
        (
            "Erfahrungsstufe Jahresbrutto (Median) Spanne\n\nBerufseinstieg (0–2 Jahre) "
            "46.800 € 43.000 – 50.500 €\n\nTeamleitung 71.500 €** 66.000 – 79.000 €\n",
            [
                ("entry", 46800, 46800, "year"),
                ("entry", 43000, 50500, "year"),
                ("lead", 71500, 71500, "year"),
                ("lead", 66000, 79000, "year"),
            ],
        ),
        # A row's first cell names its level, not the cells that describe the work.
        (
            "Stufe | Jahresbrutto | Aufgaben\n\nSenior (ab 6 Jahre) | 56.000 € | "
            "Projektleitung bei Systemeinführungen\n\nTeamleitung | 64.000 € | Führung von "
            "fünf Personen\n",
            [("experienced", 56000, 56000, "year"), ("lead", 64000, 64000, "year")],
        ),
    ],
)
def test_figures_in_other_layouts_and_words(text, expected):
    assert [(f.level, f.low, f.high, f.period) for f in salary_facts(text)] == expected


def test_a_figure_under_a_heading_that_names_another_occupation_is_for_it():
    text = (
        "Stellenangebote\n\nMedizininformatiker (m/w/d)\n\nWir bieten:\n- etwa 4.100 € brutto im "
        "Monat zum Einstieg\n\nFachinformatiker für Systemintegration (m/w/d)\n\nWir bieten:\n"
        "- ein Gehalt ab 2.950 € monatlich\n"
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.low, f.profession) for f in facts] == [
        (4100, None),
        (2950, "Fachinformatiker für Systemintegration"),
    ]


def test_the_occupation_a_sentence_is_about_not_one_in_its_relative_clause():
    text = (
        "Medizininformatiker verdienen hier 3.600 € im Monat. Medizinische "
        "Dokumentationsassistenten, die eng mit den Informatikern arbeiten, beginnen mit etwa "
        "2.800 € im Monat."
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.low, f.profession) for f in facts] == [
        (3600, None),
        (2800, "Medizinischer Dokumentationsassistent"),
    ]


def test_a_prefix_form_takes_inflections_not_a_word_of_its_own():
    from knowledge.occupations import mentions

    names = [m.name for m in mentions("Ärztinnen, Pflegekräften, Medizininformatikerinnen")]
    assert names == ["Arzt", "Pflegekraft", "Medizininformatiker"]
    assert mentions("das Ärztenetz und das Ärztehaus") == []


def test_a_table_row_is_for_the_occupation_its_first_cell_names():
    text = (
        "Stufe | Jahresbrutto | Aufgaben\n\nTeamleitung | 64.000 € | Abstimmung mit Ärzten und "
        "Pflegekräften\n\nMTR Berufseinstieg | 38.500 € | Röntgen\n"
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.level, f.low, f.profession) for f in facts] == [
        ("lead", 64000, None),
        ("entry", 38500, "Medizinischer Technologe"),
    ]


def test_the_level_before_a_comparison_with_another_occupation_is_not_its_level():
    text = (
        "Leitung eines IT-Teams: bis zu 69.000 € im Jahr\n\nZum Vergleich: Eine examinierte "
        "Pflegefachkraft verdient hier rund 42.500 € im Jahr."
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.level, f.low, f.profession) for f in facts] == [
        ("lead", 69000, None),
        ("unspecified", 42500, "Pflegekraft"),
    ]


def test_a_figure_without_a_unit_is_pay_where_its_sentence_speaks_of_pay():
    text = (
        "Ich arbeite seit knapp vier Jahren in der Klinik-IT. Bezahlt wird nach Tarif, ich lieg "
        "bei knapp 3.700 brutto im Monat. Als Berufseinsteiger kriegst du so 3.250, je nachdem "
        "wie der AG dich eingruppiert. Als Teamlead komm ich aufs Jahr auf rund 61.000 inkl. "
        "Bonus.\n\n"
        "Das Haus hat 1.200 Betten. Die Klinik zählt 2.400."
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.level, f.low, f.period) for f in facts] == [
        ("experienced", 3700, "month"),
        ("entry", 3250, "month"),
        ("lead", 61000, "year"),
    ]
    assert facts[-1].sentence.endswith("inkl. Bonus.")


def test_a_career_changer_is_no_entry_level_and_years_in_the_job_are_experience():
    from knowledge.levels import level_of

    assert level_of("ein Quereinsteiger aus der Pflege") is None
    assert level_of("ich arbeite seit knapp vier Jahren dort") == "experienced"
    assert level_of("and with more than ten years?") == "experienced"
    assert level_of("Als Berufseinsteiger") == "entry"


def test_an_acronym_in_small_letters_with_a_full_stop_is_another_words_abbreviation():
    from knowledge.occupations import mentions

    text = (
        "Werler Newsletter\n\nMedizininformatik in Werl\n\nBerufseinstieg: EUR 3.450,- brutto mtl."
    )
    assert [(f.low, f.profession) for f in salary_facts(text, "Medizininformatiker")] == [
        (3450, None)
    ]
    assert [m.name for m in mentions("Eine MTL verdient mehr, was verdient eine mta?")] == [
        "Medizinischer Technologe",
        "Medizinischer Technologe",
    ]
    assert [m.name for m in mentions("pay for a medical IT specialist or an IT specialist")] == [
        "Medizininformatiker",
        "Fachinformatiker",
    ]


def test_chat_pay_written_without_a_separator_and_a_cost_before_a_figure():
    text = (
        "[12.03.26, 18:09] Tobi: also bei uns läuft alles nach Tarif\n"
        "das war am anfang so ca 3600 brutto im monat\n"
        "[12.03.26, 18:28] Lukas: der kurs kostet 1.200 € aber hat mein AG komplett bezahlt\n"
        "They paid my moving costs up to EUR 2,000 and the first month of rent.\n"
        "Im Jahr 2024 brutto gerechnet war es mehr."
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.low, f.period) for f in facts] == [(3600, "month")]


def test_a_column_headed_by_another_occupation_is_its_pay():
    text = (
        "Verdienst (brutto pro Monat)\n\n"
        "Stufe | Medizininformatiker/in | Med. Dokumentationsassistenz\n\n"
        "Einstieg | 3.450 € | 2.850 €\n\nTeamleitung | 5.350 € | –\n"
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.level, f.low, f.profession) for f in facts] == [
        ("entry", 3450, None),
        ("entry", 2850, "Medizinischer Dokumentationsassistent"),
        ("lead", 5350, None),
    ]


def test_pay_a_sentence_gives_for_another_place_is_not_the_documents():
    text = (
        "Berufseinsteiger starten in Attendorn mit rund 46.000 Euro brutto im Jahr.\n\n"
        "Kommentar von Jens: Bei uns in Siegen verdient man zum Einstieg rund 50.000 Euro.\n\n"
        "Als Berufseinsteiger bekam ich 3.250 Euro brutto im Monat, weniger als meine Freunde "
        "in Düsseldorf.\n\n"
        "MDA verdienen im Einstieg rund 38.000 Euro im Jahr."
    )
    facts = salary_facts(text, "Medizininformatiker", "Attendorn")
    assert [(f.low, f.profession) for f in facts] == [
        (46000, None),
        (3250, None),
        (38000, "Medizinischer Dokumentationsassistent"),
    ]


def test_pay_there_after_a_sentence_naming_another_place_is_that_places():
    text = (
        "Ehrlich gesagt: Geh lieber nach Aachen. Am Uniklinikum dort bekommen "
        "Medizininformatiker mit Erfahrung 4.600 € brutto im Monat.\n\n"
        "In Kleve selbst liegt der Einstieg bei 3.300 € im Monat. Dort zahlt die Stadtklinik "
        "erfahrenen Kräften 4.100 € im Monat."
    )
    facts = salary_facts(text, "Medizininformatiker", "Kleve")
    assert [f.low for f in facts] == [3300, 4100]


def test_a_figure_denied_in_a_correction_is_no_fact():
    text = (
        "After about five years you're at roughly 58,500 € gross per year, not 72k.\n\n"
        "Statt der genannten 4.900 € sind es zum Einstieg 3.900 € im Monat.\n\n"
        "Als Teamleitung verdient man nicht mehr als 5.600 € im Monat."
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [f.low for f in facts] == [58500, 3900, 5600]


def test_a_forum_signature_heads_nothing():
    text = (
        "#3  mike  (Beiträge: 88)\n\nMit fünf Jahren Erfahrung sind es 58.500 € im Jahr.\n\n"
        "--\nMike – health data engineer, Sauerland by choice\n\n#4  anna  (Beiträge: 2)\n\n"
        "Bei uns sind es nach fünf Jahren eher 60.000 € brutto im Jahr."
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.low, f.profession) for f in facts] == [(58500, None), (60000, None)]


def test_a_table_whose_columns_are_the_levels_and_whose_stub_header_is_empty():
    from ingest.formats import from_markdown

    md = (
        "Gehälter in Kleve pro Jahr:\n\n| | Einstieg | nach 3 Jahren | Teamleitung |\n"
        "|---|---|---|---|\n| Jahresbrutto | 47.500 € | 53.200 € | 67.400 € |\n"
    )
    text = from_markdown(md.encode()).text
    assert [(f.level, f.low) for f in salary_facts(text, "Medizininformatiker")] == [
        ("entry", 47500),
        ("experienced", 53200),
        ("lead", 67400),
    ]


def test_a_markdown_heading_numbered_like_a_list_item_names_its_sections_occupation():
    src = extract(
        "ahlen.md",
        (
            "# Drei Berufe in Ahlen\n\n## 1. Medizininformatiker/in\n\n### Gehalt\n\n"
            "Zum Einstieg zahlen die Kliniken 3.650 € brutto im Monat.\n\n"
            "## 2. Fachinformatiker/in für Systemintegration\n\n### Gehalt\n\n"
            "Nach der Ausbildung zahlen die Kliniken 2.950 € brutto im Monat.\n"
        ).encode(),
        10**6,
    )
    facts = salary_facts(src.text, "Medizininformatiker", "Ahlen", src.headings)
    assert [(f.low, f.profession) for f in facts] == [
        (3650, None),
        (2950, "Fachinformatiker"),
    ]


def test_a_relocation_package_is_no_salary():
    text = (
        "Working in Monheim\n\nFor someone starting out, expect around EUR 3,700 gross per "
        "month.\n\n- Relocation: two of the start-ups offer a relocation package of up to "
        "€3,000.\n"
    )
    assert [(f.low, f.period) for f in salary_facts(text)] == [(3700, "month")]


@pytest.mark.parametrize(
    "text",
    [
        # a fact sheet's rows
        "Verdienst\n\nEinstiegsgehalt | 3.600 € / Monat\n\nVergleichsberuf | Fachinformatiker/in "
        "Systemintegration\n\nEinstieg | 3.100 € / Monat, brutto\n",
        # a profile's fields
        "EINSTIEG:          3.600 EUR BRUTTO/MONAT\n\nVERGLEICHSBERUF:   FACHINFORMATIKER/IN\n"
        "  EINSTIEG:        3.100 EUR BRUTTO/MONAT\n",
        # a nested list
        "- **Gehalt**\n  - Einstieg: ca. 3.600 € brutto/Monat\n  - Fachinformatiker (zum "
        "Vergleich)\n    - Einstieg: ca. 3.100 € brutto/Monat\n",
    ],
)
def test_a_label_line_naming_another_occupation_heads_the_figure_lines_under_it(text):
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.low, f.profession) for f in facts] == [(3600, None), (3100, "Fachinformatiker")]


def test_a_sentence_of_prose_naming_another_occupation_heads_nothing():
    text = (
        "- Zum Vergleich: Als MTR verdient man beim Einstieg hier etwas mehr, dafür ohne Bonus\n\n"
        "Nach etwa fünf Jahren im Beruf liegen die meisten zwischen 55.000 und 60.500 € im Jahr.\n"
    )
    assert [f.profession for f in salary_facts(text, "Medizininformatiker")] == [None]


def test_a_speakers_label_is_not_whose_pay_a_field_label_is():
    text = (
        "Anrufer: Und mit Erfahrung?\nBeraterin: Mit etwa fünf Jahren Berufserfahrung liegen die "
        "Jahresgehälter bei 56.500 Euro.\n\nPflegefachkraft: ca. 3.150 € brutto/Monat\n"
    )
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.low, f.profession) for f in facts] == [(56500, None), (3150, "Pflegekraft")]


def test_a_learners_pay_is_no_level_of_the_profession():
    # An apprentice's or a working student's pay, in a table row or in running text, is none
    # of the profession's levels; the figure after it in the same sentence still is.
    text = (
        "Vergütung in Soest\n\nStufe | pro Monat\n\n"
        "Auszubildende Fachinformatiker/in, 1. Ausbildungsjahr | 1.250 €\n\n"
        "Medizininformatiker/in, Berufseinstieg | 3.700 €\n\n"
        "Werkstudenten bekommen 1.400 € im Monat, Berufseinsteiger dagegen 3.650 € im Monat.\n"
    )
    assert [(f.level, f.low) for f in salary_facts(text)] == [("entry", 3700), ("entry", 3650)]


def test_a_table_row_of_unitless_figures_gives_each_column_its_rows_level():
    from ingest.formats import from_markdown

    md = (
        "Bruttojahresgehalt in Euro, nach Arbeitgeber:\n\n"
        "| Gruppe | Stufe | Klinik | Softwarehaus | Amt |\n|---|---|---|---|---|\n"
        "| Fachkraft | Einstieg (0 bis 2 Jahre) | 45.100 | 48.300 | 43.900 |\n"
        "| | Leitung | 64.200 | 70.500 | 61.800 |\n"
    )
    text = from_markdown(md.encode()).text
    facts = salary_facts(text, "Medizininformatiker")
    assert [(f.level, f.low, f.period) for f in facts] == [
        ("entry", 45100, "year"),
        ("entry", 48300, "year"),
        ("entry", 43900, "year"),
        ("lead", 64200, "year"),
        ("lead", 70500, "year"),
        ("lead", 61800, "year"),
    ]
