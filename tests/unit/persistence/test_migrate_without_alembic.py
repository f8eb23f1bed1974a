"""Opening a register at the newest schema needs no Alembic: its revision is one query, the
chain of revisions comes from the scripts, and the newest schema's objects are written down in
persistence/newest_schema.py. Each is held equal here to what Alembic itself says or makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from wrac_desktop.persistence import migrate, newest_schema


def test_the_revision_chain_read_from_the_scripts_is_alembics() -> None:
    assert migrate._revision_chain() == migrate.alembic_revision_chain()
    assert migrate.head_revision() == newest_schema.REVISION


def test_the_newest_schemas_objects_are_what_the_migrations_make() -> None:
    made = newest_schema.migrated_objects()
    listed = "\n".join(f"        {entry!r}," for entry in sorted(made))
    assert made == newest_schema.OBJECTS, (
        "a migration changed the newest schema's objects: set REVISION to "
        f"{migrate.head_revision()!r} and OBJECTS in persistence/newest_schema.py to\n{listed}"
    )


def test_the_current_revision_is_read_as_alembic_reads_it(tmp_path: Path) -> None:
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(f"sqlite:///{tmp_path / 'r.db'}")
    with engine.begin() as connection:
        assert migrate.current_revision(connection) is None  # no version table yet
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        assert migrate.current_revision(connection) is None  # an empty one
        migrate.upgrade_to_head(connection)
        alembics = MigrationContext.configure(connection).get_current_revision()
        assert migrate.current_revision(connection) == alembics == migrate.head_revision()
    engine.dispose()


ALEMBIC_AFTER = """
import sys
from wrac_desktop.register import {function}
with {function}(sys.argv[1]) as register:
    pass
print(sorted(name for name in sys.modules if name.split(".")[0] in ("alembic", "mako")))
"""


def _alembic_imported_by(function: str, path: Path) -> str:
    """The Alembic (and Mako) modules a fresh Python imported to run ``function`` on ``path``."""
    shown = subprocess.run(
        [sys.executable, "-c", ALEMBIC_AFTER.format(function=function), str(path)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return shown.stdout.strip()


def test_opening_a_register_at_the_newest_schema_imports_no_alembic(tmp_path: Path) -> None:
    path = tmp_path / "r.wrac"
    subprocess.run(
        [sys.executable, "-m", "wrac_desktop", "demo", str(path), "--workplaces", "2"],
        check=True, capture_output=True,
    )  # fmt: skip
    assert _alembic_imported_by("open_register", path) == "[]"


def test_creating_a_register_runs_no_migration(tmp_path: Path) -> None:
    """A new file's schema is made in one step (``migrate.create_at_head``; test_new_file_schema
    holds it equal to the migrations'): Alembic is not even imported."""
    path = tmp_path / "new.wrac"
    assert _alembic_imported_by("create_register", path) == "[]"
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
    engine.dispose()
