"""HTML for the web app: answers with citations, documents, evidence, overview, header.

Markup lives in Jinja2 templates (bot/web/templates) with autoescaping on: every piece of text
from a question or a document is escaped, so nothing a user or a text author writes can run in
the page. This module only prepares the values the templates show.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from bot.model import Answer, Citation
from bot.web.messages import CATALOGUE, t

DocumentLookup = Callable[[str], dict | None]

_REF = re.compile(r"\[(\d{1,3})\]")
_LINK = re.compile(r"(?:#?cb:)?([0-9a-f]{16}):(\d{1,9}):(\d{1,9})")
_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # the templates are all HTML/SVG; nothing may reach the page unescaped
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    # Values go on one line: the layout's newlines are dropped after rendering (see render()).
    finalize=lambda v: v if isinstance(v, Markup) or not isinstance(v, str) else flat(v),
)
CONTEXT_CHARS = 90  # context shown around a quote in a citation card
SNIPPET_CHARS = 220


def render(name: str, lang: str = "de", **values) -> str:
    """A template rendered in the page language, as one line (template newlines dropped)."""
    out = _ENV.get_template(name).render(t=partial(t, lang), **values)
    # Only the templates' own layout has newlines: values are flattened before they get here.
    return re.sub(r"\n\s*", "", out)


def esc(text: object) -> str:
    """Text made safe to place in HTML content and attribute values."""
    # markupsafe's escaping, the same the templates apply, so both spell entities alike.
    return str(escape("" if text is None else str(text)))


def flat(text: object) -> str:
    """Text on one line (line breaks become spaces)."""
    return re.sub(r"\s*[\r\n]+\s*", " ", "" if text is None else str(text))


def euros(value: int) -> str:
    """German thousands separator: 3200 -> '3.200'."""
    return f"{value:,}".replace(",", ".")


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


def context(text: str | None, quote: str, start: int, end: int) -> tuple[str, str]:
    """A little of the paragraph before and after a quote, cut at words and marked … where cut."""
    if not text or text[start:end] != quote:  # document changed since the answer: quote only
        return "", ""
    lo, hi = paragraph_span(text, start, end)
    before = text[max(lo, start - CONTEXT_CHARS):start]
    after = text[end:min(hi, end + CONTEXT_CHARS)]
    if start - CONTEXT_CHARS > lo and " " in before:
        before = "…" + before[before.index(" ") + 1:]
    if end + CONTEXT_CHARS < hi and " " in after:
        after = after[:after.rindex(" ")] + "…"
    return flat(before), flat(after)


def text_html(text: str, refs: dict[int, str] | None = None) -> Markup:
    """Text escaped, line breaks kept; [n] markers as superscripts, linked when refs has n."""

    def ref(m: re.Match) -> str:
        href = (refs or {}).get(int(m[1]))
        if href:
            return Markup('<sup class="cb-ref"><a class="cb-open" href="{}">[{}]</a></sup>').format(
                href, m[1])
        return Markup('<sup class="cb-ref">[{}]</sup>').format(m[1])

    lines = esc(text.strip()).replace("\r\n", "\n").replace("\r", "\n")
    return Markup(_REF.sub(ref, lines).replace("\n", "<br>"))


def question_html(question: str) -> str:
    """A user's question as shown in the chat."""
    return render("question.html.j2", text=text_html(question))


def _citation(c: Citation, lookup: DocumentLookup) -> dict:
    doc = lookup(c.source)
    before, after = context(doc and doc.get("text"), c.quote, c.start, c.end)
    return {"n": c.n, "city": flat(c.city), "title": flat(c.title), "quote": flat(c.quote),
            "before": before, "after": after, "href": open_href(c.source, c.start, c.end)}


def answer_html(answer: Answer, lookup: DocumentLookup, final: bool = True,
                lang: str | None = None, note: str = "") -> str:
    """A reply as shown in the chat: text, then its sources (quote in context), or a marked
    'no answer'; note is the feedback confirmation shown under it."""
    refs = {c.n: open_href(c.source, c.start, c.end) for c in answer.citations} if final else {}
    return render(
        "answer.html.j2", lang or answer.language,
        no_answer=answer.status == "no_answer" and final, pending=not final,
        text=text_html(answer.answer, refs),
        citations=[_citation(c, lookup) for c in answer.citations] if final else [],
        note=note,
    )


def pending_html(lang: str) -> str:
    """The placeholder reply while the answer is being prepared."""
    return partial_html("", lang)


def partial_html(text: str, lang: str) -> str:
    """A reply while it streams: the text so far, no sources yet."""
    return render("answer.html.j2", lang, no_answer=False, pending=True, text=text_html(text, {}),
                  citations=[], note="")


def document_html(doc: dict | None, start: int = 0, end: int = 0, lang: str = "de") -> str:
    """A whole document, one paragraph per line, the cited passage highlighted."""
    paragraphs = []
    text = (doc or {}).get("text") or ""
    for m in re.finditer(r"[^\n]+", text):
        if not m.group(0).strip():
            continue
        lo, hi = m.start(), m.end()
        s, e = max(lo, start), min(hi, end)
        if s < e:
            paragraphs.append({"hit": True, "before": text[lo:s], "mark": text[s:e],
                               "after": text[e:hi]})
        else:
            paragraphs.append({"hit": lo < end and start < hi, "before": text[lo:hi],
                               "mark": "", "after": ""})
    return render("document.html.j2", lang, doc=doc, paragraphs=paragraphs)


def _retriever_cell(p, name: str) -> str:
    if name not in p.ranks:
        return "–"
    score = p.scores.get(name)
    shown = f" ({score:.3f})" if isinstance(score, int | float) else ""
    return f"#{int(p.ranks[name])}{shown}"


def evidence_html(answer: Answer | None, lang: str = "de") -> str:
    """Advisors' view: every retrieved passage, which retriever found it, scores, cited or not."""
    rows = []
    if answer is not None:
        cited = {(c.source, c.start, c.end) for c in answer.citations}
        cited_sources = {c.source for c in answer.citations}
        for p in answer.passages:
            hit = any(s == p.source and p.start <= cs and ce <= p.end for s, cs, ce in cited)
            mark = t(lang, "cited") if hit else (
                t(lang, "same_source") if p.source in cited_sources else "–")
            snippet = p.text[:SNIPPET_CHARS] + ("…" if len(p.text) > SNIPPET_CHARS else "")
            rows.append({"p": p, "cited": hit, "mark": mark, "snippet": snippet,
                         "href": open_href(p.source, p.start, p.end),
                         "cells": [_retriever_cell(p, "vector"), _retriever_cell(p, "keyword")]})
    return render("evidence.html.j2", lang, answer=answer, rows=rows)


LEVELS = ("entry", "experienced", "unspecified")


def period_of(row) -> str:
    """The period a salary fact states; facts stored before periods existed are monthly."""
    return getattr(row, "period", None) or "month"


def amount(row, lang: str = "de") -> str:
    """A fact's figures as the text gives them: '3.200–3.600 €', or 'ab 3.200 €' without high."""
    high = getattr(row, "high", None)
    if high is None or high == row.low:
        return f"{t(lang, 'from')} {euros(row.low)} €" if high is None else f"{euros(row.low)} €"
    return f"{euros(row.low)}–{euros(high)} €"


def _by_city(rows) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for r in rows:
        grouped.setdefault(r.city or "–", []).append(r)
    return dict(sorted(grouped.items()))


def _table(rows, lang: str) -> list[dict]:
    """Per city one row per level; a level the texts do not give is 'not stated'."""
    cities = []
    for city, facts in _by_city(rows).items():
        out = []
        for level in LEVELS:
            got = [r for r in facts if r.level == level]
            if not got and level == "unspecified":
                continue
            for r in got or [None]:
                out.append({"level": t(lang, f"level_{level}"), "fact": r,
                            "href": r and open_href(r.source, r.start, r.end),
                            "amount": r and amount(r, lang),
                            "period": r and t(lang, f"period_{period_of(r)}")})
        cities.append({"city": city if city != "–" else t(lang, "not_stated"), "rows": out})
    return cities


def _chart(rows, lang: str) -> dict | None:
    """Range bars per city and level; only monthly figures, so every bar shares one scale."""
    bars = [r for r in rows if r.level in ("entry", "experienced") and period_of(r) == "month"]
    if not bars:
        return None
    highs = [r.high if r.high is not None else r.low for r in bars]
    lo, hi = min(r.low for r in bars) // 500 * 500, -(-max(highs) // 500) * 500
    left, width, row_h = 130, 520, 34
    cities = _by_city(bars)
    height = 40 + row_h * len(cities)

    def x(v: int) -> float:
        return round(left + (v - lo) / max(hi - lo, 1) * width, 1)

    out = []
    for i, (city, facts) in enumerate(cities.items()):
        y = 14 + i * row_h
        out.append({"city": city, "y": y, "bars": [{
            "href": open_href(r.source, r.start, r.end), "level": r.level,
            "x": x(r.low), "y": y + (3 if r.level == "entry" else 15),
            "width": max(x(r.high if r.high is not None else r.low) - x(r.low), 3),
            "title": f"{city}: {amount(r, lang)} ({t(lang, 'level_' + r.level)})",
        } for r in facts]})
    return {"width": left + width + 20, "height": height, "left": left, "cities": out,
            "grid": [{"x": x(v), "label": euros(v)} for v in range(lo, hi + 1, 500)],
            "year_note": any(period_of(r) != "month" for r in rows)}


def overview_html(rows, lang: str = "de") -> str:
    """The overview tab: chart above (monthly figures), table below (every figure)."""
    return render("overview.html.j2", lang, chart=_chart(rows, lang), cities=_table(rows, lang))


def salary_table_html(rows, lang: str = "de") -> str:
    """The salary table alone (no chart)."""
    return render("overview.html.j2", lang, chart=None, cities=_table(rows, lang))


def status_html(status: dict, lang: str = "de") -> str:
    """The index status as a small table (what `careerbot status` prints)."""
    rows = [(t(lang, f"status_{k}") if f"status_{k}" in CATALOGUE["de"] else k,
             ", ".join(map(str, v)) if isinstance(v, list) else v) for k, v in status.items()]
    return render("status.html.j2", lang, rows=rows)


def header_html(status: dict, lang: str = "de") -> str:
    """Product name, what it covers (cities, documents, last ingest), read from the store."""
    date = (status.get("last_ingest") or "")[:10]
    if date and lang == "de":
        date = ".".join(reversed(date.split("-")))
    return render("header.html.j2", lang, page_lang=lang, status=status,
                  date=date or t(lang, "not_stated"),
                  cities=", ".join(status.get("cities") or []))


def plan_html(groups: list[tuple[str, list[str]]], lang: str = "de") -> str:
    """A reindex plan: per group (new, changed, removed...) the documents it touches."""
    return render("plan.html.j2", lang, groups=groups)
