"""One ingest at a time per store: a file lock, or PostgreSQL's advisory lock across machines."""

from __future__ import annotations

import hashlib
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, text


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


@contextmanager
def exclusive(engine: Engine, lock_path: Path, name: str, timeout: float = 0.0):
    """The ingest lock: a file lock in the store dir, or with PostgreSQL an advisory lock,
    which also excludes ingests on other machines sharing the database."""
    if engine.dialect.name == "postgresql":
        with advisory_lock(engine, name, timeout):
            yield
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path), timeout=timeout or 0)
    try:
        lock.acquire(timeout=timeout if timeout > 0 else 0)
    except Timeout:
        raise IngestBusyError(
            f"another ingest is running on {lock_path.parent} (lock {lock_path}); "
            "wait for it to finish, or set CAREERBOT_LOCK_TIMEOUT to wait"
        ) from None
    try:
        yield
    finally:
        lock.release()
