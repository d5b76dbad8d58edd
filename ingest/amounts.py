"""Euro figures in a sentence: single amounts, ranges, "47k", and the period each is paid per."""

from __future__ import annotations

import re

from ingest.formats import header_cell
from knowledge.levels import COST, EXTRA

# Thousands grouped by a dot, a space or (English) a comma: "3.200", "3 200", "3,200".
_NUM = r"\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d{1,3}(?:,\d{3})+(?![,\d])|\d{4,6}"
# "Euro", "euros", and a footnote mark right after the unit ("49.500 Euro¹").
_FOOTNOTE = "\u00b9\u00b2\u00b3\u2070-\u2079"
EURO = rf"(?:€|(?i:EUR|Euros?)(?:\b|(?=[{_FOOTNOTE}])))"
_LEAD_EURO = r"(?:€|EUR\s)\s*"  # the sign before the figure: "€3,200", "EUR 3.200"
_AMOUNT = rf"(?:{_LEAD_EURO})?({_NUM})(?:,-|,00)?\s*(?:{EURO})?"
_DASH = r"(?:bis|und|to|–|—|-)"
# "3.000 € bis 3.400 €", "zwischen 48.000 und 53.000 Euro", "3.250–3.700 €", "von 3.700 bis 4.300",
# "€3,200 to €3,600"
RANGE = re.compile(rf"{_AMOUNT}\s*{_DASH}\s*{_AMOUNT}")
# "ab 3.100 Euro", "rund 5.000 €", "etwa 72.000 Euro", "3.500 €", "around €4,300"
SINGLE = re.compile(
    rf"(?:\b(?P<floor>ab|mindestens|über|from|at least)\s+|\b(?:rund|etwa|ca\.|circa|gut|um die|"
    rf"bis zu|höchstens|around|about|up to)\s+)?"
    rf"(?:{_LEAD_EURO}(?P<before>{_NUM})|(?P<after>{_NUM})(?:,-|,00)?\s*{EURO})",
    re.IGNORECASE,
)
YEAR = re.compile(
    r"\bim jahr\b|\bpro jahr\b|jährlich|jahresgehalt|jahresbrutto|\bp\.\s?a\.|per annum|"
    r"\bper year\b|\ba year\b|annual|jahreseinkommen|im jahr\b|\baufs jahr\b",
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
# A yearly figure under MIN_YEAR is a course fee or an allowance, not a salary.
MIN_MONTH, MAX_MONTH, MIN_YEAR, MAX_YEAR = 500, 30_000, 12_000, 500_000


def euros(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def period_of(sentence: str, amount: int) -> str:
    """'year' or 'month': the words say it, else the size of the figure."""
    if YEAR.search(sentence):
        return "year"
    if MONTH.search(sentence):
        return "month"
    return "year" if amount > MAX_MONTH else "month"


def per_other(sentence: str, end: int) -> bool:
    """Whether the figure ending at `end` is counted per something other than month or year."""
    m = PER.match(sentence, end)
    return bool(m) and not re.match(r"monat|jahr|month|year|annum", m.group(1), re.IGNORECASE)


def plausible(low: int, high: int | None, period: str) -> bool:
    top = high if high is not None else low
    floor, limit = (MIN_YEAR, MAX_YEAR) if period == "year" else (MIN_MONTH, MAX_MONTH)
    return floor <= low <= top <= limit


def amounts(sentence: str, paid: bool = False) -> list[tuple[int, int | None, int, int]]:
    """(low, high, start, end) of each euro range or single euro figure in a sentence; paid:
    the sentence speaks of pay, so a grouped figure without a unit counts too ("ich lieg bei
    knapp 3.700 brutto im Monat")."""
    found: list[tuple[int, int | None, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in RANGE.finditer(sentence):
        tail = sentence[m.start() : m.end() + 12]
        if not re.search(EURO, tail):
            continue  # "2019 bis 2023" is no salary
        found.append((euros(m.group(1)), euros(m.group(2)), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in SINGLE.finditer(sentence):
        figure = "before" if m.group("before") else "after"
        if any(s <= m.start(figure) < e for s, e in taken):
            continue
        amount = euros(m.group(figure))
        low_only = bool(m.group("floor"))  # "ab 3.100 €": a floor, no ceiling
        found.append((amount, None if low_only else amount, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    informal = thousands(sentence, taken)
    found += informal
    taken += [(f[2], f[3]) for f in informal]
    if found or paid:
        found += bare(sentence, taken, [f[0] for f in found] or None)
    return sorted(found, key=lambda x: x[2])


# A grouped figure with no unit, ending its clause or followed by a pay word: in a sentence that
# names a euro figure of its size, the unit is left out ("... 3.400 Euro im Monat, mit ein paar
# Jahren Erfahrung eher 4.200."), where "1.200 Betten" counts beds.
BARE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?!\d|,\d)"
    # A footnote mark may follow ("3.620*", "58.000¹", "4.100 [2]"), or a table's next cell.
    r"(?=\s*(?:[.,;:)!?*¹²³⁴⁵⁶⁷⁸⁹|]|\[\^?\d+\]|$)|"
    r"\s+(?:brutto|netto|im\b|pro\b|inkl\.|inklusive\b|zzgl\.|plus\b))"
    # Written without a separator, as in a chat ("so ca 3600 brutto im monat"): before
    # "brutto" or "netto" only, where no year or count stands.
    r"|(?<![\d.,])(\d{4,5})(?=\s+(?:brutto|netto)\b)",
    re.IGNORECASE,
)


def bare(sentence: str, taken: list[tuple[int, int]], sizes: list[int] | None) -> list:
    """The unit-less figures of a sentence that stand beside euro figures of their size (any,
    when sizes is None: the sentence speaks of pay)."""
    out = []
    for m in BARE.finditer(sentence):
        amount = euros(m.group(1) or m.group(2))
        if any(s <= m.start() < e for s, e in taken):
            continue
        if sizes is None or any(0.5 <= amount / e <= 2 for e in sizes if e):
            out.append((amount, amount, m.start(), m.end()))
    return out


# "47k", "46,5k", "45-50k": thousands in the informal way, pay only where a sentence speaks of it.
# Also "55 TEUR", "55 T€", "55 Tsd. Euro": thousands of euros, as job ads write them (the
# guard and the evaluation read numbers with the same suffix).
KILO = r"(?:[kK]|TEUR|T€|Tsd\.?\s?(?:€|EUR|Euro))"
THOUSANDS = re.compile(
    rf"(?<![\w.,])(?:(\d{{2,3}})\s?{KILO}?\s*(?:-|–|to|bis)\s*(?:€\s?)?)?(\d{{2,3}}(?:[.,]\d)?)\s?{KILO}"
    r"(?!\w)"
)


def thousands(sentence: str, taken: list[tuple[int, int]]) -> list:
    """(low, high, start, end) of each "47k" figure outside the spans already taken."""
    out = []
    for m in THOUSANDS.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        high = round(float(m.group(2).replace(",", ".")) * 1000)
        low = int(m.group(1)) * 1000 if m.group(1) else high
        out.append((low, high, m.start(), m.end()))
    return out


def period_near(sentence: str, since: int, start: int, end: int, until: int, amount: int) -> str:
    """The period of the figure at start..end: a period word after it (before the next figure,
    at `until`), else one before it (after the figure before, ending at `since`), else the
    sentence's ("4.000 Euro brutto monatlich – bei 13 Gehältern rund 52.000 Euro im Jahr")."""
    for part in (sentence[end:until], sentence[since:start]):
        year, month = YEAR.search(part), MONTH.search(part)
        if year or month:
            return "year" if year and (not month or year.start() < month.start()) else "month"
    return period_of(sentence, amount)


_CELL_NUMBER = re.compile(r"(?:(?<=\| )|^)(\d{4,6})(?=[ \t]*(?:\||$))")


def cell_figures(row: str, header: str, found: list) -> list[tuple[int, int, int, int]]:
    """Figures written without unit or grouping in cells whose header names euros: "Gehalt
    (€/Monat)" over "Medizininformatiker/in | Einstieg | 3380 | 0–2"."""
    if not header or header == row or not re.search(EURO, header, re.IGNORECASE):
        return []
    out = []
    for m in _CELL_NUMBER.finditer(row):
        cell = header_cell(header, row, m.start(1)) or ""
        taken = any(f[2] <= m.start(1) < f[3] for f in found)
        if re.search(EURO, cell, re.IGNORECASE) and not taken:
            value = int(m.group(1))
            out.append((value, value, m.start(1), m.end(1)))
    return out


# A figure denied right before it is a correction's wrong one: "58,500 € ..., not 72k",
# "nicht 4.200 Euro, sondern ...", "statt der genannten 72.000 €", "Angeblich 4.800 Euro – in
# Wahrheit eher 3.900 Euro".
DENIED = re.compile(
    r"(?:\b(?:not|nicht)\s+|\b(?:statt|anstatt|instead\s+of|rather\s+than|angeblich|"
    r"vermeintlich|allegedly|supposedly)\s+(?:[\w.]+\s+){0,2})$",
    re.IGNORECASE,
)


# Figures a sentence itself calls out of date ("folgende, überholte Monatsbeträge", "the
# former scale, no longer valid"): no pay of today.
STALE = re.compile(
    r"überholt|veraltet|nicht mehr (?:aktuell|gültig)|outdated|out of date|superseded|"
    r"no longer (?:valid|current|appl)",
    re.IGNORECASE,
)


def not_salary(sentence: str, at: int, end: int) -> bool:
    """A figure counted per something else, an allowance or a cost named right before it, one
    denied or called out of date: "eine Umzugspauschale von 1.500 EUR", "my moving costs up to
    EUR 2,000", "not 72k"."""
    near = sentence[max(0, at - 40) : at]
    denied = DENIED.search(near) or STALE.search(sentence)
    return per_other(sentence, end) or bool(EXTRA.search(near) or COST.search(near) or denied)
