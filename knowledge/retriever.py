"""Hybrid retrieval: Chroma vector search plus German BM25, fused by reciprocal rank, with an
optional city filter. The keyword side follows the store: it reloads after an ingest."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from knowledge import snapshots
from knowledge.base import KnowledgeBase
from knowledge.keyword import KeywordIndex, stem, words
from knowledge.results import where_all

RRF_K = 60  # the usual reciprocal-rank constant: damps the weight of the very first ranks


@dataclass
class Hit:
    """One chunk found for a query, with each retriever's rank and score."""

    id: str
    text: str
    meta: dict
    score: float
    ranks: dict
    scores: dict
    vector: object = None  # the stored embedding, when asked for


@dataclass(frozen=True)
class _Snapshot:
    generation: str | None
    ids: list[str]
    texts: list[str]
    metas: list[dict]
    cities: np.ndarray
    professions: np.ndarray
    keyword: KeywordIndex


def _filter(cities: list[str] | None, profession: str | None) -> dict | None:
    """Chroma's where clause for a city list and a profession."""
    city = None
    if cities:
        city = {"city": cities[0]} if len(cities) == 1 else {"city": {"$in": list(cities)}}
    return where_all(city, {"profession": profession} if profession else None)


class _Rows:
    """The keyword index's rows by city and by profession, for filter masks: np.isin over
    100k city names cost ~9 ms a question."""

    def __init__(self, snap: _Snapshot):
        self.snap = snap
        self.city = _groups(snap.cities)
        self.profession = _groups(snap.professions)

    def mask(self, n: int, cities, profession) -> np.ndarray:
        """True for the rows of any of the cities (when given) and of the profession (when
        given)."""
        keep = np.zeros(n, dtype=bool) if cities else np.ones(n, dtype=bool)
        for city in cities or ():
            keep[self.city.get(city, [])] = True
        if profession:
            mine = np.zeros(n, dtype=bool)
            mine[self.profession.get(profession, [])] = True
            keep &= mine
        return keep


def _groups(values: np.ndarray) -> dict[str, np.ndarray]:
    """Row numbers by value."""
    found: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        found.setdefault(v, []).append(i)
    return {v: np.asarray(rows, dtype=np.int64) for v, rows in found.items()}


class Retriever:
    """Finds the passages for a question in one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase, candidates: int = 20):
        self.knowledge = knowledge
        self.candidates = candidates
        self._lock = threading.Lock()
        self._snap = self._load()
        self._by: _Rows | None = None

    def _rows(self, snap: _Snapshot) -> _Rows:
        by = self._by
        if by is None or by.snap is not snap:
            by = self._by = _Rows(snap)
        return by

    def _load(self) -> _Snapshot:
        generation = self.knowledge.generation
        saved = snapshots.load(self.knowledge.store_dir, generation)
        if isinstance(saved, _Snapshot) and saved.generation == generation:
            return saved
        snap = self._build()
        snapshots.save(self.knowledge.store_dir, generation, snap)
        return snap

    def _build(self) -> _Snapshot:
        ids, texts, metas = self.knowledge.chunks()
        # Headings carry topic words ("Weiterbildung, Spezialisierung ..."): index them too.
        keyword = KeywordIndex([f"{m.get('heading', '')}\n{t}" for t, m in zip(texts, metas)])
        cities = np.array([m.get("city", "") for m in metas], dtype=object)
        professions = np.array([m.get("profession", "") for m in metas], dtype=object)
        return _Snapshot(self.knowledge.generation, ids, texts, metas, cities, professions, keyword)

    def refresh(self, force: bool = False) -> bool:
        """Reload when an ingest finished since the last load; True if it reloaded."""
        if not force and not self.knowledge.changed():
            return False
        with self._lock:
            if force or self.knowledge.changed():
                self.knowledge.reopen()
                self._snap = self._load()
                return True
        return False

    def terms(self, text: str) -> set[str]:
        """Stemmed keyword terms of text, compounds split as in the index."""
        return set(self._snap.keyword.terms(words(text)))

    def vocabulary(self) -> set[str]:
        """The words of the indexed texts (lower case)."""
        return set(self._snap.keyword.decompounder.vocabulary)

    def cities_using(self, word: str) -> set[str]:
        """The cities whose texts use the word itself (not only its compound parts)."""
        snap = self._snap
        return {c for c in snap.cities[snap.keyword.rows_with(stem(word.lower()))] if c}

    def idf(self, term: str) -> float:
        """How specific a keyword term is in the current index."""
        return self._snap.keyword.idf(term)

    @property
    def size(self) -> int:
        """Number of chunks searchable now."""
        return len(self._snap.ids)

    def search(
        self,
        text: str,
        cities: list[str] | None = None,
        k: int = 5,
        vector: list[float] | None = None,
        profession: str | None = None,
    ) -> list[Hit]:
        """The k best chunks for text, restricted to cities (and a profession) when given."""
        snap = self._snap
        if not snap.ids:
            return []
        vec_ranked = self._vector(text, cities, vector, profession)
        kw_ranked = self._keyword(snap, text, cities, profession)
        fused: dict[str, Hit] = {}
        for name, ranked in (("vector", vec_ranked), ("keyword", kw_ranked)):
            for rank, (cid, doc, meta, score) in enumerate(ranked, start=1):
                hit = fused.get(cid) or Hit(cid, doc, meta, 0.0, {}, {})
                hit.score += 1.0 / (RRF_K + rank)
                hit.ranks[name] = rank
                hit.scores[name] = round(float(score), 4)
                fused[cid] = hit
        return sorted(fused.values(), key=lambda h: -h.score)[:k]

    def sentences(
        self,
        vector,
        cities: list[str] | None,
        n: int = 40,
        profession: str | None = None,
        vectors: bool = True,
    ) -> list[Hit]:
        """The n sentences nearest to a question vector, with their cosine similarity and
        (when vectors) stored embedding."""
        got = self.knowledge.query(
            list(vector), n, _filter(cities, profession), sentences=True, vectors=vectors
        )
        embeddings = got.get("embeddings")
        embeddings = embeddings[0] if embeddings is not None else [None] * len(got["ids"][0])
        return [
            Hit(cid, doc, meta, 1.0 - dist, {}, {"vector": round(1.0 - dist, 4)}, emb)
            for cid, doc, meta, dist, emb in zip(
                got["ids"][0],
                got["documents"][0],
                got["metadatas"][0],
                got["distances"][0],
                embeddings,
            )
        ]

    def nearest_sentence(self, vector, keep, among: int) -> tuple[float, dict] | None:
        """Similarity and metadata of the nearest sentence whose metadata keep() accepts, among
        the `among` sentences of the whole store nearest to vector."""
        return self.knowledge.nearest_matching(list(vector), keep, among)

    def _vector(self, text, cities, vector, profession=None):
        emb = vector if vector is not None else self.knowledge.embedder.embed_query(text)
        got = self.knowledge.query(list(emb), self.candidates, _filter(cities, profession))
        # Cosine distance -> similarity, so higher is better for every retriever.
        return [
            (cid, doc, meta, 1.0 - dist)
            for cid, doc, meta, dist in zip(
                got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0]
            )
        ]

    def _keyword(self, snap: _Snapshot, text, cities, profession=None):
        scores = snap.keyword.scores(text)
        if cities or profession:
            scores = np.where(self._rows(snap).mask(len(scores), cities, profession), scores, 0.0)
        n = min(self.candidates, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top])]
        found = [i for i in top if scores[i] > 0]
        return [(snap.ids[i], snap.texts[i], snap.metas[i], scores[i]) for i in found]
