"""City names: the city of a document, and (with typos and inflections) the cities a question
names, from a gazetteer of German municipalities."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from knowledge.abroad import abroad, abroad_index
from knowledge.dictionary import is_common, is_word
from knowledge.gazetteer import TOKEN, Index, Place, fold, index, key, lookup, make_index
from knowledge.gazetteer import spellings as _spellings

__all__ = ["cities_in", "fold", "mentions"]

# Words before a place name that make it one: "in essen", "nach Hof", "zwischen Bochum und".
_CUES = frozenset(
    "in im nach aus bei von vom um fuer zwischen gegenueber ab bis richtung raum naehe "
    "umgebung umland region stadt standort to from near around towards outside "
    # field labels of a profile or a job ad: "Ort: MECHERNICH", "Location: Kleve"
    "ort arbeitsort dienstort einsatzort location city town".split()
)
_LISTING = frozenset("und oder sowie bzw vs versus".split())
# A single-word city this big is meant even without a cue when written with a capital.
_BIG = 100_000
# In a document's running text, places this big count without a cue.
TEXT_BIG = 50_000
_FUZZY_MIN = 85


class Mention(NamedTuple):
    """A city named in a text: place, token range, and what marks it as a place."""

    place: Place
    first: int
    last: int
    cue: bool
    capital: bool
    inflected: bool


class _Tokens:
    """Raw and folded tokens of a text; each distinct word is folded once, offsets are found
    only if a place is named (long questions must stay cheap)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.raw: list[str] = TOKEN.findall(text)
        self.fold_of = {w: fold(w) for w in set(self.raw)}
        self.folded = [self.fold_of[w] for w in self.raw]
        self._starts: list[int] | None = None

    def between(self, i: int) -> str:
        """The characters between token i - 1 and token i."""
        if self._starts is None:
            self._starts = [m.start() for m in TOKEN.finditer(self.text)]
        return self.text[self._starts[i - 1] + len(self.raw[i - 1]) : self._starts[i]]

    def sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        gap = self.between(i)
        return "\n" in gap or gap.strip().endswith((".", "!", "?", ":"))


def _find(idx: Index, k: str) -> tuple[Place, bool] | None:
    """The place key k names, exactly or inflected on the last word."""
    if k in idx.keys:
        return idx.keys[k], False
    if k in idx.inflected:
        return idx.inflected[k], True
    return None


def _hit_at(idx: Index, folded: list[str], i: int) -> tuple[int, tuple[Place, bool]] | None:
    """(words, (place, inflected)) of the longest name starting at token i."""
    word = folded[i]
    longest = idx.longest.get(word)
    if longest is None:
        if "-" in word:  # "Duisburg-Nord", "Bochum-Wattenscheid"
            hit = _find(idx, word.split("-", 1)[0])
            return (1, hit) if hit else None
        return None
    for n in range(min(longest, len(folded) - i), 1, -1):
        hit = _find(idx, " ".join(folded[i : i + n]))
        if hit:
            return n, hit
    hit = _find(idx, word)
    return (1, hit) if hit else None


def _starts_name(idx: Index, word: str) -> bool:
    return word in idx.longest or ("-" in word and word.split("-", 1)[0] in idx.longest)


def _mentions(tokens: _Tokens, idx: Index) -> list[Mention]:
    found: list[Mention] = []
    starting = {w for w, f in tokens.fold_of.items() if _starts_name(idx, f)}
    after = 0
    for i in [i for i, w in enumerate(tokens.raw) if w in starting]:
        if i < after:  # inside the name found before
            continue
        hit = _hit_at(idx, tokens.folded, i)
        if hit is None:
            continue
        n, (place, inflected) = hit
        after = i + n
        found.append(
            Mention(
                place, i, i + n - 1, _cued(tokens, i, found), tokens.raw[i][:1].isupper(), inflected
            )
        )
    return found


def mentions(text: str) -> list[Mention]:
    """Every gazetteer place named in text, in order, longest names first."""
    return _mentions(_Tokens(text), index())


def _cued(tokens: _Tokens, i: int, found: list[Mention]) -> bool:
    """A preposition before the name, or the name continues a list of places."""
    if i == 0:
        return False
    if tokens.folded[i - 1] in _CUES:
        return True
    if found and found[-1].last == i - 1:  # "Bochum, Hof" / "Bochum/Hof"
        return tokens.between(i).strip() in (",", "/")
    return bool(found and found[-1].last == i - 2 and tokens.folded[i - 1] in _LISTING)


def _verb_like(word: str) -> bool:
    # 'essen', 'senden', 'kamen': lower-case, they are verbs, not the cities; 'witten' and
    # 'hagen', which no one uses as a word, are the cities.
    if not (word.islower() and len(word) <= 7 and word.endswith(("en", "ern", "eln"))):
        return False
    return is_common(word)


@lru_cache(maxsize=64)
def _covered_index(covered: tuple[str, ...]) -> tuple[Index, frozenset[Place], dict, dict]:
    """The gazetteer with every spelling of each covered city mapped to its covered name;
    the covered places; their single-word keys by first letter, and their names of several
    words ('castrop rauxel', hyphen or not; 'haltern am see'), for typo matching."""
    keys = dict(index().keys)
    targets: list[Place] = []
    by_letter: dict[str, dict[str, Place]] = {}
    several: dict[str, Place] = {}
    for name in covered:
        place = lookup(name)
        target = Place(name, place.population if place else 0)
        targets.append(target)
        for k in (*(_spellings(place) if place else ()), key(name)):
            spaced = k.replace("-", " ")
            keys[k] = keys[spaced] = target  # 'castrop rauxel' typed without its hyphen
            first = k.split(" ")[0]
            by_letter.setdefault(first[:1], {})[first] = target
            if " " in spaced:
                several[spaced] = target
    return make_index(keys), frozenset(targets), by_letter, several


def _abroad(tokens: _Tokens, named: set[int]) -> list[str]:
    """Foreign places a question names, as it spells them, on words that name no German place:
    written with a capital, not all in capitals (an acronym: "SAP"), not the head of a
    hyphenated word ("Kita-Platz"); after a place cue, or else inside a sentence (a capital at
    its start says nothing) and no German word (a noun has a capital too: "Kita", "Tor")."""
    out: list[str] = []
    for m in _mentions(tokens, abroad_index()):
        words = tokens.raw[m.first : m.last + 1]
        name = " ".join(words)
        if named & set(range(m.first, m.last + 1)) or not m.capital or key(name) not in abroad():
            continue
        if any(w.isupper() for w in words):
            continue
        german = len(words) == 1 and is_word(fold(name), "de")
        if m.cue or not (german or tokens.sentence_start(m.first)):
            if name not in out:
                out.append(name)
    return out


def _accepted(m: Mention, tokens: _Tokens, covered: bool) -> bool:
    """Whether a mention in a question is meant as a place."""
    if m.cue:
        return True
    if covered:
        return m.capital or not _verb_like(tokens.raw[m.first])
    big = m.place.population >= _BIG or m.last > m.first
    if _a_name(tokens.raw[m.first].lower(), m.place):
        return True  # "gehalt medizininformatik plettenberg": no word but the town's name
    if not m.capital:
        # Typed all in lower case ('jobs in bielefeld'): a big city's name, unless it reads
        # as a verb ('essen', 'siegen').
        return big and not _verb_like(tokens.raw[m.first])
    # At a sentence start a capital says nothing ('Essen gehen wir später').
    return big and not tokens.sentence_start(m.first)


def _a_name(word: str, place: Place) -> bool:
    """A town's name that is no word of either dictionary ("plettenberg", "soest"), or a big
    enough town's that is no everyday word ("arnsberg", not "kamen"); not a part of a
    hyphenated word ("further-training" is no "Furth")."""
    if "-" in word and "-" not in place.name:
        return False
    return not is_word(word) or (place.population >= TEXT_BIG and not is_common(word))


def _fuzzy(word: str, by_letter: dict, memo: dict, cutoff: float = _FUZZY_MIN) -> Place | None:
    """The covered city a misspelt word stands for ('Wupertal', 'bochm'), or None; the cutoff
    follows from the word, so the memo is by word."""
    if word not in memo:
        from rapidfuzz.fuzz import ratio

        best, score = None, 0.0
        for k, place in by_letter.get(word[:1], {}).items():
            if abs(len(k) - len(word)) <= 2:
                s = ratio(word, k, score_cutoff=cutoff)
                if s > score:
                    best, score = place, s
        memo[word] = best
    return memo[word]


def cities_in(question: str, covered: list[str]) -> tuple[list[str], list[str]]:
    """Covered and uncovered cities a question names, in order; typos match covered cities only."""
    idx, targets, by_letter, several = _covered_index(tuple(covered))
    tokens = _Tokens(question)
    found = _mentions(tokens, idx)
    ok = [_accepted(m, tokens, m.place in targets) for m in found]
    for j in range(len(found) - 1):  # "Essen oder Bochum?": listed with a place, a place too
        a, b = found[j], found[j + 1]
        if ok[j + 1] and b.first == a.last + 2 and tokens.folded[a.last + 1] in _LISTING:
            ok[j] = ok[j] or a.capital
    found_covered: list[str] = []
    found_other: list[str] = []
    for m, accepted in zip(found, ok, strict=True):
        bucket = found_covered if m.place in targets else found_other
        if accepted and m.place.name not in bucket:
            bucket.append(m.place.name)
    # Typos: words that are no place name, each distinct word tried once, where it first stands.
    # Five letters at least; four right after a cue ("in Essn"), where a word one letter short of
    # a five-letter city is meant as a place.
    typos: list[tuple[int, str]] = []
    named = {j for m in found for j in range(m.first, m.last + 1)}  # words that name a place
    memo: dict[str, Place | None] = {}
    first: dict[str, int] = {}
    for i, word in enumerate(tokens.raw):
        first.setdefault(word, i)
    for word, i in first.items():
        folded = tokens.fold_of[word]
        shortest = 4 if i > 0 and tokens.folded[i - 1] in _CUES else 5
        if len(folded) < shortest or _verb_like(word) or i in named:
            continue
        # One letter wrong scores 100 * (1 - 1 / length): 75 in a four-letter name after a cue
        # ("in hamn"), 83 in "bochun". Let it count when the word is no word of its own ("in
        # hand" stays a hand, "wetten" a bet); longer words need _FUZZY_MIN anyway.
        one_wrong = 100 * (1 - 1 / len(folded)) - 0.01
        cutoff = min(_FUZZY_MIN, one_wrong) if not is_word(folded) else _FUZZY_MIN
        place = _fuzzy(folded, by_letter, memo, cutoff)
        if place:
            typos.append((i, place.name))
    typos += _multi_word_typos(tokens, several)
    for _, name in sorted(typos):
        if name not in found_covered:
            found_covered.append(name)
    for name in _abroad(tokens, named | {i for i, _ in typos}):
        if name not in found_other:
            found_other.append(name)
    return found_covered, found_other


def _multi_word_typos(tokens: _Tokens, names: dict[str, Place]) -> list[tuple[int, str]]:
    """(position, city) of neighbouring words that misspell a covered name of several words
    ('kastrop rauxel', 'halten am see'); the first letter may be the wrong one, as such names
    are few."""
    if not names:
        return []
    from rapidfuzz import process
    from rapidfuzz.fuzz import ratio

    out = []
    for n in sorted({name.count(" ") + 1 for name in names}):
        of_n = [name for name in names if name.count(" ") + 1 == n]
        for i in range(len(tokens.folded) - n + 1):
            words = " ".join(tokens.folded[i : i + n])
            if len(words) >= 9 and words not in names:
                hit = process.extractOne(words, of_n, scorer=ratio, score_cutoff=_FUZZY_MIN)
                if hit:
                    out.append((i, names[hit[0]].name))
    return out
