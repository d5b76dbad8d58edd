"""The retriever's keyword snapshot of one store generation, saved beside the store.

Building it means reading every chunk from Chroma and indexing them for BM25: about a minute
at 100k chunks, on every start. The snapshot is saved after the first build of a generation
(each ingest or removal writes a new generation id), so later starts read it in seconds. The
file lives in the operator's own store folder, written whole (temporary file, then rename) and
read only when its generation is the store's current one; a file that cannot be read is
rebuilt, never trusted in part.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import tempfile
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)
FOLDER = "keyword-snapshots"
VERSION = 2  # raised when the snapshot's form changes: older files are rebuilt


@lru_cache(maxsize=1)
def code_form() -> str:
    """A fingerprint of the code whose objects a snapshot holds: a file pickled by other code
    (before an upgrade) is rebuilt, not read into objects that lack what this code expects."""
    from knowledge import keyword, retriever

    digest = hashlib.sha256()
    for module in (keyword, retriever):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


def _path(store_dir: Path, generation: str) -> Path | None:
    if not re.fullmatch(r"[0-9a-f]{8,64}", generation or ""):
        return None
    return Path(store_dir) / FOLDER / f"{generation}-v{VERSION}-{code_form()}.pickle"


def load(store_dir: Path, generation: str | None):
    """The snapshot saved for this generation, or None (none saved, or unreadable)."""
    path = _path(store_dir, generation or "")
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception as exc:  # a damaged or foreign file: rebuild rather than fail
        log.warning("keyword snapshot %s not read (%s): rebuilding", path, exc)
        return None


def save(store_dir: Path, generation: str | None, snapshot) -> Path | None:
    """Write the snapshot for this generation and drop those of older generations."""
    path = _path(store_dir, generation or "")
    if path is None:
        return None
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(snapshot, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        # Older generations' files go; one written meanwhile by a newer process stays.
        for old in path.parent.glob("*.pickle"):
            if old != path and old.stat().st_mtime <= path.stat().st_mtime:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only store still answers; it only starts slower
        log.warning("keyword snapshot not saved in %s: %s", path.parent, exc)
        return None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path
