"""Salary statements found in a text: euro amount or range, period, level, profession and the
exact sentence with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.amounts import (
    BARE,
    EURO,
    MONTH,
    STALE,
    THOUSANDS,
    YEAR,
    amounts,
    cell_figures,
    not_salary,
    period_near,
    plausible,
)
from ingest.formats import header_cell
from ingest.layout import blocks
from ingest.payee import (
    column_level,
    column_profession,
    is_line,
    opens,
    profession_of,
)
from knowledge.cities import mentions as places
from knowledge.gazetteer import lookup
from knowledge.levels import COST, LEARNER, PAY, level_of, nearest_level
from knowledge.occupations import mentions
from knowledge.sentences import ROW, sentence_spans

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


def _field_level(sentence: str, at: int) -> str | None:
    """The level a field's label names ("Entry level (up to 3 years of experience): EUR
    47,400"), for a figure with no level word of its own between the label and it."""
    colon = sentence.find(": ")
    if not 0 < colon < min(at, 80) or nearest_level(sentence[colon:at]):
        return None
    return level_of(sentence[:colon])


EURO_SIGN = re.compile(EURO)


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


# A word pointing back to the place just named: "Geh lieber nach Aachen. Am Uniklinikum dort
# bekommen ...", "I moved to Bonn. Pay there is ...".
_THERE = re.compile(r"\b(?:dort|dortigen?|there)\b", re.IGNORECASE)


def _elsewhere(lead: str, city: str, before: str = "") -> bool:
    """The words before a sentence's figures name another place and not the document's city
    ("Bei uns in Siegen verdient man ...", "In Dortmund liegt es bei ..."), or point back with
    "dort" to the sentence before, which does."""
    if _THERE.search(lead) and not _names(lead) and _elsewhere(before, city):
        return True
    return _another_place(_names(lead), city)


def _another_place(named: set, city: str) -> bool:
    """Places are named, and the document's city is not among them."""
    own = lookup(city)
    return bool(named) and not any(p == own or p.name == city for p in named)


def _names(text: str) -> set:
    """The places text names after a cue ("in", "nach", ...) or as an adjective ("Kölner")."""
    return {m.place for m in places(text) if (m.cue or m.inflected) and m.capital}


def _elsewhere_column(ctx: _Context, row: str, at: int) -> bool:
    """The table header names another place over the figure's column: "| Köln |
    Wermelskirchen" over "Einstieg | 48.200 € | 44.500 €" in Wermelskirchen's text."""
    if not ctx.city or not ctx.header or ctx.header == row:
        return False
    cell = header_cell(ctx.header, row, at)
    return _another_place({m.place for m in places(cell or "") if m.capital}, ctx.city)


def salary_facts(
    text: str, profession: str | None = None, city: str | None = None, headings: Spans = None
) -> list[SalaryFact]:
    """Every euro salary in text, with level, period, profession and its sentence; with the
    document's city, none from a sentence about another place only; headings: those markup
    declares (a Markdown "## 2. Fachinformatiker/in" is a heading, not a list item)."""
    found: list[tuple[SalaryFact, str | None]] = []
    previous = ""  # the sentence before, across blocks: a table row follows the row above
    section = None  # the occupation the last heading naming one names
    opened = None  # the occupation a short line without a figure named: its rows follow
    header = ""  # the first row of the table a row is in: what its columns hold
    stale = False  # under a heading that calls its section out of date ("Gehalt (überholt)")
    heading_level = None  # the level the last heading names: a job ad's title over its pay
    # Paragraph by paragraph, whatever the layout: a wrapped sentence spans line breaks.
    for number, block in enumerate(blocks(text, headings)):
        paragraph = text[block.start : block.end]
        titled = block.heading and not ROW.search(paragraph)  # a short row reads as a heading
        if titled:
            opened, stale = None, bool(STALE.search(paragraph))
            # A job ad's title over its pay ("Medizininformatiker*in (Junior) – ..."); not the
            # text's title ("Vom Einstieg bis zur Leitung: ..." is what the text covers).
            heading_level = level_of(paragraph) if number else None
            # The title names what the whole text is about, which the document's occupation
            # already says ("Gesucht: Brückenbauer zwischen Medizin und IT" is no section).
            if (named := mentions(paragraph)) and number:
                section = named[0].name
        header = (header or paragraph) if ROW.search(paragraph) else ""
        found_any = any(p.search(paragraph) for p in (EURO_SIGN, THOUSANDS, BARE))
        if not (found_any or cell_figures(paragraph, header, [])):
            previous = paragraph  # no euro, no fact: spare the (slow) sentence splitter
            opened = opened if titled else opens(paragraph, profession, opened)
            continue
        spans = sentence_spans(paragraph, offset=block.start)
        carried = None
        for i, (s, e) in enumerate(spans):
            sentence = text[s:e]
            before = text[spans[i - 1][0] : spans[i - 1][1]] if i else previous
            about, priced = _about_pay(sentence), COST.search(sentence) is not None
            # A figure with no unit is pay where its own sentence speaks of pay and of no price.
            figures = amounts(sentence, about and not priced)
            figures = sorted(figures + cell_figures(sentence, header, figures), key=lambda f: f[2])
            if not figures:
                opened = opens(sentence, profession, opened)
                continue
            if stale or (city and _elsewhere(sentence[: figures[0][2]], city, before)):
                continue
            spoken = _spoken(sentence, before, header, about, priced)
            line = is_line(sentence)
            owner = (line and opened) or section
            context = _Context(before, header, profession, owner, city, heading_level, carried)
            facts = _facts_in(sentence, s, e, figures, spoken, context)
            carried = facts[-1][0].profession if facts else carried
            found.extend(facts)
            opened = opened if line else None
        previous = text[spans[-1][0] : spans[-1][1]] if spans else paragraph
    return _infer_levels(found)


def _row_label(row: str, first: int) -> str:
    """The cells of a table row before its first figure (the first cell when it holds one)."""
    cells = row[:first].rsplit(" | ", 1)[0] if " | " in row[:first] else ""
    return cells or row.split(" | ")[0]


@dataclass(frozen=True)
class _Context:
    before: str  # the sentence before
    header: str  # the table's first row, if the sentence is a row
    profession: str | None  # the document's own occupation
    section: str | None  # the occupation a heading or a label line above names
    city: str | None = None  # the document's city
    heading_level: str | None = None  # the level the heading above names
    carried: str | None = None  # another occupation the paragraph's figure before was paid to


def _facts_in(
    sentence, s, e, figures, spoken, ctx: _Context
) -> list[tuple[SalaryFact, str | None]]:
    """The salary facts of one sentence's figures."""
    out: list[tuple[SalaryFact, str | None]] = []
    # A table row: the cells before its first figure name the row's level and occupation, not
    # the cells that describe it ("Teamleitung | 64.000 € | Abstimmung mit Ärzten"), a group's
    # cell included ("Fachkraft | Berufseinstieg (0 bis 2 Jahre) | 46.500 | 49.000").
    label = _row_label(sentence, figures[0][2]) if ROW.search(sentence) else None
    last: SalaryFact | None = None  # the sentence's figure before, if kept
    for k, (low, high, at, end) in enumerate(figures):
        since = figures[k - 1][3] if k else 0
        until = figures[k + 1][2] if k + 1 < len(figures) else len(sentence)
        period = period_near(sentence, since, at, end, until, low)
        single = high in (None, low)
        if not plausible(low, high, period) or (single and not spoken):
            continue
        if not_salary(sentence, at, end) or _elsewhere_column(ctx, sentence, at):
            continue
        if LEARNER.search(label or sentence[since:at]):  # "Auszubildende … | 1.218 €": no level
            continue
        one = len(figures) == 1
        level = (
            (label is not None and level_of(label))
            or _field_level(sentence, at)
            or (_one_level(sentence, end) if one else _level(sentence, at, end, since))
        )
        if not level and last and (_adjacent(sentence[since:at]) or last.period != period):
            # "46.800 € 43.000 – 50.500 €" (a median and its range), "4.000 Euro im Monat – bei
            # 13 Gehältern 52.000 Euro im Jahr": the same pay again.
            level = last.level
        cell, cut = (label, len(label)) if label else (sentence, at)
        whose = column_profession(ctx.header, sentence, at, ctx.profession)
        if whose is False:
            whose = profession_of(cell, cut, ctx.before, ctx.profession, ctx.section)
            # A figure whose sentence names no one goes on with the paragraph's figure before
            # ("Eine Pflegefachkraft verdient … 3.350 Euro. … Mit Berufserfahrung … sind es
            # etwa 4.100 Euro"): a paragraph is about one occupation's pay at a time.
            if whose is None and label is None and not mentions(sentence):
                whose = (last.profession if last else None) or ctx.carried
        # A row's level or occupation may be its column's ("... | Einstiegsgehalt").
        level = level or column_level(ctx.header, sentence, at) or ""
        last = SalaryFact(level, low, high, period, whose, sentence, s, e)
        out.append((last, level_of(ctx.before) or ctx.heading_level))
    return out


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
