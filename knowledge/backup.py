"""Backup and restore of a single-machine store: its SQLite database, Chroma files, uploads."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from filelock import FileLock, Timeout

DATABASE = "careerbot.sqlite"
FOLDERS = ("chroma", "uploads")


def _single_machine(settings) -> None:
    if settings.chroma_url or settings.database_url:
        raise ValueError(
            "backup and restore cover the single-machine store; in server mode back up the "
            "PostgreSQL database (pg_dump) and the Chroma server's --path folder"
        )


def _locked(store_dir: Path) -> FileLock:
    """The ingest lock: no ingest may write while the store is copied."""
    store_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(store_dir / "ingest.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise ValueError(f"an ingest is running on {store_dir}; try again when it ends") from None
    return lock


def backup(settings, dest: Path) -> list[str]:
    """Copy the store to dest (a new or empty folder); the names of what was copied."""
    _single_machine(settings)
    store = settings.store_dir
    if not (store / DATABASE).exists():
        raise ValueError(f"no knowledge base at {store} to back up")
    if dest.exists() and any(dest.iterdir()):
        raise ValueError(f"{dest} is not empty; give a new folder")
    lock = _locked(store)
    try:
        dest.mkdir(parents=True, exist_ok=True)
        # SQLite's backup API copies a consistent snapshot even while the bot reads (WAL).
        with sqlite3.connect(store / DATABASE) as src, sqlite3.connect(dest / DATABASE) as out:
            src.backup(out)
        copied = [DATABASE]
        for name in FOLDERS:
            if (store / name).is_dir():
                shutil.copytree(store / name, dest / name)
                copied.append(name)
    finally:
        lock.release()
    return copied


def restore(settings, src: Path, force: bool = False) -> list[str]:
    """Replace the store's content with the backup in src; refuses a non-empty store unless
    force. The names of what was restored."""
    _single_machine(settings)
    store = settings.store_dir
    if not (src / DATABASE).is_file() or not (src / "chroma").is_dir():
        raise ValueError(f"{src} is not a careerbot backup (needs {DATABASE} and chroma/)")
    if (store / DATABASE).exists() and not force:
        raise ValueError(
            f"{store} already holds a knowledge base; stop `careerbot serve` and "
            "restore with --force to replace it"
        )
    lock = _locked(store)
    try:
        for name in (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm"):
            (store / name).unlink(missing_ok=True)
        for name in FOLDERS:
            shutil.rmtree(store / name, ignore_errors=True)
        shutil.copy2(src / DATABASE, store / DATABASE)
        restored = [DATABASE]
        for name in FOLDERS:
            if (src / name).is_dir():
                shutil.copytree(src / name, store / name)
                restored.append(name)
    finally:
        lock.release()
    return restored
