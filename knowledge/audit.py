"""The store's audit log: every change to its documents, when, and how many."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import Engine, func, select

from knowledge import database as db


def record(conn, action: str, detail: str, documents: int) -> None:
    """Append one entry inside an open transaction, so it commits with the change itself."""
    conn.execute(
        db.audit.insert().values(at=db.now(), action=action, detail=detail, documents=documents)
    )


def write(engine: Engine, action: str, detail: str, documents: int = 0) -> None:
    """Append one entry in its own transaction (changes outside the database, e.g. uploads)."""
    with engine.begin() as conn:
        record(conn, action, detail, documents)


def recent(engine: Engine, limit: int = 10) -> list[dict]:
    """The newest entries first: at (ISO time), action, detail, documents."""
    query = select(db.audit).order_by(db.audit.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "at": _utc(r.at).isoformat(timespec="seconds"),
            "action": r.action,
            "detail": r.detail,
            "documents": r.documents,
        }
        for r in rows
    ]


def _utc(at):
    # SQLite hands back naive datetimes; they were written in UTC.
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def source_counts(engine: Engine) -> dict[str, int]:
    """Documents per recorded source (folder or uploads), sorted by source."""
    query = (
        select(db.documents.c.origin, func.count())
        .group_by(db.documents.c.origin)
        .order_by(db.documents.c.origin)
    )
    with engine.connect() as conn:
        return {origin or "(unknown)": int(n) for origin, n in conn.execute(query).all()}
