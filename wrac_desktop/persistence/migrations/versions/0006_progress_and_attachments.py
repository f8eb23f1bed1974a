"""The plan lives after approval: a progress log, attached files and re-assessment flags.

Three append-only tables outside the approval fingerprint (``progress_event``, ``attachment``
with its content-addressed ``attachment_blob``) and the flags that mark a hazard for
re-assessment. Existing registers get them empty; nothing already stored changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _chain_columns() -> list[sa.Column]:
    return [
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.Text(), nullable=False),
        sa.Column("os_user", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "progress_event",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("measure_uuid", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("by_name", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        *_chain_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_event")),
        sa.UniqueConstraint("uuid", name=op.f("uq_progress_event_uuid")),
    )
    op.create_index("ix_progress_event_measure", "progress_event", ["measure_uuid"])
    op.create_table(
        "attachment_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_blob")),
    )
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("owner_kind", sa.String(length=20), nullable=False),
        sa.Column("owner_uuid", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original_sha256", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        *_chain_columns(),
        sa.ForeignKeyConstraint(
            ["sha256"], ["attachment_blob.sha256"],
            name=op.f("fk_attachment_sha256_attachment_blob"), ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["original_sha256"], ["attachment_blob.sha256"],
            name=op.f("fk_attachment_original_sha256_attachment_blob"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_attachment_uuid")),
    )  # fmt: skip
    op.create_index("ix_attachment_owner", "attachment", ["owner_uuid"])
    op.create_table(
        "reassessment_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("hazard_lineage", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source_uuid", sa.Uuid(), nullable=True),
        sa.Column("flagged_at", sa.DateTime(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reassessment_flag")),
        sa.UniqueConstraint("uuid", name=op.f("uq_reassessment_flag_uuid")),
    )
    op.create_index("ix_reassessment_flag_hazard", "reassessment_flag", ["hazard_lineage"])


def downgrade() -> None:
    op.drop_index("ix_reassessment_flag_hazard", table_name="reassessment_flag")
    op.drop_table("reassessment_flag")
    op.drop_index("ix_attachment_owner", table_name="attachment")
    op.drop_table("attachment")
    op.drop_table("attachment_blob")
    op.drop_index("ix_progress_event_measure", table_name="progress_event")
    op.drop_table("progress_event")
