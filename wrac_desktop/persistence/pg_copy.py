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

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Connection

from wrac_desktop.persistence.bulk import INSERT_ORDER, runs


def copy_tables(connection: Connection, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Load rows table by table, parents first (``bulk.INSERT_ORDER``), one COPY a table and
    set of given columns."""
    for name in INSERT_ORDER:
        table_rows = rows.get(name)
        if table_rows:
            copy_rows(connection, name, table_rows)


def copy_rows(connection: Connection, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """COPY ``rows`` (mappings of column names to values) into table ``name``."""
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for writer, same in runs(dialect, name, rows):
            columns = ", ".join(quote(column) for column in writer.columns)
            with cursor.copy(f"COPY {quote(name)} ({columns}) FROM STDIN") as copy:
                for values in writer.values(same):
                    copy.write_row(values)
    finally:
        cursor.close()
