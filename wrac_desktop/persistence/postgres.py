"""Everything PostgreSQL-only, in one clearly marked place (the SQLite twin is ``sqlite.py``).

A shared register is a PostgreSQL database holding our tables; the driver is psycopg 3. What a
user can get wrong — a server that does not answer, a wrong password, a database that does not
exist, a user that may only read — is recognised here from the server's SQLSTATE codes (the
message text as a fallback, for connection failures that carry none).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, Table, create_engine, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError

from wrac_desktop.errors import RegisterLocked, RegisterReadOnly, ServerDriverMissing
from wrac_desktop.i18n import _

URL_PREFIXES = ("postgresql://", "postgresql+psycopg://", "postgres://")
DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10  # an unreachable server is reported after this long, not hung on
LOCK_TIMEOUT_MS = 5000  # like SQLite's busy timeout: wait this long for another user's lock
MARKER_TABLES = ("alembic_version", "register_property")  # a database holding these is ours

# SQLSTATE classes and codes (PostgreSQL manual, appendix A)
READ_ONLY_STATES = ("25006", "42501")  # read_only_sql_transaction, insufficient_privilege
LOCK_STATES = ("55P03", "40P01")  # lock_not_available, deadlock_detected
AUTH_STATES = ("28P01", "28000")  # invalid_password, invalid_authorization_specification
MISSING_DATABASE_STATE = "3D000"  # invalid_catalog_name
AUDIT_CHAIN_LOCK = int.from_bytes(b"WRACaudt")  # the advisory lock key of the audit chain


def is_database_url(location: str) -> bool:
    """True for ``postgresql+psycopg://user@host/db`` and its spellings; False for a path."""
    return location.strip().lower().startswith(URL_PREFIXES)


def parse_url(location: str) -> URL:
    """The URL with our driver, whichever PostgreSQL spelling was given."""
    try:
        url = make_url(location.strip())
    except ArgumentError as error:
        raise ValueError(str(error)) from error
    return url.set(drivername=DRIVER)


def shown(url: URL) -> str:
    """The URL as shown to users, written to logs and remembered: never with its password
    (the password lives in the system keyring, see ``server_login``)."""
    # URL.set(password=None) would keep the password: None there means "unchanged".
    return url._replace(password=None).render_as_string(hide_password=False)


def create_postgres_engine(url: URL, *, read_only: bool) -> Engine:
    """An engine on a server register; a read-only one cannot write even by mistake."""
    # jit=off: compiling our short queries cost more than running them (60 ms a page).
    options = f"-c lock_timeout={LOCK_TIMEOUT_MS} -c client_encoding=UTF8 -c jit=off"
    if read_only:
        options += " -c default_transaction_read_only=on"
    connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S, "options": options}
    try:
        return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    except ImportError as error:  # SQLAlchemy imports the driver here
        raise ServerDriverMissing(
            _(
                "a register on a PostgreSQL server needs the psycopg driver, which is not "
                "installed ({error}); install it with: pip install 'wrac-desktop[server]'"
            ).format(error=str(error).splitlines()[0])  # psycopg's lists every attempt
        ) from error


def is_register(connection: Connection) -> bool:
    tables = set(inspect(connection).get_table_names())
    return all(name in tables for name in MARKER_TABLES)


def is_empty(connection: Connection) -> bool:
    return not inspect(connection).get_table_names()


def can_write(connection: Connection) -> bool:
    """May this user change the register here? (a standby, or only SELECT granted: no)"""
    if connection.execute(text("SELECT pg_is_in_recovery()")).scalar_one():
        return False
    if connection.execute(text("SHOW transaction_read_only")).scalar_one() == "on":
        return False
    query = text("SELECT has_table_privilege(current_user, 'hazard', 'INSERT, UPDATE, DELETE')")
    return bool(connection.execute(query).scalar_one())


def drop_register_tables(connection: Connection) -> None:
    """Remove a register's tables (``--force``), inside the caller's transaction."""
    from wrac_desktop.persistence.models import Base

    Base.metadata.drop_all(connection)
    connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def lock_for_upgrade(connection: Connection, key: int) -> None:
    """Hold a transaction-long advisory lock, so one client at a time upgrades a schema."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def analyze_keys(connection: Connection, tables: Sequence[str]) -> None:
    """Gather the planner's statistics of ``tables``' key columns now rather than when
    autovacuum gets round to it: those it plans joins and index scans by. Every column took
    3.0 s of the 50,000-hazard demo (the long texts), these 0.3 s. An ANALYZE naming columns
    leaves the table's count of changed rows as it was, so autovacuum still gathers the rest
    once the rows are committed."""
    from wrac_desktop.persistence.models import Base

    quote = connection.dialect.identifier_preparer.quote
    for name in tables:
        columns = ", ".join(quote(column) for column in _key_columns(Base.metadata.tables[name]))
        connection.exec_driver_sql(f"ANALYZE {quote(name)} ({columns})")


def _key_columns(table: Table) -> list[str]:
    """The columns of ``table``'s primary key, foreign keys, unique constraints and indexes."""
    keyed = {column.name for column in table.primary_key.columns}
    keyed |= {key.parent.name for key in table.foreign_keys}
    for constraint in (*table.indexes, *table.constraints):
        keyed |= {column.name for column in getattr(constraint, "columns", ())}
    return [column.name for column in table.columns if column.name in keyed]


def reset_sequences(connection: Connection) -> None:
    """After bulk inserts with explicit ids, make the id sequences continue after them."""
    from wrac_desktop.persistence.models import Base

    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or table.c.id.autoincrement is False:
            continue
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            ),
            {"table": table.name},
        )


def lock_audit_chain(connection: Connection) -> None:
    """Wait for the audit chain's lock, held until this transaction ends (commit or rollback).

    Advisory locks belong to the database, so registers on one server do not wait for each
    other; the wait is bounded by ``lock_timeout`` like any other lock.
    """
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_CHAIN_LOCK})


def reserve_ids(connection: Connection, table: str, count: int) -> list[int]:
    """``count`` ids for new rows of ``table`` (one of ours) from its id sequence, as the
    ORM's inserts draw theirs, so that nobody else's insert is given the same id.

    Imports before this chose ids themselves and left the sequence behind the table: values
    up to the highest id in use are drawn and dropped first, and the sequence has caught up
    for everyone. ``nextval`` never hands out a value twice, so this is safe while others draw.
    """
    sequence = {"sequence": _id_sequence(connection, table)}
    highest = connection.execute(text(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')).scalar_one()
    first = connection.execute(text("SELECT nextval(CAST(:sequence AS regclass))"), sequence)
    drawn = [first.scalar_one()]
    if drawn[0] <= highest:
        _draw(connection, sequence, highest - drawn[0])
        drawn = []
    return drawn + _draw(connection, sequence, count - len(drawn))


def _id_sequence(connection: Connection, table: str) -> str:
    query = text("SELECT pg_get_serial_sequence(:table, 'id')")
    return str(connection.execute(query, {"table": table}).scalar_one())


def _draw(connection: Connection, sequence: dict[str, str], count: int) -> list[int]:
    query = text("SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :count)")
    return list(connection.execute(query, {**sequence, "count": count}).scalars())


def sqlstate(error: BaseException) -> str | None:
    original = getattr(error, "orig", None) or error
    return getattr(original, "sqlstate", None)


# libpq's words for a connection setting it cannot use (sslmode=bogus, port=x, no such option)
BAD_SETTING_WORDS = ("invalid sslmode", "invalid connection option", "invalid integer value",
                     "invalid value for", "invalid port", "invalid uri", "invalid dsn",
                     "missing \"=\"", "unterminated quoted string")  # fmt: skip
UNRESOLVED_WORDS = ("failed to resolve host", "could not translate host name",
                    "name or service not known", "nodename nor servname")  # fmt: skip


def error_kind(error: BaseException) -> str | None:
    """``bad_url``, ``unreachable``, ``auth``, ``missing``, ``read_only``, ``locked`` or None."""
    state = sqlstate(error) or ""
    message = str(getattr(error, "orig", None) or error).lower()
    if any(words in message for words in BAD_SETTING_WORDS):
        return "bad_url"
    if any(words in message for words in UNRESOLVED_WORDS):
        return "unreachable"
    if state in READ_ONLY_STATES or "read-only transaction" in message:
        return "read_only"
    if state in LOCK_STATES or "lock timeout" in message:
        return "locked"
    if state in AUTH_STATES or "authentication failed" in message or "no password" in message:
        return "auth"
    if state == MISSING_DATABASE_STATE or ("database" in message and "does not exist" in message):
        return "missing"
    if 'role "' in message and "does not exist" in message:
        return "auth"
    if "connection" in message and any(
        word in message for word in ("refused", "timeout", "timed out", "could not", "failed")
    ):
        return "unreachable"
    return None


def write_refusal(kind: str | None, where: str) -> Exception | None:
    """The user error for a server refusing a write to ``where`` (an ``error_kind``): a user who
    may only read, or another user's lock. None for any other kind."""
    if kind == "read_only":
        return RegisterReadOnly(
            _("{path} cannot be changed: your database user may only read it").format(path=where)
        )
    if kind == "locked":
        return RegisterLocked(
            _("{path} is locked by another user's change; try again in a moment").format(path=where)
        )
    return None
