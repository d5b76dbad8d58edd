"""Baseline: the schema of the first release (documents, salary_facts, store_meta, feedback).

Stores made before migrations existed already hold these tables and no alembic_version: only
the missing tables are created, so such a store is adopted as it is.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _documents() -> list:
    return [
        sa.Column("source", sa.String(1024), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("city", sa.String(200)),
        sa.Column("headline", sa.Text),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("chunks", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _facts() -> list:
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(1024), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("city", sa.String(200)),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("low", sa.Integer, nullable=False),
        sa.Column("high", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    ]


def _meta() -> list:
    return [
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    ]


def _feedback() -> list:
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rating", sa.String(10)),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("history", sa.Text, nullable=False),
        sa.Column("resolved", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("cities", sa.Text, nullable=False),
        sa.Column("citations", sa.Text, nullable=False),
        sa.Column("passages", sa.Text, nullable=False),
        sa.Column("guard", sa.String(20)),
        sa.Column("reason", sa.Text),
    ]


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    tables = {
        "documents": _documents,
        "salary_facts": _facts,
        "store_meta": _meta,
        "feedback": _feedback,
    }
    for name, columns in tables.items():
        if name not in existing:
            op.create_table(name, *columns())
    if "salary_facts" not in existing:
        op.create_index("ix_salary_facts_source", "salary_facts", ["source"])


def downgrade() -> None:
    for name in ("feedback", "store_meta", "salary_facts", "documents"):
        op.drop_table(name)
