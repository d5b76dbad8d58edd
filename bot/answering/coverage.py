"""The answerability features 'word_match_min', 'word_match_mean' and 'word_match_lead':
whether the best sentences speak of the question's rarest words, in any language. Words are
embedded one by one and compared with the words of the candidate sentences: "probation" comes
closest to "Probezeit", so a topic the text leaves out shows even when the question is English
and the text German (the keyword features see no English word in a German text)."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from knowledge.dictionary import frequency
from knowledge.embedder import MAX_WORD

RAREST = 3  # the question's words read: its rarest, which carry what is asked
TOP = 6  # the sentences that would be quoted (evidence.MAX_QUOTES)
NEXT = 30  # and those after them, up to here: where a better match would be
CACHE = 50_000  # word vectors kept (1.5 kB each)
# A word this frequent in everyday use says nothing of what is asked ("there", "gibt", "work").
EVERYDAY = 1e-4
_WORD = re.compile(r"[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*")
NOTHING = {"word_match_min": 0.0, "word_match_mean": 0.0, "word_match_lead": 0.0}


def query_encoder(embedder) -> Callable[[list[str]], list[list[float]]]:
    """Texts -> query vectors in one batch where the embedder can, one by one else."""
    # Through a cache of passage vectors to the model: questions are not cached there anyway.
    batch = getattr(getattr(embedder, "underlying_embeddings", embedder), "encode", None)
    if batch is not None:
        return lambda texts: batch(texts, query=True)
    return lambda texts: [embedder.embed_query(t) for t in texts]


class WordCoverage:
    """Measures how well a question's rarest words are matched by the best sentences' words."""

    def __init__(self, encode: Callable[[list[str]], list[list[float]]], terms: Callable):
        self.encode = encode  # words -> query vectors, in one batch
        self.terms = terms  # the keyword index's terms: no terms, a stop word
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._words: dict[str, list[str]] = {}  # each sentence's content words, once read
        self._lock = threading.Lock()

    def _content(self, word: str, often: float) -> bool:
        return len(word) > 2 and often < EVERYDAY and bool(self.terms(word))

    def rarest(self, text: str, language: str, leave_out: Sequence[str] = ()) -> list[str]:
        """The question's RAREST least common content words (stop words, everyday words and
        the named cities' words left out); a word no dictionary knows counts as rarest."""
        skip = self.terms(" ".join(leave_out)) if leave_out else set()
        tongue = "en" if language == "en" else "de"
        # A "word" longer than any real one ("ääää…" pasted 2,000 times) is no word to match,
        # and would cost an encoding of the model's whole window.
        words = [w for w in _WORD.findall(text) if len(w) <= MAX_WORD]
        often = {w: frequency(w.lower(), tongue) for w in words}
        kept = [w for w, f in often.items() if self._content(w, f) and not self.terms(w) <= skip]
        return sorted(kept, key=often.get)[:RAREST]

    def words_of(self, text: str) -> list[str]:
        """A sentence's content words, in either language's sense of everyday (kept: the same
        sentences come back question after question)."""
        words = self._words.get(text)
        if words is None:
            words = self._read_words(text)
            if len(self._words) >= CACHE:
                self._words.clear()
            self._words[text] = words
        return words

    def _read_words(self, text: str) -> list[str]:
        often = {w: frequency(w.lower()) for w in _WORD.findall(text)}
        return [w for w, f in often.items() if self._content(w, f)]

    def vectors(self, words: list[str]) -> np.ndarray:
        """The words' query vectors, new ones encoded in one batch and kept."""
        with self._lock:
            have = {w: self._vectors[w] for w in words if w in self._vectors}
        new = [w for w in dict.fromkeys(words) if w not in have]
        if new:
            got = self.encode(new)
            have.update({w: np.asarray(v, dtype=np.float32) for w, v in zip(new, got, strict=True)})
            with self._lock:
                self._vectors.update((w, have[w]) for w in new)
                while len(self._vectors) > CACHE:
                    self._vectors.popitem(last=False)
        return np.stack([have[w] for w in words])

    def features(
        self, text: str, language: str, leave_out: Sequence[str], candidates: Sequence
    ) -> dict[str, float]:
        """The word_match features of a question's text against its ranked candidates."""
        return self.measure(self.rarest(text, language, leave_out), candidates)

    def measure(self, words: list[str], candidates: Sequence) -> dict[str, float]:
        """Each asked word's best cosine to a word of the TOP candidate sentences (best first):
        the least matched word's, the mean, and the least lead of that over the next ones'."""
        top = sorted({w for c in candidates[:TOP] for w in self.words_of(c.text)})
        if not words or not top:
            return dict(NOTHING)
        after = sorted({w for c in candidates[TOP:NEXT] for w in self.words_of(c.text)} - set(top))
        asked = self.vectors(words)
        best = (asked @ self.vectors(top).T).max(axis=1)
        behind = (asked @ self.vectors(after).T).max(axis=1) if after else np.zeros(len(words))
        return {
            "word_match_min": float(best.min()),
            "word_match_mean": float(best.mean()),
            "word_match_lead": float((best - behind).min()),
        }
