"""HTML of answers, documents, evidence and the overview: escaped, highlighted, linked."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bot.model import Answer, Citation, Passage
from bot.web.rendering import (
    answer_html,
    document_html,
    esc,
    evidence_html,
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


def test_citation_shows_city_title_and_quote_marked_inside_its_paragraph():
    html_a = answer_html(_answer(), lambda s: DOC)
    assert '<span class="cb-city">Teststadt</span>' in html_a
    assert f"<mark>{esc(QUOTE)}</mark>" in html_a
    passage = re.search(r'<div class="cb-passage">(.*?)</div>', html_a)[1]
    assert passage.startswith("Vorab etwas Text. <mark>")  # the paragraph around the quote
    assert passage.endswith("</mark> Danach mehr.")
    assert "Letzte Zeile" not in passage
    assert f'href="{open_href(SOURCE, START, END)}"' in html_a
    assert '<sup class="cb-ref"><a class="cb-open"' in html_a  # [1] links to its passage


def test_answer_html_is_one_line_for_the_markdown_renderer():
    answer = _answer()
    answer.answer = "Zeile eins\n\nZeile zwei\r\n\r\nZeile drei"
    out = answer_html(answer, lambda s: DOC)
    assert "\n" not in out and "\r" not in out


def test_quote_alone_when_document_changed_since_the_answer():
    changed = {**DOC, "text": "ganz anderer Text"}
    out = answer_html(_answer(), lambda s: changed)
    assert f'<div class="cb-passage"><mark>{esc(QUOTE)}</mark></div>' in out


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


def test_overview_table_and_chart_link_each_value():
    rows = [
        SalaryRow(SOURCE, DOC["title"], "Teststadt", "entry", 3100, 3500, QUOTE, START, END),
        SalaryRow(SOURCE, DOC["title"], "Teststadt", "experienced", 4000, 4600, "x", 10, 20),
        SalaryRow("/b.txt", "B <i>", "Bstadt", "entry", 3000, 3400, "y", 5, 9),
    ]
    out = overview_html(rows)
    _safe(out)
    assert out.count(f'href="{open_href(SOURCE, START, END)}"') == 2  # table cell + chart bar
    assert "3.100–3.500 €" in out and "4.000–4.600 €" in out
    assert out.count("<rect") == 3
    assert "B &lt;i&gt;" in out
    assert out.index("Bstadt") < out.index("Teststadt")  # cities in order
    assert "Noch keine Gehaltsangaben" in salary_table_html([])
