"""Create and upgrade a register's schema with Alembic, from the very first schema on."""

from __future__ import annotations

import threading
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from wrac_desktop.resources import package_path

# Alembic's commands put their context in module globals (alembic.context, alembic.op): two
# threads migrating at once took each other's away (KeyError 'script'). The window opens a
# register while the start screen reads the recent ones in the background, and each open
# migrates an empty database once to learn the schema's objects.
_ALEMBIC = threading.Lock()


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(package_path("persistence", "migrations")))
    config.attributes["connection"] = connection
    return config


@cache
def _revision_chain() -> tuple[str, ...]:
    """Every revision from the first to the head, in order."""
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
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(connection: Connection) -> None:
    """Run every pending migration inside the caller's transaction (one thread at a time)."""
    with _ALEMBIC:
        command.upgrade(_config(connection), "head")
