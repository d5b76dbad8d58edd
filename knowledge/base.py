"""The knowledge base as the bot reads it: documents, chunks, facts, and a view that follows
ingests made by other processes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from knowledge import audit, store
from knowledge import database as db
from knowledge.results import (
    METADATA_PAGE,
    NOT_SENTENCE,
    OVERFETCH,
    chunk_count,
    first_kept,
    is_sentence,
    of_kind,
    where_all,
)
from knowledge.subsets import MAX_RECORDS, Subsets

CHUNK_PAGE = 10_000


@dataclass(frozen=True)
class SalaryRow:
    """A salary fact as stored: profession, level, euro range, period, and its sentence."""

    source: str
    title: str
    city: str | None
    profession: str | None
    level: str
    low: int
    high: int | None
    period: str
    sentence: str
    start: int
    end: int


class KnowledgeBase:
    """Read access to one store; reopen() picks up what a later ingest wrote."""

    def __init__(
        self, engine: Engine, store_dir: Path, chroma_url: str | None, collection: str, embedder
    ):
        self.engine = engine
        self.store_dir = store_dir
        self.chroma_url = chroma_url
        self.collection_name = collection
        self.embedder = embedder
        self._lock = threading.RLock()
        self.client = None
        self.collection = None
        self.generation: str | None = None
        self.subsets = Subsets()
        self._chunks: tuple[str | None, int] = (None, 0)  # (generation, chunk count)
        self.reopen()

    def reopen(self) -> None:
        """Open the Chroma collection afresh and remember which ingest it reflects."""
        with self._lock:
            if not self.chroma_url and self.client is not None:
                store.forget_embedded_clients()
            generation = db.get_meta(self.engine, "generation")
            with store.reachable(self.chroma_url):
                client = store.chroma_client(self.store_dir, self.chroma_url)
                col = store.collection(client, self.collection_name, self.embedder, create=True)
            # Only a successful reopen counts: a failed one is retried on the next changed().
            self.client, self.collection, self.generation = client, col, generation
            self.subsets.clear()
            store.warm(col, MAX_RECORDS)  # small stores are held in memory (subsets)

    def changed(self) -> bool:
        """True when an ingest has finished since this view was opened."""
        return db.get_meta(self.engine, "generation") != self.generation

    def query(
        self,
        embedding: list[float],
        n_results: int,
        where: dict | None = None,
        sentences: bool = False,
        vectors: bool = False,
    ) -> dict:
        """Chroma's nearest chunks (or sentences) to embedding: documents, metadatas, distances."""
        kind = {"kind": "sentence"} if sentences else NOT_SENTENCE
        clause = where_all(kind, where)
        include = ["documents", "metadatas", "distances"] + (["embeddings"] if vectors else [])

        def ask(col) -> dict:
            # A city or profession filter: exact search in the selected records, held in
            # memory (knowledge/subsets.py: Chroma's filtered query is slow). Unfiltered too
            # while the store is small enough to hold: one matrix product beats a Chroma call.
            held = where is not None or self.subsets.small(col)
            subset = self.subsets.get(col, where, sentences) if held else None
            if subset is not None:
                return subset.nearest(embedding, n_results, vectors)
            if where is None:  # only the kind: unfiltered HNSW, over-fetched, then sorted out
                found = of_kind(
                    col.query(
                        query_embeddings=[embedding],
                        include=include,
                        n_results=n_results * OVERFETCH,
                    ),
                    sentences,
                )
                if len(found["ids"][0]) >= n_results or col.count() <= n_results * OVERFETCH:
                    return {k: [v[0][:n_results]] for k, v in found.items()}
            return col.query(
                query_embeddings=[embedding],
                n_results=n_results,
                where=clause,
                include=include,
            )

        return self._asking(ask)

    def nearest_matching(
        self, embedding: list[float], keep: Callable[[dict], bool], sentences: int
    ) -> tuple[float, dict] | None:
        """Cosine similarity and metadata of the nearest record whose metadata keep() accepts,
        among the nearest `sentences` sentence records of the whole store; None if none is."""

        def ask(col):
            if self.subsets.small(col):
                got = self.subsets.get(col, None, True).nearest(embedding, sentences)
                return first_kept(got["distances"][0], got["metadatas"][0], keep)
            # Distances only, then the metadata of the nearest few by id: fetching the
            # metadata of every over-fetched record cost ~50 ms a question at 10k chunks.
            got = col.query(
                query_embeddings=[embedding], n_results=sentences * OVERFETCH, include=["distances"]
            )
            ids, distances, seen = got["ids"][0], got["distances"][0], 0
            for i in range(0, len(ids), METADATA_PAGE):
                page = ids[i : i + METADATA_PAGE]
                fetched = col.get(ids=page, include=["metadatas"])
                by_id = dict(zip(fetched["ids"], fetched["metadatas"], strict=True))
                metas = [by_id.get(cid) or {} for cid in page]
                rows = [(d, m) for d, m in zip(distances[i:], metas) if is_sentence(m)]
                rows = rows[: sentences - seen]
                seen += len(rows)
                found = first_kept([d for d, _ in rows], [m for _, m in rows], keep)
                if found or seen >= sentences:
                    return found
            return None

        return self._asking(ask)

    def _asking(self, ask: Callable):
        """ask(collection), once more on a fresh client if the embedded store changed under it."""
        from chromadb.errors import ChromaError

        with store.reachable(self.chroma_url):
            try:
                return ask(self.collection)
            except ChromaError:
                if self.chroma_url:
                    raise
                # Embedded store: an ingest in another process changed the files under this
                # client ("Error finding id"); a fresh client reads them as they are now.
                return ask(self._fresh_collection())

    def _fresh_collection(self):
        """Reopen the embedded collection without marking the current generation as seen."""
        with self._lock:
            store.forget_embedded_clients()
            self.subsets.clear()
            self.client = store.chroma_client(self.store_dir, self.chroma_url)
            self.collection = store.collection(
                self.client, self.collection_name, self.embedder, create=True
            )
            return self.collection

    def chunks(self) -> tuple[list[str], list[str], list[dict]]:
        """Every chunk's id, text and metadata, in a stable order."""
        rows = []
        with store.reachable(self.chroma_url):
            # In pages: one get() of ~100k chunks exceeds SQLite's limit of SQL variables.
            while True:
                got = self.collection.get(
                    where=NOT_SENTENCE,
                    include=["documents", "metadatas"],
                    limit=CHUNK_PAGE,
                    offset=len(rows),
                )
                rows += zip(got["ids"], got["documents"], got["metadatas"], strict=True)
                if len(got["ids"]) < CHUNK_PAGE:
                    break
        rows.sort(key=lambda r: (r[2].get("source", ""), r[2].get("start", 0)))
        return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]

    def chunk_count(self) -> int:
        """Number of chunks (sentence records not counted): as the last ingest or removal
        stored it, else counted once per store generation (a store from before that)."""
        stored = db.get_meta(self.engine, "chunks")
        if stored is not None:
            return int(stored)
        generation = self.generation
        if self._chunks[0] != generation or generation is None:
            with store.reachable(self.chroma_url):
                self._chunks = (generation, chunk_count(self.collection))
        return self._chunks[1]

    def professions(self) -> list[str]:
        """Professions that at least one document covers, the most covered first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(db.documents.c.profession, func.count())
                .where(db.documents.c.profession.is_not(None))
                .group_by(db.documents.c.profession)
            ).all()
        return [p for p, _ in sorted(rows, key=lambda r: (-r[1], r[0])) if p]

    def cities(self) -> list[str]:
        """Cities that at least one document covers."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(db.documents.c.city).where(db.documents.c.city.is_not(None)).distinct()
            ).scalars()
            return sorted(c for c in rows if c)

    def document(self, source: str) -> dict | None:
        """One stored document: source, title, city, text."""
        with self.engine.connect() as conn:
            row = conn.execute(select(db.documents).where(db.documents.c.source == source)).first()
        return dict(row._mapping) if row else None

    def documents(self) -> list[dict]:
        """All stored documents without their text."""
        cols = [c for c in db.documents.c if c.name != "text"]
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(*cols).order_by("source"))]

    def salary_facts(self) -> list[SalaryRow]:
        """Every salary fact in the store."""
        cols = [db.facts.c[name] for name in SalaryRow.__dataclass_fields__]
        with self.engine.connect() as conn:
            rows = conn.execute(select(*cols).order_by(db.facts.c.city, db.facts.c.low)).all()
        return [SalaryRow(*r) for r in rows]

    def empty(self) -> bool:
        """True when the store holds no document (never ingested, or everything removed)."""
        with self.engine.connect() as conn:
            return not conn.execute(select(func.count()).select_from(db.documents)).scalar()

    def status(self, audit_entries: int = 10) -> dict:
        """Counts for `careerbot status`: documents, chunks, cities, facts, model, last ingest,
        documents per source, and the newest audit log entries."""
        with self.engine.connect() as conn:
            n_docs = conn.execute(select(func.count()).select_from(db.documents)).scalar()
            n_facts = conn.execute(select(func.count()).select_from(db.facts)).scalar()
        with store.reachable(self.chroma_url):
            n_chunks = self.chunk_count()
        return {
            "documents": int(n_docs),
            "chunks": int(n_chunks),
            "cities": self.cities(),
            "facts": int(n_facts),
            "model": db.get_meta(self.engine, "embedding_model") or self.embedder.name,
            "last_ingest": db.get_meta(self.engine, "last_ingest") or "",
            "sources": audit.source_counts(self.engine),
            "audit": audit.recent(self.engine, audit_entries),
        }
