"""Cutting a city text into passages that follow its structure and fit the embedding window."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ingest.layout import Block, blocks, is_heading
from knowledge.placement import document_city
from knowledge.professions import document_profession
from knowledge.sentences import LIST_ITEM, ends_sentence, sentence_spans

__all__ = ["Chunk", "Parsed", "is_heading", "parse"]


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
    """A document's title, city, headline, passages and profession."""

    title: str
    city: str | None
    headline: str
    chunks: list[Chunk] = field(default_factory=list)
    profession: str | None = None


def _last_space(text: str, start: int, end: int) -> int:
    return max(text.rfind(" ", start, end), text.rfind("\n", start, end))


def _sentences(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end]; a sentence over max_chars is cut at whitespace."""
    out: list[tuple[int, int]] = []
    for s, e in sentence_spans(text[start:end], offset=start):
        while e - s > max_chars:  # a giant sentence: cut at the last space that fits
            cut = _last_space(text, s, s + max_chars)
            cut = cut if cut > s else s + max_chars
            out.append((s, cut))
            s = cut + 1 if text[cut : cut + 1] in (" ", "\n") else cut
        out.append((s, e))
    return out


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split text[start:end] at sentence boundaries into spans of at most max_chars."""
    if end - start <= max_chars:
        return [(start, end)]
    sentences = _sentences(text, start, end, max_chars)
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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _title(text: str, parts: list[Block], meta: dict) -> tuple[str, list[Block]]:
    """Title (meta title, else the first heading or line) and the blocks after it."""
    declared = _one_line(str(meta.get("title") or ""))
    first = parts[0]
    first_text = _one_line(text[first.start : first.end])
    if first.heading and (not declared or first_text == declared):
        return first_text, parts[1:]
    if declared:
        return declared, parts
    # An e-mail opens with its header ("Von: ...", "Betreff: ..."): its subject is its title.
    subject = _MAIL_SUBJECT.search(text, first.start, first.end)
    if subject and _MAIL_HEADER.match(text, first.start):
        return _one_line(_REPLY.sub("", subject.group(1))), parts
    return _one_line(text[first.start : first.end].split("\n")[0]), parts


_MAIL_HEADER = re.compile(r"(?:Von|From|An|To|Betreff|Subject|Datum|Date|Gesendet|Sent):", re.I)
_MAIL_SUBJECT = re.compile(r"^(?:Betreff|Subject):[ \t]*(.+)$", re.I | re.M)
_REPLY = re.compile(r"^(?:(?:AW|RE|WG|FW|FWD|Antwort)\s*:\s*)+", re.I)


def _headline(text: str, body: list[Block]) -> str:
    """The longest heading before the first paragraph, else the first heading."""
    lead: list[str] = []
    for b in body:
        if not b.heading:
            break
        lead.append(_one_line(text[b.start : b.end]))
    if lead:
        return max(lead, key=len)
    return next((_one_line(text[b.start : b.end]) for b in body if b.heading), "")


def parse(
    text: str,
    max_chars: int = 650,
    headings: list[tuple[int, int]] | None = None,
    meta: dict | None = None,
) -> Parsed:
    """Title, city, profession, headline and chunks of a document of any layout.

    headings: (start, end) spans markup declared (else layout decides); meta: optional
    city/profession/title declared by the file or the caller.
    """
    meta = meta or {}
    parts = blocks(text, headings)
    if not parts:
        return Parsed(title=_one_line(str(meta.get("title") or "")), city=meta.get("city"),
                      headline="", profession=meta.get("profession"))
    title, body = _title(text, parts, meta)
    headline = _headline(text, body)
    city = document_city(title, f"{headline}\n{text}", meta)
    sections = [b.start for b in parts if b.heading]
    parsed = Parsed(title=title, city=city, headline=headline,
                    profession=document_profession(title, text, meta, city, sections))
    paragraphs = [b for b in body if not b.heading]
    if not paragraphs:  # a text of short lines only: index every line rather than nothing
        paragraphs = body or parts
    keep = {(b.start, b.end) for b in paragraphs}
    for number, (start, end, heading) in enumerate(_units(text, body or parts, keep, max_chars), 1):
        for cs, ce in _pieces(text, start, end, max_chars):
            parsed.chunks.append(Chunk(text[cs:ce], cs, ce, number, heading))
    return parsed


def _units(
    text: str, parts: list[Block], keep: set[tuple[int, int]], max_chars: int
) -> list[tuple[int, int, str]]:
    """(start, end, heading) of each paragraph to chunk; the items of a list or the rows of a
    table, with the line that opens them ("Wir bieten:"), are one paragraph while they fit in
    max_chars: one item alone ("- 30 Urlaubstage") is a poor passage, and the opening line
    says what they are."""
    units: list[tuple[int, int, str]] = []
    heading, joinable = "", False
    for b in parts:
        if (b.start, b.end) not in keep:
            heading = _one_line(text[b.start : b.end]) if b.heading else heading
            joinable = False
            continue
        block = text[b.start : b.end]
        # An item: marked as one, or a fragment no sentence ends (a table row, an item whose
        # marker the reader removed).
        item = bool(LIST_ITEM.match(block)) or not ends_sentence(block)
        if item and joinable and b.end - units[-1][0] <= max_chars:
            units[-1] = (units[-1][0], b.end, heading)
        else:
            units.append((b.start, b.end, heading))
        joinable = item or block.rstrip().endswith(":")
    return units
