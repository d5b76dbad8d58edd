"""Salary statements found in a text: euro amount or range, period, level, profession and the
exact sentence with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.amounts import (
    BARE,
    EURO,
    MONTH,
    THOUSANDS,
    YEAR,
    amounts,
    per_other,
    period_near,
    plausible,
)
from ingest.layout import blocks
from knowledge.cities import mentions as places
from knowledge.gazetteer import lookup
from knowledge.levels import COST, EXTRA, PAY, level_of, nearest_level
from knowledge.occupations import mentions, same
from knowledge.sentences import sentence_spans

LEVELS = ("entry", "experienced", "lead", "unspecified")
Spans = list[tuple[int, int]] | None  # (start, end) of the headings markup declares


@dataclass(frozen=True)
class SalaryFact:
    """One salary figure or range stated in a document; high is None for 'ab 3.100 €'."""

    level: str  # one of LEVELS
    low: int
    high: int | None
    period: str  # "month" or "year"
    profession: str | None  # None: the document's own profession
    sentence: str
    start: int
    end: int


def _about_pay(sentence: str) -> bool:
    """Whether a sentence speaks of pay: a pay word, a career level or a pay period ("ab 3.400 €
    monatlich"). A relocation allowance or a course fee names none."""
    return any(p.search(sentence) for p in (PAY, YEAR, MONTH)) or level_of(sentence) is not None


DEMONSTRATIVE = re.compile(r"\b(?:diese[mnrs]?|jene[mnrs]?|this|that|these)\b", re.IGNORECASE)
# A sentence opening with a pronoun and a verb speaks of whom the sentence before named: "Die
# machen ähnliche Arbeit, steigen aber mit 38.500 € ein", "They start at ...".
PRONOUN_START = re.compile(r"\s*(?:Die|Sie|Diese|Jene|They|These|Those)\s+[a-zäöüß]")


# A relative clause between commas names someone beside the one the sentence is about; so does
# an aside in brackets ("Ich bin Teamlead (vier Entwickler) und komme auf 61.000").
RELATIVE = re.compile(
    r",\s*(?:die|der|das|denen|dessen|deren|welche[rsmn]?|who|which|that)\b[^,;]*,", re.IGNORECASE
)
_ASIDE = re.compile(r"\([^()]*\)")


def _profession(
    sentence: str, at: int, before: str, own: str | None, section: str | None = None
) -> str | None:
    """Another occupation this figure is given for, else None (the document's own); section:
    the occupation the heading above names ("Fachinformatiker für Systemintegration (m/w/d)"
    over a job advertisement)."""
    if not own:
        return None
    asides = [m.span() for m in _ASIDE.finditer(sentence)]
    named = [m for m in mentions(sentence) if not any(a <= m.start < b for a, b in asides)]
    clauses = [m.span() for m in RELATIVE.finditer(sentence)]
    outside = [m for m in named if not any(a <= m.start < b for a, b in clauses)]
    named = outside or named  # "Dokumentationsassistenten, die mit den Informatikern ..."
    if named:
        # The occupation named nearest before the figure, else the first one after it.
        earlier = [m for m in named if m.end <= at]
        name = (earlier[-1] if earlier else named[0]).name
    elif (DEMONSTRATIVE.search(sentence[:at]) or PRONOUN_START.match(sentence)) and mentions(
        before
    ):
        name = mentions(before)[-1].name  # "Für diesen Ausbildungsberuf ... 2.900 €"
    elif section:
        name = section
    else:
        return None
    return None if same(name, own) else name


def _one_level(sentence: str, end: int) -> str | None:
    """The level named up to the end of the figure's clause, else anywhere in the sentence: not
    the one of a clause after it ("„Wir zahlen zum Einstieg 3.350 Euro“, sagt X, der die IT
    leitet")."""
    return level_of(sentence[:end] + _clause(sentence[end:])) or level_of(sentence)


def _clause(rest: str) -> str:
    """The rest of a clause: up to its comma, semicolon, colon, bracket or dash."""
    return re.split(r"[,;:(]|\s[–—]\s", rest, maxsplit=1)[0]


def _level(sentence: str, at: int, end: int, since: int) -> str | None:
    """The level named for the figure at `at`..`end` in a sentence with several (the one before
    ends at `since`): the level word nearest before it and after the figure before ("46.000 Euro
    beim Einstieg, nach fünf Jahren ... 58.500"), else one after it in its own clause ("46.000
    Euro im Jahr beim Einstieg,"), else none: "fangen bei 3.150 Euro an, erfahrene ... 3.900"
    names a level for the second figure only."""
    return nearest_level(sentence[since:at]) or level_of(_clause(sentence[end:]))


EURO_SIGN = re.compile(EURO)
_ROW = re.compile(r"\S \| \S")  # a table row as the readers write it: "Einstieg | 3.500 €"


def _adjacent(gap: str) -> bool:
    """Whether two figures stand side by side: nothing but units and signs between them."""
    return "|" not in gap and not re.search(r"[^\W\d_]", re.sub(EURO, "", gap, flags=re.I))


def _spoken(sentence: str, before: str, header: str, about: bool, priced: bool) -> bool:
    """Whether a single figure of the sentence is pay, not an allowance or a fee ("eine
    Umzugspauschale von 1.500 EUR"): this sentence, the one before or the table's header speaks
    of pay, and this one names no price without naming pay too. A range is a salary."""
    return not (priced and not PAY.search(sentence)) and (
        about or _about_pay(before) or _about_pay(header)
    )


def _elsewhere(lead: str, city: str) -> bool:
    """The words before a sentence's figures name another place and not the document's city:
    a reader's comment "Bei uns in Siegen verdient man ...", "In Dortmund liegt es bei ..."."""
    named = {m.place for m in places(lead) if m.cue and m.capital}
    own = lookup(city)
    return bool(named) and not any(p == own or p.name == city for p in named)


def _not_salary(sentence: str, at: int, end: int) -> bool:
    """A figure counted per something else, or an allowance or a cost named right before it:
    "eine Umzugspauschale von 1.500 EUR", "They paid my moving costs up to EUR 2,000"."""
    near = sentence[max(0, at - 40) : at]
    return per_other(sentence, end) or bool(EXTRA.search(near) or COST.search(near))


def _column_profession(header: str, row: str, at: int, own: str | None) -> str | None | bool:
    """The occupation the table header names for the figure's column (None: the document's
    own), or False when the header names none there: "Stufe | Medizininformatiker/in | Med.
    Dokumentationsassistenz" over "Einstieg | 3.450 € | 2.850 €"."""
    if not own or not header or header == row:
        return False
    cell = _header_cell(header, row, at)
    named = mentions(cell) if cell and cell != header.split(" | ")[0] else []
    if not named:
        return False
    return None if same(named[0].name, own) else named[0].name


def _column_level(header: str, row: str, at: int) -> str | None:
    """The level the table header names for the column the figure at `at` stands in."""
    if not header or header == row:
        return None
    cell = _header_cell(header, row, at)
    return level_of(cell) if cell is not None else level_of(header)


def _header_cell(header: str, row: str, at: int) -> str | None:
    """The header's cell over the row's cell at `at`; a header with fewer cells than the row
    lacks the stub column's ("| Einstieg | nach 3 Jahren" over "Jahresbrutto | 47.500 € | ...")."""
    cells = header.split(" | ")
    column = row[:at].count(" | ") - max(0, row.count(" | ") + 1 - len(cells))
    return cells[column] if 0 <= column < len(cells) else None


def salary_facts(
    text: str, profession: str | None = None, city: str | None = None, headings: Spans = None
) -> list[SalaryFact]:
    """Every euro salary in text, with level, period, profession and its sentence; with the
    document's city, none from a sentence about another place only; headings: those markup
    declares (a Markdown "## 2. Fachinformatiker/in" is a heading, not a list item)."""
    found: list[tuple[SalaryFact, str | None]] = []
    previous = ""  # the sentence before, across blocks: a table row follows the row above
    section = None  # the occupation the last heading naming one names
    header = ""  # the first row of the table a row is in: what its columns hold
    # Paragraph by paragraph, whatever the layout: a wrapped sentence spans line breaks.
    for block in blocks(text, headings):
        paragraph = text[block.start : block.end]
        if block.heading and not _ROW.search(paragraph) and (named := mentions(paragraph)):
            section = named[0].name
        header = (header or paragraph) if _ROW.search(paragraph) else ""
        if not any(p.search(paragraph) for p in (EURO_SIGN, THOUSANDS, BARE)):
            previous = paragraph  # no euro, no fact: spare the (slow) sentence splitter
            continue
        spans = sentence_spans(paragraph, offset=block.start)
        for i, (s, e) in enumerate(spans):
            sentence = text[s:e]
            before = text[spans[i - 1][0] : spans[i - 1][1]] if i else previous
            about, priced = _about_pay(sentence), COST.search(sentence) is not None
            # A figure with no unit is pay where its own sentence speaks of pay and of no price.
            figures = amounts(sentence, about and not priced)
            if figures and city and _elsewhere(sentence[: figures[0][2]], city):
                continue
            spoken = bool(figures) and _spoken(sentence, before, header, about, priced)
            # A table row: its first cell names the row's level and occupation, not the cells
            # that describe it ("Teamleitung | 64.000 € | Abstimmung mit Ärzten").
            label = sentence.split(" | ")[0] if _ROW.search(sentence) else None
            last: SalaryFact | None = None  # the sentence's figure before, if kept
            for k, (low, high, at, end) in enumerate(figures):
                since = figures[k - 1][3] if k else 0
                until = figures[k + 1][2] if k + 1 < len(figures) else len(sentence)
                period = period_near(sentence, since, at, end, until, low)
                single = high in (None, low)
                if not plausible(low, high, period) or (single and not spoken):
                    continue
                if _not_salary(sentence, at, end):
                    continue
                one = len(figures) == 1
                level = (label is not None and level_of(label)) or (
                    _one_level(sentence, end) if one else _level(sentence, at, end, since)
                )
                if not level and last and (_adjacent(sentence[since:at]) or last.period != period):
                    # "46.800 € 43.000 – 50.500 €" (a median and its range), "4.000 Euro im Monat
                    # – bei 13 Gehältern 52.000 Euro im Jahr": the same pay again.
                    level = last.level
                cell, cut = (label, len(label)) if label else (sentence, at)
                whose = _column_profession(header, sentence, at, profession)
                if whose is False:
                    whose = _profession(cell, cut, before, profession, section)
                # A row's level or occupation may be its column's ("... | Einstiegsgehalt").
                level = level or _column_level(header, sentence, at) or ""
                last = SalaryFact(level, low, high, period, whose, sentence, s, e)
                found.append((last, level_of(before)))
        previous = text[spans[-1][0] : spans[-1][1]] if spans else paragraph
    return _infer_levels(found)


def _infer_levels(found: list[tuple[SalaryFact, str | None]]) -> list[SalaryFact]:
    """A figure without a level word is the experienced one when it follows a lower entry figure
    of the same period and profession ('Zum Einstieg 3.000 ... Wer Spezialwissen ... 3.600');
    else the level the sentence before names; else the entry one when it comes before a higher
    experienced figure and no entry figure is given ('Wer direkt vom Studium kommt ... 3.150
    ... Mit einigen Jahren Berufserfahrung ... 4.200'); else unspecified."""
    out: list[SalaryFact] = []
    for f, before_level in found:
        if not f.level:
            entry = [
                g
                for g in out
                if g.level == "entry" and g.period == f.period and g.profession == f.profession
            ]
            # The level the sentence before names is the document's own profession's: "Zum
            # Vergleich: eine Pflegefachkraft ..." after a lead figure is no lead pay.
            told = before_level if f.profession is None else None
            level = "experienced" if entry and f.low > entry[-1].low else told
            f = replace(f, level=level or "unspecified")
        out.append(f)
    return [_entry_if_below(f, out) for f in out]


def _entry_if_below(f: SalaryFact, facts: list[SalaryFact]) -> SalaryFact:
    """An unspecified figure as the entry one, when a later, higher figure of its period and
    profession is the experienced one and the text gives no entry figure for them."""
    if f.level != "unspecified":
        return f
    kin = [g for g in facts if g.period == f.period and g.profession == f.profession]
    if any(g.level == "entry" for g in kin):
        return f
    later = kin[kin.index(f) + 1 :]  # in document order, a sentence's figures in theirs
    higher = [g for g in later if g.level == "experienced" and g.low > f.low]
    return replace(f, level="entry") if higher else f
