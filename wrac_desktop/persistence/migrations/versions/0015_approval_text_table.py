"""The approval text gets a table of its own, ``approval_text`` (issue 22): as a column of
``assessment`` it was rewritten whole whenever anything else in its row changed, as SQLite
rewrites a row whole, and approving revision 2 of a 100,000-hazard register supersedes
revision 1, whose row held its 360 MB text: that approval peaked at 643 MB (134 MB at 10,000).

Each stored text moves over byte for byte, as it was stored (a blob, or a text from before
schema 13): every approval keeps verifying under its own fingerprint format, and the audit
chain, which never covered the text (neither its entries nor the digests bulk writers record),
keeps verifying too. On SQLite a text is copied through blob handles a piece at a time, never
whole in memory; the column then goes with ``ALTER TABLE … DROP COLUMN``, which rewrites the
rows without it and, unlike the batch step that rebuilds a table, never drops ``assessment``
(dropping it would delete every hazard under the register's ON DELETE CASCADE references).
All of it runs in the opening's one transaction: a crash keeps schema 14 as it was.

Self-contained: later models must not change what this step does.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_PIECE = 1 << 24  # bytes of a text copied at a time


def upgrade() -> None:
    op.create_table(
        "approval_text",
        sa.Column("assessment_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessment.id"],
            name=op.f("fk_approval_text_assessment_id_assessment"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_approval_text")),
    )  # fmt: skip
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _move_on_sqlite(bind, "assessment", "approved_content", "approval_text", "content")
        op.execute("ALTER TABLE assessment DROP COLUMN approved_content")
    else:
        op.execute(
            "INSERT INTO approval_text (assessment_id, content) "
            "SELECT id, approved_content FROM assessment WHERE approved_content IS NOT NULL"
        )
        op.drop_column("assessment", "approved_content")


def downgrade() -> None:
    bind = op.get_bind()
    op.execute("ALTER TABLE assessment ADD COLUMN approved_content TEXT")
    if bind.dialect.name == "sqlite":
        _move_on_sqlite(bind, "approval_text", "content", "assessment", "approved_content")
    else:
        op.execute(
            "UPDATE assessment SET approved_content = approval_text.content "
            "FROM approval_text WHERE approval_text.assessment_id = assessment.id"
        )
    op.drop_table("approval_text")


def _move_on_sqlite(bind: sa.Connection, source: str, column: str, target: str, to: str) -> None:
    """Copy each value of ``source.column`` to ``target.to`` in the row of the same id (the
    assessment's), unchanged: UTF-8 bytes (a blob, or a text in a UTF-8 file: the same bytes)
    through blob handles a piece at a time, into room made as a blob; anything else (a text in
    a file of another encoding, a value an edit put there) as SQLite copies it."""
    raw = bind.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    utf8 = bind.exec_driver_sql("PRAGMA encoding").scalar() == "UTF-8"
    rows = bind.exec_driver_sql(
        f"SELECT rowid, typeof({column}) FROM {source} WHERE typeof({column}) <> 'null'"
    ).all()
    if target == "approval_text":
        put = "INSERT INTO approval_text (assessment_id, content) VALUES (:id, {value})"
    else:
        put = f"UPDATE {target} SET {to} = {{value}} WHERE rowid = :id"
    for rowid, kind in rows:
        if kind == "blob" or (kind == "text" and utf8):
            with raw.blobopen(source, column, rowid, readonly=True) as text:
                room = put.format(value=f"zeroblob({len(text)})")
                bind.exec_driver_sql(room, {"id": rowid})
                with raw.blobopen(target, to, rowid) as written:
                    while piece := text.read(_PIECE):
                        written.write(piece)
        else:
            value = f"(SELECT {column} FROM {source} WHERE rowid = :id)"
            bind.exec_driver_sql(put.format(value=value), {"id": rowid})
