"""Exact nearest-neighbour search inside filtered parts of the store (one city's chunks, one
city's sentences), their vectors held in memory per filter.

Chroma answers a query with a metadata filter slowly: on a 47k-record store a query for one
city's 46 records took 80-150 ms, against 7 ms unfiltered (bench/results, docs/benchmarks.md),
and nearly every question filters by city. The records a filter selects are fetched once per
store generation, and each later question scores them with one matrix product (exact cosine,
where HNSW is approximate). A filter that selects more than MAX_RECORDS records is left to
Chroma, and the least recently used subsets go once MAX_HELD records are held, so memory stays
bounded.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

MAX_RECORDS = 20_000  # one filter: a profession's sentences in a 100k-chunk store (~12k)
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
        self._items: OrderedDict[str, Subset | None] = OrderedDict()
        self._small: bool | None = None

    def clear(self) -> None:
        """Forget every subset (an ingest changed the store)."""
        with self._lock:
            self._items.clear()
            self._small = None

    def held(self) -> int:
        """Records held over all subsets."""
        return sum(len(s.ids) for s in self._items.values() if s is not None)

    def small(self, collection) -> bool:
        """Whether the whole store fits in one subset (counted once per store generation):
        only then is an unfiltered query worth holding, since fetching a filter's first
        MAX_RECORDS records from a large store takes seconds."""
        if self._small is None:
            self._small = collection.count() <= MAX_RECORDS
        return self._small

    def get(self, collection, where: dict) -> Subset | None:
        """The subset a where clause selects, fetched on first use; None when it is too large
        to hold (the caller then asks Chroma)."""
        key = json.dumps(where, sort_keys=True)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        got = collection.get(
            where=where, include=["documents", "metadatas", "embeddings"], limit=MAX_RECORDS + 1
        )
        subset = None
        if len(got["ids"]) <= MAX_RECORDS:
            n = len(got["ids"])
            matrix = (
                np.asarray(got["embeddings"], dtype=np.float32).reshape(n, -1)
                if n
                else (np.zeros((0, 1), dtype=np.float32))
            )
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            matrix = matrix / np.where(norms > 0, norms, 1.0)
            rows = (list(got["ids"]), list(got["documents"]), list(got["metadatas"]))
            subset = Subset(*rows, matrix)
        with self._lock:
            self._items[key] = subset
            while len(self._items) > MAX_FILTERS or (
                len(self._items) > 1 and self.held() > MAX_HELD
            ):
                self._items.popitem(last=False)
        return subset
