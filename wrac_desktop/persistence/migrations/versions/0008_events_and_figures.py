"""Events at workplaces (near misses, accidents, diseases) and the organisation's yearly figures.

Self-contained: later models must not change what this step does (issue 18 item 1).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("modified_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "event",
        *_record_columns(),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("workplace_uuid", sa.Uuid(), nullable=False),
        sa.Column("hazard_uuids", sa.Text(), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=False) for name in (
            "person_name", "person_position", "personnel_no", "consent_note", "description",
            "immediate_cause")),
        sa.Column("days_lost", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("report_reference", sa.Text(), nullable=False),
        sa.Column("investigation", sa.String(length=20), nullable=False),
        sa.Column("deleted_on", sa.Date(), nullable=True),
        sa.Column("deletion_reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("uuid", name=op.f("uq_event_uuid")),
    )  # fmt: skip
    op.create_index("ix_event_occurred_at", "event", ["occurred_at"])
    op.create_index("ix_event_workplace_uuid", "event", ["workplace_uuid"])
    op.create_table(
        "organisation_figures",
        *_record_columns(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("average_headcount", sa.Integer(), nullable=True),
        sa.Column("hours_worked", sa.Integer(), nullable=True),
        sa.Column("insurer", sa.Text(), nullable=False),
        sa.Column("insurance_policy", sa.Text(), nullable=False),
        sa.Column("insured_until", sa.Date(), nullable=True),
        sa.Column("insured_workers", sa.Integer(), nullable=True),
        sa.Column("safety_service", sa.Boolean(), nullable=False),
        sa.Column("safety_officers", sa.Integer(), nullable=True),
        sa.Column("officers_tested", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_figures")),
        sa.UniqueConstraint("uuid", name=op.f("uq_organisation_figures_uuid")),
        sa.UniqueConstraint("year", name=op.f("uq_organisation_figures_year")),
    )


def downgrade() -> None:
    op.drop_table("organisation_figures")
    op.drop_index("ix_event_workplace_uuid", table_name="event")
    op.drop_index("ix_event_occurred_at", table_name="event")
    op.drop_table("event")
