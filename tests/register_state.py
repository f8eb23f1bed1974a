"""What a register file holds, read with plain SQLite (no app code between test and file):
every row by table and key, and SQLite's own integrity check."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

Rows = dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]


def snapshot(path: Path) -> Rows:
    """Every row of every table, keyed by table and primary key."""
    with read_only(path) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {table: _rows(connection, table) for table in tables}


def _rows(connection: sqlite3.Connection, table: str) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    columns = list(connection.execute(f'PRAGMA table_info("{table}")'))
    key_positions = [index for index, column in enumerate(columns) if column[5]] or [0]
    rows = connection.execute(f'SELECT * FROM "{table}"')
    return {tuple(row[i] for i in key_positions): tuple(row) for row in rows}


def read_only(path: Path) -> closing[sqlite3.Connection]:
    """A plain SQLite connection that cannot change the file (nor migrate it)."""
    return closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


def integrity(path: Path) -> str:
    with read_only(path) as connection:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(row[0]) for row in rows)


def counts(rows: Rows) -> dict[str, int]:
    return {table: len(table_rows) for table, table_rows in rows.items()}


def statuses(path: Path) -> list[tuple[int, str]]:
    """Each revision's lifecycle status: what approve and revise change."""
    with read_only(path) as connection:
        query = "SELECT revision, status FROM assessment ORDER BY revision"
        return [(int(row[0]), str(row[1])) for row in connection.execute(query)]


def untouched(before: Rows, after: Rows) -> dict[str, set[tuple[Any, ...]]]:
    """The rows a whole run leaves exactly as they were."""
    return {
        table: {key for key, row in table_rows.items() if after.get(table, {}).get(key) == row}
        for table, table_rows in before.items()
    }
