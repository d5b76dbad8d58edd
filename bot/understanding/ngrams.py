"""A question's wording as hashed character n-grams, weighted by tf-idf: the intent model reads
it beside the embedding. Parts of words carry the topic in both languages and across German
compounds ("Weiterbildungsangebote", "weiterbilden"), and typed forms the embedding reads
loosely; hashing keeps no vocabulary, only weights per bucket fitted on labelled questions."""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

BUCKETS = 1 << 20
SHORTEST, LONGEST = 2, 5
MIN_QUESTIONS = 2  # a bucket seen in one training question only is noise, not wording
READ = 2000  # letters read, about what the embedding's 512 tokens hold


def grams(text: str) -> Iterator[str]:
    """Character n-grams of each word, padded with a space on both sides."""
    for word in text[:READ].lower().split():
        padded = f" {word[:60]} "  # a 2,000-letter "word" costs no more than a long one
        for n in range(SHORTEST, min(LONGEST, len(padded)) + 1):
            for i in range(len(padded) - n + 1):
                yield padded[i : i + n]


@lru_cache(maxsize=64)  # the intent and the level model read the same question
def buckets(text: str) -> Counter:
    """How often each hashed n-gram occurs in text (shared: not to be changed)."""
    return Counter(zlib.crc32(g.encode("utf-8")) % BUCKETS for g in grams(text))


@dataclass(frozen=True)
class Wording:
    """Fitted n-gram weights: idf per kept bucket and one weight per class for it."""

    idf: dict[int, float]
    weights: dict[int, tuple[float, ...]]

    def vector(self, text: str) -> dict[int, float]:
        """Sublinear tf-idf of the kept buckets, of unit length."""
        return weighted(buckets(text), self.idf)

    def scores(self, text: str, classes: int) -> list[float]:
        """Each class's share of the logit from the wording."""
        out = [0.0] * classes
        for b, x in self.vector(text).items():
            for k, w in enumerate(self.weights.get(b, ())):
                out[k] += x * w
        return out

    def to_dict(self) -> dict:
        """Plain JSON form (bucket numbers as keys)."""
        return {
            "buckets": BUCKETS,
            "idf": {str(b): round(v, 5) for b, v in self.idf.items()},
            "weights": {str(b): [round(w, 5) for w in ws] for b, ws in self.weights.items()},
        }

    @classmethod
    def from_dict(cls, d: dict) -> Wording:
        """From the JSON form."""
        if d.get("buckets", BUCKETS) != BUCKETS:
            raise ValueError(f"n-gram weights for {d['buckets']} buckets; this code uses {BUCKETS}")
        return cls(
            {int(b): float(v) for b, v in d["idf"].items()},
            {int(b): tuple(float(w) for w in ws) for b, ws in d["weights"].items()},
        )


def weighted(counts: Counter, idf: dict[int, float]) -> dict[int, float]:
    """Sublinear tf times idf over the buckets idf knows, scaled to unit length."""
    v = {b: (1.0 + math.log(n)) * idf[b] for b, n in counts.items() if b in idf}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {b: x / norm for b, x in v.items()}


def fit_idf(texts: Iterable[str]) -> dict[int, float]:
    """Smoothed idf of the buckets found in at least MIN_QUESTIONS texts."""
    texts = list(texts)
    df = Counter(b for t in texts for b in set(buckets(t)))
    n = len(texts)
    return {b: math.log((1 + n) / (1 + k)) + 1.0 for b, k in df.items() if k >= MIN_QUESTIONS}
