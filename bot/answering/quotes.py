"""How a chosen sentence becomes a quote that stands on its own: grown back over the sentence
its first word points to, and on over the list its closing colon announces. Every quote stays
the document's text at its offsets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from bot.model import Passage
from knowledge.sentences import MAX_LIST, TABLE_ROW, list_end, points_back, sentence_spans
from knowledge.tables import headers


class Quotable(Protocol):
    """A candidate sentence: where it stands in its document and its text."""

    source: str
    text: str
    start: int
    end: int


Q = TypeVar("Q", bound=Quotable)
TextOf = Callable[[str], str | None]  # a document's stored text by its source


def _passage_of(s: Quotable, passages: list[Passage]) -> Passage | None:
    return next((p for p in passages if p.source == s.source and p.start <= s.start < p.end), None)


def with_referent(s: Q, passages: list[Passage]) -> Q:
    """The sentence, grown back over the one before it in the same paragraph when it opens
    with a word pointing there ("Sie dauern ein Jahr": which courses?)."""
    p = _passage_of(s, passages) if points_back(s.text) else None
    if p is None:
        return s
    before = [a for a, b in sentence_spans(p.text, p.start) if b <= s.start]
    gap = p.text[before[-1] - p.start : s.start - p.start] if before else "\n\n"
    if not before or "\n\n" in gap.replace("\r", ""):
        return s
    return replace(s, text=p.text[before[-1] - p.start : s.end - p.start], start=before[-1])


def with_list(s: Q, passages: list[Passage], text_of: TextOf | None = None) -> Q:
    """The sentence, grown on over the list after it when it closes with a colon ("Die
    wichtigsten Arbeitgeber sind:" and the employers listed below it, blank lines between or
    not). The list is read from the document (text_of) where it starts in the next chunk."""
    if not s.text.rstrip().endswith(":"):
        return s
    whole = text_of(s.source) if text_of else None
    if whole is not None and whole[s.start : s.end] == s.text:  # the text read is the one cited
        base, scope = 0, whole
    elif (p := _passage_of(s, passages)) is not None:
        base, scope = p.start, p.text
    else:
        return s
    # One character past the limit is enough to tell a line that runs over it.
    end = s.end + list_end(scope[s.end - base : s.end - base + MAX_LIST + 1], MAX_LIST)
    return replace(s, text=scope[s.start - base : end - base], end=end) if end > s.end else s


def as_quote(s: Q, passages: list[Passage], text_of: TextOf | None = None) -> Q:
    """The sentence as it is quoted: with its referent and its announced list."""
    return with_list(with_referent(s, passages), passages, text_of)


def with_headers(quotes: list[Q], text_of: TextOf | None) -> list[Q]:
    """The quotes, each table row preceded by its table's header row when no quote is that
    header already: "Erftklinikum | Krankenhaus | 38,5 | 30" alone does not say what 38,5 is."""
    out: list[Q] = []
    starts = {(q.source, q.start) for q in quotes}
    for q in quotes:
        whole = text_of(q.source) if text_of and TABLE_ROW.search(q.text) else None
        if whole is not None and whole[q.start : q.end] == q.text:
            at, header = headers(whole).get(q.start, (0, ""))
            if header and (q.source, at) not in starts:
                starts.add((q.source, at))
                out.append(replace(q, text=header, start=at, end=at + len(header)))
        out.append(q)
    return sorted(out, key=lambda q: (q.source, q.start))
