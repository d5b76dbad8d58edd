"""Sources, professions, formats, open salary ranges and pay periods; the audit log.

Revision ID: 0002
Revises: 0001
"""

from pathlib import PurePath

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("origin", sa.String(1024)))
        batch.add_column(sa.Column("profession", sa.String(200)))
        batch.add_column(sa.Column("format", sa.String(20)))
        batch.add_column(sa.Column("encoding", sa.String(40)))
    with op.batch_alter_table("salary_facts") as batch:
        batch.add_column(sa.Column("profession", sa.String(200)))
        batch.add_column(sa.Column("period", sa.String(10), nullable=False, server_default="month"))
        batch.alter_column("high", existing_type=sa.Integer, nullable=True)
    _guess_origins()
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
    )


def _guess_origins() -> None:
    """Older stores did not record sources: take each document's folder, which is what an
    ingest of that folder records; a later ingest of the real source corrects it."""
    docs = sa.table("documents", sa.column("source"), sa.column("origin"))
    bind = op.get_bind()
    for (source,) in bind.execute(sa.select(docs.c.source)).all():
        bind.execute(
            docs.update().where(docs.c.source == source).values(origin=str(PurePath(source).parent))
        )


def downgrade() -> None:
    op.drop_table("audit_log")
    with op.batch_alter_table("salary_facts") as batch:
        batch.alter_column("high", existing_type=sa.Integer, nullable=False)
        batch.drop_column("period")
        batch.drop_column("profession")
    with op.batch_alter_table("documents") as batch:
        for name in ("encoding", "format", "profession", "origin"):
            batch.drop_column(name)
