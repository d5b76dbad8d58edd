"""German keyword search: bm25s over Snowball-stemmed tokens, with compounds split into parts."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import numpy as np

_TOKEN = re.compile(r"[^\W\d_]{2,}|\d+(?:\.\d{3})*", re.UNICODE)
STOPWORDS = frozenset(
    """aber alle als also am an auch auf aus bei bin bis bist da damit dann das dass dein dem den
    der des die dies doch dort du durch ein eine einem einen einer eines er es etwa für hat hier
    ich ihr im in ist ja kann man mehr mit nach nicht noch nur ob oder schon sehr sich sie sind so
    über um und uns von vor war was wer wie wir wird wo zu zum zur a an and are at be by do does
    for from how i in is it of on or the there to what which who with you""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("german")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball German stem of a lower-cased word."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Lower-cased word tokens without stopwords."""
    return [w for w in (t.lower() for t in _TOKEN.findall(text)) if w not in STOPWORDS]


class Decompounder:
    """Splits German compounds ('einstiegsgehalt' -> 'einstieg', 'gehalt') into parts that
    occur as words of their own in the corpus."""

    def __init__(self, vocabulary: set[str]):
        self.vocabulary = {w for w in vocabulary if len(w) >= 4}
        # A part may be any form of a word the texts use: "datenbank|kenntnisse" where the
        # texts say "Datenbanken".
        self._stems = {stem(w) for w in self.vocabulary}
        self._cache: dict[str, tuple[str, ...]] = {}

    def _known(self, part: str) -> bool:
        return part in self.vocabulary or (len(part) >= 5 and stem(part) in self._stems)

    def parts(self, word: str) -> tuple[str, ...]:
        """Known parts of word (possibly empty), joined by an optional linking 's'."""
        if word in self._cache:
            return self._cache[word]
        found: tuple[str, ...] = ()
        if len(word) >= 8:
            head_only = tail_only = None
            for i in range(len(word) - 4, 3, -1):
                head, tail = word[:i], word[i:]
                if not self._known(head) and head.endswith("s"):
                    head = head[:-1]
                known_head, known_tail = self._known(head), self._known(tail)
                if known_head and known_tail:
                    found = (head, tail)
                    break
                if known_head and head_only is None and len(head) >= 6:
                    head_only = head  # longest known head: "weiterbildung|slandschaft"
                if known_tail and len(tail) >= 6:
                    tail_only = tail  # longest known tail: "einstiegs|gehalt"
            if not found:
                found = tuple(p for p in (head_only, tail_only) if p)
        self._cache[word] = found
        return found


class KeywordIndex:
    """BM25 over a fixed list of texts; scores every text for a query."""

    def __init__(self, texts: list[str]):
        import bm25s

        tokenised = [words(t) for t in texts]
        self.decompounder = Decompounder({w for doc in tokenised for w in doc})
        corpus = [self.terms(doc) for doc in tokenised]
        self.size = len(texts)
        self._df = Counter(t for doc in corpus for t in set(doc))
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        if self.size:
            self._bm25.index(corpus, show_progress=False)

    def terms(self, tokens: list[str]) -> list[str]:
        """Index terms: the stem of each word plus the stems of its compound parts, and of two
        neighbours written as one word elsewhere ("home office" -> "homeoffice")."""
        out: list[str] = []
        for w in tokens:
            out.append(stem(w))
            out.extend(stem(p) for p in self.decompounder.parts(w))
        known = self.decompounder.vocabulary
        out.extend(stem(a + b) for a, b in zip(tokens, tokens[1:]) if a + b in known)
        return out or [""]

    def idf(self, term: str) -> float:
        """How rare a term is across the indexed texts (BM25's idf; high = specific)."""
        df = self._df.get(term, 0)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def rows_with(self, term: str) -> np.ndarray:
        """The rows of the texts that hold the term (a stem, as terms() gives them)."""
        if not self.size or term not in self._bm25.vocab_dict:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self._bm25.get_scores([term]))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed text for query (zeros where nothing matches)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        terms = [t for t in self.terms(words(query)) if t and t in self._bm25.vocab_dict]
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        return self._bm25.get_scores(terms)
