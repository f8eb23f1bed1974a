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


OPEN_A_REGISTER = """
import sys
from wrac_desktop.register import open_register
with open_register(sys.argv[1]) as register:
    pass
print(sorted(name for name in sys.modules if name.split(".")[0] in ("alembic", "mako")))
"""


def test_opening_a_register_at_the_newest_schema_imports_no_alembic(tmp_path: Path) -> None:
    path = tmp_path / "r.wrac"
    subprocess.run(
        [sys.executable, "-m", "wrac_desktop", "demo", str(path), "--workplaces", "2"],
        check=True, capture_output=True,
    )  # fmt: skip
    shown = subprocess.run(
        [sys.executable, "-c", OPEN_A_REGISTER, str(path)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert shown.stdout.strip() == "[]"
