"""Typo repair for questions: a word that no German or English dictionary (pyspellchecker's),
the index or the training questions knows becomes the closest word of the index or the
training questions, when it is close enough ('verdint' -> 'verdient', 'salery' -> 'salary');
a real word ('Wetter') is never touched. The vocabulary comes from the store and the data."""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.dictionary import is_word

__all__ = ["Speller", "is_word"]

_WORD = re.compile(r"[^\W\d_]{5,}", re.UNICODE)
MIN_SCORE = 80  # one edit in a five-letter word; two in a ten-letter one


class Speller:
    """Corrects words of a question against a known vocabulary."""

    def __init__(self, words: Iterable[str]):
        self.known = frozenset(w.lower() for w in words if len(w) >= 4)
        self._by_initial: dict[str, list[str]] = {}
        for w in sorted(self.known):
            self._by_initial.setdefault(w[0], []).append(w)

    def _fix(self, word: str) -> str:
        from rapidfuzz import fuzz, process

        low = word.lower()
        # Typos keep the first letter: "Wetter" must not become "better".
        choices = self._by_initial.get(low[0])
        if low in self.known or not choices or is_word(low):
            return word
        got = process.extractOne(low, choices, scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
        if not got:
            return word
        fixed = got[0]
        return fixed[:1].upper() + fixed[1:] if word[:1].isupper() else fixed

    def correct(self, text: str) -> str:
        """text with unknown words replaced by their closest known word."""
        return _WORD.sub(lambda m: self._fix(m.group(0)), text[:2000]) + text[2000:]
