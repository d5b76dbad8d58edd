"""The relational side of the knowledge base: documents, salary facts, metadata, audit log.

The schema is created and upgraded by the Alembic revisions in knowledge/migrations; these
tables describe its newest state for queries."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    select,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("source", String(1024), primary_key=True),
    Column("origin", String(1024)),  # the source folder (or upload folder) it came from
    Column("title", Text, nullable=False),
    Column("city", String(200)),
    Column("headline", Text),
    Column("sha256", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("chunks", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("profession", String(200)),
    Column("format", String(20)),
    Column("encoding", String(40)),
)

facts = Table(
    "salary_facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(1024), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("city", String(200)),
    Column("level", String(20), nullable=False),
    Column("low", Integer, nullable=False),
    Column("high", Integer),  # NULL for open ranges ("ab 3.100 €")
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("profession", String(200)),
    Column("period", String(10), nullable=False, server_default="month"),
)

meta = Table(
    "store_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)


audit = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("documents", Integer, nullable=False),
)


def now() -> datetime:
    """Timezone-aware current time."""
    return datetime.now(UTC)


def connect(url: str) -> Engine:
    """Engine for url with the schema upgraded to the newest revision; SQLite in WAL mode."""
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            # WAL lets the running bot read while an ingest writes.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

    from knowledge.migration import upgrade

    upgrade(engine)
    return engine


def get_meta(engine: Engine, key: str) -> str | None:
    """One metadata value, or None."""
    with engine.connect() as conn:
        return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()


def set_meta(conn, key: str, value: str) -> None:
    """Insert or replace one metadata value inside an open transaction."""
    conn.execute(meta.delete().where(meta.c.key == key))
    conn.execute(meta.insert().values(key=key, value=value))
