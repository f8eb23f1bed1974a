"""The server demo's rows loaded by COPY are the rows an INSERT a row writes (issue 22 item 7)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from wrac_desktop.persistence import bulk
from wrac_desktop.persistence.models import Base
from wrac_desktop.register import open_location
from wrac_desktop.services import server_demo
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.demo import DemoBuilder


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
    monkeypatch.setattr(server_demo, "copy_tables", bulk.insert_tables)
    server_demo.write_to_server(inserted, chunks, False, lambda: None)
    rows = _every_row(copied)
    assert rows == _every_row(inserted)
    assert len(rows["hazard"]) >= 6 and rows["text_translation"] and rows["audit_log"]
    with open_location(copied) as register:
        assert check_register(register) == []
