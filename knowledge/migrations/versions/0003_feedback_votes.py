"""Feedback votes: one per (session, message); earlier rows keep NULL in both.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("session", sa.String(64)))
        batch.add_column(sa.Column("message", sa.Integer))
        batch.create_unique_constraint("uq_feedback_session_message", ["session", "message"])


def downgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.drop_constraint("uq_feedback_session_message", type_="unique")
        batch.drop_column("message")
        batch.drop_column("session")
