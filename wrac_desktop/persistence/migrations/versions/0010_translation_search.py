"""A hazard is found by its texts in every language (issue 16): each translation row gets a
search text, its kk, ru and en folded as ``persistence.derived`` folds them, so the register's
search finds a hazard typed in Russian by its Kazakh or English words too.

Self-contained: later models must not change what this step does (the fold is copied here).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_BATCH = 2_000


def fold(text: str | None) -> str:
    if not text:
        return ""
    return unicodedata.normalize("NFC", text).casefold().replace("ё", "е")


def upgrade() -> None:
    with op.batch_alter_table("text_translation") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    table = sa.table(
        "text_translation",
        sa.column("id", sa.Integer()),
        sa.column("search_text", sa.Text()),
    )
    update = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"))
        .values(search_text=sa.bindparam("text"))
    )
    rows = bind.execute(sa.text("SELECT id, kk, ru, en FROM text_translation ORDER BY id")).all()
    for start in range(0, len(rows), _BATCH):  # read whole first: no cursor open while writing
        values = [
            {"row_id": row_id, "text": fold("\n".join((kk or "", ru or "", en or "")))}
            for row_id, kk, ru, en in rows[start : start + _BATCH]
        ]
        bind.execute(update, values)


def downgrade() -> None:
    with op.batch_alter_table("text_translation") as batch:
        batch.drop_column("search_text")
