"""The approval JSON may be stored as its UTF-8 bytes (issue 22): SQLite makes room for a blob
without building it in memory, and the approval writes the JSON into it through a blob handle;
room for a text of the same size was built whole, twice (930 MB of approve's peak at 100,000
hazards). Nothing changes in the tables: the schema number keeps versions that read the JSON
only as text from opening a register approved by this one (they would call it unreadable).
Downgrading turns such blobs back into text.

Self-contained: later models must not change what this step does.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "UPDATE assessment SET approved_content = CAST(approved_content AS TEXT) "
            "WHERE typeof(approved_content) = 'blob'"
        )
