"""A table row is read with its column names: embedded with them, quoted under its header."""

from __future__ import annotations

from pathlib import Path

from ingest.passages import to_documents
from ingest.reader import read_text
from knowledge.tables import cells, headers, labelled

TABLE = (
    "Arbeitszeit nach Arbeitgeber\n\n"
    "Arbeitgeber | Art | Wochenstunden | Urlaubstage\n\n"
    "Kreisklinik Nord | Krankenhaus | 38,5 | 30\n\n"
    "Laborverbund Süd | Labor | 40 | 28\n\n"
    "Die Werte gelten für Vollzeitstellen.\n\n"
    "Jahr | Stellen | Kliniken\n"
    "2023 | 17 | 9\n"
    "2024 | 8\n"
)


def test_each_row_under_a_header_knows_its_header_and_a_line_of_text_ends_the_table():
    under = headers(TABLE)
    first = TABLE.index("Kreisklinik")
    at, header = under[first]
    assert header == "Arbeitgeber | Art | Wochenstunden | Urlaubstage"
    assert TABLE[at : at + len(header)] == header
    assert under[TABLE.index("Laborverbund")] == (at, header)
    # The second table has its own header; a row with another number of cells has none.
    assert under[TABLE.index("2023")][1] == "Jahr | Stellen | Kliniken"
    assert TABLE.index("2024") not in under
    assert at not in under  # a header is no row under itself


def test_a_table_of_labels_and_values_has_no_header():
    # Its first row is data: "Standort: Urlaub; Siegburg: 30 Tage" would be wrong.
    assert headers("Standort | Siegburg\nUrlaub | 30 Tage\nGehalt | 3.450 € im Monat\n") == {}
    # A first row with a figure or a long cell is data too.
    assert headers("Kurs | Dauer | Kosten\nFHIR | 5 Tage | 1.450 €\n")
    assert not headers("2023 | 17 | 9\n2024 | 8 | 5\n")
    long = "Arbeitgeber | Kreisklinikum an der Sieg und das Labor am Markt | Klinik\na | b | c\n"
    assert not headers(long)


def test_a_row_is_labelled_cell_by_cell_whatever_its_separator():
    assert cells("| a | b |") == ["a", "b"]
    assert cells("Stufe;Monat") == ["Stufe", "Monat"] == cells("Stufe\tMonat")
    row = labelled("Arbeitgeber | Art | Stunden", "Kreisklinik Nord | Klinik | 38,5")
    assert row == "Arbeitgeber: Kreisklinik Nord; Art: Klinik; Stunden: 38,5"
    assert labelled("Stufe;Brutto", "Einstieg;3.650 €") == "Stufe: Einstieg; Brutto: 3.650 €"
    assert labelled("a | b", "x | y | z") == "x | y | z"


def test_a_rows_sentence_record_embeds_its_column_names_and_quotes_the_row(tmp_path: Path):
    path = tmp_path / "hamm.md"
    path.write_text(
        "# Medizininformatik in Hamm\n\n"
        "| Arbeitgeber | Wochenstunden | Urlaubstage |\n|---|---|---|\n"
        "| Kreisklinik Nord | 38,5 | 30 |\n",
        encoding="utf-8",
    )
    src = read_text(path, 10**6)
    docs = [d for d in to_documents(src, 1024)[0] if d.metadata["kind"] == "sentence"]
    row = next(d for d in docs if "38,5" in d.metadata["quote"])
    assert row.metadata["quote"] == "Kreisklinik Nord | 38,5 | 30"
    assert src.text[row.metadata["start"] : row.metadata["end"]] == row.metadata["quote"]
    assert "Arbeitgeber: Kreisklinik Nord; Wochenstunden: 38,5; Urlaubstage: 30" in (
        row.page_content
    )


def test_a_quoted_row_comes_with_its_header_once():
    from bot.answering.evidence import Sentence
    from bot.answering.quotes import with_headers

    def quote(text):
        at = TABLE.index(text)
        return Sentence("a.md", "T", "Hamm", text, at, at + len(text), {})

    rows = [
        quote("Kreisklinik Nord | Krankenhaus | 38,5 | 30"),
        quote("Laborverbund Süd | Labor | 40 | 28"),
    ]
    got = with_headers(rows, lambda source: TABLE)
    assert [q.text for q in got] == [
        "Arbeitgeber | Art | Wochenstunden | Urlaubstage",
        *(r.text for r in rows),
    ]
    assert all(TABLE[q.start : q.end] == q.text for q in got)
    # Already quoted, or no table: nothing is added; a text that is not the one cited neither.
    assert with_headers(got, lambda source: TABLE) == got
    prose = [quote("Die Werte gelten für Vollzeitstellen.")]
    assert with_headers(prose, lambda source: TABLE) == prose
    assert with_headers(rows, lambda source: "another text") == rows
    assert with_headers(rows, None) == rows
