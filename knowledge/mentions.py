"""Where a text names a place: its tokens, raw and folded, and the gazetteer names found in
them with what marks each one as a place (a cue before it, a capital, an inflection)."""

from __future__ import annotations

from typing import NamedTuple

from knowledge.gazetteer import TOKEN, Index, Place, fold, index

# Words before a place name that make it one: "in essen", "nach Hof", "zwischen Bochum und".
CUES = frozenset(
    "in im nach aus bei von vom um fuer zwischen gegenueber ab bis richtung raum naehe "
    "umgebung umland region stadt standort to from near around towards outside "
    # field labels of a profile or a job ad: "Ort: MECHERNICH", "Location: Kleve"
    "ort arbeitsort dienstort einsatzort location city town".split()
)
LISTING = frozenset("und oder sowie bzw vs versus and or".split())


class Mention(NamedTuple):
    """A city named in a text: place, token range, and what marks it as a place."""

    place: Place
    first: int
    last: int
    cue: bool
    capital: bool
    inflected: bool


class Tokens:
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


def find_mentions(tokens: Tokens, idx: Index) -> list[Mention]:
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
    return find_mentions(Tokens(text), index())


def _cued(tokens: Tokens, i: int, found: list[Mention]) -> bool:
    """A preposition before the name, or the name continues a list of places."""
    if i == 0:
        return False
    if tokens.folded[i - 1] in CUES:
        return True
    if found and found[-1].last == i - 1:  # "Bochum, Hof" / "Bochum/Hof"
        return tokens.between(i).strip() in (",", "/")
    return bool(found and found[-1].last == i - 2 and tokens.folded[i - 1] in LISTING)
