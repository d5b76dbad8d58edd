"""Incremental indexing: LangChain's index() with a SQL record manager, one document at a time,
so an interrupted run leaves every document either old or new, never missing."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

from langchain_core.documents import Document
from langchain_core.indexing import index
from sqlalchemy import Engine, delete, func, select, update

from ingest.extractor import salary_facts
from ingest.lock import IngestBusyError, exclusive
from ingest.passages import DOCUMENT_FORM, READING, to_documents
from ingest.plan import Plan, TooManyRemovals, make_plan
from ingest.reader import SourceText, UnreadableFile, read_text, source_name
from ingest.records import record_groups
from ingest.summary import IngestSummary
from knowledge import audit, store
from knowledge import database as db
from knowledge.results import chunk_count

__all__ = ["IngestBusyError", "IngestSummary", "Indexer", "Plan", "TooManyRemovals"]

# (documents done, documents in all, current document, records embedded so far)
Progress = Callable[[int, int, str, int], None]


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

    def chunking(self) -> str:
        """How documents are cut and embedded: the table's sha256 is trusted only while this is
        what the store was written with (chunk size, the form of sentence records, how the
        metadata is read)."""
        return f"{self.max_chars} chars, {DOCUMENT_FORM}, {READING}"

    def plan(self, paths: list[Path], prune: bool = False) -> Plan:
        """What run() would do with these paths, by document; changes nothing."""
        known, origins = self._known()
        same_chunking = db.get_meta(self.engine, "chunking") == self.chunking()
        return make_plan(paths, known, origins, self.max_bytes, same_chunking, prune)

    def run(self, paths: list[Path], rebuild: bool = False, progress: Progress | None = None,
            warn: Callable[[str], None] = lambda _msg: None, prune: bool = False,
            yes: bool = False, action: str = "ingest") -> IngestSummary:
        """Add or refresh the documents under paths, and remove those gone from them (with
        prune: every document not under paths). Raises TooManyRemovals when that would remove
        more than half of the store, unless yes."""
        with self.exclusive():
            plan = self.plan(paths, prune=prune or rebuild)
            if plan.over_half and not yes:
                raise TooManyRemovals(plan)
            return self._run(plan, rebuild, progress, warn, action)

    def remove(self, target: str, action: str = "remove") -> list[str]:
        """Remove a recorded source (every document from it) or one document; the names."""
        with self.exclusive():
            known, origins = self._known()
            name = target if target in origins.values() or target in known else source_name(
                Path(target))
            gone = sorted(s for s in known if s == name or origins.get(s) == name
                          or s.startswith(name.rstrip("/") + "/"))
            if not gone:
                raise ValueError(f"nothing in the knowledge base matches {target!r}; "
                                 "`careerbot status` lists its sources")
            vs = store.vector_store(self.client, self.collection_name, self.embedder)
            for source in gone:
                self._remove(vs, source)
            col = store.collection(self.client, self.collection_name, self.embedder, True)
            n = chunk_count(col)
            with self.engine.begin() as conn:
                db.set_meta(conn, "generation", uuid.uuid4().hex)
                db.set_meta(conn, "chunks", str(n))
                audit.record(conn, action, name, len(gone))
            return gone

    def exclusive(self):
        """The store's ingest lock (see ingest.lock)."""
        return exclusive(self.engine, self.lock_path, f"careerbot-ingest:{self.collection_name}",
                         self.lock_timeout)

    def _run(self, plan: Plan, rebuild, progress, warn, action) -> IngestSummary:
        t0 = time.perf_counter()
        summary = IngestSummary(failed=list(plan.failed))
        if rebuild:
            self._clear()
        col = store.collection(self.client, self.collection_name, self.embedder, create=True)
        vs = store.vector_store(self.client, self.collection_name, self.embedder)
        known, origins = self._known()
        # The table's sha256 is only trusted while chunking is the same as when it was written.
        same_chunking = db.get_meta(self.engine, "chunking") == self.chunking()
        reported = {f["source"] for f in plan.failed}
        group: list[tuple[SourceText, object, list[Document], str]] = []
        moved: dict[str, str] = {}
        limit = FIRST_GROUP_DOCS
        for i, (path, origin) in enumerate(plan.files):
            if progress:
                progress(i, len(plan.files), path.name, summary.chunks_embedded)
            try:
                src = read_text(path, self.max_bytes)
            except UnreadableFile as exc:
                if str(path) not in reported:
                    summary.failed.append({"source": str(path), "reason": str(exc)})
                continue
            old_sha = known.get(src.source)
            if old_sha == src.sha256 and same_chunking:
                summary.unchanged += 1  # indexed completely with this text: nothing to do
                if origins.get(src.source) != origin:
                    moved[src.source] = origin
                continue
            docs, parsed = to_documents(src, self.max_chars)
            if not parsed.city:
                warn(f"{path}: no city found in title, headline or text; indexed without a city")
            if old_sha == src.sha256:
                self._index_one(src, parsed, docs, vs, summary, origin)
                continue
            group.append((src, parsed, docs, origin))
            if len(group) >= limit or sum(len(g[2]) for g in group) >= GROUP_CHUNKS:
                self._index_group(group, vs, known, summary)
                group, limit = [], min(2 * limit, GROUP_DOCS)
        self._index_group(group, vs, known, summary)
        if progress:
            progress(len(plan.files), len(plan.files), "", summary.chunks_embedded)
        if plan.kept:
            missing = ", ".join(f["source"] for f in plan.failed
                                if f["reason"] == "no such file or folder")
            warn(f"not removing {len(plan.kept)} indexed document(s) because a source is missing"
                 f" ({missing}); if it is gone for good: careerbot remove SOURCE")
        for source in [] if rebuild else plan.removed:
            self._remove(vs, source)
            summary.removed += 1
        summary.chunks = chunk_count(col)
        self._finish(summary, plan, rebuild, action, moved)
        summary.seconds = time.perf_counter() - t0
        return summary

    def _finish(self, summary: IngestSummary, plan: Plan, rebuild: bool, action: str,
                moved: dict[str, str]) -> None:
        """Record the run: metadata, new origins of unchanged documents, the audit log."""
        changes = summary.added + summary.updated + summary.removed
        with self.engine.begin() as conn:
            for source, origin in moved.items():
                conn.execute(update(db.documents).where(db.documents.c.source == source)
                             .values(origin=origin))
            summary.facts = conn.execute(select(func.count()).select_from(db.facts)).scalar()
            db.set_meta(conn, "embedding_model", self.embedder.name)
            db.set_meta(conn, "chunking", self.chunking())
            db.set_meta(conn, "last_ingest", db.now().isoformat(timespec="seconds"))
            db.set_meta(conn, "chunks", str(summary.chunks))
            if changes or rebuild:
                db.set_meta(conn, "generation", uuid.uuid4().hex)
                audit.record(conn, "rebuild" if rebuild else action,
                             f"{summary.added} added, {summary.updated} updated, "
                             f"{summary.removed} removed; sources: {', '.join(plan.sources)}",
                             changes)

    def _index_one(self, src: SourceText, parsed, docs: list[Document], vs, summary,
                   origin: str) -> None:
        """Index a document whose text is unchanged but whose chunking may not be."""
        result = index(docs, self.records, vs, cleanup="incremental", source_id_key="source",
                       key_encoder="sha256", batch_size=256)
        summary.chunks_embedded += result["num_added"] + result["num_updated"]
        if result["num_added"] or result["num_deleted"] or result["num_updated"]:
            summary.updated += 1
        else:
            summary.unchanged += 1
        # Read again even when no record changed: its salary facts follow this reading too.
        self._write_document(src, parsed, _chunk_count(docs), origin)

    def _index_group(self, group: list, vs, known: dict, summary: IngestSummary) -> None:
        """Index new and changed documents together, so the model embeds full batches; each
        document still ends up either old or new, as with one index() call per document."""
        if not group:
            return
        sources = [g[0].source for g in group]
        with self.engine.begin() as conn:
            # Until its row is rewritten below, a document counts as changed: a run killed in
            # between redoes it, even if its file is reverted to the text the row names.
            conn.execute(update(db.documents).where(db.documents.c.source.in_(sources))
                         .values(sha256=""))
        docs = [d for g in group for d in g[2]]
        result = index(docs, self.records, vs, cleanup="incremental", source_id_key="source",
                       key_encoder="sha256", batch_size=max(1, len(docs)))
        summary.chunks_embedded += result["num_added"] + result["num_updated"]
        for src, parsed, chunks, origin in group:
            if src.source in known:
                summary.updated += 1
            else:
                summary.added += 1
            self._write_document(src, parsed, _chunk_count(chunks), origin)

    def _known(self) -> tuple[dict[str, str | None], dict[str, str | None]]:
        """Sources in the store (source -> sha256, source -> origin): from the documents table,
        and any the record manager holds that a killed run did not get to write there."""
        cols = (db.documents.c.source, db.documents.c.sha256, db.documents.c.origin)
        with self.engine.connect() as conn:
            rows = conn.execute(select(*cols)).all()
        known = {source: sha for source, sha, _ in rows}
        origins = {source: origin for source, _, origin in rows}
        for g in record_groups(self.engine, self.records.namespace):
            known.setdefault(g, "")
        return known, origins

    def _write_document(self, src: SourceText, parsed, n_chunks: int, origin: str) -> None:
        profession = getattr(parsed, "profession", None)
        city, headings = getattr(parsed, "city", None), getattr(src, "headings", None)
        found = salary_facts(src.text, profession, city, headings)
        with self.engine.begin() as conn:
            conn.execute(delete(db.documents).where(db.documents.c.source == src.source))
            conn.execute(delete(db.facts).where(db.facts.c.source == src.source))
            conn.execute(db.documents.insert().values(
                source=src.source, origin=origin, title=parsed.title, city=parsed.city,
                headline=parsed.headline, sha256=src.sha256, text=src.text, chunks=n_chunks,
                updated_at=db.now(),
                profession=profession, format=src.format, encoding=src.encoding))
            if found:
                conn.execute(db.facts.insert(), [
                    dict(source=src.source, title=parsed.title, city=parsed.city, level=f.level,
                         low=f.low, high=f.high, sentence=f.sentence, start=f.start, end=f.end,
                         profession=f.profession or profession, period=f.period)
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
