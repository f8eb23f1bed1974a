"""Approval and revisions: stored fingerprints, revision lineage, the audit log's hash chain.

Existing audit rows get their chain computed here, so an upgraded register verifies at once.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("fingerprint", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("approved_content", sa.Text(), nullable=True))
    for table in ("team_member", "hazard", "control_measure"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("lineage", sa.Uuid(), nullable=True))
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("hash", sa.String(length=64), nullable=False, server_default="")
        )
    _chain_existing_audit_rows()


def _chain_existing_audit_rows() -> None:
    # The chain's definition lives in one place; it is fixed ("chain-1") by its own docstring.
    from wrac_desktop.persistence.audit_chain import rechain_all

    session = Session(bind=op.get_bind())
    rechain_all(session)
    session.flush()


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
    for table in ("control_measure", "hazard", "team_member"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("lineage")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_column("approved_content")
        batch_op.drop_column("fingerprint")
        batch_op.drop_column("series")
