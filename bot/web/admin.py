"""The operators' page behind the admin token: checked uploads and a reindex job."""

from __future__ import annotations

import hmac
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

from ingest.reader import SUPPORTED, UnreadableFile, check_bytes, skipped


class UploadRejected(ValueError):
    """An uploaded file that is not stored; the message says why."""


def token_ok(given: str | None, expected: str | None) -> bool:
    """Constant-time check of the admin token; no token configured means no admin."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


def safe_name(name: str) -> str:
    """The upload's file name if it is a plain, visible .txt/.md name; else UploadRejected."""
    if not name or len(name) > 200:
        raise UploadRejected("file name is empty or longer than 200 characters")
    if "/" in name or "\\" in name or ".." in name:
        raise UploadRejected(f"{name!r}: file name must not contain '/', '\\' or '..'")
    if name.startswith(".") or name.strip() != name:
        raise UploadRejected(f"{name!r}: file name must not start with a dot or a space")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise UploadRejected(f"{name!r}: file name contains control characters")
    if Path(name).suffix.lower() not in SUPPORTED:
        raise UploadRejected(f"{name!r}: only {', '.join(SUPPORTED)} files are accepted")
    if why := skipped(name):  # saved but never indexed would be a silent loss
        raise UploadRejected(f"{name!r}: {why}; rename it")
    return name


def check_upload(name: str, data: bytes, max_bytes: int) -> str:
    """Safe name of an upload whose content is readable text; else UploadRejected."""
    name = safe_name(name)
    try:
        check_bytes(name, data, max_bytes)
    except UnreadableFile as exc:
        raise UploadRejected(f"{name}: {exc}") from None
    return name


def uploads_dir(store_dir: Path) -> Path:
    """Where uploaded texts live: inside the store, ingested along with the sources."""
    return store_dir / "uploads"


def ingest_paths(sources: list[Path], store_dir: Path,
                 recorded: list[Path] | tuple = ()) -> list[Path]:
    """What a reindex reads: the configured sources, the uploads folder (if it exists), then
    the store's recorded sources not named yet."""
    up = uploads_dir(store_dir)
    paths = [*sources, up] if up.is_dir() else list(sources)
    seen = {p.resolve() for p in paths}
    return paths + [p for p in recorded if p.resolve() not in seen]


def save_uploads(files: list[tuple[str, bytes]], store_dir: Path,
                 max_bytes: int) -> tuple[list[str], list[str]]:
    """Store each acceptable (name, data) in the uploads folder; (saved names, rejections)."""
    saved, rejected = [], []
    folder = uploads_dir(store_dir)
    for name, data in files:
        try:
            name = check_upload(name, data, max_bytes)
        except UploadRejected as exc:
            rejected.append(str(exc))
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        tmp = folder / f".{name}.part"
        tmp.write_bytes(data)
        # Atomic: an ingest running now sees the old file or the new one, never half of it.
        os.replace(tmp, target)
        saved.append(name)
    return saved, rejected


def read_upload(path: str | Path, max_bytes: int) -> tuple[str, bytes]:
    """(basename, bytes) of a file the browser sent; an oversized one is refused unread."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise UploadRejected(
            f"{path.name}: file is {size:,} bytes, over the limit of {max_bytes:,}"
        )
    return path.name, path.read_bytes()


def reindex_plan(settings):
    """What "Neu indexieren" would do, by document (ingest.plan.Plan); changes nothing."""
    from bot.factory import build_indexer, default_paths

    return build_indexer(settings).plan(default_paths(settings))


def reindex(settings, progress: Callable[..., None], confirmed: bool = True):
    """Ingest the recorded sources, configured sources and uploads into the store
    (IngestSummary); the bot keeps answering from the previous generation until this commits.
    confirmed: the operator saw the plan, so removals go ahead even beyond half the store."""
    from bot.factory import build_indexer, default_paths

    return build_indexer(settings).run(default_paths(settings), progress=progress,
                                       yes=confirmed, action="reindex (admin)")


def remove_document(settings, source: str) -> list[str]:
    """Remove one document (or a source) from the store, logged as an admin action."""
    from bot.factory import build_indexer

    return build_indexer(settings).remove(source, action="remove (admin)")


def status_rows(status: dict) -> dict:
    """The status as the admin page's table shows it: sources and audit entries as lines."""
    rows = dict(status)
    rows["sources"] = [f"{name} ({n})" for name, n in status.get("sources", {}).items()]
    rows["audit"] = [f"{e['at']} {e['action']}: {e['documents']} Dokumente – {e['detail']}"
                     for e in status.get("audit", [])]
    return rows


def log_uploads(settings, saved: list[str]) -> None:
    """Write the saved uploads to the audit log (they are indexed by the next reindex)."""
    if saved:
        from bot.factory import engine_for
        from knowledge import audit

        audit.write(engine_for(settings), "upload (admin)", ", ".join(saved), 0)


def empty_store_html(settings) -> str | None:
    """The chat's notice when the store is missing or empty (as the CLI says it), else None."""
    from html import escape

    from bot.factory import store_problem

    problem = store_problem(settings)
    if not problem:
        return None
    return ('<div class="cb-answer cb-noanswer cb-empty-store" role="alert">'
            '<span class="cb-icon" aria-hidden="true">i</span>'
            f"<div>{escape(problem)}</div></div>")
