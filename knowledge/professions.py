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
    title: str,
    text: str,
    meta: dict | None = None,
    city: str | None = None,
    sections: list[int] | None = None,
) -> str | None:
    """The profession meta declares, else the title noun (not a city, not a job-ad word) that
    the body repeats most, as the person noun when the text uses one; sections: where the
    text's headings start."""
    declared = str((meta or {}).get("profession") or "").strip()
    if declared:
        return declared
    # An occupation of the general glossary in the title, else in the line under it (a forum
    # post's title line is its board's name, "AMA: I work as a ..." comes next).
    named = _subjects(title, keep_first=True) or _subjects(_subtitle(title, text))
    if named:
        first = named[0].name
        # A title's occupation the text never names again is a hook ("Gesucht: Brückenbauer
        # zwischen Medizin und IT"), not its subject, when the text goes on about another.
        # A "title" as long as a paragraph is the text's opening (a transcript's first words,
        # "du wolltest wissen, wie das so ist als ..."): it states the subject, it hooks no one.
        again = sum(m.name == first for m in mentions(text))
        hook = again <= 1 and len(title) <= _SUBTITLE_CHARS
        if hook and (most := _named_most(text, sections or [])) and most != first:
            return most
        return first
    # Else the occupation the text names most: a newsletter titled by its publisher
    # ("Newsletter des Klinikverbunds ...") or a news story by its hook ("Übersetzer zwischen
    # Medizin und Technik") is about the job it goes on about.
    if most := _named_most(text, sections or []):
        return most
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


_ROLE = re.compile(
    r"(?:\b(?:arbeite[tn]?|tätig|works?|working|job)\s+(?:hier\s+|here\s+)?(?:als|as)"
    r"(?:\s+an?)?|\bI'?m\s+an?|\bbin\s+(?:ich\s+)?)\s*[\"„“']?$",
    re.IGNORECASE,
)


_LABEL = re.compile(r"[^\W\d_]*\s*:")


def _subjects(text: str, keep_first: bool = False) -> list:
    """The occupations text names, not as a label ("Beraterin: Das Gehalt ...", "Beraterin:
    Frau Brinkmann"), which names who talks, not what about; keep_first: a title that opens
    with one names its subject ("Medizininformatiker: Gehalt in Bochum")."""
    return [
        m
        for m in mentions(text)
        if not _LABEL.match(text, m.end) or (keep_first and not text[: m.start].strip())
    ]


def _named_most(text: str, sections: list[int]) -> str | None:
    """The occupation named in the most sections, then most often, at least twice and ahead of
    any other: minutes with an item on the nurses' pay name them often, in one item, and the
    Medizininformatiker in every other."""
    found = _subjects(text)
    # Someone "works as" it, "arbeitet als" it: the text's occupation, if it is the only one.
    roles = {m.name for m in found if _ROLE.search(text[max(0, m.start - 24) : m.start])}
    if len(roles) == 1:
        return roles.pop()
    count = Counter(m.name for m in found)
    cuts = sorted({0, *sections, len(text)})
    spread = Counter(
        name
        for a, b in zip(cuts, cuts[1:], strict=False)
        for name in {m.name for m in found if a <= m.start < b}
    )
    ranked = sorted(count, key=lambda n: (spread[n], count[n]), reverse=True)
    if not ranked or count[ranked[0]] < _MIN_MENTIONS:
        return None
    first = (spread[ranked[0]], count[ranked[0]])
    return ranked[0] if len(ranked) == 1 or first > (spread[ranked[1]], count[ranked[1]]) else None


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
