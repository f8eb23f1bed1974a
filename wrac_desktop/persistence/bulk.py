"""Fast bulk writes for generated data (the ORM's add_all measured 8× slower here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Connection

from wrac_desktop.persistence.models import Base

INSERT_ORDER = (
    "organisation", "org_unit", "workplace", "risk_matrix", "assessment", "team_member",
    "hazard", "control_measure", "audit_log", "register_property",
)  # fmt: skip
BATCH = 5000


def insert_tables(connection: Connection, rows: Mapping[str, Sequence[dict[str, Any]]]) -> None:
    """Insert rows table by table, parents first, in batches of executemany."""
    for name in INSERT_ORDER:
        table_rows = rows.get(name, ())
        table = Base.metadata.tables[name]
        for start in range(0, len(table_rows), BATCH):
            connection.execute(table.insert(), list(table_rows[start : start + BATCH]))
