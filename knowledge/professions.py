"""The profession a document is about: declared in its metadata, else read off its title."""

from __future__ import annotations

import re
from collections import Counter

from knowledge.gazetteer import fold, lookup
from knowledge.occupations import mentions

# General job-ad words a title puts around the profession; general language, not corpus words.
_GENERIC = frozenset(
    fold(w)
    for w in (
        "Job Jobs Stellenangebot Stellenangebote Stelle Stellen Stellenmarkt Beruf Berufe "
        "Berufsbild Berufsbilder Arbeiten Arbeit Arbeitgeber Arbeitsmarkt Karriere Gehalt "
        "Gehälter Verdienst Einkommen Lohn Einstieg Berufseinstieg Aufgaben Ausbildung "
        "Weiterbildung Studium Perspektiven Perspektive Chancen Überblick Alltag Tipps Infos "
        "Ratgeber Region Stadt Zukunft Branche"
    ).split()
)
_NOUN = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)*\b")
_WORD = re.compile(r"[^\W\d_]+")
# Person nouns derived from a field: 'Medizininformatik' -> 'Medizininformatiker'.
_PERSON_ENDING = "er"


def _stem(word: str) -> str:
    import Stemmer

    return Stemmer.Stemmer("german").stemWord(fold(word))


_MIN_MENTIONS = 2  # an occupation named twice, more than any other (a job ad that says "MI")


def document_profession(
    title: str, text: str, meta: dict | None = None, city: str | None = None
) -> str | None:
    """The profession meta declares, else the title noun (not a city, not a job-ad word) that
    the body repeats most, as the person noun when the text uses one."""
    declared = str((meta or {}).get("profession") or "").strip()
    if declared:
        return declared
    # An occupation of the general glossary in the title, else in the line under it (a forum
    # post's title line is its board's name, "AMA: I work as a ..." comes next).
    named = mentions(title) or mentions(_subtitle(title, text))
    if named:
        return named[0].name
    # Else the occupation the text names most: a newsletter titled by its publisher
    # ("Newsletter des Klinikverbunds ...") or a news story by its hook ("Übersetzer zwischen
    # Medizin und Technik") is about the job it goes on about.
    counts = Counter(m.name for m in mentions(text)).most_common(2)
    if counts and counts[0][1] >= _MIN_MENTIONS:
        if len(counts) == 1 or counts[0][1] > counts[1][1]:
            return counts[0][0]
    city_key = fold(city or "")
    candidates = [
        w
        for w in _NOUN.findall(title)
        if fold(w) not in _GENERIC and fold(w) not in city_key and lookup(w) is None
    ]
    if not candidates:
        return None
    stems = Counter(_stem(w) for w in _WORD.findall(text))
    scored = [(stems[_stem(w)], -i, w) for i, w in enumerate(candidates)]
    count, _, best = max(scored)
    if count < 2:  # named once: the title's topic, not something the text is about
        return None
    return _person(best, text)


_SUBTITLE_CHARS = 160


def _subtitle(title: str, text: str) -> str:
    """The first short line of text after the title line (its headline or lead)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next((i + 1 for i, line in enumerate(lines[:3]) if title and title in line), 0)
    after = lines[start : start + 1]
    return after[0] if after and len(after[0]) <= _SUBTITLE_CHARS else ""


def _person(noun: str, text: str) -> str:
    """'Medizininformatiker' for 'Medizininformatik' when the text names the person too."""
    person = noun + _PERSON_ENDING
    if not noun.endswith(_PERSON_ENDING) and re.search(rf"\b{re.escape(person)}", text):
        return person
    return noun
