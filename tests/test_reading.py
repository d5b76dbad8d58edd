"""How texts of layouts met late are read: whose pay, which level, which city and occupation."""

from __future__ import annotations

from ingest.chunker import parse
from ingest.extractor import salary_facts
from knowledge.occupations import mentions
from knowledge.placement import document_city
from knowledge.professions import document_profession

MI = "Medizininformatiker"


def _facts(text: str, city: str | None = None) -> list[tuple]:
    return [(f.level, f.low, f.profession) for f in salary_facts(text, MI, city)]


def _read_page(tmp_path, body: str):
    """A web page of body read as the indexer reads it."""
    from ingest.reader import read_text

    page = tmp_path / "page.html"
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return read_text(page, 10**6)


def test_figures_the_text_calls_out_of_date_are_no_pay():
    text = (
        "(2) Berufseinsteiger erhalten 3.712 Euro im Monat.\n\n"
        "(5) Bis 2023 galten folgende, heute überholte Monatsbeträge: Einstieg 3.390 Euro, "
        "mit Erfahrung 4.310 Euro."
    )
    assert _facts(text) == [("entry", 3712, None)]


def test_figures_under_a_heading_that_calls_them_out_of_date_are_no_pay():
    text = (
        "# Berufsinfo Musterstadt\n\n## Neue Zahlen 2026\n\nEinstieg: 3.610 € brutto im Monat.\n\n"
        "## Gehalt (Stand 2022, nicht mehr gültig)\n\nEinstieg ca. 3.020 € brutto im Monat.\n\n"
        "## Teamleitung\n\nLeitende verdienen 5.400 € brutto im Monat."
    )
    assert [(lvl, low) for lvl, low, _ in _facts(text)] == [("entry", 3610), ("lead", 5400)]


def test_a_transcripts_opening_states_its_occupation_it_is_no_title_hook():
    opening = (
        "hallo hier ist der tom du wolltest ja wissen wie das so ist als medizininformatiker "
        "hier in musterstadt also ich erzähl dir das einfach mal ich bin seit vier jahren in "
        "der it vom klinikum und davor war ich an der uni"
    )
    text = (
        f"{opening}\n\nmein bruder ist pflegekraft und die pflegekräfte haben viele nachtdienste "
        "\n\nich betreue vor allem das kis und baue auswertungen"
    )
    assert document_profession(opening, text) == MI


def test_an_occupation_named_far_after_a_figure_in_a_run_on_transcript_is_not_whose_pay():
    text = (
        "also zum geld am anfang hatte ich so 3400 brutto im monat und das ist glaub ich auch "
        "heute noch so das was die den leuten zahlen ähm mein mitbewohner der ist pflegekraft "
        "auf station der kriegt so 3100 brutto im monat"
    )
    assert [(low, who) for _, low, who in _facts(text)] == [(3400, None), (3100, "Pflegekraft")]


def test_a_job_ads_title_names_the_level_of_its_pay(tmp_path):
    read = _read_page(
        tmp_path,
        "<h1>Karriere im Klinikum</h1>"
        "<h2>Medizininformatiker*in (Junior) – Anwendungen</h2><p>Standort: Musterstadt</p>"
        "<p>Gehalt: 47.000 – 52.000 € brutto pro Jahr</p>"
        "<h2>Senior Medizininformatiker*in – Schnittstellen</h2><p>Standort: Musterstadt</p>"
        "<p>Gehalt: 61.000 – 69.000 € brutto pro Jahr</p>",
    )
    facts = salary_facts(read.text, MI, None, read.headings)
    assert [(f.level, f.low) for f in facts] == [("entry", 47000), ("experienced", 61000)]


def test_a_key_figures_caption_says_what_it_counts(tmp_path):
    read = _read_page(
        tmp_path,
        "<h1>Pflegefachkraft in Musterstadt</h1><h2>Verdienst</h2>"
        "<figure><p><strong>41.000 Euro</strong> brutto im Jahr</p><figcaption>Gehalt zum "
        "Berufsstart.</figcaption></figure><figure><p><strong>49.500 Euro</strong> brutto im "
        "Jahr</p><figcaption>Nach fünf Jahren im Beruf.</figcaption></figure>"
        "<figure><img src='team.jpg' alt='Team'><figcaption>Das Team. Foto: Stadt</figcaption>"
        "</figure><p>Die Stadt hat zwei Kliniken und sucht Fachkräfte für die Pflege.</p>",
    )
    assert "Gehalt zum Berufsstart: 41.000 Euro brutto im Jahr" in read.text
    assert "Foto" not in read.text  # a photo's caption is no content
    facts = salary_facts(read.text, "Pflegefachkraft", None, read.headings)
    assert [(f.level, f.low) for f in facts] == [("entry", 41000), ("experienced", 49500)]


def test_a_fields_label_names_the_level_of_its_figures():
    text = (
        "• Entry level (band 1, up to 3 years of experience): EUR 47,400 per year, i.e. EUR "
        "3,950 per month\n\n• Experienced (band 2, from 4 years of experience): EUR 57,600 per year"
    )
    assert [(lvl, low) for lvl, low, _ in _facts(text)] == [
        ("entry", 47400),
        ("entry", 3950),
        ("experienced", 57600),
    ]
    # A level word of the figure's own after the label still counts.
    text = "Zum Einstieg gilt: 3.400 € im Monat, nach fünf Jahren Erfahrung 4.100 € im Monat."
    assert [(lvl, low) for lvl, low, _ in _facts(text)] == [
        ("entry", 3400),
        ("experienced", 4100),
    ]


def test_dot_leaders_join_each_label_to_its_figure():
    text = (
        "Angaben in Euro brutto.\n\n"
        "  Medizininformatiker/in, Berufseinstieg ........... 3.240 Euro im Monat\n"
        "  Medizininformatiker/in, ab 5 Jahren Erfahrung .... 4.150 Euro im Monat\n\n"
        "  Fachinformatiker/in, nach der Ausbildung ......... 2.950 Euro im Monat\n"
        "  Fachinformatiker/in, mit Berufserfahrung ......... 3.570 Euro im Monat\n"
    )
    assert _facts(text) == [
        ("entry", 3240, None),
        ("experienced", 4150, None),
        ("entry", 2950, "Fachinformatiker"),
        ("experienced", 3570, "Fachinformatiker"),
    ]


def test_starting_pay_told_as_a_story_is_entry_pay():
    text = (
        "Teamleitungen kommen auf 5.600 Euro im Monat.\n\n"
        "„Ich habe vor zwei Jahren mit 3.550 Euro im Monat angefangen.“"
    )
    assert _facts(text) == [("lead", 5600, None), ("entry", 3550, None)]


def test_another_citys_column_and_its_adjective_are_not_the_documents_pay():
    text = (
        "In Köln zahlen Kliniken mehr. Mit Erfahrung kommen Kölner Fachkräfte auf 61.000 € "
        "im Jahr.\n\nIn Wermelskirchen erreichen erfahrene Kräfte rund 55.800 € im Jahr.\n\n"
        "| Köln | Wermelskirchen\n\nEinstiegsgehalt (brutto/Jahr) | 48.200 € | 44.500 €\n"
    )
    assert [low for _, low, _ in _facts(text, "Wermelskirchen")] == [55800, 44500]


def test_a_role_given_as_an_example_is_not_whose_pay():
    text = (
        "Mit Erfahrung 4.380 € / Monat brutto ab etwa fünf Jahren Berufspraxis, zum Beispiel "
        "als Administratorin des Krankenhausinformationssystems."
    )
    assert _facts(text) == [("experienced", 4380, None)]


def test_an_occupation_written_with_a_hyphen_is_the_same():
    assert [m.name for m in mentions("Arbeiten als Medizin-Informatikerin")] == [MI]
    assert [m.name for m in mentions("Eine Pflege-Fachkraft verdient")] == ["Pflegekraft"]
    assert mentions("Senior-Berater") == []  # no head read off a hyphenated role


def test_a_title_hook_the_text_never_names_again_is_not_its_occupation():
    text = (
        "Gesucht: Brückenbauer zwischen Medizin und IT\n\n"
        "Medizininformatikerinnen sind gefragt. Was Medizininformatiker verdienen, steht "
        "unten. Die Medizininformatik wächst."
    )
    assert document_profession("Gesucht: Brückenbauer zwischen Medizin und IT", text) == MI


def test_a_place_named_only_as_an_adjective_in_the_title_yields_to_the_texts():
    title = "Gesucht: Fachleute | Tecklenburger Land Kurier"
    text = "Im Raum Ibbenbüren gibt es 23 Stellen. In Ibbenbüren zahlt das Klinikum nach Tarif."
    assert document_city(title, text) == "Ibbenbüren"  # spelt as written, not "Ibbenbueren"
    assert document_city("Jobs bei Dortmunder Kliniken", "In Dortmund gibt es Stellen.") == (
        "Dortmund"
    )


def test_an_e_mails_subject_is_its_title():
    text = (
        "Von: Sabine Krüger <s.krueger@example.org>\nAn: Jonas Berg <jonas@example.org>\n"
        "Betreff: AW: Ihre Fragen zur Stelle Medizininformatiker/in in Radevormwald\n"
        "Datum: Dienstag, 11:42\n\nHallo Herr Berg,\n\nMit einem Bachelor in Medizininformatik "
        "beginnen Sie bei uns mit 3.380 € im Monat. Ärztinnen und Ärzte schulen Sie.\n"
    )
    parsed = parse(text)
    assert parsed.title == "Ihre Fragen zur Stelle Medizininformatiker/in in Radevormwald"
    assert parsed.profession == MI
    assert parsed.city == "Radevormwald"


def test_an_english_possessive_names_a_place_not_an_occupation_asked_about():
    assert mentions("How many doctors' offices receive lab results in Greven?") == []
    assert mentions("IT for the group of doctors’ practices in Sundern") == []
    assert [m.name for m in mentions("What is the nurses' pay in Brilon?")] == ["Pflegekraft"]
    assert [m.name for m in mentions("What are nurses' shifts like?")] == ["Pflegekraft"]


def test_an_occupation_typed_as_two_words_is_one():
    assert [m.name for m in mentions("gehalt medizin informatiker schmallenberg")] == [MI]
    assert mentions("Werne at a glance") == []  # "at a" spells no acronym form


def test_a_figure_with_a_footnote_mark_is_read():
    text = (
        "Arbeitgeber | Stufe | Monatsgehalt brutto (EUR)\n\n"
        "Klinikum | Einstieg | 3.620*\n\nKlinikum | Berufserfahren | 4.490*\n\n"
        "* inkl. Schichtzulage"
    )
    assert _facts(text) == [("entry", 3620, None), ("experienced", 4490, None)]


def test_the_title_opens_no_section_of_another_occupation():
    text = (
        "Gesucht: Brückenbauer zwischen Medizin und IT\n\n"
        "Das Einstiegsgehalt liegt bei rund 48.500 Euro brutto im Jahr.\n\n"
        "Pflegefachkräfte\n\nSie verdienen zum Einstieg etwa 44.000 Euro im Jahr."
    )
    assert _facts(text) == [("entry", 48500, None), ("entry", 44000, "Pflegekraft")]


def test_bare_figures_under_a_euro_column_are_read():
    text = (
        "Beruf | Stufe | Gehalt (€/Monat) | Berufsjahre\n\n"
        "Medizininformatiker/in | Einstieg | 3380 | 0–2\n\n"
        "Fachinformatiker/in Systemintegration | Einstieg | 2870 | 0–2\n"
    )
    assert _facts(text) == [("entry", 3380, None), ("entry", 2870, "Fachinformatiker")]


def test_a_range_of_thousands_with_signs_is_one_range():
    from ingest.amounts import amounts

    row = "Junior (0–2 years) | €52k – €60k per year"
    assert [(low, high, row[a:b]) for low, high, a, b in amounts(row, True)] == [
        (52000, 60000, "52k – €60k")
    ]


def test_an_alleged_figure_is_no_pay():
    text = "Angeblich 4.800 Euro – in Wahrheit eher 3.900 Euro brutto im Monat zum Einstieg."
    assert _facts(text) == [("entry", 3900, None)]


def test_a_later_occupation_in_another_part_of_a_run_on_line_is_not_whose_pay():
    text = (
        "TL;DR: Einstieg ca. 3.300 € brutto/Monat · mit Erfahrung ca. 4.150 € · "
        "Fachinformatiker:innen ab 2.950 €"
    )
    assert [(lvl, low, who) for lvl, low, who in _facts(text)][:2] == [
        ("entry", 3300, None),
        ("experienced", 4150, None),
    ]


def test_an_html_table_inside_markdown_reads_as_rows():
    from ingest.formats import from_markdown

    md = (
        "# Gehalt\n\n<table>\n  <tr><th>Stufe</th><th>Medizininformatiker/in</th></tr>\n"
        "  <tr><td>Berufseinstieg</td><td>3.650 € im Monat</td></tr>\n</table>\n\n"
        "<details><summary>Weiterbildung</summary>Kurse &amp; Zertifikate<br>vor Ort</details>\n"
    )
    text = from_markdown(md.encode()).text
    assert "Stufe | Medizininformatiker/in\n\nBerufseinstieg | 3.650 € im Monat" in text
    assert "Kurse & Zertifikate\n\nvor Ort" in text


def test_a_text_in_small_letters_is_not_about_a_town_named_like_a_word():
    text = (
        "ja hallo wie das so ist hier in hilchenbach weil du gefragt hast also weil ich "
        "das mag und weil es gut ist, und davor war ich in kreuztal"
    )
    assert document_city("ja hallo", text) == "Hilchenbach"


def test_a_word_hyphenated_at_a_pdf_line_end_is_whole_again():
    from ingest.office import _dehyphenated

    assert _dehyphenated(["eines länd-", "lich geprägten Kreises in der Krankenhaus-", "IT"]) == (
        "eines ländlich geprägten Kreises in der Krankenhaus-IT"
    )


def test_a_section_on_another_occupation_carries_it_in_its_records(tmp_path):
    from ingest.passages import to_documents
    from ingest.reader import read_text

    path = tmp_path / "baesweiler.md"
    path.write_text(
        "# Arbeiten im Gesundheitswesen in Baesweiler\n\n## Pflegefachkraft in Baesweiler\n\n"
        "Pflegefachkräfte betreuen die Bewohner. Eine Pflegefachkraft verdient 3.310 € im Monat."
        "\n\n### Aufgaben\n\nDie Pflegekräfte dokumentieren jede Schicht.\n\n"
        "## Medizininformatik in Baesweiler\n\nMedizininformatikerinnen führen die "
        "Pflegedokumentation ein. Medizininformatiker verdienen 44.200 € im Jahr.\n\n"
        "## Einschätzung der Beraterin\n\nDie Stellen sind selten.\n",
        encoding="utf-8",
    )
    docs, parsed = to_documents(read_text(path, 10**6), 650)
    assert parsed.profession == "Pflegekraft"
    by_heading = {d.metadata["heading"]: d.metadata["profession"] for d in docs}
    assert by_heading["Medizininformatik in Baesweiler"] == MI
    assert by_heading["Aufgaben"] == "Pflegekraft"
    assert by_heading["Einschätzung der Beraterin"] == "Pflegekraft"  # who writes, named once


def test_a_justified_pdf_line_is_prose_not_a_table_row():
    from ingest.office import _justified

    lines = [
        (
            820.0 - 12 * k,
            10.0,
            f"Zeile {k} eines Fließtextes, der über die ganze Breite der Seite geht.",
        )
        for k in range(8)
    ] + [
        (700.0, 10.0, "Gerade weil die Wege weit sind, setzen die Einrichtungen auf Fachleute für"),
        (688.0, 10.0, "Informationstechnik. | Diese | Berufsinformation | fasst"),
        (676.0, 10.0, "zusammen, was Medizininformatiker erwartet: Verdienst und Aufgaben."),
        (640.0, 10.0, "Anhang A: Gehaltstabelle für die Medizininformatik, gültig ab April 2025"),
        (620.0, 10.0, "Stufe | Beschreibung | Jahresbrutto"),
        (608.0, 10.0, "Stufe 1 | Einstieg | 48.000 EUR"),
    ]
    texts = [t for _, _, t in _justified(lines)][8:]
    assert texts[1] == "Informationstechnik. Diese Berufsinformation fasst"
    assert texts[4:] == ["Stufe | Beschreibung | Jahresbrutto", "Stufe 1 | Einstieg | 48.000 EUR"]
    # Too few lines of prose to tell how wide they run: the rows stay rows.
    assert [t for _, _, t in _justified(lines[8:])] == [t for _, _, t in lines[8:]]


def test_a_job_postings_town_in_its_title_and_once_in_its_text_is_its_city():
    title = "Medizininformatiker/in (m/w/d) – Kreisklinikum Marsberg"
    text = "Wer wir sind\n\nDas Kreisklinikum Marsberg ist ein Haus mit 200 Betten. Wir suchen Sie."
    assert document_city(title, text) == "Marsberg"
    # Named in the title only, a town may be the poster's seat, not the text's subject.
    assert document_city(title, text.replace(" Marsberg", "")) is None


def test_euros_in_small_letters_and_a_footnote_mark_after_the_unit_are_pay():
    text = (
        "• Berufseinstieg (0 bis 2 Jahre): 49.500 Euro¹\n\n"
        "• Mit Berufserfahrung (ab 5 Jahren): 61.000 Euro²\n\n"
        "¹ Median der Umfrage."
    )
    assert [(lvl, low) for lvl, low, _ in _facts(text)] == [
        ("entry", 49500),
        ("experienced", 61000),
    ]
    rows = "Level | Annual gross pay\n\nEntry level (0–2 years) | 48,000 euros"
    assert [(lvl, low) for lvl, low, _ in _facts(rows)] == [("entry", 48000)]


def test_an_occupations_acronym_in_brackets_names_whose_pay_it_is():
    text = "For comparison, radiology technologists (MTR) here start at 44,000 euros per year."
    assert _facts(text) == [("entry", 44000, "Medizinischer Technologe")]
    # A bracket of other words is an aside: "(vier Entwickler)" names no payee.
    aside = "Ich bin Teamleiter (vier Entwickler) und komme auf 61.000 Euro im Jahr."
    assert [who for _, _, who in _facts(aside)] == [None]


def test_a_figure_naming_no_one_goes_on_with_the_paragraphs_occupation():
    text = (
        "Eine Pflegefachkraft verdient bei uns zum Start rund 3.350 Euro brutto im Monat. "
        "Zulagen kommen dazu. Mit Berufserfahrung sind es etwa 4.100 Euro im Monat.\n\n"
        "Medizininformatiker beginnen mit 3.600 Euro im Monat. Später sind es 4.300 Euro."
    )
    assert [(low, who) for _, low, who in _facts(text)] == [
        (3350, "Pflegekraft"),
        (4100, "Pflegekraft"),
        (3600, None),
        (4300, None),
    ]


def test_an_faq_accordions_questions_head_their_answers(tmp_path):
    answers = [
        "Ja, in den meisten Betrieben ist mobiles Arbeiten an zwei Tagen pro Woche üblich, in "
        "den Softwarefirmen teilweise noch mehr, im Krankenhaus bei Projekten weniger.",
        "Üblich sind 30 Tage Urlaub im Jahr, einige Firmen geben zusätzlich den 24. und den 31. "
        "Dezember frei, wie es in der Region viele Arbeitgeber tun.",
    ]
    read = _read_page(
        tmp_path,
        "<h1>Häufige Fragen zur Medizininformatik</h1>"
        f"<details><summary>Kann ich im Homeoffice arbeiten?</summary><p>{answers[0]}</p>"
        f"</details><details><summary>Wie viel Urlaub gibt es?</summary><p>{answers[1]}</p>"
        "</details>",
    )
    assert f"Kann ich im Homeoffice arbeiten?\n\n{answers[0]}" in read.text
    assert "Wie viel Urlaub gibt es?" in [read.text[s:e] for s, e in read.headings]
