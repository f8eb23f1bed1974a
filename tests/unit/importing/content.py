"""The register's content as plain rows, to prove that a failed import changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from wrac_desktop.persistence.models import Base
from wrac_desktop.register import Register


def content(register: Register) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, audit log included, in id order."""
    tables = {}
    with register.uow.reading() as session:
        for name, table in Base.metadata.tables.items():
            tables[name] = [tuple(row) for row in session.execute(select(table))]
    return tables
