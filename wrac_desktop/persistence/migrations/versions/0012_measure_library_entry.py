"""The library entry a control measure was picked from (issue 16 item 2): a measure taken
from a hazard's suggested controls remembers it, as a hazard does, so a later library update
can refresh its text while the officer has not touched it.

Self-contained: later models must not change what this step does.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("control_measure") as table:
        table.add_column(sa.Column("library_id", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("control_measure") as table:
        table.drop_column("library_id")
