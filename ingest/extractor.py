"""Salary statements found in a text: euro range, level and the exact sentence with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.layout import blocks
from knowledge.sentences import sentence_spans

_AMOUNT = r"(\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d{4,6})(?:,-|,00)?\s*(?:€|EUR\b|Euro\b)?"
# "3.000 € bis 3.400 €", "zwischen 3.200 € und 3.800 €", "3.200–3.600 €", "von 3.200 bis 3.600 Euro"
RANGE = re.compile(
    rf"(?:zwischen\s+)?{_AMOUNT}\s*(?:bis|und|–|—|-)\s*{_AMOUNT}",
)
ENTRY_WORDS = re.compile(
    r"einstieg|einsteiger|berufsanf|anfang|starte|junior|absolvent|nach dem studium",
    re.IGNORECASE,
)
EXPERIENCED_WORDS = re.compile(
    r"erfahr|spezialwissen|zusatzkenntnis|zusatzqualifikation|nach (?:ein paar|einigen|mehreren) "
    r"jahren|senior|praxiserfahrung|spezialisier|fachkenntnis",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SalaryFact:
    """One salary range stated in a document."""

    level: str  # "entry", "experienced" or "unspecified"
    low: int
    high: int
    sentence: str
    start: int
    end: int


def _euros(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def _level(sentence: str, before: str) -> str:
    # The sentence decides; "Einstiegsgehalt ..., mit Luft nach oben bei Erfahrung" is entry level.
    if ENTRY_WORDS.search(sentence):
        return "entry"
    if EXPERIENCED_WORDS.search(sentence):
        return "experienced"
    if ENTRY_WORDS.search(before):
        return "entry"
    return "unspecified"


def _is_euro(sentence: str, match: re.Match) -> bool:
    tail = sentence[match.start() : match.end() + 6]
    return "€" in tail or "EUR" in tail or "Euro" in tail


def salary_facts(text: str) -> list[SalaryFact]:
    """Every monthly euro range in text, with its level and the sentence it stands in."""
    found: list[SalaryFact] = []
    # Paragraph by paragraph, whatever the layout: a wrapped sentence spans line breaks.
    for block in blocks(text):
        paragraph = text[block.start : block.end]
        if not RANGE.search(paragraph):
            continue  # no range, no fact: spare the (slow) sentence splitter
        spans = sentence_spans(paragraph, offset=block.start)
        for i, (s, e) in enumerate(spans):
            sentence = text[s:e]
            before = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
            for m in RANGE.finditer(sentence):
                low, high = _euros(m.group(1)), _euros(m.group(2))
                # Plausible monthly salaries only: not years, not phone numbers.
                if not _is_euro(sentence, m) or not (500 <= low <= high <= 50_000):
                    continue
                found.append(SalaryFact(_level(sentence, before), low, high, sentence, s, e))
    return found
