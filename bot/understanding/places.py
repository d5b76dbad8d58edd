"""The city a question is asked of when it names none but a place or an employer that only one
city's text speaks of ("Woran arbeitet man bei Röhrtal Medizintechnik?", "Was macht man in der
Klinik am Sorpesee?"): read from the keyword index, never from a list of names."""

from __future__ import annotations

from collections.abc import Callable

from knowledge.dictionary import is_compound, is_word
from knowledge.keyword import words

SHORTEST = 6  # shorter ones are abbreviations more often than names ("ORBIS", "DSGVO", "PACS")


def implied_city(text: str, cities_using: Callable[[str], set[str]]) -> str | None:
    """The one city whose texts alone use the question's names: words no dictionary knows that
    are not dictionary words joined either (employers, clinics, districts; not
    "Telematikinfrastruktur"). None when no name points to a single city or names point to
    several."""
    found: set[str] = set()
    for word in dict.fromkeys(words(text[:500])):
        if len(word) < SHORTEST or is_word(word) or is_compound(word):
            continue
        using = cities_using(word)
        if len(using) == 1:  # a word every text uses (the profession's name) points nowhere
            found |= using
    return found.pop() if len(found) == 1 else None
