"""Exact nearest-neighbour search inside filtered parts of the store (one city's chunks, one
city's sentences), their vectors held in memory per filter.

Chroma answers a query with a metadata filter slowly: on a 47k-record store a query for one
city's 46 records took 80-150 ms, against 7 ms unfiltered (bench/results, docs/benchmarks.md),
and nearly every question filters by city. The records a filter selects are fetched once per
store generation, and each later question scores them with one matrix product (exact cosine,
where HNSW is approximate). A filter's records are fetched by its city or profession alone and
split into chunks and sentences here: a clause on the record kind matches half the store, and
at 100k chunks it made Chroma's fetch take 4.3 s instead of a fraction of a second. A filter
that selects more than MAX_RECORDS records is left to Chroma, and the least recently used
subsets go once MAX_HELD records are held, so memory stays bounded.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from knowledge.results import is_sentence

MAX_RECORDS = 20_000  # one filter: a profession's records in a 100k-chunk store (~12k)
MAX_FILTERS = 256
MAX_HELD = 200_000  # records held over all filters (about 2 KB each), least recently used out


@dataclass(frozen=True)
class Subset:
    """The records one filter selects: ids, documents, metadatas and their unit vectors."""

    ids: list[str]
    documents: list[str]
    metadatas: list[dict]
    matrix: np.ndarray  # one row per record

    def nearest(self, vector: list[float], n: int, vectors: bool = False) -> dict:
        """The n records nearest to vector, shaped like Chroma's query result (one query)."""
        q = np.asarray(vector, dtype=np.float32)
        sims = self.matrix @ q if len(self.ids) else np.zeros(0, dtype=np.float32)
        k = min(n, len(self.ids))
        top = np.argpartition(-sims, k - 1)[:k] if k else np.zeros(0, dtype=int)
        top = top[np.argsort(-sims[top], kind="stable")]
        out = {
            "ids": [[self.ids[i] for i in top]],
            "documents": [[self.documents[i] for i in top]],
            "metadatas": [[self.metadatas[i] for i in top]],
            # Chroma's cosine distance, as the callers read it.
            "distances": [[float(1.0 - sims[i]) for i in top]],
        }
        if vectors:
            out["embeddings"] = [self.matrix[top]]
        return out


class Subsets:
    """Subsets by filter for one store generation; clear() when the store changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[Subset, Subset] | None] = OrderedDict()
        self._small: bool | None = None

    def clear(self) -> None:
        """Forget every subset (an ingest changed the store)."""
        with self._lock:
            self._items.clear()
            self._small = None

    def held(self) -> int:
        """Records held over all subsets."""
        return sum(len(s.ids) for pair in self._items.values() if pair for s in pair)

    def small(self, collection) -> bool:
        """Whether the whole store fits in one subset (counted once per store generation):
        only then is an unfiltered query worth holding, since fetching a filter's first
        MAX_RECORDS records from a large store takes seconds."""
        if self._small is None:
            self._small = collection.count() <= MAX_RECORDS
        return self._small

    def get(self, collection, where: dict | None, sentences: bool) -> Subset | None:
        """The sentence records (or the others) a where clause selects, fetched on first use;
        None when the clause selects too many to hold (the caller then asks Chroma)."""
        key = json.dumps(where, sort_keys=True)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                pair = self._items[key]
                return None if pair is None else pair[sentences]
        got = collection.get(
            where=where, include=["documents", "metadatas", "embeddings"], limit=MAX_RECORDS + 1
        )
        pair = None
        if len(got["ids"]) <= MAX_RECORDS:
            kinds = [is_sentence(m) for m in got["metadatas"]]
            pair = tuple(_subset(got, [k == want for k in kinds]) for want in (False, True))
        with self._lock:
            self._items[key] = pair
            while len(self._items) > MAX_FILTERS or (
                len(self._items) > 1 and self.held() > MAX_HELD
            ):
                self._items.popitem(last=False)
        return None if pair is None else pair[sentences]


def _subset(got: dict, keep: list[bool]) -> Subset:
    """The rows of a Chroma get() result that keep marks, with unit vectors."""
    rows = [i for i, k in enumerate(keep) if k]
    n = len(rows)
    vectors = got["embeddings"]
    matrix = (
        np.asarray([vectors[i] for i in rows], dtype=np.float32).reshape(n, -1)
        if n
        else np.zeros((0, 1), dtype=np.float32)
    )
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = matrix / np.where(norms > 0, norms, 1.0)
    return Subset(
        [got["ids"][i] for i in rows],
        [got["documents"][i] for i in rows],
        [got["metadatas"][i] for i in rows],
        matrix,
    )
