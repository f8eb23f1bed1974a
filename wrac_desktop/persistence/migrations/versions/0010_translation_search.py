"""A hazard is found by its texts in every language (issue 16): each translation row gets a
search text, its languages other than the text's own folded as ``persistence.derived`` folds
them, so the register's search finds a hazard typed in Russian by its Kazakh or English words.

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
LANGUAGES = ("kk", "ru", "en")


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
    query = sa.text("SELECT id, lang, kk, ru, en FROM text_translation ORDER BY id")
    rows = bind.execute(query).all()
    for start in range(0, len(rows), _BATCH):  # read whole first: no cursor open while writing
        values = [
            {"row_id": row_id, "text": _search_text(lang, {"kk": kk, "ru": ru, "en": en})}
            for row_id, lang, kk, ru, en in rows[start : start + _BATCH]
        ]
        bind.execute(update, values)


def _search_text(lang: str | None, values: dict[str, str | None]) -> str:
    """A row's languages but its own (the record's search text holds that one), folded."""
    return fold("\n".join(values[name] or "" for name in LANGUAGES if name != lang))


def downgrade() -> None:
    with op.batch_alter_table("text_translation") as batch:
        batch.drop_column("search_text")
