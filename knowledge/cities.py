"""German city names: finding them in documents and, with typos and inflections, in questions."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Cities a question may name although no text covers them, so the bot can say so.
KNOWN_CITIES = (
    "Aachen Augsburg Berlin Bielefeld Bochum Bonn Bottrop Braunschweig Bremen Castrop-Rauxel "
    "Chemnitz Darmstadt Dinslaken Dorsten Dortmund Dresden Duisburg Düsseldorf Erfurt Essen "
    "Frankfurt Freiburg Gelsenkirchen Gladbeck Göttingen Hagen Halle Hamburg Hamm Hannover "
    "Heidelberg Herne Herten Iserlohn Karlsruhe Kassel Kiel Koblenz Köln Krefeld Leipzig "
    "Leverkusen Lübeck Lünen Magdeburg Mainz Mannheim Marl Moers Mönchengladbach Mülheim München "
    "Münster Neuss Nürnberg Oberhausen Oldenburg Osnabrück Paderborn Potsdam Recklinghausen "
    "Regensburg Remscheid Rostock Saarbrücken Siegen Solingen Stuttgart Unna Velbert Witten "
    "Wiesbaden Wolfsburg Wuppertal Würzburg Bergkamen Schwerte Hattingen Gevelsberg Wesel"
).split()

ALIASES = {"cologne": "Köln", "munich": "München", "nuremberg": "Nürnberg"}

_TITLE_CITY = re.compile(r"\bin\s+([A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?)\s*$")
_WORD = re.compile(r"[\w-]+")
# German inflections a city name takes in running text: "Bochumer", "Dortmunds", "Essener".
_SUFFIXES = ("er", "ern", "erin", "erinnen", "s", "es", "erisch", "erische", "erischen", "erischer")


def fold(word: str) -> str:
    """Lower-case, umlauts and ß spelled out, so 'Koeln' and 'Köln' compare equal."""
    word = word.lower().replace("ß", "ss")
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        word = word.replace(a, b)
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def city_from_title(title: str) -> str | None:
    """City named at the end of a title such as '... Stellenangebote in Bochum'."""
    m = _TITLE_CITY.search(title.strip())
    return m.group(1) if m else None


def most_named_city(text: str, candidates: list[str] | None = None) -> str | None:
    """The known city named most often in text, or None."""
    counts: dict[str, int] = {}
    for city in candidates or KNOWN_CITIES:
        n = len(re.findall(rf"\b{re.escape(city)}", text))
        if n:
            counts[city] = n
    return max(counts, key=counts.get) if counts else None


def _match_word(word: str, names: dict[str, str], fuzzy: bool) -> str | None:
    w = fold(word)
    if len(w) < 3:
        return None
    if w in names:
        return names[w]
    if w in ALIASES and fold(ALIASES[w]) in names:
        return names[fold(ALIASES[w])]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and w[: -len(suffix)] in names:
            return names[w[: -len(suffix)]]
    if fuzzy and len(w) >= 4:
        best, score = None, 0.0
        for key, city in names.items():
            if abs(len(key) - len(w)) > 2 or key[0] != w[0]:
                continue
            s = SequenceMatcher(None, w, key).ratio()
            if s > score:
                best, score = city, s
        if score >= 0.85:  # 0.8 let "niedrigsten" pass for a city "Niederingen"
            return best
    return None


def cities_in(question: str, covered: list[str]) -> tuple[list[str], list[str]]:
    """Covered and uncovered cities a question names, in order; typos match covered cities only."""
    covered_names = {fold(c): c for c in covered}
    known = {fold(c): c for c in KNOWN_CITIES if fold(c) not in covered_names}
    found_covered: list[str] = []
    found_other: list[str] = []
    for word in _WORD.findall(question):
        city = _match_word(word, covered_names, fuzzy=True)
        if city:
            if city not in found_covered:
                found_covered.append(city)
            continue
        # Capitalised or exact names only: 'essen' (to eat) is not the city.
        other = _match_word(word, known, fuzzy=False) if word[:1].isupper() else None
        if other and other not in found_other:
            found_other.append(other)
    return found_covered, found_other
