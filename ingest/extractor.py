"""Salary statements found in a text: euro amount or range, period, level, profession and the
exact sentence with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.layout import blocks
from knowledge.levels import PAY, level_of
from knowledge.occupations import mentions, same
from knowledge.sentences import sentence_spans

_NUM = r"\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d{4,6}"
_EURO = r"(?:€|EUR\b|Euro\b)"
_AMOUNT = rf"({_NUM})(?:,-|,00)?\s*(?:{_EURO})?"
_DASH = r"(?:bis|und|to|–|—|-)"
# "3.000 € bis 3.400 €", "zwischen 48.000 und 53.000 Euro", "3.250–3.700 €", "von 3.700 bis 4.300"
RANGE = re.compile(rf"{_AMOUNT}\s*{_DASH}\s*{_AMOUNT}")
# "ab 3.100 Euro", "rund 5.000 €", "etwa 72.000 Euro", "3.500 €"
SINGLE = re.compile(
    rf"(?:\b(ab|mindestens|über|from|at least)\s+|\b(rund|etwa|ca\.|circa|gut|um die|"
    rf"bis zu|höchstens|around|about|up to)\s+)?({_NUM})(?:,-|,00)?\s*{_EURO}",
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
        if any(s <= m.start(3) < e for s, e in taken):
            continue
        amount = _euros(m.group(3))
        low_only = bool(m.group(1))  # "ab 3.100 €": a floor, no ceiling
        found.append((amount, None if low_only else amount, m.start(), m.end()))
    return sorted(found, key=lambda x: x[2])


DEMONSTRATIVE = re.compile(r"\b(?:diese[mnrs]?|jene[mnrs]?|this|that|these)\b", re.IGNORECASE)


def _profession(sentence: str, at: int, before: str, own: str | None) -> str | None:
    """Another occupation this figure is given for, else None (the document's own)."""
    if not own:
        return None
    named = mentions(sentence)
    if named:
        # The occupation named nearest before the figure, else the first one after it.
        earlier = [m for m in named if m.end <= at]
        name = (earlier[-1] if earlier else named[0]).name
    elif DEMONSTRATIVE.search(sentence[:at]) and mentions(before):
        name = mentions(before)[-1].name  # "Für diesen Ausbildungsberuf ... 2.900 €"
    else:
        return None
    return None if same(name, own) else name


def _level(sentence: str, at: int, several: bool) -> str | None:
    """The level named for the figure at `at`: nearest before it when a sentence has several."""
    if several:
        return level_of(sentence[max(0, at - 160) : at]) or level_of(sentence)
    return level_of(sentence)


def salary_facts(text: str, profession: str | None = None) -> list[SalaryFact]:
    """Every euro salary in text, with level, period, profession and its sentence."""
    found: list[tuple[SalaryFact, str | None]] = []
    # Paragraph by paragraph, whatever the layout: a wrapped sentence spans line breaks.
    for block in blocks(text):
        paragraph = text[block.start : block.end]
        if not re.search(_EURO, paragraph):
            continue  # no euro, no fact: spare the (slow) sentence splitter
        spans = sentence_spans(paragraph, offset=block.start)
        for i, (s, e) in enumerate(spans):
            sentence = text[s:e]
            before = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
            amounts = _amounts(sentence)
            # A single figure may be an allowance or a fee ("eine Umzugspauschale von 1.500 EUR"):
            # it counts when this sentence or the one before speaks of pay. A range is a salary.
            spoken = bool(amounts) and (_about_pay(sentence) or _about_pay(before))
            for low, high, at, _end in amounts:
                period = period_of(sentence, low)
                if not _plausible(low, high, period) or (high in (None, low) and not spoken):
                    continue
                fact = SalaryFact(
                    _level(sentence, at, len(amounts) > 1) or "",
                    low,
                    high,
                    period,
                    _profession(sentence, at, before, profession),
                    sentence,
                    s,
                    e,
                )
                found.append((fact, level_of(before)))
    return _infer_levels(found)


def _infer_levels(found: list[tuple[SalaryFact, str | None]]) -> list[SalaryFact]:
    """A figure without a level word is the experienced one when it follows a lower entry figure
    of the same period and profession ('Zum Einstieg 3.000 ... Wer Spezialwissen ... 3.600');
    else the level the sentence before names, else unspecified."""
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
    return out
