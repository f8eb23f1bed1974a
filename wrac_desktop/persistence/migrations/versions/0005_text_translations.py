"""Texts in Kazakh, Russian and English: a revision's translation rows, one per distinct text.

Every text an existing revision prints gets a row naming the language it is written in, told
by its letters (ә ғ қ ң ө ұ ү һ і → kk; other Cyrillic → ru; Latin → en); a text with no
letters (a number, a code) gets none. Self-contained SQL: later models must not change what
this step does.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The same namespace and key as persistence.translations.translation_uuid, fixed here.
NAMESPACE = uuid.UUID("5b0c7e2a-8f0e-4a57-9a38-7f5d2e0c1a16")
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# (table, fields, WHERE joining it to assessment :a) for every text a revision prints.
SOURCES = (
    ("organisation o", ("legal_name", "region", "address", "industry"),
     "o.id = (SELECT organisation_id FROM assessment WHERE id = :a)"),
    ("org_unit u", ("name",), "1 = 1"),
    ("workplace w", ("name",), "1 = 1"),
    ("assessment s", ("title", "scope"), "s.id = :a"),
    ("team_member m", ("position",), "m.assessment_id = :a"),
    ("hazard h", ("description", "unwanted_event", "causes", "people_exposed", "consequence",
                  "existing_controls"), "h.assessment_id = :a"),
    ("control_measure c JOIN hazard h ON h.id = c.hazard_id",
     ("c.description", "c.responsible", "c.completion_form", "c.funding_source"),
     "h.assessment_id = :a"),
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "text_translation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("modified_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("kk", sa.Text(), nullable=False),
        sa.Column("ru", sa.Text(), nullable=False),
        sa.Column("en", sa.Text(), nullable=False),
        sa.Column("unchecked", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_text_translation_assessment_id_assessment"),
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_translation")),
        sa.UniqueConstraint("uuid", name=op.f("uq_text_translation_uuid")),
    )
    op.create_index("ix_text_translation_assessment", "text_translation", ["assessment_id"])
    _detect_existing_texts()


def detect_language(text: str) -> str | None:
    folded = text.casefold()
    if any(char in KAZAKH_LETTERS for char in folded):
        return "kk"
    if any("а" <= char <= "я" or char == "ё" for char in folded):
        return "ru"
    if any("a" <= char <= "z" for char in folded):
        return "en"
    return None


def _detect_existing_texts() -> None:
    bind = op.get_bind()
    table = sa.table(
        "text_translation",
        sa.column("uuid", sa.Uuid()),
        sa.column("created_at", sa.DateTime()),
        sa.column("modified_at", sa.DateTime()),
        *(sa.column(name) for name in ("row_version", "assessment_id", "source", "lang", "kk",
                                       "ru", "en", "unchecked")),
    )  # fmt: skip
    now = datetime.now(UTC).replace(tzinfo=None)
    for assessment_id, assessment_uuid in bind.execute(sa.text("SELECT id, uuid FROM assessment")):
        rows = [
            _row(assessment_id, _uuid_text(assessment_uuid), text, lang, now)
            for text in sorted(_texts(bind, assessment_id))
            if (lang := detect_language(text)) is not None
        ]
        if rows:
            bind.execute(sa.insert(table), rows)


def _texts(bind: sa.Connection, assessment_id: int) -> set[str]:
    found: set[str] = set()
    for source, fields, where in SOURCES:
        for name in fields:
            query = f"SELECT DISTINCT {name} FROM {source} WHERE {where} AND {name} <> ''"
            found.update(row[0] for row in bind.execute(sa.text(query), {"a": assessment_id}))
    return found


def _uuid_text(value: object) -> str:
    """str(uuid.UUID) of a UUID column as either engine returns it (SQLite: 32 hex digits)."""
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


def _row(assessment_id: int, assessment_uuid: str, text: str, lang: str, now: datetime) -> dict:
    values = {name: "" for name in ("kk", "ru", "en")} | {lang: text}
    return values | {
        "uuid": uuid.uuid5(NAMESPACE, f"{assessment_uuid}\n{text}"),
        "created_at": now, "modified_at": now, "row_version": 1,
        "assessment_id": assessment_id, "source": text, "lang": lang, "unchecked": "",
    }  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_text_translation_assessment", table_name="text_translation")
    op.drop_table("text_translation")
