"""The organisation's official details that the register's header prints: the activity code
(OKED / ЭҚЖЖ), the region code (KATO) and the employer's order that set up the risk-assessment
commission (number and date).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TEXT_COLUMNS = ("oked", "kato", "commission_order")


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        for name in TEXT_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("commission_order_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("commission_order_on")
        for name in reversed(TEXT_COLUMNS):
            batch_op.drop_column(name)
