"""Create and upgrade a register's schema with Alembic, from the very first schema on.

A new file's schema is made in one step instead (``create_at_head``): the models' tables as
they stand, stamped with the head revision. Alembic and its fourteen migrations took 0.35 s of
CPU of every new register (of the 50,000-hazard demo's 7.8 s);
``tests/unit/persistence/test_new_file_schema.py`` holds what it makes equal to what the
migrations build.

Alembic is imported only to migrate: opening a register already at the newest schema, what
nearly every start does, reads its revision with one query and the chain of revisions from
the scripts' own ``revision =`` lines (importing Alembic and loading its scripts cost 0.3 s of
the window's start). ``tests/unit/persistence/test_migrate_without_alembic.py`` holds both
readings equal to Alembic's.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table, inspect, text
from sqlalchemy.engine import Connection

from wrac_desktop.resources import package_path

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "alembic_version"
# The lines of a migration script naming itself and the one before it (Alembic's template)
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]+)?=\s*(.+?)\s*$", re.M)

# Alembic's commands put their context in module globals (alembic.context, alembic.op): two
# threads migrating at once took each other's away (KeyError 'script'). The window opens a
# register while the start screen reads the recent ones in the background.
_ALEMBIC = threading.Lock()


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(package_path("persistence", "migrations")))
    config.attributes["connection"] = connection
    return config


@cache
def _revision_chain() -> tuple[str, ...]:
    """Every revision from the first to the head, in order, as the scripts name them."""
    before: dict[str | None, str] = {}  # down_revision → revision
    for script in package_path("persistence", "migrations", "versions").glob("*.py"):
        named = dict(_REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        revision = _literal(named.get("revision", "None"))
        if revision is not None:
            before[_literal(named.get("down_revision", "None"))] = revision
    chain: list[str] = []
    while (following := before.get(chain[-1] if chain else None)) is not None:
        chain.append(following)
    return tuple(chain)


def _literal(value: str) -> str | None:
    """A script's ``"0012"`` or ``None``, as Python reads it."""
    return None if value == "None" else value.strip("\"'")


def alembic_revision_chain() -> tuple[str, ...]:
    """The same chain as Alembic walks it (for the test that holds the two equal)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    newest_first = [rev.revision for rev in script.walk_revisions("base", "heads")]
    return tuple(reversed(newest_first))


def head_revision() -> str:
    return _revision_chain()[-1]


def schema_number(revision: str | None) -> int:
    """1 for the first schema, 2 for the next …; 0 for an empty database."""
    if revision is None:
        return 0
    return _revision_chain().index(revision) + 1


def is_known_revision(revision: str | None) -> bool:
    return revision is None or revision in _revision_chain()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None for one Alembic never stamped."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    stamped = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(stamped) > 1:  # branches, which this program never makes: Alembic says what it thinks
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()
    return stamped[0] if stamped else None


def upgrade_to_head(connection: Connection) -> None:
    """Run every pending migration inside the caller's transaction (one thread at a time)."""
    from alembic import command

    _begin_before_ddl(connection)
    with _ALEMBIC:
        command.upgrade(_config(connection), "head")


def _begin_before_ddl(connection: Connection) -> None:
    """Open SQLite's transaction now: Python's sqlite3 opens one before the first INSERT or
    UPDATE only, so a migration's CREATE TABLE before them was committed at once, and one
    that failed half-way left its new table behind in a register still at the schema before
    (which the next opening could not migrate: the table exists)."""
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    if driver is not None and not getattr(driver, "in_transaction", True):
        connection.exec_driver_sql("BEGIN")


def create_at_head(connection: Connection) -> None:
    """An empty database's newest schema in one step: the models' tables, created as they are
    declared, and Alembic's version table stamped with the head revision, as if every migration
    had run. Only the order of a table's columns may differ (a migration adds a column at the
    end); nothing reads a row by its columns' positions."""
    from wrac_desktop.persistence.models import Base

    Base.metadata.create_all(connection)
    version = _version_table()
    version.create(connection)
    connection.execute(version.insert().values(version_num=head_revision()))


def _version_table() -> Table:
    """Alembic's version table, as its ``upgrade`` creates it."""
    return Table(
        VERSION_TABLE,
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name=f"{VERSION_TABLE}_pkc"),
    )
