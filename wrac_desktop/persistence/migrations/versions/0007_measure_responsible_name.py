"""The name of a measure's responsible person, beside the position the plan already held: the
roadmap's plan prints its executors as "position, name" (issue 15 item 14).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("control_measure", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("responsible_name", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("control_measure", schema=None) as batch_op:
        batch_op.drop_column("responsible_name")
