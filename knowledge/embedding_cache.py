"""Passage vectors kept on disk by model and text, so that a rebuild, a changed chunk size or a
second store embeds only texts it has not seen (CAREERBOT_EMBEDDING_CACHE)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from langchain_core.embeddings import Embeddings
from langchain_core.stores import ByteStore


class FileStore(ByteStore):
    """Bytes by key, one file each under a folder (keys as CacheBackedEmbeddings makes them:
    "<model>-<digest>/<sha256>"). Unlike LangChain's LocalFileStore, a value is written to a
    temporary file and renamed, so processes sharing the folder never read half a vector."""

    _KEY = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$")

    def __init__(self, folder) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        if not self._KEY.match(key) or ".." in key.split("/"):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / key

    def mget(self, keys):
        """Values of keys, None where missing."""
        out = []
        for key in keys:
            try:
                out.append(self._path(key).read_bytes())
            except FileNotFoundError:
                out.append(None)
        return out

    def mset(self, key_value_pairs) -> None:
        """Write each value whole (temporary file, then rename)."""
        for key, value in key_value_pairs:
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            with os.fdopen(fd, "wb") as f:
                f.write(value)
            os.replace(tmp, path)

    def mdelete(self, keys) -> None:
        """Remove keys (missing ones are fine)."""
        for key in keys:
            self._path(key).unlink(missing_ok=True)

    def yield_keys(self, prefix: str | None = None):
        """Every key, or those starting with prefix."""
        for path in sorted(self.folder.rglob("*")):
            if path.is_file() and not path.name.startswith(".part-"):
                key = path.relative_to(self.folder).as_posix()
                if prefix is None or key.startswith(prefix):
                    yield key


def disk_cached(embedder, folder) -> Embeddings:
    """embedder with its passage vectors kept in folder by model and text (LangChain's
    CacheBackedEmbeddings over a FileStore): a rebuild, a changed chunk size or a second
    store embeds only texts it has not seen. Questions go to the model (and its own LRU)."""
    from langchain_classic.embeddings import CacheBackedEmbeddings

    # One folder per model; a model named by its path has characters a key may not hold.
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", embedder.name).strip("._")[-60:]
    digest = hashlib.sha256(embedder.name.encode("utf-8")).hexdigest()[:12]
    namespace = f"{safe}-{digest}/"
    # A model whose tokenizer ignores how whitespace is laid out (e5: identical vectors for a
    # text hard-wrapped or not) shares one vector per text across layouts: a re-wrapped text
    # embeds nothing new.
    layout_free = getattr(embedder, "whitespace_insensitive", False)

    def key(text: str) -> str:
        text = " ".join(text.split()) if layout_free else text
        return namespace + hashlib.sha256(text.encode("utf-8")).hexdigest()

    cached = CacheBackedEmbeddings.from_bytes_store(embedder, FileStore(folder), key_encoder=key)
    # What the store checks and records: the model's name and window, not the cache's.
    cached.name, cached.max_tokens = embedder.name, embedder.max_tokens
    return cached
