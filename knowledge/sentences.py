"""Sentence spans in German text, shared by chunking (ingest) and quoting (answers)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

_local = threading.local()
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_FINAL = (".", "!", "?", "…", ":", ";")
_ITEM_END = (";",)
_CLOSING = "\"'“”»«)]’"
# A list item ("- 30 Urlaubstage", "2. Schnittstellen") starts a paragraph and a sentence.
LIST_ITEM = re.compile(r"[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+\S")
# A line that opens with a label and a colon ("Gehalt: 3.300 €/Monat", "Homeoffice: 2 Tage")
# or a time ("08:00 Ticket-Sichtung"), or a label with a dot leader ("Einstieg ...... 3.240 Euro")
# is a field of a fact sheet or an agenda: a sentence of its own, not the continuation of the line
# above.
FIELD = re.compile(
    r"[ \t]*(?:[A-ZÄÖÜ\[][^\W\d_]*[^\n:.!?,;]{0,58}:[ \t]+\S|\d{1,2}[:.]\d{2}[ \t]+[^\W\d_]|"
    r"[^\n.]{1,80}?\.{4,}[ \t]*\S)"
)
# A table row as the readers write it: cells joined by " | " ("Einstieg | 3.500 €").
ROW = re.compile(r"\S \| \S")
# A table row of any source: the readers' " | ", or a CSV's ";" or tab between cells.
TABLE_ROW = re.compile(rf"{ROW.pattern}|[^\s;][ \t]*[;\t][ \t]*[^\s;]")
_LEADER = re.compile(r"\.{4,}$")
# Abbreviations pysbd's German list lacks: "rund 61.000 inkl. Bonus" is one sentence.
_ABBREVIATIONS = ("inkl.", "zzgl.", "exkl.", "bspw.", "mind.")
# A line longer than this is a paragraph of its own, not a hard-wrapped piece of one.
_WRAP_MAX = 120


def _segmenter():
    # pysbd segmenters keep state while segmenting: one per thread.
    seg = getattr(_local, "segmenter", None)
    if seg is None:
        import pysbd

        seg = _local.segmenter = pysbd.Segmenter(language="de", clean=False, char_span=True)
    return seg


@lru_cache(maxsize=4096)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _segmenter().segment(text):
        # pysbd's spans drift on repeated sentences; locate each one from the running position.
        sent = piece.sent.strip()
        if not sent:
            continue
        start = text.find(sent, pos)
        if start < 0:
            continue
        glued = spans and start == spans[-1][1] and not sent[:1].isupper()
        # A dot leader ("Berufseinstieg ........ 3.240 Euro") joins a label to its value.
        glued = glued or (spans and _LEADER.search(text, spans[-1][0], spans[-1][1]))
        # No space after the full stop ("St.-Josefs-Hospital"): an abbreviation, not an end.
        if glued or (spans and text[: spans[-1][1]].lower().endswith(_ABBREVIATIONS)):
            spans[-1] = (spans[-1][0], start + len(sent))
        else:
            spans.append((start, start + len(sent)))
        pos = start + len(sent)
    return tuple(spans) or ((0, len(text)),)


def ends_sentence(line: str) -> bool:
    """Whether a line ends with sentence-final punctuation (closing quotes aside)."""
    return line.rstrip().rstrip(_CLOSING).endswith(_FINAL)


def _line_breaks_end_sentences(segment: str) -> bool:
    """One paragraph per line (lines longer than any wrap width): every line break ends one."""
    return "\n" in segment and any(len(line) > _WRAP_MAX for line in segment.split("\n"))


def _pieces(segment: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a block that sentences cannot cross: its lines if each is a
    paragraph, else the block with heading lines (short, unpunctuated, after a line ending a
    sentence, before a capital) cut out as parts of their own."""
    if _line_breaks_end_sentences(segment):
        return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", segment)]
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", segment)]
    if len(lines) < 2:
        return [(0, len(segment))]
    width = max(e - s for s, e in lines)
    parts: list[tuple[int, int]] = []
    start = 0
    for i, (s, e) in enumerate(lines[:-1]):
        line = segment[s:e].strip()
        # The next line is an item of a list this line opens or belongs to (a wrapped line that
        # merely starts with a dash goes on with its sentence).
        in_list = LIST_ITEM.match(segment, s) or line.endswith(":")
        # A field follows a field; a line of wrapped prose goes on into the next, whatever
        # that one opens with ("... und private\nGesundheitsdienstleister: Sie suchen ...").
        fielded = FIELD.match(segment, s) and not line.endswith((",", "-"))
        item_next = (in_list and LIST_ITEM.match(segment, lines[i + 1][0])) or (
            fielded and FIELD.match(segment, lines[i + 1][0])
        )
        if line.rstrip(_CLOSING).endswith(_ITEM_END) or item_next:
            # A list item ("...;", or the line before the next item) ends at its line break, as
            # it does when the same lines are read as one paragraph each (a wrapped "Zweitens:"
            # may go on, so ':' does not).
            parts.append((start, e))
            start = e
            continue
        # Not the first line: a slice of a paragraph may start mid-line, short but no heading.
        after_end = i > 0 and ends_sentence(segment[lines[i - 1][0] : lines[i - 1][1]])
        nxt = segment[lines[i + 1][0] : lines[i + 1][1]].lstrip()
        # A first line over a list is its heading too ("[Folie 3] Aufgaben" over "- KIS").
        listed = i == 0 and LIST_ITEM.match(nxt)
        opens = nxt[:1].isupper() or listed
        if (after_end or listed) and not ends_sentence(line) and e - s < 0.6 * width and opens:
            if s > start:
                parts.append((start, s))
            parts.append((s, e))
            start = e
    parts.append((start, len(segment)))
    return parts


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, shifted by offset, without surrounding spaces.

    A blank line or a heading line ends a sentence; a single line break inside a paragraph
    (hard-wrapped text) is read as a space, so a sentence or quote may span it.
    """
    if not text.strip():
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*_BLANK_LINE.finditer(text), None]:
        end = m.start() if m else len(text)
        segment = text[pos:end]
        for ps, pe in _pieces(segment):
            piece = segment[ps:pe]
            if not piece.strip():
                continue
            # Same length replacement: offsets into the piece stay offsets into text.
            flat = piece.replace("\r", " ").replace("\n", " ")
            base = offset + pos + ps
            out.extend((base + s, base + e) for s, e in _spans(flat))
        pos = m.end() if m else len(text)
    return out


# Sentence openings that point back to the sentence before ("Sie dauern ein Jahr"):
# general German and English function words, not drawn from any text.
_POINTS_BACK = re.compile(
    r"(?:sie|er|dies|diese[rsmn]?|dort|dabei|dafür|dazu|daher|deshalb|deswegen|"
    r"it|they|this|these)\b",
    re.IGNORECASE,
)


# A place word among a sentence's first words points back as well: German puts it after the
# verb ("Für Fortgeschrittene gibt es dort auch ein Seminar": where?).
_PLACE_BACK = re.compile(
    r"\b(?:dort|dorthin|daneben|there(?!\s+(?:is|are|was|were|will|has|have|seems?)\b|['’]s))\b",
    re.IGNORECASE,
)
_OPENING = 6  # words


def points_back(sentence: str) -> bool:
    """Whether a sentence opens with a word that refers to the sentence before it."""
    text = sentence.lstrip("„“\"'»« ")
    opening = " ".join(text.split()[:_OPENING])
    return _POINTS_BACK.match(text) is not None or _PLACE_BACK.search(opening) is not None


MAX_LIST = 800  # characters of the list a sentence closing with a colon announces


def list_end(rest: str, limit: int = MAX_LIST) -> int:
    """Where the list that rest opens with ends (after a sentence closing with a colon), line
    by line, within limit characters: after a line that ends a sentence, and at a blank line
    unless the line before ends with a comma, semicolon or colon (items a reader set apart as
    paragraphs)."""
    end, at, goes_on = 0, 0, True
    for line in rest.splitlines(keepends=True):
        at += len(line)
        text = line.strip()
        if not text:
            if not goes_on:
                break
            continue
        if at > limit:
            break
        end = at - (len(line) - len(line.rstrip()))
        last = text.rstrip("“”\"'»«)*_")[-1:]
        if last in (".", "!", "?"):
            break
        goes_on = last in (",", ";", ":")
    return end
