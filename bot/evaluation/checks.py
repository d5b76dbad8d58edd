"""Judging one answer against its case: answered right, refused right, verbatim quotes,
numbers backed by the quotes, nothing invented."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bot.answering.phrases import PERIOD
from ingest.amounts import KILO

# Thousands separators ("3.200", "3,200", "3 200") so every spelling of a figure compares equal.
_SEPARATOR = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d{3}(?!\d))")
_FIGURE = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d{4,}")


def _norm(text: str) -> str:
    return _SEPARATOR.sub("", text).casefold()


def contains(text: str, fact: str) -> bool:
    """Whether text states fact: case-insensitive, any thousands separator, from a word start."""
    whole = len(fact) <= 3 or fact[-1].isdigit()  # 'TU' is not 'tun', 3.200 not 32.000
    pattern = r"(?<!\w)" + re.escape(_norm(fact)) + (r"(?!\w)" if whole else "")
    return re.search(pattern, _norm(text)) is not None


# A labelled pay fact: figures with nothing but units, periods, qualifiers and range words
# around them ("46.000 Euro im Jahr", "3.300–3.700", "74.000 bis 82.000", "EUR 55,000",
# "ca 3600 brutto", "knapp 4400", "€52k"). The answer states it when it states each figure, in any
# spelling; the period is checked on its own (expect_period).
_AMOUNT = (
    r"(?:€|EUR)?\s?\d{1,3}(?:[.,]\d{3})+(?:,-|,00)?\s?(?:€|EUR|Euro)?"
    r"|\d{4,6}(?:\s?(?:€|EUR|Euro))?"
    rf"|(?:€|EUR)?\s?\d{{2,3}}(?:[.,]\d)?\s?{KILO}"  # "€52k", "55 TEUR": thousands
)
_PAY_FACT = re.compile(
    rf"(?:(?:ca\.?|circa|rund|etwa|knapp|gut|about|around|ab|from)\s+)?(?:{_AMOUNT})"
    rf"(?:\s*(?:bis|und|to|–|—|-)\s*(?:{_AMOUNT}))?"
    r"(?:\s+(?:brutto|netto|gross))?(?:\s*(?:im|pro|per|a|/)\s*(?:Monat|Jahr|month|year))?",
    re.IGNORECASE,
)


def states(text: str, fact: str) -> bool:
    """Whether an answer states a labelled fact: its words, or each figure of a pay fact
    ("3.300–3.700" is stated by "3.300 € bis 3.700 €", "EUR 55,000" by "rund 55.000 €")."""
    if contains(text, fact):
        return True
    if not _PAY_FACT.fullmatch(fact.strip()):
        return False
    wanted = figures(fact)
    return bool(wanted) and wanted <= figures(text)


_THOUSANDS = re.compile(rf"(?<![\w.,])(\d{{2,3}})(?:[.,](\d))?\s?{KILO}(?!\w)")


def figures(text: str) -> set[str]:
    """Every number of four or more digits in text, separators removed; "47k" and "47 TEUR"
    are 47000."""
    found = {re.sub(r"\D", "", m) for m in _FIGURE.findall(text)}
    return found | {f"{m[1]}{m[2] or 0}00" for m in _THOUSANDS.finditer(text)}


class Documents:
    """The evaluated texts as the store keeps them: citation checks and each source's city."""

    def __init__(self, documents: dict[str, dict]):
        self.text = {s: d["text"] for s, d in documents.items()}
        self.city = {s: d.get("city") for s, d in documents.items()}
        self.profession = {s: d.get("profession") for s, d in documents.items()}
        self.figures = set().union(*(figures(t) for t in self.text.values()))

    def valid(self, citation) -> bool:
        """The quote is exactly the stored text at [start:end]."""
        text = self.text.get(citation.source)
        if text is None and Path(citation.source).is_file():
            text = Path(citation.source).read_bytes().decode("utf-8-sig")
        return (
            bool(citation.quote)
            and text is not None
            and 0 <= citation.start <= citation.end <= len(text)
            and text[citation.start : citation.end] == citation.quote
        )


def _cities(expect) -> list[str]:
    return [place_name(c) for c in ([expect] if isinstance(expect, str) else list(expect or []))]


@lru_cache(maxsize=1024)
def place_name(name: str | None) -> str | None:
    """A city by its gazetteer name: a label's "Werne" is the store's "Werne an der Lippe"."""
    from knowledge.cities import mentions

    got = mentions(name) if name else []
    return got[0].place.name if len(got) == 1 else name


def foreign(case: dict, citations, docs: Documents) -> list[str]:
    """Citations of a city or profession the case did not ask about (a comparison against
    unnamed cities may cite any)."""
    cities = _cities(case.get("expect_city"))
    strict_city = cities and (case["kind"] != "comparison" or len(cities) > 1)
    profession = case.get("expect_profession")
    out = []
    for c in citations:
        city = place_name(c.city or docs.city.get(c.source))
        if strict_city and city not in cities:
            out.append(f"{city}: {c.source}")
        elif profession and docs.profession.get(c.source) not in (None, profession):
            out.append(f"{docs.profession[c.source]}: {c.source}")
    return out


def check(case: dict, answer, docs: Documents) -> dict:
    """One case's outcome."""
    got = answer.answer or ""
    expect_answer = case["expect_status"] == "answered"
    missing = [f for f in case.get("expect_facts", []) if not states(got, f)]
    cited = {place_name(c.city or docs.city.get(c.source)) for c in answer.citations}
    wrong_city = [c for c in _cities(case.get("expect_city")) if c not in cited]
    others = foreign(case, answer.citations, docs)
    period = case.get("expect_period")
    words = {w for lang in PERIOD.values() for p, w in lang.items() if p == period}
    # "Im Monat" at a sentence start says it as well as "im Monat".
    period_ok = (
        not period or any(w.casefold() in got.casefold() for w in words) or not (answer.citations)
    )
    valid = [docs.valid(c) for c in answer.citations]
    # Only verbatim quotes back a number: a quote that is not the text backs nothing.
    quoted = set().union(*(figures(c.quote) for c, ok in zip(answer.citations, valid) if ok))
    stated = figures(got)
    error = answer.reason if (answer.reason or "").startswith("error") else None
    # "The text names no figure for that level" refuses what was asked, whatever the case's kind.
    said_missing = answer.reason == "level_not_stated"
    right = (
        answer.status == "answered" and not missing and not wrong_city and not others and period_ok
        if expect_answer
        else answer.status == "no_answer" or said_missing
    )
    keys = ("id", "split", "kind", "turns", "question", "expect_status", "expect_facts")
    return {
        **{k: case.get(k) for k in keys},
        "expect_city": case.get("expect_city"),
        "status": answer.status,
        "reason": answer.reason,
        "answer": got,
        "right": bool(right) and not error,
        "error": error,
        "missing": missing,
        "wrong_city": wrong_city,
        "foreign_citations": others,
        "period_ok": period_ok,
        "citations": len(valid),
        "invalid_citations": valid.count(False),
        "unbacked_numbers": sorted(stated - quoted - docs.figures) if stated else [],
        "numbers_not_in_quotes": sorted(stated - quoted),
        "language_ok": None
        if case["kind"] == "empty" or not answer.language
        else answer.language == case["language"],
        "features": getattr(answer, "features", {}) or {},
    }
