"""The hazards of a revision are indexed by workplace and order within it (issue 22): the
tree's counts of a revision's hazards by workplace, and the register's list in tree order,
were read from the table, row by row. From the index alone, at 100,000 hazards: the counts
60 → 12 ms (and one workplace's at once, what an edit recounts), the list's ids 135 → 78 ms
(on opening, and after every edit). The index on the revision alone goes: the new one, led
by the revision, serves its queries, and every hazard written updates as many indexes.

Self-contained: later models must not change what this step does.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hazard") as batch:
        batch.create_index(
            "ix_hazard_assessment_workplace_order", ["assessment_id", "workplace_id", "sort_order"]
        )
        batch.drop_index("ix_hazard_assessment")


def downgrade() -> None:
    with op.batch_alter_table("hazard") as batch:
        batch.create_index("ix_hazard_assessment", ["assessment_id"])
        batch.drop_index("ix_hazard_assessment_workplace_order")
