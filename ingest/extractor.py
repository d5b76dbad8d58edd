"""Salary statements found in a text: euro amount or range, period, level, profession and the
exact sentence with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.layout import blocks
from knowledge.levels import COST, EXTRA, PAY, level_of, nearest_level
from knowledge.occupations import mentions, same
from knowledge.sentences import sentence_spans

# Thousands grouped by a dot, a space or (English) a comma: "3.200", "3 200", "3,200".
_NUM = r"\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d{1,3}(?:,\d{3})+(?![,\d])|\d{4,6}"
_EURO = r"(?:€|EUR\b|Euro\b)"
_LEAD_EURO = r"(?:€|EUR\s)\s*"  # the sign before the figure: "€3,200", "EUR 3.200"
_AMOUNT = rf"(?:{_LEAD_EURO})?({_NUM})(?:,-|,00)?\s*(?:{_EURO})?"
_DASH = r"(?:bis|und|to|–|—|-)"
# "3.000 € bis 3.400 €", "zwischen 48.000 und 53.000 Euro", "3.250–3.700 €", "von 3.700 bis 4.300",
# "€3,200 to €3,600"
RANGE = re.compile(rf"{_AMOUNT}\s*{_DASH}\s*{_AMOUNT}")
# "ab 3.100 Euro", "rund 5.000 €", "etwa 72.000 Euro", "3.500 €", "around €4,300"
SINGLE = re.compile(
    rf"(?:\b(?P<floor>ab|mindestens|über|from|at least)\s+|\b(?:rund|etwa|ca\.|circa|gut|um die|"
    rf"bis zu|höchstens|around|about|up to)\s+)?"
    rf"(?:{_LEAD_EURO}(?P<before>{_NUM})|(?P<after>{_NUM})(?:,-|,00)?\s*{_EURO})",
    re.IGNORECASE,
)
YEAR = re.compile(
    r"\bim jahr\b|\bpro jahr\b|jährlich|jahresgehalt|jahresbrutto|\bp\.\s?a\.|per annum|"
    r"\bper year\b|\ba year\b|annual|jahreseinkommen|im jahr\b",
    re.IGNORECASE,
)
MONTH = re.compile(
    r"\bim monat\b|\bpro monat\b|monatlich|monatsgehalt|monatsbrutto|\bper month\b|"
    r"\ba month\b|monthly|/\s?monat",
    re.IGNORECASE,
)
# What a figure is counted per, right after it: pay is per month or year; "2.900 € pro Semester"
# is a fee, "150 € je Dienst" an allowance, whatever else the sentence says.
PER = re.compile(r"\s*(?:(?:pro|je|per|a)\s+|/\s*)([^\W\d_]+)", re.IGNORECASE)
LEVELS = ("entry", "experienced", "lead", "unspecified")
# A yearly figure under MIN_YEAR is a course fee or an allowance, not a salary.
MIN_MONTH, MAX_MONTH, MIN_YEAR, MAX_YEAR = 500, 30_000, 12_000, 500_000


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


def _euros(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def period_of(sentence: str, amount: int) -> str:
    """'year' or 'month': the words say it, else the size of the figure."""
    if YEAR.search(sentence):
        return "year"
    if MONTH.search(sentence):
        return "month"
    return "year" if amount > MAX_MONTH else "month"


def _per_other(sentence: str, end: int) -> bool:
    """Whether the figure ending at `end` is counted per something other than month or year."""
    m = PER.match(sentence, end)
    return bool(m) and not re.match(r"monat|jahr|month|year|annum", m.group(1), re.IGNORECASE)


def _plausible(low: int, high: int | None, period: str) -> bool:
    top = high if high is not None else low
    floor, limit = (MIN_YEAR, MAX_YEAR) if period == "year" else (MIN_MONTH, MAX_MONTH)
    return floor <= low <= top <= limit


def _about_pay(sentence: str) -> bool:
    """Whether a sentence speaks of pay: a pay word, a career level or a pay period ("ab 3.400 €
    monatlich"). A relocation allowance or a course fee names none."""
    return any(p.search(sentence) for p in (PAY, YEAR, MONTH)) or level_of(sentence) is not None


def _amounts(sentence: str) -> list[tuple[int, int | None, int, int]]:
    """(low, high, start, end) of each euro range or single euro figure in a sentence."""
    found: list[tuple[int, int | None, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in RANGE.finditer(sentence):
        tail = sentence[m.start() : m.end() + 12]
        if not re.search(_EURO, tail):
            continue  # "2019 bis 2023" is no salary
        found.append((_euros(m.group(1)), _euros(m.group(2)), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in SINGLE.finditer(sentence):
        figure = "before" if m.group("before") else "after"
        if any(s <= m.start(figure) < e for s, e in taken):
            continue
        amount = _euros(m.group(figure))
        low_only = bool(m.group("floor"))  # "ab 3.100 €": a floor, no ceiling
        found.append((amount, None if low_only else amount, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    if found:
        found += _bare(sentence, taken, [f[0] for f in found])
    return sorted(found, key=lambda x: x[2])


# A grouped figure with no unit, ending its clause or followed by a pay word: in a sentence that
# names a euro figure of its size, the unit is left out ("... 3.400 Euro im Monat, mit ein paar
# Jahren Erfahrung eher 4.200."), where "1.200 Betten" counts beds.
BARE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?![\d,])(?=\s*(?:[.,;:)!?]|$)|\s+(?:brutto|netto|im\b|pro\b))",
    re.IGNORECASE,
)


def _bare(sentence: str, taken: list[tuple[int, int]], euros: list[int]) -> list:
    """The unit-less figures of a sentence that stand beside euro figures of their size."""
    out = []
    for m in BARE.finditer(sentence):
        amount = _euros(m.group(1))
        if any(s <= m.start() < e for s, e in taken):
            continue
        if any(0.5 <= amount / e <= 2 for e in euros if e):
            out.append((amount, amount, m.start(), m.end()))
    return out


DEMONSTRATIVE = re.compile(r"\b(?:diese[mnrs]?|jene[mnrs]?|this|that|these)\b", re.IGNORECASE)
# A sentence opening with a pronoun and a verb speaks of whom the sentence before named: "Die
# machen ähnliche Arbeit, steigen aber mit 38.500 € ein", "They start at ...".
PRONOUN_START = re.compile(r"\s*(?:Die|Sie|Diese|Jene|They|These|Those)\s+[a-zäöüß]")


# A relative clause between commas names someone beside the one the sentence is about.
RELATIVE = re.compile(
    r",\s*(?:die|der|das|denen|dessen|deren|welche[rsmn]?|who|which|that)\b[^,;]*,", re.IGNORECASE
)


def _profession(
    sentence: str, at: int, before: str, own: str | None, section: str | None = None
) -> str | None:
    """Another occupation this figure is given for, else None (the document's own); section:
    the occupation the heading above names ("Fachinformatiker für Systemintegration (m/w/d)"
    over a job advertisement)."""
    if not own:
        return None
    named = mentions(sentence)
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


_ROW = re.compile(r"\S \| \S")  # a table row as the readers write it: "Einstieg | 3.500 €"


def _column_level(header: str, row: str, at: int) -> str | None:
    """The level the table header names for the column the figure at `at` stands in."""
    if not header or header == row:
        return None
    cells = header.split(" | ")
    column = row[:at].count(" | ")
    return level_of(cells[column]) if column < len(cells) else level_of(header)


def salary_facts(text: str, profession: str | None = None) -> list[SalaryFact]:
    """Every euro salary in text, with level, period, profession and its sentence."""
    found: list[tuple[SalaryFact, str | None]] = []
    previous = ""  # the sentence before, across blocks: a table row follows the row above
    section = None  # the occupation the last heading naming one names
    header = ""  # the first row of the table a row is in: what its columns hold
    # Paragraph by paragraph, whatever the layout: a wrapped sentence spans line breaks.
    for block in blocks(text):
        paragraph = text[block.start : block.end]
        if block.heading and (named := mentions(paragraph)):
            section = named[0].name
        header = (header or paragraph) if _ROW.search(paragraph) else ""
        if not re.search(_EURO, paragraph):
            previous = paragraph  # no euro, no fact: spare the (slow) sentence splitter
            continue
        spans = sentence_spans(paragraph, offset=block.start)
        for i, (s, e) in enumerate(spans):
            sentence = text[s:e]
            before = text[spans[i - 1][0] : spans[i - 1][1]] if i else previous
            amounts = _amounts(sentence)
            # A single figure may be an allowance or a fee ("eine Umzugspauschale von 1.500 EUR"):
            # it counts when this sentence or the one before speaks of pay, and this one names
            # no price without naming pay too. A range is a salary.
            spoken = (
                bool(amounts)
                and not (COST.search(sentence) and not PAY.search(sentence))
                and (_about_pay(sentence) or _about_pay(before) or _about_pay(header))
            )
            for k, (low, high, at, end) in enumerate(amounts):
                period = period_of(sentence, low)
                if not _plausible(low, high, period) or (high in (None, low) and not spoken):
                    continue
                if _per_other(sentence, end) or EXTRA.search(sentence[max(0, at - 40) : at]):
                    continue
                since = amounts[k - 1][3] if k else 0
                one = len(amounts) == 1
                level = _one_level(sentence, end) if one else _level(sentence, at, end, since)
                fact = SalaryFact(
                    # A row names no level of its own under a header that names one for the
                    # column ("Arbeitgeber | Bereich | Einstiegsgehalt").
                    level or _column_level(header, sentence, at) or "",
                    low,
                    high,
                    period,
                    _profession(sentence, at, before, profession, section),
                    sentence,
                    s,
                    e,
                )
                found.append((fact, level_of(before)))
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
            level = "experienced" if entry and f.low > entry[-1].low else before_level
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
