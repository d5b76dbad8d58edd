"""Chroma's where clauses and query results as the knowledge base reads them: clauses joined,
results sorted by record kind, the first record a test accepts."""

from __future__ import annotations

NOT_SENTENCE = {"kind": {"$ne": "sentence"}}  # chunks; stores from before sentences had no kind


def is_sentence(meta: dict | None) -> bool:
    """Whether a record is a sentence record (the others are chunks)."""
    return (meta or {}).get("kind") == "sentence"


def chunk_count(collection) -> int:
    """Chunks in a collection, sentence records not counted. It reads every chunk id (seconds
    at 100k chunks): ingests and removals store the count, readers take it from there."""
    return len(collection.get(where=NOT_SENTENCE, include=[])["ids"])


def where_all(*conditions: dict | None) -> dict | None:
    """Chroma's where clause for all the given conditions."""
    parts = [c for c in conditions if c]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


# A query without a city: Chroma's filter on the record kind alone costs more than fetching
# this many times the asked-for records unfiltered and keeping those of the kind.
OVERFETCH = 8
METADATA_PAGE = 16  # records whose metadata is fetched at a time


def of_kind(got: dict, sentences: bool) -> dict:
    """A one-query Chroma result reduced to sentence records, or to the others."""
    keep = [i for i, m in enumerate(got["metadatas"][0]) if is_sentence(m) == sentences]
    out = {}
    for key, value in got.items():
        if (
            key in ("ids", "documents", "metadatas", "distances", "embeddings")
            and value is not None
        ):
            rows = value[0]
            out[key] = [[rows[i] for i in keep]]
    return out


def first_kept(distances, metadatas, keep) -> tuple[float, dict] | None:
    """(similarity, metadata) of the first record keep() accepts, in the given order."""
    for distance, meta in zip(distances, metadatas):
        if keep(meta or {}):
            return 1.0 - distance, meta
    return None
