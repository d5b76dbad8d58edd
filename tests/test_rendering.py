"""HTML of answers, documents, evidence, overview and header: escaped, highlighted, linked,
in the page's language."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from bot.model import Answer, Citation, Passage
from bot.web.messages import CATALOGUE, preferred, t
from bot.web.page import examples
from bot.web.rendering import (
    amount,
    answer_html,
    context,
    document_html,
    esc,
    evidence_html,
    header_html,
    open_href,
    overview_html,
    paragraph_span,
    question_html,
    resolve_ref,
    salary_table_html,
)
from knowledge.base import SalaryRow

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
DOC_TEXT = (
    "Medizininformatiker Jobs in Teststadt\n"
    "Gehalt\n"
    f"Vorab etwas Text. Einsteiger bekommen 3.100 € bis 3.500 € {XSS}. Danach mehr.\n"
    "Letzte Zeile mit <b>Markup</b> & Ampersand.\n"
)
SOURCE = "/data/teststadt.txt"
QUOTE = "Einsteiger bekommen 3.100 € bis 3.500 € " + XSS + "."
START = DOC_TEXT.index(QUOTE)
END = START + len(QUOTE)
DOC = {"source": SOURCE, "title": "Medizininformatiker Jobs in Teststadt", "city": "Teststadt",
       "text": DOC_TEXT}


class _Tags(HTMLParser):
    """Collects every tag and attribute name the browser would build from a string."""

    def __init__(self, markup: str):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def _answer(status="answered") -> Answer:
    cite = Citation(1, SOURCE, DOC["title"], "Teststadt", QUOTE, START, END)
    passage = Passage("c1", DOC_TEXT[START - 18 : END], SOURCE, DOC["title"], "Teststadt",
                      "Gehalt", 2, START - 18, END, 0.0325, {"vector": 0.51, "keyword": 7.2},
                      {"vector": 1, "keyword": 2})
    other = Passage("c2", "Letzte Zeile", SOURCE, DOC["title"], "Teststadt", "", 3, 0, 12,
                    0.016, {"keyword": 1.1}, {"keyword": 4})
    return Answer(XSS, f"Teststadt: 3.100 € bis 3.500 € [1]. {XSS}", status, "de",
                  citations=[cite] if status == "answered" else [],
                  passages=[passage, other], resolved=XSS)


def _safe(markup: str) -> None:
    parsed = _Tags(markup)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [a for a in parsed.attrs if a.startswith("on")]


def test_question_and_answer_are_escaped():
    html_q = question_html(XSS)
    _safe(html_q)
    assert esc(XSS) in html_q
    html_a = answer_html(_answer(), lambda s: DOC if s == SOURCE else None)
    _safe(html_a)
    assert "&lt;script&gt;" in html_a


def test_citation_shows_city_title_and_quote_with_a_little_context():
    html_a = answer_html(_answer(), lambda s: DOC)
    assert '<span class="cb-city">Teststadt</span>' in html_a
    assert f"<mark>{esc(QUOTE)}</mark>" in html_a
    passage = re.search(r'<blockquote class="cb-passage">(.*?)</blockquote>', html_a)[1]
    assert passage.startswith("Vorab etwas Text. <mark>")  # the sentences around the quote
    assert passage.endswith("</mark> Danach mehr.")
    assert "Letzte Zeile" not in passage
    assert f'href="{open_href(SOURCE, START, END)}"' in html_a
    assert '<sup class="cb-ref"><a class="cb-open"' in html_a  # [1] links to its passage


def test_context_is_cut_at_words_and_marked():
    text = "a" * 50 + " " + "wort " * 40 + "ZITAT." + " mehr" * 40
    start = text.index("ZITAT.")
    before, after = context(text, "ZITAT.", start, start + 6)
    assert before.startswith("…") and after.endswith("…")
    assert len(before) <= 92 and len(after) <= 92
    assert not before[1:].startswith("ort")  # whole words only


def test_answer_chrome_follows_the_page_language():
    de = answer_html(_answer(), lambda s: DOC, lang="de", note=t("de", "thanks_up"))
    en = answer_html(_answer(), lambda s: DOC, lang="en", note=t("en", "thanks_up"))
    assert "Quellen" in de and "Im Dokument zeigen" in de
    assert "Sources" in en and "Show in document" in en and "Quellen" not in en
    assert 'class="cb-thanks" role="status">Thank you!' in en
    no_city = _answer()
    no_city.citations[0].city = ""
    assert '<span class="cb-city">not stated</span>' in answer_html(no_city, lambda s: DOC,
                                                                      lang="en")


def test_answer_html_is_one_line_for_the_markdown_renderer():
    answer = _answer()
    answer.answer = "Zeile eins\n\nZeile zwei\r\n\r\nZeile drei"
    out = answer_html(answer, lambda s: DOC)
    assert "\n" not in out and "\r" not in out


def test_quote_alone_when_document_changed_since_the_answer():
    changed = {**DOC, "text": "ganz anderer Text"}
    out = answer_html(_answer(), lambda s: changed)
    assert f'<blockquote class="cb-passage"><mark>{esc(QUOTE)}</mark></blockquote>' in out


def test_partial_answer_has_no_sources_yet():
    out = answer_html(_answer(), lambda s: DOC, final=False)
    assert "cb-pending" in out and "cb-source" not in out


def test_no_answer_is_marked_differently():
    out = answer_html(_answer("no_answer"), lambda s: DOC)
    assert 'class="cb-answer cb-noanswer"' in out and 'class="cb-icon"' in out
    assert "cb-source" not in out
    _safe(out)


def test_paragraph_span_is_the_line():
    assert DOC_TEXT[slice(*paragraph_span(DOC_TEXT, START, END))].startswith("Vorab")
    assert paragraph_span("eine Zeile", 5, 7) == (0, 10)


def test_document_marks_the_passage_and_escapes_everything():
    out = document_html(DOC, START, END)
    _safe(out)
    assert out.count("<p") == 4
    assert f'<mark id="cb-hit">{esc(QUOTE)}</mark>' in out
    assert "&lt;b&gt;Markup&lt;/b&gt; &amp; Ampersand." in out
    assert "nicht (mehr) im Index" in document_html(None)
    assert "no longer in the index" in document_html(None, lang="en")
    assert 'id="cb-doc-title"' in out  # the panel's title


def test_links_resolve_to_their_document_only():
    href = open_href(SOURCE, START, END)
    assert SOURCE not in href  # no server paths in the page
    assert resolve_ref(href, ["/other.txt", SOURCE]) == (SOURCE, START, END)
    assert resolve_ref(href, ["/other.txt"]) is None
    assert resolve_ref("#cb:../../etc/passwd:1:2", [SOURCE]) is None
    assert resolve_ref("", [SOURCE]) is None


def test_evidence_lists_every_passage_with_retrievers_and_citation_state():
    out = evidence_html(_answer())
    _safe(out)
    rows = re.findall(r"<tr class=\"(.*?)\">(.*?)</tr>", out)
    assert len(rows) == 2
    assert rows[0][0] == "cb-cited" and "#1 (0.510)" in rows[0][1] and "#2 (7.200)" in rows[0][1]
    assert rows[1][0] == "" and "<td>–</td>" in rows[1][1]  # not found by the vector retriever
    assert "gleiche Quelle" in rows[1][1]
    assert "Noch keine Antwort" in evidence_html(None)
    assert "No answer yet" in evidence_html(None, "en")
    assert "same source" in evidence_html(_answer(), "en")


def _salary(source, title, city, level, low, high, sentence, start, end, period="month"):
    return SalaryRow(source=source, title=title, city=city, profession="Medizininformatiker",
                     level=level, low=low, high=high, period=period, sentence=sentence,
                     start=start, end=end)


def test_overview_table_and_chart_link_each_value():
    rows = [
        _salary(SOURCE, DOC["title"], "Teststadt", "entry", 3100, 3500, QUOTE, START, END),
        _salary(SOURCE, DOC["title"], "Teststadt", "experienced", 4000, 4600, "x", 10, 20),
        _salary("/b.txt", "B <i>", "Bstadt", "entry", 3000, 3400, "y", 5, 9),
    ]
    out = overview_html(rows)
    _safe_svg(out)
    assert out.count(f'href="{open_href(SOURCE, START, END)}"') == 2  # table cell + chart bar
    assert "3.100–3.500 €" in out and "4.000–4.600 €" in out
    assert out.count("<rect") == 3
    assert "B &lt;i&gt;" in out
    assert out.index("Bstadt") < out.index("Teststadt")  # cities in order
    assert "Noch keine Gehaltsangaben" in salary_table_html([])
    # Bstadt gives no figure for experienced staff: said so, not left blank
    bstadt = re.search(r"<th scope=\"row\" rowspan=\"2\">Bstadt</th>(.*?)</tbody>", out)[1]
    assert "keine Angabe" in bstadt
    assert "<th scope=\"col\">Zeitraum</th>" in out and "pro Monat" in out
    assert "not stated" in overview_html(rows, "en") and "per month" in overview_html(rows, "en")


def test_salary_period_and_open_range_as_the_text_states_them():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Fact:  # a fact as the extractor will store it: period, and high may be missing
        source: str
        title: str
        city: str
        level: str
        low: int
        high: int | None
        sentence: str
        start: int
        end: int
        period: str

    yearly = Fact(SOURCE, "T", "Jahrstadt", "entry", 42000, 48000, "s", 1, 2, "year")
    open_ended = Fact(SOURCE, "T", "Abstadt", "entry", 3200, None, "s", 3, 4, "month")
    assert amount(yearly) == "42.000–48.000 €" and amount(open_ended) == "ab 3.200 €"
    assert amount(open_ended, "en") == "from 3.200 €"
    out = overview_html([yearly, open_ended])
    assert "pro Jahr" in out and "pro Monat" in out
    assert out.count("<rect") == 1  # the chart's one scale is per month; yearly: table only
    assert "Jahresangaben stehen nur in der Tabelle" in out


def test_header_reads_cities_documents_and_date_from_the_status():
    status = {"documents": 6, "cities": ["Bochum", "Essen"], "last_ingest": "2026-11-28T10:00"}
    de, en = header_html(status, "de"), header_html(status, "en")
    assert "Bochum, Essen" in de and "6 Dokumente" in de and "28.11.2026" in de
    assert "Covers: Bochum, Essen" in en and "6 documents" in en and "2026-11-28" in en
    assert "Noch keine Texte" in header_html({"documents": 0, "cities": []}, "de")


def test_examples_cover_every_city_in_the_page_language():
    cities = ["Bochum", "Dortmund", "Duisburg", "Essen", "Gelsenkirchen", "Wuppertal"]
    de = examples(cities, "de")
    assert all(any(c in q for q in de) for c in cities)
    assert de[-1] == "Welche Stadt zahlt Einsteigern am meisten?"
    assert examples(cities, "en")[0] == "What does an entry-level job pay in Bochum?"
    assert examples([], "de") == []


def test_catalogue_has_every_key_in_both_languages():
    assert set(CATALOGUE["de"]) == set(CATALOGUE["en"])


@pytest.mark.parametrize(("header", "lang"), [
    (None, "de"), ("", "de"), ("de-DE,de;q=0.9,en;q=0.8", "de"), ("en-US,en;q=0.9", "en"),
    ("en-GB,de;q=0.5", "en"), ("fr-FR,en;q=0.7,de;q=0.6", "en"), ("fr-FR", "de"),
    ("de;q=0.4,en;q=0.8", "en"),
])
def test_browser_preference_picks_the_page_language(header, lang):
    assert preferred(header) == lang


def _safe_svg(markup: str) -> None:
    parsed = _Tags(markup)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [a for a in parsed.attrs if a.startswith("on")]
