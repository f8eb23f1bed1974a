"""Generated rows written to PostgreSQL with COPY, the server's own bulk load.

An executemany sends one INSERT a row (psycopg pipelines them, but the server still parses,
plans and executes each): the 50,000-hazard demo, about 240,000 rows, took minutes on a local
server. ``COPY … FROM STDIN`` streams the rows of a table in one statement. Values pass through
the same bind processors SQLAlchemy would apply (UUIDs, dates, JSON, the register's own
types), then psycopg's dumpers; defaults a row leaves out come from the table's columns, as in
an insert. Inside the caller's transaction: a failure keeps nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

from wrac_desktop.persistence.bulk import INSERT_ORDER
from wrac_desktop.persistence.models import Base


def copy_tables(connection: Connection, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Load rows table by table, parents first (``bulk.INSERT_ORDER``), one COPY a table."""
    for name in INSERT_ORDER:
        table_rows = rows.get(name)
        if table_rows:
            copy_rows(connection, Base.metadata.tables[name], table_rows)


def copy_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """COPY ``rows`` (mappings of column names to values) into ``table``."""
    dialect = connection.dialect
    names = [column.name for column in table.columns if _given_or_defaulted(column, rows[0])]
    convert = []
    for name in names:
        column = table.c[name]
        processor = column.type.dialect_impl(dialect).bind_processor(dialect)
        default = _default(column)
        convert.append((name, processor, default))
    columns = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    statement = f"COPY {dialect.identifier_preparer.format_table(table)} ({columns}) FROM STDIN"
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([_value(row, name, processor, default)
                                for name, processor, default in convert])  # fmt: skip
    finally:
        cursor.close()


def _given_or_defaulted(column: Any, row: Mapping[str, Any]) -> bool:
    """A column the rows give, or one with a Python-side default (a server default or an
    identity is left to the server)."""
    return column.name in row or (column.default is not None and not column.primary_key)


def _default(column: Any) -> Any:
    default = column.default
    if default is None:
        return None
    if default.is_scalar:
        return lambda: default.arg
    if default.is_callable:
        return lambda: default.arg(None)
    return None


def _value(row: Mapping[str, Any], name: str, processor: Any, default: Any) -> Any:
    if name in row:
        value = row[name]
    elif default is not None:
        value = default()
    else:
        value = None
    return processor(value) if processor is not None else value
