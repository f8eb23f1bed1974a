"""Generated rows written to PostgreSQL with COPY, the server's own bulk load.

An executemany sends one INSERT a row (psycopg pipelines them, but the server still parses,
plans and executes each): the 50,000-hazard demo, about 240,000 rows, took minutes on a local
server. ``COPY … FROM STDIN`` streams the rows of a table in one statement. A row becomes its
tuple as ``bulk``'s executemany makes it (one C-level pick, the bind processors SQLAlchemy
would apply only where a column has one, each repeated date or amount converted once, a
default for a column the row leaves out: a third of the client's CPU went on converting a
value at a time before), then psycopg's dumpers. Inside the caller's transaction: a failure
keeps nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from wrac_desktop.persistence.bulk import INSERT_ORDER, runs

# A table's foreign keys and unique constraints, those that are not its primary key.
SET_ASIDE_CONSTRAINTS = text(
    "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) "
    "FROM pg_constraint WHERE conrelid = ANY(CAST(:tables AS regclass[])) "
    "AND contype IN ('f', 'u') ORDER BY contype DESC, conrelid, conname"  # u (unique) first
)
# Its plain indexes: neither the primary key nor one a constraint above stands on.
SET_ASIDE_INDEXES = text(
    "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index index "
    "WHERE indrelid = ANY(CAST(:tables AS regclass[])) AND NOT indisprimary AND NOT EXISTS "
    "(SELECT FROM pg_constraint WHERE conindid = index.indexrelid AND contype IN ('u', 'x')) "
    "ORDER BY indexrelid"
)


def copy_tables(
    connection: Connection,
    rows: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    frozen: bool = False,
) -> None:
    """Load rows table by table, parents first (``bulk.INSERT_ORDER``), one COPY a table and
    set of given columns. ``frozen``: the tables were created in this transaction, and their
    rows are written as every transaction will see them (COPY … FREEZE), so that the first
    reader after the commit does not write every page again to mark its rows committed."""
    for name in INSERT_ORDER:
        table_rows = rows.get(name)
        if table_rows:
            copy_rows(connection, name, table_rows, frozen=frozen)


def copy_rows(
    connection: Connection,
    name: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    frozen: bool = False,
) -> None:
    """COPY ``rows`` (mappings of column names to values) into table ``name``."""
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    options = " (FREEZE)" if frozen else ""
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for writer, same in runs(dialect, name, rows):
            columns = ", ".join(quote(column) for column in writer.columns)
            with cursor.copy(f"COPY {quote(name)} ({columns}) FROM STDIN{options}") as copy:
                for values in writer.values(same):
                    copy.write_row(values)
    finally:
        cursor.close()


@contextmanager
def checked_after_loading(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Load ``tables`` without their foreign keys, unique constraints and plain indexes, then
    build and check them all at once (each index sorted in one pass, each foreign key checked
    by one join): a row at a time, the server spent two thirds of the 50,000-hazard demo's
    COPY on them (issue 22 item 7).

    Only for tables nobody else can see yet, created earlier in the caller's transaction: the
    constraints are gone only inside it, and a row that breaks one fails the whole of it.
    """
    given = {"tables": list(tables)}
    constraints = connection.execute(SET_ASIDE_CONSTRAINTS, given).all()
    indexes = connection.execute(SET_ASIDE_INDEXES, given).all()
    for table, name, _definition in reversed(constraints):  # foreign keys before what they use
        connection.exec_driver_sql(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    for index, _definition in indexes:
        connection.exec_driver_sql(f"DROP INDEX {index}")
    yield
    for _index, definition in indexes:
        connection.exec_driver_sql(definition)
    for table, name, definition in constraints:
        connection.exec_driver_sql(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
