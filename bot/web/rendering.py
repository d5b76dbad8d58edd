"""HTML for the web app: answers with citations, documents, evidence and the salary overview.

Every piece of text from a question or a document goes through esc(); the only markup here is
our own, so nothing a user or a text author writes can run in the page.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable

from bot.model import Answer, Citation, Passage

DocumentLookup = Callable[[str], dict | None]

LABELS = {
    "de": {"sources": "Quellen", "open": "Dokument öffnen"},
    "en": {"sources": "Sources", "open": "Open document"},
}
_REF = re.compile(r"\[(\d{1,3})\]")
_LINK = re.compile(r"(?:#?cb:)?([0-9a-f]{16}):(\d{1,9}):(\d{1,9})")


def esc(text: object) -> str:
    """Text made safe to place in HTML content and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def euros(value: int) -> str:
    """German thousands separator: 3200 -> '3.200'."""
    return f"{value:,}".replace(",", ".")


def _labels(language: str) -> dict:
    return LABELS.get(language, LABELS["de"])


def source_id(source: str) -> str:
    """Short stable id of a document for links (the page never shows server paths)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def open_href(source: str, start: int, end: int) -> str:
    """Link target a click handler turns into 'open this document at this passage'.

    An href survives the chat's HTML sanitizer, which drops data-* attributes.
    """
    return f"#cb:{source_id(source)}:{int(start)}:{int(end)}"


def resolve_ref(ref: str, sources: Iterable[str]) -> tuple[str, int, int] | None:
    """(source, start, end) of a link's 'id:start:end', or None if it names no document."""
    m = _LINK.fullmatch(ref or "")
    if not m:
        return None
    found = next((s for s in sources if source_id(s) == m[1]), None)
    return (found, int(m[2]), int(m[3])) if found else None


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) around text[start:end]."""
    hi = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if hi < 0 else hi


def _marked(text: str, lo: int, hi: int, start: int, end: int, mark: str = "") -> str:
    """Escaped text[lo:hi] with its overlap with start..end wrapped in <mark>."""
    s, e = max(lo, start), min(hi, end)
    if s >= e:
        return esc(text[lo:hi])
    return f"{esc(text[lo:s])}<mark{mark}>{esc(text[s:e])}</mark>{esc(text[e:hi])}"


def passage_html(text: str | None, quote: str, start: int, end: int) -> str:
    """The paragraph that holds a quote, the quote highlighted."""
    if not text or text[start:end] != quote:  # document changed since the answer: quote only
        return f"<mark>{esc(quote)}</mark>"
    lo, hi = paragraph_span(text, start, end)
    return _marked(text, lo, hi, start, end)


def text_html(text: str, refs: dict[int, str] | None = None) -> str:
    """Text escaped, line breaks kept; [n] markers as superscripts, linked when refs has n."""

    def ref(m: re.Match) -> str:
        href = (refs or {}).get(int(m[1]))
        inner = f'<a class="cb-open" href="{href}">[{m[1]}]</a>' if href else f"[{m[1]}]"
        return f'<sup class="cb-ref">{inner}</sup>'

    lines = esc(text.strip()).replace("\r\n", "\n").replace("\r", "\n")
    return _REF.sub(ref, lines).replace("\n", "<br>")


def question_html(question: str) -> str:
    """A user's question as shown in the chat."""
    return f'<div class="cb-question">{text_html(question)}</div>'


def citation_html(c: Citation, lookup: DocumentLookup, language: str) -> str:
    """One cited passage: number, city, title, its paragraph with the quote highlighted."""
    doc = lookup(c.source)
    href = open_href(c.source, c.start, c.end)
    return (
        f'<li class="cb-source"><span class="cb-n">[{c.n}]</span> '
        f'<span class="cb-city">{esc(c.city or "–")}</span> · '
        f'<span class="cb-title">{esc(c.title)}</span> '
        f'<a class="cb-open" href="{href}">{esc(_labels(language)["open"])}</a>'
        f'<div class="cb-passage">{passage_html(doc and doc.get("text"), c.quote, c.start, c.end)}'
        "</div></li>"
    )


def answer_html(answer: Answer, lookup: DocumentLookup, final: bool = True) -> str:
    """A reply as shown in the chat: text, then its sources, or a marked 'no answer'."""
    # One line, no blank lines: the chat's markdown renderer then passes it through as HTML.
    if answer.status == "no_answer" and final:
        return (
            '<div class="cb-answer cb-noanswer" role="note">'
            '<span class="cb-icon" aria-hidden="true">i</span>'
            f"<div>{text_html(answer.answer)}</div></div>"
        )
    pending = "" if final else " cb-pending"
    refs = {c.n: open_href(c.source, c.start, c.end) for c in answer.citations} if final else {}
    text = text_html(answer.answer, refs)
    body = f'<div class="cb-answer{pending}"><div class="cb-text">{text}</div>'
    if answer.citations and final:
        items = "".join(citation_html(c, lookup, answer.language) for c in answer.citations)
        body += (f'<div class="cb-sources"><div class="cb-sources-h">'
                 f'{esc(_labels(answer.language)["sources"])}</div><ol>{items}</ol></div>')
    return body + "</div>"


def document_html(doc: dict | None, start: int = 0, end: int = 0) -> str:
    """A whole document, one paragraph per line, the cited passage highlighted."""
    if not doc:
        return '<div class="cb-doc cb-doc-empty">Dokument nicht (mehr) im Index.</div>'
    text = doc.get("text") or ""
    paras = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            hit = ' class="cb-hit"' if m.start() < end and start < m.end() else ""
            inner = _marked(text, m.start(), m.end(), start, end, ' id="cb-hit"')
            paras.append(f"<p{hit}>{inner}</p>")
    return (f'<div class="cb-doc"><div class="cb-doc-h"><span class="cb-city">'
            f'{esc(doc.get("city") or "–")}</span> · {esc(doc.get("title"))}</div>'
            f'{"".join(paras)}</div>')


def _retriever_cell(p: Passage, name: str) -> str:
    if name not in p.ranks:
        return "<td>–</td>"
    score = p.scores.get(name)
    shown = f" ({score:.3f})" if isinstance(score, int | float) else ""
    return f"<td>#{int(p.ranks[name])}{shown}</td>"


def evidence_html(answer: Answer | None) -> str:
    """Advisors' view: every retrieved passage, which retriever found it, scores, cited or not."""
    if answer is None:
        return '<div class="cb-evidence cb-muted">Noch keine Antwort.</div>'
    cited = {(c.source, c.start, c.end) for c in answer.citations}
    cited_sources = {c.source for c in answer.citations}
    head = (f'<div class="cb-evidence"><p><b>Frage:</b> {esc(answer.question)}'
            + (f" <b>→ gesucht:</b> {esc(answer.resolved)}" if answer.resolved
               and answer.resolved != answer.question else "")
            + f" · <b>Status:</b> {esc(answer.status)}"
            + (f" · <b>Guard:</b> {esc(answer.guard)} ({esc(answer.reason)})" if answer.guard
               else f" · <b>Grund:</b> {esc(answer.reason)}" if answer.reason else "")
            + "</p>")
    if not answer.passages:
        return head + '<p class="cb-muted">Keine Passagen gefunden.</p></div>'
    rows = []
    for i, p in enumerate(answer.passages, 1):
        hit = any(s == p.source and p.start <= cs and ce <= p.end for s, cs, ce in cited)
        mark = "zitiert" if hit else ("gleiche Quelle" if p.source in cited_sources else "–")
        rows.append(
            f'<tr class="{"cb-cited" if hit else ""}"><td>{i}</td><td>{esc(p.city)}</td>'
            f'<td><a class="cb-open" href="{open_href(p.source, p.start, p.end)}">'
            f"{esc(p.title)}</a><br><small>{esc(p.heading)}</small></td>"
            f"<td>{p.score:.4f}</td>{_retriever_cell(p, 'vector')}{_retriever_cell(p, 'keyword')}"
            f"<td>{mark}</td><td class='cb-snippet'>{esc(p.text[:220])}"
            f"{'…' if len(p.text) > 220 else ''}</td></tr>"
        )
    return (head + '<table class="cb-table"><thead><tr><th>#</th><th>Stadt</th><th>Dokument</th>'
            "<th>RRF</th><th>Vektor</th><th>Stichwort</th><th>Zitiert</th><th>Passage</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


LEVELS = (("entry", "Einstieg"), ("experienced", "Mit Erfahrung"), ("unspecified", "Ohne Angabe"))


def _fact_link(row) -> str:
    return (f'<a class="cb-open" href="{open_href(row.source, row.start, row.end)}" '
            f'title="{esc(row.sentence)}">{euros(row.low)}–{euros(row.high)} €</a>')


def _by_city(rows) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for r in rows:
        grouped.setdefault(r.city or "–", []).append(r)
    return dict(sorted(grouped.items()))


def salary_table_html(rows) -> str:
    """Salary facts of every city: entry and experienced ranges, each linked to its sentence."""
    if not rows:
        return '<p class="cb-muted">Noch keine Gehaltsangaben im Index.</p>'
    levels = [(k, name) for k, name in LEVELS if k != "unspecified"
              or any(r.level == k for r in rows)]
    head = "".join(f"<th>{name}</th>" for _, name in levels)
    body = []
    for city, facts in _by_city(rows).items():
        cells = "".join(
            "<td>" + "<br>".join(_fact_link(r) for r in facts if r.level == k) + "</td>"
            for k, _ in levels
        )
        titles = "<br>".join(sorted({esc(r.title) for r in facts}))
        body.append(f"<tr><th scope='row'>{esc(city)}</th>{cells}<td>{titles}</td></tr>")
    return (f'<table class="cb-table cb-salary"><thead><tr><th>Stadt</th>{head}<th>Quelle</th>'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>")


def salary_chart_svg(rows) -> str:
    """Horizontal range bars (low..high) per city and level; each bar opens its sentence."""
    rows = [r for r in rows if r.level in ("entry", "experienced")]
    if not rows:
        return ""
    cities = _by_city(rows)
    lo = min(r.low for r in rows) // 500 * 500
    hi = -(-max(r.high for r in rows) // 500) * 500
    left, width, row_h = 130, 520, 34
    height = 40 + row_h * len(cities)

    def x(v: int) -> float:
        return left + (v - lo) / max(hi - lo, 1) * width

    parts = [f'<svg class="cb-chart" viewBox="0 0 {left + width + 20} {height}" role="img" '
             'aria-label="Gehaltsspannen je Stadt" xmlns="http://www.w3.org/2000/svg">']
    for v in range(lo, hi + 1, 500):
        parts.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="10" y2="{height - 22}" '
                     f'class="cb-grid"/><text x="{x(v):.1f}" y="{height - 6}" '
                     f'text-anchor="middle" class="cb-axis">{euros(v)}</text>')
    for i, (city, facts) in enumerate(cities.items()):
        y = 14 + i * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" class="cb-label">'
                     f"{esc(city)}</text>")
        for r in facts:
            dy = 3 if r.level == "entry" else 15
            parts.append(
                f'<a href="{open_href(r.source, r.start, r.end)}">'
                f'<rect class="cb-bar cb-{r.level}" '
                f'x="{x(r.low):.1f}" y="{y + dy}" width="{max(x(r.high) - x(r.low), 3):.1f}" '
                f'height="11" rx="3"><title>{esc(city)}: {euros(r.low)}–{euros(r.high)} € '
                f"({esc(dict(LEVELS)[r.level])})</title></rect></a>"
            )
    legend = ('<div class="cb-legend"><span class="cb-key cb-entry"></span> Einstieg '
              '<span class="cb-key cb-experienced"></span> Mit Erfahrung (€ pro Monat)</div>')
    return "".join(parts) + "</svg>" + legend


def overview_html(rows) -> str:
    """The overview tab: chart above, table below."""
    return f'<div class="cb-overview">{salary_chart_svg(rows)}{salary_table_html(rows)}</div>'


def status_html(status: dict) -> str:
    """The index status as a small table (what `careerbot status` prints)."""
    rows = "".join(
        f"<tr><th scope='row'>{esc(k)}</th><td>{esc(', '.join(v) if isinstance(v, list) else v)}"
        "</td></tr>"
        for k, v in status.items()
    )
    return f'<table class="cb-table cb-status">{rows}</table>'
