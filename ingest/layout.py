"""Paragraphs and headings of a plain text, whatever its line layout."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.sentences import LIST_ITEM, TABLE_ROW, ends_sentence

HEADING_MAX = 120
# A longer question standing alone is a paragraph of its own. An interviewer's question runs
# to 95 letters ("Frage: Herr X, was macht eigentlich ein Medizininformatiker bei Ihnen?").
QUESTION_MAX = HEADING_MAX
# Of a text's blocks, at most this share can be headings (texts with headings here: 58 % at
# most, a title stack over short sections), counted from this many blocks on.
_HEADING_SHARE = 0.7
_MIN_BLOCKS = 10
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
# A line drawn with one sign repeated: a separator in plain-text newsletters and forums.
_RULE = re.compile(r"([=\-_*~#+])\1{2,}")
_RULE_LINE = re.compile(rf"^[ \t]*{_RULE.pattern}[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    """A paragraph or heading: text[start:end], stripped."""

    start: int
    end: int
    heading: bool


_SIGNATURE = re.compile(r"--[ \t]*\n")
# A dated entry of a CV or a log: "2021: Online-Kurs …", "seit 03/2022: Systemanalystin …".
_DATED = re.compile(
    r"(?:(?:seit|ab|bis|since|from|until)[ \t]+)?(?:\d{1,2}[./])?(?:19|20)\d{2}\b[^:\n]{0,25}:"
    r"[ \t]+\S",
    re.IGNORECASE,
)


def is_heading(block: str) -> bool:
    """A short block without final punctuation, standing alone, is a section heading: one line,
    or two when a long heading was hard-wrapped like the text around it. So is a short question
    standing alone ("Wo kann man sich weiterbilden?"), as headings of FAQ-style texts and an
    interviewer's questions. A list item, a table row or a dated entry never is."""
    line = " ".join(block.split())
    if not line or block.strip().count("\n") > 1 or len(line) > HEADING_MAX:
        return False
    if LIST_ITEM.match(block):  # "- 30 Urlaubstage im Jahr": an item, however short
        return False
    if _SIGNATURE.match(block):  # "--" opens the signature of an e-mail or a forum post
        return False
    # A short table row ("Einstieg | 3.450 €", "Arbeitszeit;40 Stunden;Quelle") or a dated entry
    # is content: as a heading it would be in no passage, and neither searched nor quoted.
    if TABLE_ROW.search(block.strip()) or _DATED.match(line):
        return False
    if _question_line(block):
        return True
    return not (ends_sentence(line) or line.endswith(","))


def _question_line(block: str) -> bool:
    """A short question standing alone (one line, or two hard-wrapped): what the paragraphs
    after it answer."""
    line = " ".join(block.split())
    return block.strip().count("\n") <= 1 and line.endswith("?") and len(line) <= QUESTION_MAX


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(stripped)


def _spans(text: str) -> list[tuple[int, int]]:
    """Blocks separated by blank lines when the text has any (lines inside belong together,
    list items aside), else one block per line; a rule line ("=====", "-----") separates
    blocks like a blank line and belongs to none."""
    if not _BLANK_LINE.search(text):
        found = (_trimmed(text, m.start(), m.end()) for m in _LINE.finditer(text))
        return [s for s in found if s and not _RULE.fullmatch(text, *s)]
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in [*_BLANK_LINE.finditer(text), None]:
        end = m.start() if m else len(text)
        for start, stop in _between_rules(text, pos, end):
            spans.extend(_list_items(text, start, stop))
        pos = m.end() if m else len(text)
    return [t for s, e in spans if (t := _trimmed(text, s, e))]


def _between_rules(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of text[start:end] between its rule lines."""
    out = []
    for rule in _RULE_LINE.finditer(text, start, end):
        out.append((start, rule.start()))
        start = rule.end()
    out.append((start, end))
    return out


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block cut before each list item, if it is a list (or a lead-in ending in ':' and one);
    a wrapped line that merely starts with a dash stays in its paragraph."""
    lines = list(_LINE.finditer(text, start, end))
    in_list = bool(lines) and bool(LIST_ITEM.match(lines[0].group(0)))
    out: list[tuple[int, int]] = []
    for prev, line in zip(lines, lines[1:], strict=False):
        if LIST_ITEM.match(line.group(0)) and (in_list or prev.group(0).rstrip().endswith(":")):
            in_list = True
            out.append((start, line.start()))
            start = line.start()
    out.append((start, end))
    return out


def _split_at(text: str, span: tuple[int, int], marks: list[tuple[int, int]]) -> list[Block]:
    """A block cut around the declared heading spans that fall inside it."""
    start, end = span
    out: list[Block] = []
    for hs, he in marks:
        if he <= start or hs >= end:
            continue
        if (before := _trimmed(text, start, max(start, hs))) is not None:
            out.append(Block(*before, heading=False))
        if (head := _trimmed(text, max(hs, start), min(he, end))) is not None:
            out.append(Block(*head, heading=True))
        start = min(he, end)
    if (rest := _trimmed(text, start, end)) is not None:
        out.append(Block(*rest, heading=False))
    return out


def blocks(text: str, headings: list[tuple[int, int]] | None = None) -> list[Block]:
    """Paragraphs and headings of text in order; headings declared by markup if given, else by
    layout (is_heading)."""
    spans = _spans(text)
    if not headings:
        flags = [is_heading(text[s:e]) for s, e in spans]
        # A text whose lines would nearly all be headings has none: a chat's messages have no
        # final stops, and a heading's line is no passage of its own.
        if len(flags) >= _MIN_BLOCKS and sum(flags) > _HEADING_SHARE * len(flags):
            flags = [False] * len(flags)
        return [Block(s, e, f) for (s, e), f in zip(spans, flags, strict=True)]
    marks = sorted(headings)
    out: list[Block] = []
    i = 0
    for span in spans:
        while i < len(marks) and marks[i][1] <= span[0]:
            i += 1
        j = i
        while j < len(marks) and marks[j][0] < span[1]:
            j += 1
        # Markup declares section headings; a question standing alone heads its answer all
        # the same (an interview's "Frage: ...", an FAQ written as paragraphs).
        alone = Block(*span, heading=_question_line(text[span[0] : span[1]]))
        out.extend(_split_at(text, span, marks[i:j]) if j > i else [alone])
    return out
