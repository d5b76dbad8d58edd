"""The Chroma side of the knowledge base: client, collection, and the model it was built with."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from pathlib import Path

from knowledge.embedder import ChromaFunction, Embedder

log = logging.getLogger(__name__)


class ModelMismatchError(RuntimeError):
    """The store was built with another embedding model than the one configured."""


class StoreUnavailableError(RuntimeError):
    """The Chroma server cannot be reached."""


@contextmanager
def reachable(chroma_url: str | None):
    """Turn a lost connection to the Chroma server into StoreUnavailableError; the HTTP client
    reconnects by itself on the next call once the server is back."""
    import httpx

    try:
        yield
    except httpx.TransportError as exc:
        raise StoreUnavailableError(
            f"Chroma server at {chroma_url} is unreachable: {exc or type(exc).__name__}"
        ) from exc


def chroma_client(store_dir: Path, chroma_url: str | None = None):
    """A Chroma client: embedded under store_dir, or HTTP to chroma_url; telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        from urllib.parse import urlparse

        url = urlparse(chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=settings,
            )
        except Exception as exc:  # chromadb raises bare ValueError/ConnectError here
            raise StoreUnavailableError(
                f"Chroma server at {chroma_url} is unreachable: {exc}"
            ) from exc
    path = store_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def forget_embedded_clients() -> None:
    """Drop Chroma's cached embedded clients so a reopen sees another process's writes."""
    # Workaround, the only use of a Chroma internal: PersistentClient caches one System per path
    # and keeps serving the old in-memory index after another process rewrote the files
    # (chroma-core/chroma#2536, #1976; clear_system_cache is documented "for testing" only).
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def collection(client, name: str, embedder: Embedder, create: bool):
    """The collection, checked against embedder's model; created if create and missing."""
    existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    if name not in existing and not create:
        return None
    col = client.get_or_create_collection(
        name,
        embedding_function=ChromaFunction(embedder),
        metadata={"embedding_model": embedder.name, "hnsw:space": "cosine"},
    )
    built_with = (col.metadata or {}).get("embedding_model")
    if built_with and built_with != embedder.name:
        raise ModelMismatchError(
            f"the knowledge base was built with embedding model {built_with!r}, but "
            f"CAREERBOT_EMBEDDING_MODEL is {embedder.name!r}. Either set "
            f"CAREERBOT_EMBEDDING_MODEL={built_with} again, or rebuild the store with the new "
            "model: careerbot ingest --rebuild"
        )
    return col


def vector_store(client, name: str, embedder):
    """LangChain's Chroma vector store over the (already checked) collection."""
    from langchain_chroma import Chroma

    return Chroma(collection_name=name, client=client, embedding_function=embedder)


def drop_collection(client, name: str) -> None:
    """Delete the collection if it exists (used by --rebuild)."""
    existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    if name in existing:
        client.delete_collection(name)


def warm(collection, min_records: int) -> threading.Thread:
    """Load a large collection's vector index in the background. Chroma loads it on the first
    query (about 3 s at 100k chunks) without holding the GIL, so a start that warms it here
    overlaps that with its own work instead of making the first question wait."""

    def run() -> None:
        try:
            if collection.count() <= min_records:
                return  # a small store: its index loads in no time
            got = collection.get(limit=1, include=["embeddings"])
            if len(got["ids"]):
                collection.query(query_embeddings=[got["embeddings"][0]], n_results=1, include=[])
        except Exception as exc:  # only a head start: the first question loads it otherwise
            log.info("vector index not warmed: %s", exc)

    thread = threading.Thread(target=run, name="careerbot-warm-index", daemon=True)
    thread.start()
    return thread
