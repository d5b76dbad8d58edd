"""Upgrading a store's SQL schema with Alembic, configured in code (no alembic.ini)."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect, text

SCRIPTS = Path(__file__).resolve().parent / "migrations"
# The newest revision, so that opening an up-to-date store needs no Alembic import (half a
# second of a cold start). A new migration changes it; tests/test_migrations.py checks it.
HEAD = "0003"


def _config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this release knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the store's database is at; None for a new store or one made before
    migrations existed."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _exclusive(engine: Engine, conn):
    """One upgrade at a time: two processes opening a new store must not both create it."""
    if engine.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(b"careerbot-migrate").digest()[:8], "big", signed=True)
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
        yield
    elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        from filelock import FileLock

        with FileLock(f"{engine.url.database}.migrate.lock"):
            yield
    else:
        yield


def _recorded(engine: Engine) -> str | None:
    """The revision in Alembic's version table, read with plain SQL; None without one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the store's schema to the newest revision; cheap when it already is."""
    if _recorded(engine) == HEAD:
        return
    from alembic import command

    with engine.begin() as conn, _exclusive(engine, conn):
        command.upgrade(_config(conn), "head")
