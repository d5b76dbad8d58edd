"""The city a document is about: declared, named in its title, or the one its text is about."""

from __future__ import annotations

import re
from collections import Counter

from knowledge.cities import TEXT_BIG, Mention, mentions
from knowledge.dictionary import is_common
from knowledge.gazetteer import TOKEN, Place, key


def _telling(m: Mention) -> bool:
    # In running text a capitalised word can be a noun ('Lage', 'Forst'): count small places
    # only after a preposition, multi-word names always.
    return m.cue or m.last > m.first or m.place.population >= TEXT_BIG


def document_city(title: str, text: str, meta: dict | None = None) -> str | None:
    """The city a document is about: declared in meta, else named in the title, else the
    city the text names most often."""
    declared = str((meta or {}).get("city") or "").strip()
    if declared:
        return declared
    every = mentions(text)
    named = [m for m in every if m.capital]
    counts = Counter(m.place for m in named if _telling(m))
    # A small town in the title that the text names again ("Schwelm – Kurznotiz ...", then
    # "Ennepe-Klinikum Schwelm") is the one the text is about, with no "in" before it.
    again = Counter(m.place for m in named)
    in_title = [m for m in mentions(title) if m.capital]
    supported = [m for m in in_title if _telling(m) or counts[m.place] or again[m.place] >= 2]
    # A place the title and the text name only as an adjective ("Tecklenburger Land Kurier", a
    # newspaper's name) yields to a place the text itself is about.
    plain = {m.place for m in every if not m.inflected}
    if counts:
        supported = [m for m in supported if not m.inflected or m.place in plain]
    if supported:
        place = max(supported, key=lambda m: (m.cue, counts[m.place])).place
        return _as_written(place, f"{title}\n{text}")
    if counts:
        return _as_written(max(counts, key=counts.get), text)
    # Failing all else, a small town in the title that the text names once more: a job
    # posting titled "… – Almetal-Klinikum Büren" that names its hospital once in the text.
    repeated = [m for m in in_title if again[m.place] and not m.inflected]
    if repeated:
        return _as_written(repeated[0].place, f"{title}\n{text}")
    # A text in small letters throughout (a chat: "hier in coesfeld"): of the places named
    # after a preposition at least once, whose names are no everyday words, the one named most.
    words = TOKEN.findall(text)

    def no_word(m: Mention) -> bool:  # "weil" and "laufen" are words before they are towns
        return not is_common(key(" ".join(words[m.first : m.last + 1])))

    cued = {m.place for m in every if m.cue and not is_common(key(m.place.name)) and no_word(m)}
    small = Counter(m.place for m in every if m.place in cued and no_word(m))
    return _as_written(max(small, key=small.get), text) if small else None


_SPELT_OUT = re.compile("ae|oe|ue|ss")


def _as_written(place: Place, text: str) -> str:
    """The place's name, spelt with its umlauts as the text writes it where the gazetteer
    has it only in letters ("Ibbenbueren" for "Ibbenbüren")."""
    # Only a name with "ae", "oe", "ue" or "ss" can stand for one written with ä, ö, ü or ß.
    if not place.name.isascii() or not _SPELT_OUT.search(key(place.name)):
        return place.name
    words, n = TOKEN.findall(text), len(place.name.split())
    spelt = Counter(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    for name, _ in spelt.most_common():
        if not name.isascii() and key(name) == key(place.name):
            return name
    return place.name
