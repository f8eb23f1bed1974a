"""The language an event's texts are written in (issue 18: ``wrac import --kind events --lang``,
as the hazard import keeps each text's language).

Self-contained: later models must not change what this step does.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event") as table:
        table.add_column(sa.Column("lang", sa.String(length=5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event") as table:
        table.drop_column("lang")
