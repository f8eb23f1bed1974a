"""Open and create registers: a ``.wrac`` file (SQLite) or a database URL (PostgreSQL).

Every way a path can be wrong is turned into one clear ``WracError`` before anything is
written: a missing file, a file that is not a register, a register from a newer version, a
read-only or locked file. Older registers are upgraded after a backup copy is made.
"""

from __future__ import annotations

import getpass
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from wrac_desktop import __version__
from wrac_desktop.errors import (
    ForeignSchemaObjects,
    NotARegister,
    RegisterLocked,
    RegisterNotFound,
    RegisterReadOnly,
    RegisterTooNew,
    UserError,
)
from wrac_desktop.files import check_output_path, disk_problem
from wrac_desktop.i18n import _
from wrac_desktop.persistence import integrity, migrate, properties, sqlite
from wrac_desktop.persistence.audit import Actor, record_event
from wrac_desktop.persistence.audit_digest import empty_state
from wrac_desktop.persistence.properties import insert_properties
from wrac_desktop.persistence.unit_of_work import UnitOfWork

REGISTER_SUFFIX = ".wrac"


@dataclass
class Register:
    """An open register: its unit of work plus what is known about the file."""

    location: str
    uow: UnitOfWork
    read_only: bool
    schema_number: int
    # A register of an older schema opened read-only is read from an upgraded copy here:
    # reading never migrates the register itself.
    upgraded_copy: Path | None = None
    # Triggers, views, indexes or tables in it that the program did not create ("trigger
    # pwn"): such a register is only ever opened read-only, and the window says why.
    foreign_objects: tuple[str, ...] = ()
    # Opened before SQLite's check of every page (``check_storage=False``, the window): until
    # ``storage_checked`` records its answer nothing is written; found damaged, the register
    # is read-only from then on and ``damage`` says why.
    storage_checked: bool = True
    damage: tuple[str, ...] = ()

    @property
    def engine(self) -> Engine:
        return self.uow.engine

    @property
    def writable(self) -> bool:
        """Whether it may be written now: not read-only, and its file known to be sound."""
        return not self.read_only and self.storage_checked

    def close(self) -> None:
        if not self.read_only and self.engine.dialect.name == "sqlite":
            sqlite.checkpoint(self.engine)
        self.engine.dispose()
        if self.upgraded_copy is not None:
            shutil.rmtree(self.upgraded_copy.parent, ignore_errors=True)

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def default_actor() -> Actor:
    os_user = _os_user()
    return Actor(user_name=os.environ.get("WRAC_USER") or os_user, os_user=os_user)


def create_register(
    path: Path, *, actor: Actor | None = None, overwrite: bool = False, chained: bool = True
) -> Register:
    """Create an empty register file at ``path`` with the newest schema.

    ``chained``: its audit chain starts with a record of its (empty) state, so that every
    record added later must be in the chain (a bulk writer that starts the chain with its own
    record of state, the demo, passes False)."""
    path = Path(path)
    _check_can_create(path, overwrite)
    if overwrite:
        sqlite.remove_database_files(path)
    engine = sqlite.create_sqlite_engine(path, read_only=False)
    try:
        sqlite.enable_wal(engine)
        with engine.begin() as connection:
            migrate.create_at_head(connection)
            number = migrate.schema_number(migrate.head_revision())
            sqlite.stamp_file(connection, number)
            insert_properties(connection, {"created_with": __version__})
    except OperationalError as error:
        engine.dispose()
        raise _open_error(error, path) from error
    register = _register(str(path), engine, actor, read_only=False, number=number)
    if chained:
        _start_chain(register)
    return register


def _start_chain(register: Register) -> None:
    with register.uow.transaction() as session:
        record_event(session, "created", "register created", empty_state())


def open_register(
    path: Path,
    *,
    actor: Actor | None = None,
    read_only: bool = False,
    to_read: bool = False,
    check_storage: bool = True,
) -> Register:
    """Open an existing register; read-only files open read-only only when asked to.

    ``to_read`` is for commands that only read: the register is read-only and never migrated
    (an older one is read through an upgraded copy), yet a file that can be written is opened
    as usual, so that SQLite folds its -wal file away on closing rather than leave it beside.
    ``check_storage=False`` leaves SQLite's check of every page to the caller, who runs
    ``storage_damage`` behind and records it with ``storage_checked``; nothing is written
    meanwhile (the window: the check took 0.56 s of its first rows' 1.8 at 100,000 hazards).
    """
    path = Path(path)
    _check_is_register_file(path)
    writable = is_writable(path)
    if not writable and not (read_only or to_read):
        raise RegisterReadOnly(
            _("{path} is read-only (file permissions or medium); it cannot be changed").format(
                path=path
            )
        )
    engine = sqlite.create_sqlite_engine(path, read_only=read_only or not writable)
    read_only = read_only or to_read
    copy = None
    try:
        number = _check_schema(engine, path, upgrade=not read_only)
        if not read_only:
            sqlite.enable_wal(engine)
        elif number < migrate.schema_number(migrate.head_revision()):
            engine, copy = _upgraded_copy(engine, path)
            number = migrate.schema_number(migrate.head_revision())
        _check_sound(engine, path, storage=check_storage)
        foreign = _foreign_objects(engine, path, read_only=read_only)
    except (OperationalError, DatabaseError) as error:
        _discard(engine, copy)
        raise _open_error(error, path) from error
    except Exception:
        _discard(engine, copy)
        raise
    register = _register(str(path), engine, actor, read_only=read_only, number=number)
    register.upgraded_copy, register.foreign_objects = copy, tuple(foreign)
    if not check_storage:
        _hold_writes(register)
    return register


def _hold_writes(register: Register) -> None:
    register.storage_checked = False
    register.uow.writes_held = _(
        "{path} is being checked for damage; it can be changed once the check is done"
    ).format(path=register.location)


def storage_damage(register: Register) -> list[str]:
    """SQLite's check of every page and reference of a register opened with
    ``check_storage=False``, as lines (none: sound). Any thread may run it."""
    with register.engine.connect() as connection:
        return integrity.storage_damage(connection)


def storage_checked(register: Register, damage: list[str]) -> None:
    """Record ``storage_damage``'s answer: a sound register may be written from now on, a
    damaged one never (its contents cannot be trusted; "wrac check" lists what is wrong)."""
    register.storage_checked, register.damage = True, tuple(damage)
    register.uow.writes_held = None
    if damage:
        register.read_only = register.uow.read_only = True


def _foreign_objects(engine: Engine, path: str | Path, *, read_only: bool) -> list[str]:
    """Schema objects the program did not create; refused when the register is to be written."""
    with engine.connect() as connection:
        found = integrity.foreign_objects(connection)
    if found and not read_only:
        raise integrity.foreign(path, found)
    return found


def _upgraded_copy(engine: Engine, path: Path) -> tuple[Engine, Path]:
    """A copy of an older register in a temporary folder, upgraded to the newest schema, and
    an engine on it: what a read-only open reads, so the register itself is never migrated."""
    copy = Path(tempfile.mkdtemp(prefix="wrac-upgraded-")) / path.name
    try:
        sqlite.backup_to(engine, copy)
        engine.dispose()
        engine = sqlite.create_sqlite_engine(copy, read_only=False)
        with engine.begin() as connection:
            migrate.upgrade_to_head(connection)
            sqlite.stamp_file(connection, migrate.schema_number(migrate.head_revision()))
    except Exception:
        _discard(engine, copy)
        raise
    return engine, copy


def _discard(engine: Engine, copy: Path | None) -> None:
    engine.dispose()
    if copy is not None:
        shutil.rmtree(copy.parent, ignore_errors=True)


def _check_sound(engine: Engine, path: str | Path, *, storage: bool = True) -> None:
    """Refuse a damaged register: its file fails SQLite's quick check, it refers to missing
    records, or tables or columns are missing. ``wrac check`` lists what is wrong.
    ``storage=False``: the schema alone, SQLite's checks are the caller's."""
    with engine.connect() as connection:
        problems = integrity.damage(connection, storage=storage)
    if problems:
        raise integrity.damaged(path, problems)


def open_for_reading(
    path: Path, *, actor: Actor | None = None, check_storage: bool = True
) -> Register:
    """Open read-only if the file cannot be written, read-write otherwise."""
    path = Path(path)
    _check_is_register_file(path)
    read_only = not is_writable(path)
    try:
        return open_register(path, actor=actor, read_only=read_only, check_storage=check_storage)
    except ForeignSchemaObjects:  # readable, never written: the window says why
        return open_register(path, actor=actor, read_only=True, check_storage=check_storage)


def _register(
    location: str, engine: Engine, actor: Actor | None, *, read_only: bool, number: int
) -> Register:
    uow = UnitOfWork(engine, actor or default_actor(), read_only=read_only, label=location)
    return Register(location=location, uow=uow, read_only=read_only, schema_number=number)


def _check_can_create(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise UserError(_("{path} already exists; choose another name").format(path=path))
    if path.exists() and path.is_dir():
        raise UserError(_("{path} is a folder, not a register file").format(path=path))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise RegisterNotFound(_("folder {path} does not exist").format(path=parent))
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise RegisterReadOnly(_("cannot write in {path} (read-only)").format(path=parent))


def _check_is_register_file(path: Path) -> None:
    if not path.exists():
        raise RegisterNotFound(_("{path} does not exist").format(path=path))
    if path.is_dir():
        raise NotARegister(_("{path} is a folder, not a register file").format(path=path))
    if not os.access(path, os.R_OK):
        raise UserError(_("{path} cannot be read (permission denied)").format(path=path))
    if not sqlite.looks_like_sqlite(path):
        raise NotARegister(_("{path} is not a WRAC register").format(path=path))


def is_writable(path: Path) -> bool:
    # A file whose write bits are all off was marked read-only on purpose: honour that even
    # for root, who may write anything. WAL also needs to create -wal and -shm beside it.
    marked_read_only = path.stat().st_mode & 0o222 == 0
    return not marked_read_only and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_schema(engine: Engine, path: Path, *, upgrade: bool) -> int:
    with engine.connect() as connection:
        if sqlite.read_application_id(connection) != sqlite.APPLICATION_ID:
            raise NotARegister(_("{path} is not a WRAC register").format(path=path))
        try:  # from here on the file is ours: what cannot be read is damage
            revision = migrate.current_revision(connection)
            user_version = sqlite.read_user_version(connection)
            tables = sqlite.table_names(connection)
        except DatabaseError as error:
            raise integrity.damaged(path, [integrity.damaged_file(error)]) from error
    if not tables:
        raise NotARegister(
            _(
                "{path} is marked as a WRAC register but holds no tables; it is not a register"
            ).format(path=path)
        )
    if revision is None:
        raise integrity.damaged(
            path, [_("table alembic_version (the schema's revision) is missing or empty")]
        )
    head_number = migrate.schema_number(migrate.head_revision())
    if not migrate.is_known_revision(revision) or user_version > head_number:
        raise RegisterTooNew(
            _(
                "{path} was written by a newer version of WRAC Desktop; update the app to open it"
            ).format(path=path)
        )
    number = migrate.schema_number(revision)
    if number < head_number:
        if not upgrade:
            return number
        _upgrade(engine, path, number, head_number)
    return head_number


def _upgrade(engine: Engine, path: Path, number: int, head_number: int) -> None:
    """Keep a copy of the register as it was, then migrate it."""
    shutil.copy2(path, path.with_name(f"{path.name}.schema{number}.bak"))
    with engine.begin() as connection:
        migrate.upgrade_to_head(connection)
        sqlite.stamp_file(connection, head_number)


def read_property(register: Register, key: str) -> str | None:
    with register.uow.reading() as session:
        return properties.read_property(session, key)


def _open_error(error: Exception, path: Path) -> Exception:
    # A full disk fails the first write (the WAL switch, a migration): say so, not "damaged".
    problem = disk_problem(error, path)
    if problem is not None:
        return problem
    if sqlite.is_locked_error(error):
        return RegisterLocked(
            _("{path} is locked by another program; close it there and try again").format(path=path)
        )
    if "readonly" in str(error).lower():
        return RegisterReadOnly(_("{path} cannot be written (read-only)").format(path=path))
    return NotARegister(_("{path} is not a WRAC register or is damaged").format(path=path))


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def save_copy(register: Register, target: Path) -> None:
    """A consistent copy of the register (a backup) at ``target``, even while it is open."""
    target = Path(target)
    if register.engine.dialect.name != "sqlite":
        raise UserError(
            _("a copy can be saved from a .wrac file only; this register is on a server")
        )
    # The file dialog asked before replacing a file: force, but never the register or an open one.
    check_output_path(target, registers=[register.location], force=True)
    _check_can_create(target, overwrite=True)
    Path(target).unlink(missing_ok=True)
    sqlite.backup_to(register.engine, target)


# --- a register location: a .wrac path or a database URL -------------------------------------


def is_database_url(location: str | Path) -> bool:
    """True when ``location`` names a register on a PostgreSQL server rather than a file."""
    from wrac_desktop.persistence.postgres import is_database_url as is_url

    return isinstance(location, str) and is_url(location)


def open_location(
    location: str | Path,
    *,
    actor: Actor | None = None,
    read_only: bool | None = None,
    check_storage: bool = True,
) -> Register:
    """Open a register by path or URL: the one place that decides which.

    ``read_only=None`` opens read-only when the register cannot be written (a read-only file,
    a database user without write rights), ``False`` refuses that, ``True`` never writes.
    ``check_storage``: as ``open_register`` (a server keeps its own storage: always checked).
    """
    if is_database_url(location):
        return _open_on_server(str(location), actor, read_only)
    if read_only is None:
        return open_for_reading(Path(location), actor=actor, check_storage=check_storage)
    return open_register(
        Path(location), actor=actor, read_only=read_only, check_storage=check_storage
    )


def open_to_read(
    location: str | Path, *, actor: Actor | None = None, check_storage: bool = True
) -> Register:
    """Open a register for a command that only reads: nothing in it is written or migrated.
    ``check_storage=False``: SQLite's check of every page is the caller's (``wrac check``
    runs the thorough one itself)."""
    if is_database_url(location):
        return _open_on_server(str(location), actor, True)
    return open_register(Path(location), actor=actor, to_read=True, check_storage=check_storage)


def create_location(
    location: str | Path, *, actor: Actor | None = None, overwrite: bool = False
) -> Register:
    """Create an empty register at a path or on a server, with the newest schema."""
    if not is_database_url(location):
        return create_register(Path(location), actor=actor, overwrite=overwrite)
    from wrac_desktop import server_registers as server

    url = server.server_url(str(location))
    engine = server.create_engine_checked(url, read_only=False)
    try:
        with server.translated_errors(url), engine.begin() as connection:
            number = server.prepare_schema(connection, url, overwrite=overwrite)
    except Exception:
        engine.dispose()
        raise
    register = _register(_shown(url), engine, actor, read_only=False, number=number)
    _start_chain(register)
    return register


def _open_on_server(location: str, actor: Actor | None, read_only: bool | None) -> Register:
    from wrac_desktop import server_registers as server

    url = server.server_url(location)
    engine = server.create_engine_checked(url, read_only=bool(read_only))
    try:
        writable = server.can_write(engine, url)
        if read_only is False and not writable:
            raise RegisterReadOnly(
                _("{path} cannot be changed: your database user may only read it").format(
                    path=_shown(url)
                )
            )
        if not writable and not read_only:
            engine.dispose()
            engine = server.create_engine_checked(url, read_only=True)
        number = server.check_schema(engine, url, upgrade=writable and not read_only)
        _check_sound(engine, _shown(url))
    except Exception:
        engine.dispose()
        raise
    return _register(
        _shown(url), engine, actor, read_only=not writable or bool(read_only), number=number
    )


def shown_location(location: str | Path) -> str:
    """A location as printed: a database URL never shows its password."""
    if is_database_url(location):
        from wrac_desktop.persistence.postgres import parse_url

        try:
            return _shown(parse_url(str(location)))
        except ValueError:
            return "?"
    return str(location)


def _shown(url: object) -> str:
    from wrac_desktop.persistence.postgres import shown

    return shown(url)  # type: ignore[arg-type]
