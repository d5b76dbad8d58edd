"""Cutting a city text into passages that follow its structure and fit the embedding window."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from knowledge.cities import city_from_title, most_named_city
from knowledge.sentences import sentence_spans

_HEADING_MAX = 150
_NOT_HEADING_END = (".", "!", "…", ",", ";", ":")


@dataclass
class Chunk:
    """A passage: text == document_text[start:end]."""

    text: str
    start: int
    end: int
    paragraph: int
    heading: str


@dataclass
class Parsed:
    """A document's title, city, headline and passages."""

    title: str
    city: str | None
    headline: str
    chunks: list[Chunk] = field(default_factory=list)


def _lines(text: str):
    """(start, end, stripped line) for each non-blank line, offsets into text."""
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        line = raw.strip()
        if line:
            yield m.start() + lead, m.start() + lead + len(line), line


def is_heading(line: str) -> bool:
    """A short line without a final full stop is a section heading."""
    return len(line) <= _HEADING_MAX and not line.endswith(_NOT_HEADING_END)


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split text[start:end] at sentence boundaries into spans of at most max_chars."""
    if end - start <= max_chars:
        return [(start, end)]
    sentences: list[tuple[int, int]] = []
    for s, e in sentence_spans(text[start:end], offset=start):
        while e - s > max_chars:  # a giant sentence: cut at the last space that fits
            cut = text.rfind(" ", s, s + max_chars)
            cut = cut if cut > s else s + max_chars
            sentences.append((s, cut))
            s = cut + 1 if text[cut : cut + 1] == " " else cut
        sentences.append((s, e))
    # Aim for evenly sized pieces rather than one full piece and a small remainder.
    target = min(max_chars, math.ceil((end - start) / math.ceil((end - start) / max_chars)) + 80)
    spans: list[tuple[int, int]] = []
    cur_s, cur_e = sentences[0]
    for s, e in sentences[1:]:
        if e - cur_s <= target:
            cur_e = e
        else:
            spans.append((cur_s, cur_e))
            cur_s, cur_e = s, e
    spans.append((cur_s, cur_e))
    # A short remainder ("Oder?") is a poor passage of its own: join it to the piece before.
    if (
        len(spans) > 1
        and spans[-1][1] - spans[-1][0] < 150
        and spans[-1][1] - spans[-2][0] <= max_chars
    ):
        spans[-2:] = [(spans[-2][0], spans[-1][1])]
    return spans


def parse(text: str, max_chars: int = 650, headings=None, meta=None) -> Parsed:
    """Title, city, headline and chunks of a document in the corpus format."""
    lines = list(_lines(text))
    if not lines:
        return Parsed(title="", city=None, headline="")
    title = lines[0][2]
    body = lines[1:]
    headings = [line for _, _, line in body if is_heading(line)]
    headline = headings[1] if len(headings) > 1 and headings[0].startswith("Beruf") else ""
    headline = headline or (headings[0] if headings else "")
    city = city_from_title(title) or most_named_city(f"{headline}\n{text}")
    parsed = Parsed(title=title, city=city, headline=headline)

    paragraphs = [(s, e) for s, e, line in body if not is_heading(line)]
    if not paragraphs:  # a text of short lines only: index every line rather than nothing
        paragraphs = [(s, e) for s, e, _ in body] or [(lines[0][0], lines[0][1])]
    heading = ""
    number = 0
    para_starts = {s for s, _ in paragraphs}
    for s, e, line in lines:
        if s not in para_starts:
            heading = line if is_heading(line) and (s, e, line) != lines[0] else heading
            continue
        number += 1
        for cs, ce in _pieces(text, s, e, max_chars):
            parsed.chunks.append(Chunk(text[cs:ce], cs, ce, number, heading))
    return parsed
