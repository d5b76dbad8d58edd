"""Whose pay a figure is: the document's own occupation, or another one that its sentence,
the sentence before, its table column, a heading or a label line above names."""

from __future__ import annotations

import re

from ingest.formats import header_cell
from knowledge.levels import level_of
from knowledge.occupations import mentions, same

DEMONSTRATIVE = re.compile(r"\b(?:diese[mnrs]?|jene[mnrs]?|this|that|these)\b", re.IGNORECASE)
# A sentence opening with a pronoun and a verb speaks of whom the sentence before named: "Die
# machen ähnliche Arbeit, steigen aber mit 38.500 € ein", "They start at ...".
PRONOUN_START = re.compile(r"\s*(?:Die|Sie|Diese|Jene|They|These|Those)\s+[a-zäöüß]")


# A relative clause between commas names someone beside the one the sentence is about; so does
# an aside in brackets ("Ich bin Teamlead (vier Entwickler) und komme auf 61.000").
RELATIVE = re.compile(
    r",\s*(?:die|der|das|denen|dessen|deren|welche[rsmn]?|who|which|that)\b[^,;]*,", re.IGNORECASE
)
# A bracket, or a role given as an example ("ab fünf Jahren, zum Beispiel als Administratorin
# des KIS"): no one whose pay the figure is.
ASIDE = re.compile(
    r"\([^()]*\)|\b(?:zum Beispiel|z\.\s?B\.|beispielsweise|etwa|e\.\s?g\.|for example|"
    r"for instance|such as)\s+(?:als|as)\b[^,;.]*",
    re.IGNORECASE,
)


def profession_of(
    sentence: str, at: int, before: str, own: str | None, section: str | None = None
) -> str | None:
    """Another occupation this figure is given for, else None (the document's own); section:
    the occupation the heading above names ("Fachinformatiker für Systemintegration (m/w/d)"
    over a job advertisement)."""
    if not own:
        return None
    asides = [m.span() for m in ASIDE.finditer(sentence) if not _acronym(m.group(0))]
    named = [m for m in mentions(sentence) if not any(a <= m.start < b for a, b in asides)]
    named = [m for m in named if not _speaker(sentence, m)]
    clauses = [m.span() for m in RELATIVE.finditer(sentence)]
    outside = [m for m in named if not any(a <= m.start < b for a, b in clauses)]
    named = outside or named  # "Dokumentationsassistenten, die mit den Informatikern ..."
    if named:
        # The occupation named nearest before the figure, else the first one after it.
        earlier = [m for m in named if m.end <= at]
        # One after it only in the figure's own part of a list run on one line ("Einstieg ca.
        # 3.300 € · mit Erfahrung 4.150 € · Fachinformatiker:innen ab 2.950 €").
        # Nor one far after it: a transcript without stops runs many statements into one
        # "sentence" ("... 3300 brutto ... meine freundin die ist pflegekraft die kriegt 3050").
        later = [
            m
            for m in named
            if at <= m.start <= at + LATER_CHARS and not _SEGMENT.search(sentence, at, m.start)
        ]
        if not (earlier or later):
            return None if not section else _other(section, own)
        name = (earlier[-1] if earlier else later[0]).name
    elif (DEMONSTRATIVE.search(sentence[:at]) or PRONOUN_START.match(sentence)) and mentions(
        before
    ):
        name = mentions(before)[-1].name  # "Für diesen Ausbildungsberuf ... 2.900 €"
    elif section:
        name = section
    else:
        return None
    return _other(name, own)


def _acronym(aside: str) -> bool:
    """A bracket holding an occupation's acronym only ("radiology technologists (MTR)"): it
    names whom the words before it mean, it is no aside."""
    inner = aside.strip("()").strip()
    return inner.isupper() and " " not in inner and bool(mentions(inner))


_SEGMENT = re.compile(r"\s[·|•]\s")
LATER_CHARS = 100  # "3.200 € bekommen hier im ersten Jahr die angehenden Pflegefachkräfte"
LABEL_CHARS = 120  # a line this short, with no final stop, is a row, an item or a label


def is_line(text: str) -> bool:
    """A row, a list item or a label, not a sentence of prose."""
    return len(text) <= LABEL_CHARS and not text.rstrip(" \"'“”)»").endswith((".", "!", "?"))


_SAYS = re.compile(r"\s*:\s*(\S+(?:\s+\S+){5,})")  # a label, then six words or more


def _speaker(sentence: str, m) -> bool:
    """An occupation that labels who speaks ("Beraterin: Mit fünf Jahren liegen die
    Gehälter bei ..."), not a field's value ("Pflegefachkraft: ca. 3.150 €")."""
    word_end = re.match(r"[^\W\d_]*", sentence[m.end :]).end() + m.end
    return not sentence[: m.start].strip() and bool(_SAYS.match(sentence, word_end))


def opens(line: str, own: str | None, current: str | None) -> str | None:
    """The occupation the short figure lines after this line are for: a short line without a
    figure that names another occupation opens its rows ("Vergleichsberuf | Fachinformatiker/in
    Systemintegration", "- Pflegefachkraft (zum Vergleich)"); prose or the own one ends them."""
    if not is_line(line):
        return None
    named = mentions(line)
    if not named:
        return current
    return _other(named[0].name, own)


def column_profession(header: str, row: str, at: int, own: str | None) -> str | None | bool:
    """The occupation the table header names for the figure's column (None: the document's
    own), or False when the header names none there: "Stufe | Medizininformatiker/in | Med.
    Dokumentationsassistenz" over "Einstieg | 3.450 € | 2.850 €"."""
    if not own or not header or header == row:
        return False
    cell = header_cell(header, row, at)
    named = mentions(cell) if cell and cell != header.split(" | ")[0] else []
    if not named:
        return False
    return _other(named[0].name, own)


def _other(name: str, own: str | None) -> str | None:
    """The occupation named, or None when it is the document's own."""
    return None if own and same(name, own) else name


def column_level(header: str, row: str, at: int) -> str | None:
    """The level the table header names for the column the figure at `at` stands in."""
    if not header or header == row:
        return None
    cell = header_cell(header, row, at)
    return level_of(cell) if cell is not None else level_of(header)
