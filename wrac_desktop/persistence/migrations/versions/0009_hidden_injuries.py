"""Suspected hidden injuries found by reconciling the medical post's journal with the event
log: indicator 42 counts them (issue 18 item 3).

Self-contained: later models must not change what this step does.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hidden_injury",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("modified_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("visit_on", sa.Date(), nullable=False),
        sa.Column("person", sa.Text(), nullable=False),
        sa.Column("personnel_no", sa.Text(), nullable=False),
        sa.Column("diagnosis", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hidden_injury")),
        sa.UniqueConstraint("uuid", name=op.f("uq_hidden_injury_uuid")),
    )
    op.create_index("ix_hidden_injury_visit_on", "hidden_injury", ["visit_on"])


def downgrade() -> None:
    op.drop_index("ix_hidden_injury_visit_on", table_name="hidden_injury")
    op.drop_table("hidden_injury")
