"""Registers on a PostgreSQL server: create, open, and every failure as one clear message.

``register.open_location`` sends database URLs here. The same Alembic migrations build the
schema as for a ``.wrac`` file; PostgreSQL runs DDL inside transactions, so a register is
created (or upgraded, or filled with the demo) completely or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError

from wrac_desktop import __version__
from wrac_desktop.errors import (
    NotARegister,
    RegisterNotFound,
    RegisterTooNew,
    ServerUnavailable,
    UserError,
)
from wrac_desktop.i18n import _
from wrac_desktop.masking import mask_passwords
from wrac_desktop.persistence import migrate, postgres
from wrac_desktop.persistence.properties import insert_properties

UPGRADE_LOCK_KEY = 0x57524143  # "WRAC": one client at a time upgrades a shared schema


def server_url(location: str) -> URL:
    try:
        url = postgres.parse_url(location)
    except ValueError as error:
        raise UserError(
            _("{url} is not a valid database URL").format(url=mask_passwords(location))
        ) from error
    if not url.database:
        raise UserError(_("{url} names no database").format(url=postgres.shown(url)))
    return url


@contextmanager
def translated_errors(url: URL) -> Iterator[None]:
    """Database failures as the user-facing errors the CLI and GUI show."""
    try:
        yield
    except DBAPIError as error:
        raise server_error(error, url) from error


def server_error(error: BaseException, url: URL) -> Exception:
    where = postgres.shown(url)
    host = f"{url.host or 'localhost'}:{url.port or 5432}"
    kind = postgres.error_kind(error)
    if kind == "bad_url":
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return UserError(
            _("{url} is not a valid database URL: {reason}").format(url=where, reason=reason)
        )
    if kind == "unreachable":
        return ServerUnavailable(
            _("cannot reach the database server {host}; check the address and the network").format(
                host=host
            )
        )
    if kind == "auth":
        return ServerUnavailable(
            _("the server {host} refused user {user}: wrong user name or password").format(
                host=host, user=url.username or ""
            )
        )
    if kind == "missing":
        return RegisterNotFound(
            _("database {name} does not exist on {host}").format(name=url.database, host=host)
        )
    refusal = postgres.write_refusal(kind, where)
    if refusal is not None:
        return refusal
    return error if isinstance(error, Exception) else RuntimeError(str(error))


def prepare_schema(connection: Connection, url: URL, *, overwrite: bool) -> int:
    """Build the newest schema in an empty database (or, with ``overwrite``, a register's)."""
    if not postgres.is_empty(connection):
        if not postgres.is_register(connection):
            raise UserError(
                _("{path} already holds other tables; choose an empty database").format(
                    path=postgres.shown(url)
                )
            )
        if not overwrite:
            raise UserError(
                _("{path} already holds a register; use --force to replace it").format(
                    path=postgres.shown(url)
                )
            )
        postgres.drop_register_tables(connection)
    migrate.upgrade_to_head(connection)
    insert_properties(connection, {"created_with": __version__})
    return migrate.schema_number(migrate.head_revision())


def create_engine_checked(url: URL, *, read_only: bool) -> Engine:
    """An engine whose first connection worked (so a bad address fails here, clearly)."""
    engine = postgres.create_postgres_engine(url, read_only=read_only)
    try:
        with translated_errors(url), engine.connect():
            pass
    except Exception:
        engine.dispose()
        raise
    return engine


def check_register(connection: Connection, url: URL) -> None:
    if postgres.is_register(connection):
        return
    if postgres.is_empty(connection):
        raise NotARegister(
            _("{path} holds no register yet; create one with “wrac init {path}”").format(
                path=postgres.shown(url)
            )
        )
    raise NotARegister(_("{path} is not a WRAC register").format(path=postgres.shown(url)))


def can_write(engine: Engine, url: URL) -> bool:
    with translated_errors(url), engine.connect() as connection:
        check_register(connection, url)
        return postgres.can_write(connection)


def check_schema(engine: Engine, url: URL, *, upgrade: bool) -> int:
    """The schema number after upgrading an older one (all or nothing); newer is refused."""
    with translated_errors(url), engine.begin() as connection:
        if upgrade:
            postgres.lock_for_upgrade(connection, UPGRADE_LOCK_KEY)
        revision = migrate.current_revision(connection)
        if not migrate.is_known_revision(revision):
            raise RegisterTooNew(
                _(
                    "{path} was written by a newer version of WRAC Desktop; "
                    "update the app to open it"
                ).format(path=postgres.shown(url))
            )
        number = migrate.schema_number(revision)
        head_number = migrate.schema_number(migrate.head_revision())
        if number < head_number and upgrade:
            migrate.upgrade_to_head(connection)
            return head_number
        return number
