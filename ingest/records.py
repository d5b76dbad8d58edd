"""What LangChain's SQL record manager holds, read through its table."""

from __future__ import annotations

from sqlalchemy import Engine, text

# SQLRecordManager has no public call listing its group ids (our document sources), and
# list_keys() returns chunk keys only. Its table name "upsertion_record" and the columns
# group_id/namespace are part of its stored schema, so this one query reads them directly
# instead of importing the private UpsertionRecord model.
_GROUPS = text("SELECT DISTINCT group_id FROM upsertion_record WHERE namespace = :ns")


def record_groups(engine: Engine, namespace: str) -> list[str]:
    """Document sources that have chunks in the record manager's namespace."""
    with engine.connect() as conn:
        return [g for (g,) in conn.execute(_GROUPS, {"ns": namespace}) if g]
