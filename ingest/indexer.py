"""Incremental indexing: LangChain's index() with a SQL record manager, one document at a time,
so an interrupted run leaves every document either old or new, never missing."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from langchain_core.documents import Document
from langchain_core.indexing import index
from sqlalchemy import Engine, delete, func, select, text, update

from ingest.extractor import salary_facts
from ingest.passages import to_documents
from ingest.reader import SourceText, UnreadableFile, discover, read_text
from knowledge import database as db
from knowledge import store

Progress = Callable[[int, int, str], None]


# Changed documents are indexed in groups, so the model embeds long length-sorted runs of
# chunks with little padding: on 2 cores ingest ran at 67% of the raw encode throughput one
# document (8 chunks) at a time, 83% in groups of 128 chunks, 86% with 256 and 92% with 512
# (bench/ingest_bench.py). Groups start
# small and double, so the first documents are done (and progress shows) soon; a killed run
# keeps every finished group.
GROUP_CHUNKS = 512
GROUP_DOCS = 64
FIRST_GROUP_DOCS = 4


def _chunk_count(docs: list[Document]) -> int:
    """Chunk records among a document's records (its sentence records not counted)."""
    return sum(1 for d in docs if d.metadata.get("kind") != "sentence")


class IngestBusyError(RuntimeError):
    """Another ingest holds the store's lock."""


@contextmanager
def advisory_lock(engine: Engine, name: str, timeout: float = 0.0):
    """Hold PostgreSQL's session advisory lock for name, or raise IngestBusyError. The server
    drops it when the connection dies, so a killed ingest never leaves a stale lock."""
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    conn = engine.connect()
    try:
        deadline = time.monotonic() + timeout
        while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            if time.monotonic() >= deadline:
                raise IngestBusyError(
                    f"another ingest is running on this knowledge base (PostgreSQL advisory lock "
                    f"{name!r} on {engine.url.render_as_string(hide_password=True)}); wait for "
                    "it to finish, or set CAREERBOT_LOCK_TIMEOUT to wait"
                )
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
        conn.commit()  # the lock is session-level: no transaction stays open during the ingest
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()
    except BaseException:
        conn.invalidate()  # never hand a connection that may still hold the lock back to the pool
        raise
    finally:
        conn.close()


@dataclass
class IngestSummary:
    """What one ingest did, in documents and chunks."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[dict] = field(default_factory=list)
    chunks: int = 0
    chunks_embedded: int = 0
    facts: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)

    def text(self) -> str:
        """The summary an operator reads at the end of an ingest."""
        lines = [
            f"documents: {self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged, {len(self.failed)} failed",
            f"chunks: {self.chunks} in store ({self.chunks_embedded} embedded this run); "
            f"facts: {self.facts}; seconds: {self.seconds:.1f}",
        ]
        lines += [f"FAILED {f['source']}: {f['reason']}" for f in self.failed]
        return "\n".join(lines)


class Indexer:
    """Writes documents, chunks and facts into one knowledge base."""

    def __init__(self, engine: Engine, client, collection: str, embedder, lock_path: Path,
                 max_chars: int = 650, max_bytes: int = 1_000_000, lock_timeout: float = 0.0):
        from langchain_classic.indexes import SQLRecordManager

        self.engine = engine
        self.client = client
        self.collection_name = collection
        self.embedder = embedder
        self.lock_path = lock_path
        self.max_chars = max_chars
        self.max_bytes = max_bytes
        self.lock_timeout = lock_timeout
        self.records = SQLRecordManager(f"chroma/{collection}", engine=engine)
        self.records.create_schema()

    def run(self, paths: list[Path], rebuild: bool = False, progress: Progress | None = None,
            warn: Callable[[str], None] = lambda _msg: None) -> IngestSummary:
        """Make the store mirror the documents under paths; hold the lock while doing it."""
        with self.exclusive():
            return self._run(paths, rebuild, progress, warn)

    @contextmanager
    def exclusive(self):
        """The ingest lock: a file lock in the store dir, or with PostgreSQL an advisory lock,
        which also excludes ingests on other machines sharing the database."""
        if self.engine.dialect.name == "postgresql":
            with advisory_lock(self.engine, f"careerbot-ingest:{self.collection_name}",
                               self.lock_timeout):
                yield
            return
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.lock_path), timeout=self.lock_timeout or 0)
        try:
            lock.acquire(timeout=self.lock_timeout if self.lock_timeout > 0 else 0)
        except Timeout:
            raise IngestBusyError(
                f"another ingest is running on {self.lock_path.parent} (lock {self.lock_path}); "
                "wait for it to finish, or set CAREERBOT_LOCK_TIMEOUT to wait"
            ) from None
        try:
            yield
        finally:
            lock.release()

    def _run(self, paths, rebuild, progress, warn) -> IngestSummary:
        t0 = time.perf_counter()
        summary = IngestSummary()
        if rebuild:
            self._clear()
        col = store.collection(self.client, self.collection_name, self.embedder, create=True)
        vs = store.vector_store(self.client, self.collection_name, self.embedder)
        files, errors = discover(paths)
        for error in errors:
            source, _, reason = error.rpartition(": ")
            summary.failed.append({"source": source, "reason": reason})
        present = set()
        known = self._known()
        # The table's sha256 is only trusted while chunking is the same as when it was written.
        same_chunking = db.get_meta(self.engine, "chunk_chars") == str(self.max_chars)
        group: list[tuple[SourceText, object, list[Document]]] = []
        limit = FIRST_GROUP_DOCS
        for i, path in enumerate(files):
            if progress:
                progress(i, len(files), path.name)
            present.add(str(path.resolve()))
            try:
                src = read_text(path, self.max_bytes)
            except UnreadableFile as exc:
                summary.failed.append({"source": str(path), "reason": str(exc)})
                continue
            old_sha = known.get(src.source)
            if old_sha == src.sha256 and same_chunking:
                summary.unchanged += 1  # indexed completely with this text: nothing to do
                continue
            docs, parsed = to_documents(src, self.max_chars)
            if not parsed.city:
                warn(f"{path}: no city found in title, headline or text; indexed without a city")
            if old_sha == src.sha256:
                self._index_one(src, parsed, docs, vs, summary)
                continue
            group.append((src, parsed, docs))
            if len(group) >= limit or sum(len(d) for _, _, d in group) >= GROUP_CHUNKS:
                self._index_group(group, vs, known, summary)
                group, limit = [], min(2 * limit, GROUP_DOCS)
        self._index_group(group, vs, known, summary)
        if progress:
            progress(len(files), len(files), "")
        gone = sorted(set(known) - present)
        if gone and errors:
            # A mistyped or unmounted source looks like deleted documents: keep them.
            warn(f"not removing {len(gone)} indexed document(s) because a source is missing")
            gone = []
        for source in gone:
            self._remove(vs, source)
            summary.removed += 1
        with self.engine.begin() as conn:
            summary.facts = conn.execute(select(func.count()).select_from(db.facts)).scalar()
            db.set_meta(conn, "embedding_model", self.embedder.name)
            db.set_meta(conn, "chunk_chars", str(self.max_chars))
            db.set_meta(conn, "last_ingest", db.now().isoformat(timespec="seconds"))
            if summary.added or summary.updated or summary.removed or rebuild:
                db.set_meta(conn, "generation", uuid.uuid4().hex)
        summary.chunks = len(col.get(where={"kind": {"$ne": "sentence"}}, include=[])["ids"])
        summary.seconds = time.perf_counter() - t0
        return summary

    def _index_one(self, src: SourceText, parsed, docs: list[Document], vs, summary) -> None:
        """Index a document whose text is unchanged but whose chunking may not be."""
        result = index(docs, self.records, vs, cleanup="incremental", source_id_key="source",
                       key_encoder="sha256", batch_size=256)
        summary.chunks_embedded += result["num_added"] + result["num_updated"]
        if result["num_added"] or result["num_deleted"] or result["num_updated"]:
            summary.updated += 1
            self._write_document(src, parsed, _chunk_count(docs))
        else:
            summary.unchanged += 1

    def _index_group(self, group: list, vs, known: dict, summary: IngestSummary) -> None:
        """Index new and changed documents together, so the model embeds full batches; each
        document still ends up either old or new, as with one index() call per document."""
        if not group:
            return
        sources = [src.source for src, _, _ in group]
        with self.engine.begin() as conn:
            # Until its row is rewritten below, a document counts as changed: a run killed in
            # between redoes it, even if its file is reverted to the text the row names.
            conn.execute(update(db.documents).where(db.documents.c.source.in_(sources))
                         .values(sha256=""))
        docs = [d for _, _, chunks in group for d in chunks]
        result = index(docs, self.records, vs, cleanup="incremental", source_id_key="source",
                       key_encoder="sha256", batch_size=max(1, len(docs)))
        summary.chunks_embedded += result["num_added"] + result["num_updated"]
        for src, parsed, chunks in group:
            if src.source in known:
                summary.updated += 1
            else:
                summary.added += 1
            self._write_document(src, parsed, _chunk_count(chunks))

    def _known(self) -> dict[str, str | None]:
        """Sources in the store: from the documents table, and any the record manager holds
        that a killed run did not get to write there."""
        with self.engine.connect() as conn:
            known = dict(conn.execute(select(db.documents.c.source, db.documents.c.sha256)).all())
        from langchain_classic.indexes._sql_record_manager import UpsertionRecord

        with self.engine.connect() as conn:
            groups = conn.execute(
                select(UpsertionRecord.group_id)
                .where(UpsertionRecord.namespace == self.records.namespace)
                .distinct()
            ).scalars()
            for g in groups:
                known.setdefault(g, "")
        return known

    def _write_document(self, src: SourceText, parsed, n_chunks: int) -> None:
        profession = getattr(parsed, "profession", None)
        found = salary_facts(src.text, profession)
        with self.engine.begin() as conn:
            conn.execute(delete(db.documents).where(db.documents.c.source == src.source))
            conn.execute(delete(db.facts).where(db.facts.c.source == src.source))
            conn.execute(db.documents.insert().values(
                source=src.source, title=parsed.title, city=parsed.city, profession=profession,
                headline=parsed.headline,
                sha256=src.sha256, text=src.text, chunks=n_chunks, updated_at=db.now()))
            if found:
                conn.execute(db.facts.insert(), [
                    dict(source=src.source, title=parsed.title, city=parsed.city,
                         profession=f.profession or profession, level=f.level, low=f.low,
                         high=f.high, period=f.period, sentence=f.sentence, start=f.start,
                         end=f.end)
                    for f in found])

    def _remove(self, vs, source: str) -> None:
        keys = self.records.list_keys(group_ids=[source])
        if keys:
            vs.delete(keys)
            self.records.delete_keys(keys)
        with self.engine.begin() as conn:
            conn.execute(delete(db.documents).where(db.documents.c.source == source))
            conn.execute(delete(db.facts).where(db.facts.c.source == source))

    def _clear(self) -> None:
        store.drop_collection(self.client, self.collection_name)
        self.records.delete_keys(self.records.list_keys())
        with self.engine.begin() as conn:
            conn.execute(delete(db.documents))
            conn.execute(delete(db.facts))
