"""Occupations named in a text, from a general bilingual glossary (knowledge/data)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.levels import PAY

GLOSSARY = Path(__file__).resolve().parent / "data" / "occupations.tsv"
_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)
# German vocational titles name their field after "für" ("Fachinformatiker für
# Systemintegration", "Kaufmann für Büromanagement"): two fields are two occupations. Words that
# open a phrase instead of naming a field are left out.
_FIELD = "für"
_NOT_A_FIELD = frozenset(
    "ein eine einen einem einer der die das den dem des mich dich sich uns euch ihn sie es "
    "alle jeden jede jedes diese diesen dieses mehr wen was wie".split()
)


@dataclass(frozen=True)
class Mention:
    """An occupation named in a text: its canonical name and where it stands."""

    name: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _glossary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical name, its forms as written) for each line of the glossary."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, *columns = line.split("\t")
            forms = (f.strip() for f in ",".join(columns).split(","))
            rows.append((name, tuple(f for f in forms if f)))
    return tuple(rows)


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str]]:
    """(exact forms, prefix forms): word tuples -> canonical name."""
    exact: dict[tuple[str, ...], str] = {}
    prefix: dict[tuple[str, ...], str] = {}
    for name, forms in _glossary():
        for form in (f.lower() for f in forms):
            target = prefix if form.endswith("*") else exact
            target[tuple(form.rstrip("*").split())] = name
    return exact, prefix


@lru_cache(maxsize=1)
def _form_length() -> int:
    """Letters of the longest single-word glossary form: no head, no prefix is longer, so
    only that many letters of a word need looking at (a 2,000-letter word costs no more)."""
    exact, prefix = _forms()
    return max((len(k[0]) for k in (*exact, *prefix) if len(k) == 1), default=0)


def glossary_words() -> frozenset[str]:
    """The glossary's one-word forms of five letters or more, for the question speller: a
    misspelt occupation ("archtect") is still an occupation asked about."""
    exact, prefix = _forms()
    return frozenset(k[0] for k in (*exact, *prefix) if len(k) == 1 and len(k[0]) >= 5)


# What may follow a prefix form in the same word: German and English inflections, the
# person endings of a field ("medizininformatik|erinnen"), or a hyphenated compound.
_ENDING = re.compile(r"(?:e|n|s|en|er|ern|es|em|in|nen|innen|erin|erinnen|ers)?|-.*")


def _longest(words: list[str], i: int, compound: bool = True) -> tuple[str, int] | None:
    exact, prefix = _forms()
    best: tuple[str, int] | None = None
    for n in (4, 3, 2, 1):
        if i + n > len(words):
            continue
        key = tuple(words[i : i + n])
        name = exact.get(key)
        if name is None:
            head = key[:-1]
            last = key[-1]
            # Prefix forms: the last word may continue with an inflection ("pflegekräfte" ->
            # "pflegekräften") or a hyphen, not with a word of its own ("Ärzte|netz").
            for cut in range(min(len(last), _form_length()), 2, -1):
                name = prefix.get((*head, last[:cut]))
                if name and not _ENDING.fullmatch(last[cut:]):
                    name = None
                if name:
                    break
        if name and (best is None or n > best[1]):
            best = (name, n)
            break
    if best is not None or i >= len(words) or not compound:
        return best
    if "-" in words[i]:
        # A glossary form written with a hyphen ("Medizin-Informatiker"); otherwise a
        # hyphenated role ("Senior-Berater") stays what the text is about: no head is read off.
        joined = _longest([words[i].replace("-", "")], 0, compound=False)
        return (joined[0], 1) if joined else None
    # A closed form typed as two words ("medizin informatiker"); words of a few letters joined
    # spell acronyms ("at a": ATA).
    two = words[i : i + 2]
    if len(two) == 2 and min(map(len, two)) >= 4 and (joined := _longest(["".join(two)], 0, False)):
        return joined[0], 2
    name = _compound(words[i])
    return (name, 1) if name else None


def _compound(word: str) -> str | None:
    """The occupation a closed compound names: itself, with its head in the glossary's form
    ("Krankenhausinformatikerin" -> Krankenhausinformatiker). Not just the head: texts on
    Bio- and Krankenhausinformatiker are about two professions, not one "Informatiker"."""
    found = _compound_head(word)
    if found is None:
        return None
    name, at = found
    if not word[at:].startswith(name.lower()):  # "Kinder|krankenpfleger" is a Pflegekraft
        return name
    return word[:at].capitalize() + name.lower()


MIN_MODIFIER = 3  # "Grund|schullehrerin": the part before the head has at least 3 letters
MIN_HEAD = 4
MAX_INFLECTION = 6  # letters after a prefix form's stem ("-innen", "-en", "-s")


def _compound_head(word: str) -> tuple[str, int] | None:
    """A German compound's occupation by its head ("Grundschullehrerin" -> Lehrer,
    "Krankenhausarzt" -> Arzt), the longest word end that is a glossary form, and where
    that head starts."""
    exact, prefix = _forms()
    longest = _form_length()
    # Heads longer than any form can match only a prefix form followed by an inflection:
    # start where the inflection stays short, so the work does not grow with the word.
    first = max(MIN_MODIFIER, len(word) - longest - MAX_INFLECTION)
    for k in range(first, len(word) - MIN_HEAD + 1):
        head = word[k:]
        if (head,) in exact:
            return exact[(head,)], k
        for cut in range(min(len(head), longest), MIN_HEAD, -1):  # the head may inflect
            if (head[:cut],) in prefix:
                return prefix[(head[:cut],)], k
    return None


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    """The glossary's forms written in capitals ("MTL"), lower-cased."""
    return frozenset(f.lower() for _, forms in _glossary() for f in forms if f.isupper())


def _abbreviation(text: str, token: re.Match) -> bool:
    """An acronym's letters in small letters with a full stop: another word cut short."""
    word = token.group(0)
    after = text[token.end() : token.end() + 1]
    return word.lower() in _acronyms() and not word.isupper() and after == "."


# "doctors' practices", "a dentist's office": the occupation names whose place, not who.
_OWNER = re.compile(r"(?:'s|’s|s'|s’)\s+([^\W\d_]+)")
# What an occupation's possessive may name of its own work ("nurses' shifts"): general English.
_OWN_ASPECTS = frozenset("work job jobs tasks duties hours shifts role roles day days".split())


def _possessive(text: str, end: int) -> bool:
    """An English possessive ending at end that names a place or thing, not the pay or the
    work of the occupation ("nurses' pay" stays a mention)."""
    m = _OWNER.match(text, end - 1 if text[end - 1 : end] == "s" else end)
    return bool(m) and not PAY.match(m.group(1)) and m.group(1).lower() not in _OWN_ASPECTS


def mentions(text: str) -> list[Mention]:
    """Every glossary occupation named in text, longest form first, in order."""
    tokens = list(_WORD.finditer(text))
    words = [t.group(0).lower() for t in tokens]
    found: list[Mention] = []
    i = 0
    while i < len(words):
        hit = _longest(words, i)
        if hit and hit[1] == 1 and _abbreviation(text, tokens[i]):
            hit = None
        if hit and _possessive(text, tokens[i + hit[1] - 1].end()):
            hit = None
        if hit:
            name, n = hit
            if words[i + n : i + n + 1] == [_FIELD] and i + n + 1 < len(words):
                field = tokens[i + n + 1].group(0)
                # Where the title is capitalised, so is a field (a German noun).
                cased = field[:1].isupper() or not tokens[i].group(0)[:1].isupper()
                if cased and field.lower() not in _NOT_A_FIELD and not _longest(words, i + n + 1):
                    name, n = f"{name} {_FIELD} {field[:1].upper()}{field[1:]}", n + 2
            found.append(Mention(name, tokens[i].start(), tokens[i + n - 1].end()))
            i += n
        else:
            i += 1
    return found


@lru_cache(maxsize=4096)  # asked for every salary fact of every question: names repeat
def canonical(name: str | None) -> str | None:
    """The glossary's name for a profession name (or the name itself if unknown)."""
    if not name:
        return None
    got = mentions(name)
    return got[0].name if got else name


def same(a: str | None, b: str | None) -> bool:
    """Whether two profession names mean the same occupation: one name, or one of them the
    other's field ("Fachinformatiker" and "Fachinformatiker für Systemintegration"), but not
    two fields of one trade."""
    if not (a and b):
        return False
    x, y = canonical(a).casefold(), canonical(b).casefold()
    if x == y:
        return True
    x_base, _, x_field = x.partition(f" {_FIELD} ")
    y_base, _, y_field = y.partition(f" {_FIELD} ")
    return x_base == y_base and not (x_field and y_field)
