"""A register's own hazard-library entries beside the built-in ones.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_entry",
        sa.Column("entry_id", sa.String(length=80), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("modified_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_entry")),
        sa.UniqueConstraint("entry_id", name=op.f("uq_library_entry_entry_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_library_entry_uuid")),
    )


def downgrade() -> None:
    op.drop_table("library_entry")
