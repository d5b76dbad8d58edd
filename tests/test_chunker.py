"""Chunking: sentence-bounded passages with exact offsets, and the city of each document."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from bot.factory import build_knowledge
from ingest.chunker import is_heading, parse
from ingest.reader import read_text, source_name
from knowledge.cities import cities_in, document_city
from knowledge.sentences import sentence_spans

CHUNK_CHARS = 650
METADATA_KEYS = {"source", "title", "city", "heading", "paragraph", "chunk", "start", "end"}
CORPUS_CITIES = {"Bochum", "Dortmund", "Duisburg", "Gelsenkirchen", "Wuppertal"}


def _texts(folder):
    return {p: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def _paragraph_spans(text):
    """(start, end) of every body line that is not a heading, as the corpus format defines."""
    spans, pos = [], 0
    for i, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if i > 0 and line and not is_heading(line):
            lead = len(raw) - len(raw.lstrip())
            spans.append((pos + lead, pos + lead + len(line)))
        pos += len(raw) + 1
    return spans


def _check_chunks(text, chunks, max_chars):
    """Every chunk is a verbatim, sentence-bounded slice of one paragraph, within max_chars,
    and the chunks of a paragraph cover all of its sentences in order."""
    paragraphs = _paragraph_spans(text)
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
    for path, text in documents.items():
        parsed = parse(text, CHUNK_CHARS)
        assert len(parsed.chunks) >= 5, path
        _check_chunks(text, parsed.chunks, CHUNK_CHARS)


def test_long_paragraphs_are_split_and_smaller_limits_hold(documents):
    split_somewhere = False
    for text in documents.values():
        for limit in (200, 400):
            parsed = parse(text, limit)
            _check_chunks(text, parsed.chunks, limit)
            split_somewhere |= len(parsed.chunks) > len(_paragraph_spans(text))
    assert split_somewhere


def test_headings_label_the_chunks_that_follow_them(documents):
    for text in documents.values():
        parsed = parse(text, CHUNK_CHARS)
        title_and_body = [line.strip() for line in text.split("\n") if line.strip()]
        for c in parsed.chunks:
            assert c.heading in title_and_body[1:]
            # The heading is the closest heading line before the chunk.
            before = [line.strip() for line in text[: c.start].split("\n")[1:] if line.strip()]
            assert c.heading == ([line for line in before if is_heading(line)] or [""])[-1]


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
    found = {parse(t).city for t in _texts(corpus_dir).values()}
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
    kb = build_knowledge(settings)
    ids, texts, metas = kb.chunks()
    files = {source_name(p): p for p in folder.glob("*.txt")}
    assert len(ids) == len(set(ids)) and len(ids) > 30
    assert {m["source"] for m in metas} == set(files)
    counts = defaultdict(int)
    for chunk_text, meta in zip(texts, metas, strict=True):
        assert METADATA_KEYS <= set(meta)
        disk = read_text(files[meta["source"]], 10**6).text
        assert kb.document(meta["source"])["text"] == disk
        assert disk[meta["start"] : meta["end"]] == chunk_text
        assert len(chunk_text) <= settings.chunk_chars
        assert meta["title"] == disk.split("\n")[0].strip()
        assert meta["city"] in CORPUS_CITIES and meta["title"].endswith(meta["city"])
        counts[meta["source"]] += 1
    for source, path in files.items():
        parsed = parse(read_text(path, 10**6).text, settings.chunk_chars)
        assert counts[source] == len(parsed.chunks) == kb.document(source)["chunks"]
        assert {m["chunk"] for m in metas if m["source"] == source} == set(range(counts[source]))


WRAPPED = (
    "Pflegefachkraft in Bergisch Gladbach\n\n"
    "Arbeitsmarkt\n\n"
    "Die Kliniken in Bergisch Gladbach suchen Pflegefachkräfte. Sie sagen, die Lage\n"
    "sei „überschaubar, wirklich viel Luft nach oben ist in den meisten Kliniken erst,\n"
    "wenn die Digitalisierung kommt“. Eine Pflegefachkraft verdient zum Einstieg\n"
    "3.000 € bis 3.400 € brutto.\n\n"
    "Aufgaben und Alltag\n\n"
    "Eine Pflegefachkraft versorgt Patienten und dokumentiert die Pflege am\n"
    "Tablet. Der Alltag ist dicht, aber planbar.\n"
)


def test_wrapped_paragraphs_headings_and_sentences():
    parsed = parse(WRAPPED, 650)
    assert (parsed.title, parsed.city, parsed.profession) == (
        "Pflegefachkraft in Bergisch Gladbach", "Bergisch Gladbach", "Pflegefachkraft"
    )
    assert [(c.paragraph, c.heading) for c in parsed.chunks] == [
        (1, "Arbeitsmarkt"), (2, "Aufgaben und Alltag")
    ]
    first = parsed.chunks[0]
    assert "\n" in first.text and WRAPPED[first.start : first.end] == first.text
    sentences = [" ".join(WRAPPED[s:e].split()) for s, e in sentence_spans(first.text, first.start)]
    assert sentences[1].startswith("Sie sagen, die Lage sei „überschaubar")
    assert sentences[1].endswith("wenn die Digitalisierung kommt“.")
    assert sentences[2] == "Eine Pflegefachkraft verdient zum Einstieg 3.000 € bis 3.400 € brutto."
    for limit in (80, 120):
        for c in parse(WRAPPED, limit).chunks:
            assert WRAPPED[c.start : c.end] == c.text and len(c.text) <= limit


def test_a_blank_line_ends_a_sentence_and_a_single_break_does_not():
    text = "Ein Satz ohne Punkt\n\nNeuer Absatz beginnt\nund endet hier."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Ein Satz ohne Punkt", "Neuer Absatz beginnt\nund endet hier."
    ]


def test_declared_headings_and_meta_win_over_layout():
    text = "Einleitung.\n\nDie Kliniken suchen Personal. Es gibt viele Stellen.\n\nKurz\n"
    heading = (0, len("Einleitung."))
    parsed = parse(text, 650, headings=[heading],
                   meta={"title": "Ein Text", "city": "Herne", "profession": "Koch"})
    assert (parsed.title, parsed.city, parsed.profession) == ("Ein Text", "Herne", "Koch")
    assert [c.heading for c in parsed.chunks] == ["Einleitung.", "Einleitung."]
    assert [c.text for c in parsed.chunks][-1] == "Kurz"  # declared markup: no layout headings


def test_document_city_from_title_text_and_gazetteer():
    assert document_city("Jobs in Mülheim an der Ruhr", "") == "Mülheim an der Ruhr"
    assert document_city("Stellen", "In Bergisch Gladbach gibt es zwei Kliniken.") == (
        "Bergisch Gladbach"
    )
    assert document_city("Pflege heute", "Die Lage ist gut. Die Dortmunder Kliniken wachsen. "
                         "Viele pendeln nach Dortmund.") == "Dortmund"
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
    ],
)
def test_cities_in_questions(question, covered, other):
    assert cities_in(question, COVERED) == (covered, other)


def test_long_questions_are_linear():
    cities_in("warm up", COVERED)
    question = ("Was verdient ein Medizininformatiker in Bochum, und wie ist die Lage? " * 1500)
    question = question[:100_000]
    best = min(_cpu_seconds(cities_in, question, COVERED) for _ in range(3))
    assert best < 0.1


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
