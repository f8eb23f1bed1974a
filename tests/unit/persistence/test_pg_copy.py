"""The server demo's rows loaded by COPY are the rows an INSERT a row writes, its tables
loaded before their keys and indexes are built, which end as the migrations make them
(issue 22 item 7)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from wrac_desktop.persistence import bulk, migrate, pg_copy, postgres
from wrac_desktop.persistence.models import Base
from wrac_desktop.register import open_location
from wrac_desktop.services import server_demo
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.demo import DemoBuilder

# Every constraint and index of the register's tables, as the server would build it again.
SCHEMA = text(
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE connamespace = 'public'::regnamespace UNION ALL "
    "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
)


def _chunks() -> list[dict[str, list[dict[str, Any]]]]:
    return list(DemoBuilder(random.Random(5), "kk").build_chunks(6))


def _every_row(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                name: [
                    tuple(row)
                    for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns)
                    )
                ]  # fmt: skip
                for name, table in Base.metadata.tables.items()
            }
    finally:
        engine.dispose()


def test_copied_rows_are_the_inserted_rows(
    new_database: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    copied, inserted = new_database(), new_database()
    chunks = _chunks()  # the same rows both ways (the audit's times are the builder's now)
    server_demo.write_to_server(copied, chunks, False, lambda: None)
    monkeypatch.setattr(
        server_demo,
        "copy_tables",
        lambda connection, rows, **_: bulk.insert_tables(connection, rows),
    )
    server_demo.write_to_server(inserted, chunks, False, lambda: None)
    rows = _every_row(copied)
    assert rows == _every_row(inserted)
    assert len(rows["hazard"]) >= 6 and rows["text_translation"] and rows["audit_log"]
    with open_location(copied) as register:
        assert check_register(register) == []


def _schema(connection: Connection) -> set[tuple[str, str, str]]:
    return {(table, name, definition) for table, name, definition in connection.execute(SCHEMA)}


def _in_database(url: str, action: Callable[[Connection], Any]) -> Any:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            return action(connection)
    finally:
        engine.dispose()


def test_the_big_tables_are_loaded_before_their_keys_and_indexes_are_built(
    new_database: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    demo, migrated = new_database(), new_database()
    while_loading: list[set[tuple[str, str, str]]] = []

    def copy_noting_the_schema(connection: Connection, rows: Any, **options: Any) -> None:
        while_loading.append(_schema(connection))
        pg_copy.copy_tables(connection, rows, **options)

    monkeypatch.setattr(server_demo, "copy_tables", copy_noting_the_schema)
    server_demo.write_to_server(demo, _chunks(), False, lambda: None)
    for table in server_demo.BULK_TABLES:  # a row at a time, only the primary key to keep
        assert {name for on, name, _ in while_loading[0] if on == table} == {f"pk_{table}"}
    assert _in_database(demo, _schema) == _in_database(migrated, _migrated_schema)


def _migrated_schema(connection: Connection) -> set[tuple[str, str, str]]:
    migrate.upgrade_to_head(connection)
    return _schema(connection)


def test_a_row_breaking_a_foreign_key_fails_the_whole_demo(
    new_database: Callable[[], str],
) -> None:
    url = new_database()
    chunks = _chunks()
    chunks[-1]["control_measure"][0]["hazard_id"] = 10**6  # no such hazard
    with pytest.raises(IntegrityError, match="fk_control_measure_hazard_id_hazard"):
        server_demo.write_to_server(url, chunks, False, lambda: None)
    assert _in_database(url, postgres.is_empty)


def test_the_planner_knows_the_key_columns_and_autovacuum_the_rest(
    new_database: Callable[[], str],
) -> None:
    """The long texts' statistics took 3 s of the 50,000-hazard demo: autovacuum gathers
    them once the rows are in (an ANALYZE of some columns leaves its count of changed rows)."""
    url = new_database()
    server_demo.write_to_server(url, _chunks(), False, lambda: None)
    query = text("SELECT attname FROM pg_stats WHERE tablename = 'hazard'")
    gathered = set(_in_database(url, lambda connection: connection.execute(query).scalars().all()))
    assert {"id", "uuid", "workplace_id", "assessment_id"} <= gathered
    assert "description" not in gathered and "search_text" not in gathered


def test_the_demo_rows_are_frozen_so_the_first_reader_writes_no_page(
    new_database: Callable[[], str],
) -> None:
    """Without COPY … FREEZE the first reader after the commit dirtied 1,713 of the 50,000-hazard
    demo's 6,551 measure pages to mark their rows committed, and autovacuum wrote them again."""
    url = new_database()
    server_demo.write_to_server(url, _chunks(), False, lambda: None)
    query = text(
        "SELECT relname, relpages, relallvisible FROM pg_class WHERE relname = ANY(:tables)"
    )
    tables = {"tables": list(server_demo.BULK_TABLES)}
    counted = _in_database(url, lambda connection: connection.execute(query, tables).all())
    assert len(counted) == len(server_demo.BULK_TABLES)
    assert all(pages > 0 and visible == pages for _name, pages, visible in counted), counted
