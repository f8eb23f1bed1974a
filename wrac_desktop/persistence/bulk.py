"""Fast bulk writes for generated data (the ORM's add_all measured 8× slower here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Connection

from wrac_desktop.persistence.models import Base

INSERT_ORDER = (
    "organisation", "org_unit", "workplace", "risk_matrix", "assessment", "team_member",
    "hazard", "control_measure", "text_translation", "audit_log", "register_property",
)  # fmt: skip
BATCH = 5000


def insert_tables(connection: Connection, rows: Mapping[str, Sequence[dict[str, Any]]]) -> None:
    """Insert rows table by table, parents first, in batches of executemany."""
    for name in INSERT_ORDER:
        table_rows = rows.get(name, ())
        table = Base.metadata.tables[name]
        for start in range(0, len(table_rows), BATCH):
            connection.execute(table.insert(), list(table_rows[start : start + BATCH]))


def insert_many(connection: Connection, name: str, rows: list[dict[str, Any]]) -> None:
    """One executemany of rows that all have the same keys.

    The statement is compiled once for the connection's dialect and each column's bind
    processor is looked up once: SQLAlchemy's executemany spent 1.9 s of CPU on 40,000 rows
    preparing parameters row by row, this about a third of it. Any dialect works.
    """
    table = Base.metadata.tables[name]
    keys = list(rows[0])
    dialect = connection.dialect
    compiled = table.insert().compile(dialect=dialect, column_keys=keys)
    # dialect_impl: the dialect's own type (SQLite's DATE writes text; the generic one nothing)
    processors = {
        key: table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys
    }
    if compiled.positional:
        order = list(compiled.positiontup or ())
        params: list[Any] = [
            tuple(_bound(processors[key], row[key]) for key in order) for row in rows
        ]
    else:
        params = [{key: _bound(processors[key], row[key]) for key in keys} for row in rows]
    connection.exec_driver_sql(str(compiled), params)


def _bound(processor: Any, value: Any) -> Any:
    return processor(value) if processor is not None else value
