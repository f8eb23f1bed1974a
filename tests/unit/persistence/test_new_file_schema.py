"""A new register's schema is made in one step from the models (``migrate.create_at_head``), not
by running every migration: held here equal to what the migrations build, table by table, so
that a migration and its model that disagree (a column, a type, a default, an index, a key) fail
this test rather than make new files unlike upgraded ones."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from wrac_desktop.persistence import migrate

# The clauses of a CREATE TABLE that name a constraint (keys, uniques, checks), in any order.
_CONSTRAINT = re.compile(
    r"CONSTRAINT \S+ (?:PRIMARY KEY|FOREIGN KEY|UNIQUE|CHECK)[^\n]*?(?=,?\s*$)", re.M
)


def _shape(connection: Connection) -> dict[str, Any]:
    """Everything about each table and index that behaves (not the order of its columns)."""
    shape: dict[str, Any] = {}
    query = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    for kind, name, sql in connection.exec_driver_sql(query).all():
        if kind != "table":
            shape[f"{kind} {name}"] = sql
            continue
        pragma = connection.exec_driver_sql
        columns = {row[1]: tuple(row[2:]) for row in pragma(f"PRAGMA table_xinfo('{name}')")}
        indexes = set()
        for _seq, index, unique, origin, partial in pragma(f"PRAGMA index_list('{name}')"):
            named = [row[2] for row in pragma(f"PRAGMA index_info('{index}')")]
            # SQLite numbers its own indexes in the order of the constraints: not a difference
            label = "(auto)" if index.startswith("sqlite_autoindex_") else index
            indexes.add((label, unique, origin, partial, tuple(named)))
        keys = {tuple(row[2:]) for row in pragma(f"PRAGMA foreign_key_list('{name}')")}
        constraints = frozenset(_CONSTRAINT.findall(sql))
        shape[f"table {name}"] = (columns, frozenset(indexes), frozenset(keys), constraints)
    return shape


def _built(make: Callable[[Connection], None]) -> tuple[dict[str, Any], list[Any]]:
    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            make(connection)
            stamped = [
                tuple(row) for row in connection.exec_driver_sql("SELECT * FROM alembic_version")
            ]
            return _shape(connection), stamped
    finally:
        engine.dispose()


def test_a_new_files_schema_is_what_the_migrations_build() -> None:
    migrated, migrated_stamp = _built(migrate.upgrade_to_head)
    made, made_stamp = _built(migrate.create_at_head)
    assert made_stamp == migrated_stamp == [(migrate.head_revision(),)]
    assert made.keys() == migrated.keys()
    differing = {
        name: (made[name], migrated[name]) for name in made if made[name] != migrated[name]
    }
    assert not differing, f"models and migrations disagree (made, migrated): {differing}"


def test_the_comparison_sees_a_default_the_models_lack() -> None:
    """The check above is not blind: a server default missing from a model shows."""

    def without_a_default(connection: Connection) -> None:
        migrate.create_at_head(connection)
        connection.exec_driver_sql("ALTER TABLE audit_log RENAME TO old_log")
        old = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'old_log'")
        sql = old.scalar_one().replace("old_log", "audit_log", 1)
        connection.exec_driver_sql(sql.replace("hash VARCHAR(64) DEFAULT '' NOT NULL",
                                               "hash VARCHAR(64) NOT NULL", 1))  # fmt: skip
        connection.exec_driver_sql("DROP TABLE old_log")

    assert _built(without_a_default)[0] != _built(migrate.upgrade_to_head)[0]
