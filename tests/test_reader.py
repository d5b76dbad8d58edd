"""Reading texts as operators have them: any layout, format, encoding, city and profession."""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import pytest

from ingest.chunker import is_heading, parse
from ingest.extractor import salary_facts
from ingest.reader import SUPPORTED, UnreadableFile, check_bytes, discover, extract, read_text
from knowledge.sentences import sentence_spans

DATA = Path(__file__).parent / "data"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _squash(text: str) -> str:
    """Text without any whitespace: wrapping and extraction may move spaces and breaks."""
    return re.sub(r"\s+", "", text)


def _structure(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Title line and (kind, line) of every body line of a text in the corpus layout."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return lines[0], [("h" if is_heading(line) else "p", line) for line in lines[1:]]


def _sentences(text: str, max_chars: int = 650) -> list[str]:
    """Sentences of every chunk of a parsed text, whitespace squashed."""
    parsed = parse(text, max_chars)
    return [_squash(text[s:e]) for c in parsed.chunks for s, e in sentence_spans(c.text, c.start)]


@pytest.fixture(scope="module")
def originals(corpus_dir) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))}


def _wrapped(text: str) -> str:
    """The text hard-wrapped at 78 columns, paragraphs separated by blank lines."""
    title, body = _structure(text)
    return "\n\n".join(textwrap.fill(line, 78) for line in [title, *(b for _, b in body)]) + "\n"


def test_hard_wrapped_texts_keep_sentences_title_and_city(originals):
    for name, text in originals.items():
        wrapped = _wrapped(text)
        assert max(len(line) for line in wrapped.split("\n")) <= 78
        before, after = parse(text), parse(wrapped)
        assert (after.title, after.city, after.profession) == (
            before.title, before.city, before.profession
        ), name
        assert after.headline == before.headline
        assert _sentences(wrapped) == _sentences(text), name
        assert [c.paragraph for c in after.chunks][-1] == [c.paragraph for c in before.chunks][-1]
        for c in after.chunks:
            assert wrapped[c.start : c.end] == c.text
        # No sentence ends inside a quotation at a line break ('„überschaubar, …“' fragments).
        for s, e in (span for c in after.chunks for span in sentence_spans(c.text, c.start)):
            assert not wrapped[s:e].rstrip("“”\"").endswith(","), wrapped[s:e]


def test_corpus_titles_cities_and_profession(originals):
    for text in originals.values():
        parsed = parse(text)
        assert parsed.title == text.split("\n")[0].strip()
        assert parsed.city and parsed.title.endswith(parsed.city)
        assert parsed.profession == "Medizininformatiker"


def test_sample_texts_profession(samples_dir):
    for path in sorted(samples_dir.glob("*.txt")):
        assert parse(path.read_text(encoding="utf-8")).profession == "Medizininformatiker"


# Conversions of a corpus text (title, headings, paragraphs) to each format, as an export would.
def _to_md(text: str) -> bytes:
    title, body = _structure(text)
    lines = [f"# {title}", ""]
    for kind, line in body:
        lines += [f"## {line}" if kind == "h" else textwrap.fill(line, 70), ""]
    lines += ["| Stufe | Quelle |", "|---|---|", "| Einstieg | *Artikel* |", ""]
    return "\n".join(lines).encode("utf-8")


def _to_html(text: str) -> bytes:
    title, body = _structure(text)
    parts = [f"<h2>{html.escape(b)}</h2>" if k == "h" else f"<p>{html.escape(b)}</p>"
             for k, b in body]
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "</head><body><nav><a href='/'>Start</a> | <a href='/jobs'>Jobs</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{''.join(parts)}</article>"
        "<footer>Impressum · Datenschutz</footer></body></html>"
    )
    return page.encode("utf-8")


def _to_pdf(text: str) -> bytes:
    from fpdf import FPDF

    title, body = _structure(text)
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=16)
    pdf.multi_cell(0, 9, title)
    pdf.ln(4)
    for kind, line in body:
        pdf.set_font("DejaVu", size=13 if kind == "h" else 11)
        pdf.multi_cell(0, 6, line)
        pdf.ln(3)
    return bytes(pdf.output())


def _to_docx(text: str) -> bytes:
    import io

    import docx

    title, body = _structure(text)
    document = docx.Document()
    document.add_heading(title, level=1)
    for kind, line in body:
        if kind == "h":
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CONVERTERS = {".md": _to_md, ".html": _to_html, ".pdf": _to_pdf, ".docx": _to_docx}


@pytest.mark.parametrize("suffix", sorted(CONVERTERS))
def test_other_formats_give_the_same_city_and_salary_sentences(suffix, originals, tmp_path):
    if suffix == ".pdf" and not FONT.exists():
        pytest.fail(f"{FONT} missing: install Debian's fonts-dejavu-core")
    for name, text in originals.items():
        path = tmp_path / Path(name).with_suffix(suffix).name
        path.write_bytes(CONVERTERS[suffix](text))
        src = read_text(path, 10**7)
        assert src.format == suffix.lstrip(".")
        parsed = parse(src.text, 650, src.headings, src.meta)
        original = parse(text)
        assert parsed.city == original.city, (name, suffix)
        assert parsed.profession == "Medizininformatiker"
        assert parsed.chunks and all(src.text[c.start : c.end] == c.text for c in parsed.chunks)
        found = _squash(src.text)
        for fact in salary_facts(text):
            assert _squash(fact.sentence) in found, (suffix, fact.sentence)
        # Markup (or, in a PDF, layout) declares headings: they label the chunks.
        assert parsed.title == original.title
        assert {c.heading for c in parsed.chunks} <= {line for _, line in _structure(text)[1]}
        assert [(f.level, f.low, f.high) for f in salary_facts(src.text)] == [
            (f.level, f.low, f.high) for f in salary_facts(text)
        ]


def test_markdown_front_matter_emphasis_lists_and_tables(tmp_path):
    path = tmp_path / "notiz.md"
    path.write_text(
        "---\ncity: Mülheim an der Ruhr\nprofession: Pflegefachkraft\ntitle: Pflege im Revier\n"
        "---\n# Überblick\n\nDie **Kliniken** suchen *dringend* Personal,\nauch in "
        "[Essen](https://example.org).\n\n- Schichtdienst ist üblich.\n- Tarif nach TVöD.\n\n"
        "| Stufe | Gehalt |\n|---|---|\n| Einstieg | 3.300 € bis 3.700 € |\n",
        encoding="utf-8",
    )
    src = read_text(path, 10**6)
    assert src.meta == {
        "city": "Mülheim an der Ruhr", "profession": "Pflegefachkraft", "title": "Pflege im Revier"
    }
    assert "---" not in src.text and "*" not in src.text and "city:" not in src.text
    assert "Die Kliniken suchen dringend Personal, auch in Essen." in src.text
    assert "Stufe | Gehalt\n\nEinstieg | 3.300 € bis 3.700 €" in src.text
    assert [src.text[s:e] for s, e in src.headings] == ["Überblick"]
    parsed = parse(src.text, 650, src.headings, src.meta)
    assert (parsed.title, parsed.city, parsed.profession) == (
        "Pflege im Revier", "Mülheim an der Ruhr", "Pflegefachkraft"
    )
    assert {c.heading for c in parsed.chunks} == {"Überblick"}


def test_latin1_file_is_read_and_its_encoding_recorded():
    src = read_text(DATA / "latin1" / "herne.txt", 10**6)
    assert src.encoding in ("cp1252", "latin_1", "iso8859_15")
    assert "Überblick über Gehalt" in src.text
    parsed = parse(src.text, 650, src.headings, src.meta)
    assert (parsed.city, parsed.profession) == ("Herne", "Medizininformatiker")


def test_multi_word_cities(tmp_path):
    src = read_text(DATA / "multiword" / "bergisch-gladbach.txt", 10**6)
    assert parse(src.text).city == "Bergisch Gladbach"
    path = tmp_path / "mh.txt"
    path.write_text(
        "Pflegefachkraft: Arbeiten im Revier\n\nViele Pflegefachkräfte in Mülheim an der Ruhr "
        "arbeiten im Schichtdienst. Die Mülheimer Kliniken zahlen nach Tarif. Eine "
        "Pflegefachkraft pendelt selten nach Essen.\n",
        encoding="utf-8",
    )
    parsed = parse(read_text(path, 10**6).text)
    # The glossary's canonical name for the occupation ("Pflegefachkraft" -> "Pflegekraft").
    assert (parsed.city, parsed.profession) == ("Mülheim an der Ruhr", "Pflegekraft")


def test_professions_from_titles():
    for name, profession in (("bottrop-medizininformatiker", "Medizininformatiker"),
                             ("bottrop-pflegefachkraft", "Pflegekraft")):
        text = read_text(DATA / "professions" / f"{name}.txt", 10**6).text
        parsed = parse(text)
        assert (parsed.city, parsed.profession) == ("Bottrop", profession)
    field = parse("Berufsbild Medizininformatik in Bochum\n\nMedizininformatik verbindet "
                  "Medizin und IT. Medizininformatiker betreuen Kliniksysteme.\n")
    assert field.profession == "Medizininformatiker"


def test_crlf_and_bom_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        "\ufeffJobs in Dortmund\r\n\r\nErster Satz über Dortmund.\r\nZweite Zeile.\r\n".encode()
    )
    src = read_text(path, 10**6)
    assert src.encoding == "utf-8-sig"
    assert src.text == "Jobs in Dortmund\n\nErster Satz über Dortmund.\nZweite Zeile.\n"
    assert parse(src.text).city == "Dortmund"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        ("kaputt.txt", bytes(range(0x80, 0x100)) * 8, "no other text encoding fits"),
        ("leer.md", b"  \n\n", "empty file"),
        ("kaputt.pdf", b"%PDF-1.4\nnot really a pdf", "PDF"),
        ("kaputt.docx", b"PK\x03\x04 not a zip", ".docx"),
        ("tabelle.xlsx", b"irrelevant", "unsupported file type '.xlsx'"),
    ],
)
def test_unreadable_files_get_a_specific_reason(name, data, reason):
    with pytest.raises(UnreadableFile, match=re.escape(reason)):
        check_bytes(name, data, 10**6)


def test_check_bytes_reads_every_supported_format(originals):
    text = next(iter(originals.values()))
    for suffix, convert in CONVERTERS.items():
        assert "€" in check_bytes(f"upload{suffix}", convert(text), 10**7)
    assert set(SUPPORTED) >= {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}
    with pytest.raises(UnreadableFile, match="over the limit"):
        check_bytes("a.txt", b"x" * 11, 10)


def test_discover_skips_readme_and_hidden_files(tmp_path):
    for name in ("a.txt", "b.md", "README.md", ".hidden.txt", "c.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found, errors = discover([tmp_path, tmp_path / "missing"])
    assert [p.name for p in found] == ["a.txt", "b.md", "c.pdf"]
    assert len(errors) == 1


def test_small_xhtml_page_keeps_its_heading():
    page = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Jobs in Herne</title></head><body><h1>Pflege in Herne</h1>"
        "<p>Herne hat Kliniken. Man verdient 3.100 € bis 3.500 € im Monat.</p></body></html>"
    ).encode()
    text = check_bytes("seite.html", page, 10**6)
    assert text.startswith("Pflege in Herne\n\nHerne hat Kliniken. Man verdient 3.100 €")



def test_html_section_headings_are_kept_before_their_sections():
    # On this page trafilatura drops every <h2>; they tell what each section is about.
    path = Path(__file__).resolve().parents[1] / "bot/evaluation/sets/fresh/hamm.html"
    source = read_text(path, 10**6)
    headings = [source.text[s:e] for s, e in source.headings]
    assert headings[1:] == [
        "Aufgaben im Berufsalltag",
        "Arbeitszeit",
        "Atmosphäre im Team",
        "Weiterbildung",
        "Verdienst",
        "Hackathon und Hospitation",
    ]
    assert "Verdienst\n\nEinsteigerinnen und Einsteiger erhalten in Hamm" in source.text


def test_html_text_outside_the_main_content_is_kept():
    # A job portal's page: trafilatura takes the job cards for the main content and leaves out
    # the introduction above them, the only place that gives the market's figures.
    path = Path(__file__).resolve().parents[1] / "bot/evaluation/sets/towns/wesel.html"
    text = read_text(path, 10**6).text
    intro, first_card = text.index("27 offene Stellen"), text.index("Arbeitgeber:")
    assert text.index("Stellenangebote Medizininformatik in Wesel") < intro < first_card
    assert text.count("27 offene Stellen") == 1
    assert ("experienced", 55000, 61000, "year") in [
        (f.level, f.low, f.high, f.period) for f in salary_facts(text)
    ]


def test_pdf_bullet_lines_are_items_of_their_own(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    for line in (
        "Die Monatsgehälter liegen in diesen Spannen:",
        "• Einstieg: 3.200–3.600 € brutto/Monat",
        "• Mit Berufserfahrung: 3.900–4.400 € brutto/Monat",
    ):
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    text = check_bytes("brosch.pdf", bytes(pdf.output()), 10**6)
    assert "Spannen:\n\n• Einstieg: 3.200–3.600 € brutto/Monat\n\n• Mit Berufserfahrung" in text
    facts = salary_facts(text)
    assert [(f.level, f.low) for f in facts] == [("entry", 3200), ("experienced", 3900)]


def test_a_newsletter_is_about_the_occupation_it_keeps_naming():
    text = (
        "Hausnachrichten der Kliniken Lindenau, Ausgabe Mai\n\nDas Team Medizininformatik stellt "
        "sich vor. Unsere Medizininformatikerinnen betreuen das KIS. Neue Medizininformatiker "
        "arbeiten sich in drei Monaten ein. Die Ärztinnen schätzen das Team.\n"
    )
    assert parse(text).profession == "Medizininformatiker"


def test_a_small_town_in_the_title_that_the_text_names_again_is_its_city():
    text = (
        "Selm – kurze Notiz zur Medizininformatik\n\nSelm liegt im Kreis Unna. Das Hospital Selm "
        "beschäftigt in der IT auch Medizininformatiker, zum Einstieg für 3.200 € im Monat.\n"
    )
    assert parse(text).city == "Selm"


def test_a_list_inside_a_page_card_keeps_its_items():
    # A page built from <div> cards: trafilatura nests each card's list in its paragraph.
    path = Path(__file__).resolve().parents[1] / "bot/evaluation/sets/east/sprockhoevel.html"
    text = read_text(path, 10**6).text
    assert "Vollzeitstelle:\n\n• Berufseinstieg: ca. 45.600 € im Jahr\n\n• Mit Berufserf" in text
    assert "69.000 € im Jahr\n\nZum Vergleich:" in text
    facts = [(f.level, f.low, f.profession) for f in salary_facts(text, "Medizininformatiker")]
    assert facts[:3] == [
        ("entry", 45600, None), ("experienced", 57000, None), ("lead", 69000, None)
    ]


def test_an_occupation_in_the_line_under_a_title_is_the_documents():
    # A forum post: its first line names the board, the next the poster's job; the text names
    # the colleagues' occupation more often.
    path = Path(__file__).resolve().parents[1] / "bot/evaluation/sets/west/hemer.txt"
    parsed = parse(read_text(path, 10**6).text)
    assert (parsed.city, parsed.profession) == ("Hemer", "Medizininformatiker")


def test_a_job_pages_sidebar_definitions_are_kept_with_their_posting():
    # trafilatura leaves out <aside>; a <dl> there holds each posting's pay.
    def posting(title: str, pay: str) -> str:
        return (
            f"<article><h1>{title}</h1><p>Wir suchen Verstärkung für unser Team in Ratingen, "
            "zum nächstmöglichen Zeitpunkt und unbefristet in Vollzeit.</p><aside><dl>"
            f"<dt>Gehalt</dt><dd>{pay}</dd><dt>Standort</dt><dd>Ratingen</dd></dl></aside>"
            "<h3>Ihre Aufgaben</h3><ul><li>Sie betreuen das Krankenhausinformationssystem "
            "und die Schnittstellen.</li><li>Sie schulen die Anwenderinnen und Anwender.</li>"
            "</ul></article>"
        )

    page = (
        "<html><head><title>Jobs in Ratingen</title></head><body><main>"
        + posting("Medizininformatiker (m/w/d)", "52.000 – 58.000 € p.a.")
        + posting("Medizinische Technologin für Radiologie (m/w/d)", "3.350 € brutto im Monat")
        + "</main></body></html>"
    )
    text = check_bytes("jobs.html", page.encode(), 10**6)
    first, second = text.index("Gehalt | 52.000"), text.index("Gehalt | 3.350")
    assert text.index("Medizininformatiker (m/w/d)") < first < text.index("Ihre Aufgaben")
    assert text.index("Medizinische Technologin") < second < text.rindex("Ihre Aufgaben")


def test_a_pdf_table_reads_as_rows_of_cells(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.cell(0, 6, "Verdienst (brutto pro Monat)", new_x="LMARGIN", new_y="NEXT")
    for row in (("Stufe", "Medizininformatiker/in", "Dokumentationsassistenz"),
                ("Einstieg", "3.450 €", "2.850 €"),
                ("Berufserfahren (3–5 Jahre)", "4.150 €", "3.250 €")):
        for cell in row:
            pdf.cell(60, 8, cell)
        pdf.ln()
    pdf.cell(0, 6, "Die Werte sind gerundet, und sie gelten für eine volle Stelle.")
    text = check_bytes("folien.pdf", bytes(pdf.output()), 10**6)
    assert "\n\nStufe | Medizininformatiker/in | Dokumentationsassistenz\n\n" in text
    assert "\n\nEinstieg | 3.450 € | 2.850 €\n\nBerufserfahren (3–5 Jahre) | 4.150 €" in text
    assert "\n\nDie Werte sind gerundet, und sie gelten für eine volle Stelle." in text


def test_an_email_threads_quote_marks_are_taken_off():
    mail = (
        "Betreff: Re: Re: Fragen\n\nHallo Frau K.,\n\ngern.\n\n"
        "> Von: Jana\n> \n> > Gehalt: Für den Berufseinstieg können Sie mit rund\n"
        "> > 3.600 € brutto im Monat rechnen.\n> Danke!\n"
    )
    text = check_bytes("mail.txt", mail.encode(), 10**6)
    assert "Gehalt: Für den Berufseinstieg können Sie mit rund\n3.600 € brutto im Monat" in text
    assert [f.low for f in salary_facts(text, "Medizininformatiker")] == [3600]
    # Two quoted lines are no thread: the text stays as written.
    two = "Zitat:\n> Als Einsteiger kriegst du 3.250 €\n> im Monat\n\nStimmt."
    assert check_bytes("forum.txt", two.encode(), 10**6) == two


def test_a_nested_list_keeps_its_items_apart():
    page = (
        "<html><body><main><h1>Arbeiten in Haan</h1><p>Was Medizininformatikerinnen und "
        "Medizininformatiker in den Betrieben der Stadt Haan typischerweise tun:</p><ul>"
        "<li>Im Krankenhaus <ul><li>Pflege der elektronischen Patientenakte</li>"
        "<li>Anbindung medizinischer Geräte</li></ul></li><li>Beim Softwarehersteller <ul>"
        "<li>Testen neuer Versionen</li></ul></li></ul></main></body></html>"
    )
    text = extract("haan.html", page.encode(), 10**6).text
    assert (
        "• Im Krankenhaus\n\n• Pflege der elektronischen Patientenakte\n\n"
        "• Anbindung medizinischer Geräte\n\n• Beim Softwarehersteller\n\n"
        "• Testen neuer Versionen"
    ) in text


def test_job_cards_left_out_of_the_main_text_are_kept():
    # trafilatura takes the career page's last section for its content and drops the cards
    # above it; what the page marks as its main part is content all the same.
    path = Path(__file__).resolve().parents[1] / "bot/evaluation/sets/ems/warendorf.html"
    text = read_text(path, 10**6).text
    assert "Gehalt: 48.500 – 54.000 € brutto pro Jahr" in text
    assert "• Konfiguration von Formularen und Arbeitslisten für Stationen" in text
    assert "• 30 Urlaubstage plus freie Tage an Heiligabend und Silvester" in text
    assert "Standort: Warendorf Vollzeit/Teilzeit" in text  # spans apart, not run together
    assert "Jetzt bewerben" not in text  # a link is no content


def test_minutes_are_about_the_occupation_named_throughout_not_in_one_item():
    # One item discusses the nurses' pay and names them more often than any other occupation;
    # the Medizininformatiker are named in most items.
    text = (
        "Protokoll des Arbeitskreises Gesundheits-IT Lippstadt\n\n"
        "TOP 1 Begrüßung\n\nTimo Rasche, Medizininformatiker, führt das Protokoll.\n\n"
        "TOP 2 Vergütung\n\nIn der Medizininformatik liegt der Einstieg bei 3.650 € im Monat.\n\n"
        "TOP 3 Stellen\n\nEs sind 14 Stellen in der Medizininformatik offen.\n\n"
        "TOP 4 Pflege\n\nPflegefachkräfte testen neue Formulare. Pflegefachkräfte erhalten "
        "3.480 €. Die Pflegefachkräfte sind zufrieden. Pflegefachkräfte lernen schnell.\n"
    )
    src = extract("lippstadt.md", text.replace("TOP", "## TOP").encode(), 10**6)
    parsed = parse(src.text, headings=src.headings)
    assert (parsed.city, parsed.profession) == ("Lippstadt", "Medizininformatiker")
    # Without headings to tell the items apart, the count decides.
    lines = [line for line in text.splitlines()[1:] if line and not line.startswith("TOP")]
    one = f"{text.splitlines()[0]}\n\n{' '.join(lines)}\n"
    assert parse(one).profession == "Pflegekraft"


def test_the_occupation_someone_works_as_and_not_a_speakers_label_is_the_documents():
    radio = (
        "RADIO SIEGBRIDGE, the English-language hour\n\nHOST: My guest works as a "
        '"Medizininformatiker" here in Troisdorf. Welcome! GUEST: I am the person between the '
        "doctors and the computers. HOST: And the doctors? GUEST: They like us. As a "
        "Medizininformatiker I earn about 3,800 euros a month.\n"
    )
    assert parse(radio).profession == "Medizininformatiker"
    hotline = (
        "Transkript Karrieretelefon Lemgo\nMitschnitt vom 12. März, Beraterin: Frau Brinkmann\n\n"
        "Anrufer: Was verdient man in der Medizininformatik?\nBeraterin: Rund 44.000 Euro.\n"
        "Anrufer: Und später?\nBeraterin: In der Medizininformatik eher 56.500 Euro.\n"
    )
    assert parse(hotline).profession == "Medizininformatiker"


def test_a_field_label_names_the_city_of_a_text_in_capitals():
    text = "BERUFSPROFIL: MEDIZININFORMATIKER/IN\nORT:         MECHERNICH\nSTAND:       03/2024\n"
    assert parse(text).city == "Mechernich"
