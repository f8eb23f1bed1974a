"""The tables and indexes of the newest schema, as migrating an empty register makes them.

``wrac check`` and every open compare a register's objects with these: one the program did not
make (a trigger that rewrites imported rows, a view) is refused, one missing is damage. They
were learnt by migrating an empty database in memory at each start (0.1 s of CPU, and Alembic
imported for it); ``tests/unit/persistence/test_migrate_without_alembic.py`` migrates one and
fails with the new list when a migration changes them.
"""

from __future__ import annotations

REVISION = "0015"  # the head these objects are of
OBJECTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("index", "ix_attachment_owner"),
        ("index", "ix_audit_log_entity"),
        ("index", "ix_control_measure_hazard"),
        ("index", "ix_event_occurred_at"),
        ("index", "ix_event_workplace_uuid"),
        ("index", "ix_hazard_assessment_workplace_order"),
        ("index", "ix_hazard_workplace"),
        ("index", "ix_hidden_injury_visit_on"),
        ("index", "ix_org_unit_parent"),
        ("index", "ix_progress_event_measure"),
        ("index", "ix_reassessment_flag_hazard"),
        ("index", "ix_text_translation_assessment"),
        ("index", "ix_workplace_unit"),
        ("table", "alembic_version"),
        ("table", "approval_text"),
        ("table", "assessment"),
        ("table", "attachment"),
        ("table", "attachment_blob"),
        ("table", "audit_log"),
        ("table", "control_measure"),
        ("table", "event"),
        ("table", "hazard"),
        ("table", "hidden_injury"),
        ("table", "library_entry"),
        ("table", "org_unit"),
        ("table", "organisation"),
        ("table", "organisation_figures"),
        ("table", "progress_event"),
        ("table", "reassessment_flag"),
        ("table", "register_property"),
        ("table", "risk_matrix"),
        ("table", "team_member"),
        ("table", "text_translation"),
        ("table", "workplace"),
    }
)


def migrated_objects() -> frozenset[tuple[str, str]]:
    """(type, name) of what the migrations make in an empty database: the truth OBJECTS keeps."""
    from sqlalchemy import create_engine

    from wrac_desktop.persistence import migrate, sqlite

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            migrate.upgrade_to_head(connection)
            return frozenset(sqlite.schema_objects(connection))
    finally:
        engine.dispose()
