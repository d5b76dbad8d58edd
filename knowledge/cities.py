"""City names: the city of a document, and (with typos and inflections) the cities a question
names, from a gazetteer of German municipalities."""

from __future__ import annotations

from functools import lru_cache

from knowledge.abroad import abroad, abroad_index, countries, everyday
from knowledge.dictionary import is_common, is_word
from knowledge.gazetteer import Index, Place, fold, index, key, lookup, make_index
from knowledge.gazetteer import spellings as _spellings
from knowledge.mentions import CUES, LISTING, Mention, Tokens, find_mentions, mentions

__all__ = ["Mention", "cities_in", "fold", "mentions"]

# A single-word city this big is meant even without a cue when written with a capital.
_BIG = 100_000
# In a document's running text, places this big count without a cue.
TEXT_BIG = 50_000
_FUZZY_MIN = 85
# Articles between a place cue and a foreign name: "in der Schweiz", "in the Netherlands".
_ARTICLES = frozenset("der die den dem des the".split())
_SAID_ARTICLES = frozenset("der den dem the".split())  # dative after "Zu", or English


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


def _abroad(tokens: Tokens, named: set[int]) -> list[str]:
    """Foreign places a question names, as it spells them, on words that name no German place;
    never an acronym ("SAP") or the head of a hyphenated word ("Kita-Platz"). After a place cue
    (a country's article between or not: "in der Schweiz"), or listed with a German place
    ("Paris oder Bochum?"), a name with a capital or of no everyday words counts ("jobs in
    paris"). Otherwise only one with a capital inside a sentence (a capital at its start says
    nothing) that is no German word (a noun has a capital too: "Kita", "Tor")."""
    out: list[str] = []
    for m in find_mentions(tokens, abroad_index()):
        words = tokens.raw[m.first : m.last + 1]
        name = " ".join(words)
        if named & set(range(m.first, m.last + 1)) or key(name) not in abroad():
            continue
        if any(w.isupper() for w in words):
            continue
        # Typed in lower case, a name of everyday words is those words ("to the old town").
        spelled = any(w[:1].isupper() for w in words) or not any(everyday(w) for w in words)
        article = _article(m, tokens)
        cued = spelled and (m.cue or article is not None or _listed(m, tokens, named))
        if not (cued or _foreign_name(m, words, tokens)):
            continue
        name = name.title() if name.islower() else name  # "jobs in paris": Paris
        # "Zu der Schweiz", "on the Philippines": the article as asked, where it fits after "Zu".
        name = f"{article} {name}" if article in _SAID_ARTICLES else name
        if name not in out:
            out.append(name)
    return out


def _article(m: Mention, tokens: Tokens) -> str | None:
    """The article between a place cue and a country's name ("in der Schweiz"), as written."""
    if m.first < 2 or m.place.name not in countries():
        return None
    article, cue = tokens.folded[m.first - 1], tokens.folded[m.first - 2]
    return tokens.raw[m.first - 1] if article in _ARTICLES and cue in CUES else None


def _listed(m: Mention, tokens: Tokens, named: set[int]) -> bool:
    """Listed with a German place: "Bochum oder Paris", "Paris or Bochum"."""
    after = m.last + 1
    return (m.first > 1 and tokens.folded[m.first - 1] in LISTING and m.first - 2 in named) or (
        after + 1 < len(tokens.folded) and tokens.folded[after] in LISTING and after + 1 in named
    )


def _foreign_name(m: Mention, words: list[str], tokens: Tokens) -> bool:
    """A name that reads as one without a cue: a capital, inside a sentence, and (one word)
    no German word."""
    if not m.capital or tokens.sentence_start(m.first):
        return False
    return len(words) > 1 or not is_word(fold(words[0]), "de")


def _accepted(m: Mention, tokens: Tokens, covered: bool) -> bool:
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
    tokens = Tokens(question)
    found = find_mentions(tokens, idx)
    ok = [_accepted(m, tokens, m.place in targets) for m in found]
    for j in range(len(found) - 1):  # "Essen oder Bochum?": listed with a place, a place too
        a, b = found[j], found[j + 1]
        if ok[j + 1] and b.first == a.last + 2 and tokens.folded[a.last + 1] in LISTING:
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
        shortest = 4 if i > 0 and tokens.folded[i - 1] in CUES else 5
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


def _multi_word_typos(tokens: Tokens, names: dict[str, Place]) -> list[tuple[int, str]]:
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
