"""The bulk writer (issue 22 item 6) stores what SQLAlchemy's own insert stores: the same rows,
every column converted for the engine as Core converts it, and the default of every column a
row leaves out, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from itertools import groupby
from typing import Any

from sqlalchemy import select

from wrac_desktop.persistence.bulk import INSERT_ORDER, insert_tables
from wrac_desktop.persistence.models import Base
from wrac_desktop.register import create_location, open_location
from wrac_desktop.services.demo import DemoBuilder

CHAINED = ("audit_log", "register_property")  # a new register's chain has begun already


def stored(location: str) -> dict[str, list[tuple[Any, ...]]]:
    with open_location(location) as register, register.engine.connect() as db:
        return {
            name: [tuple(row) for row in db.execute(select(table).order_by(*table.primary_key))]
            for name, table in Base.metadata.tables.items()
            if name in INSERT_ORDER and name not in CHAINED
        }


def demo_rows() -> list[dict[str, list[dict[str, Any]]]]:
    """The rows of a small demo, and measures that vary what the demo keeps the same: a time
    in another zone, amounts written three ways, a measure with columns left out."""
    chunks = list(DemoBuilder(random.Random(4), "kk").build_chunks(3))
    measures = chunks[-1]["control_measure"]
    last = measures[-1]
    almaty = datetime(2026, 3, 16, 14, 0, tzinfo=timezone(timedelta(hours=5)))
    for number, cost in enumerate((Decimal("5000.00"), Decimal("5000"), 5000.5), 1):
        measures.append(
            {**last, "id": last["id"] + number, "uuid": uuid.uuid4(), "cost": cost,
             "created_at": almaty, "completed_on": date(2026, 4, number)}
        )  # fmt: skip
    bare = {key: last[key] for key in ("hazard_id", "level", "kind", "description", "status")}
    measures.append({**bare, "id": last["id"] + 9})  # uuid, stamps, texts: their defaults
    return chunks


def test_the_bulk_writer_stores_what_core_stores(new_location: Callable[[str], str]) -> None:
    """Every table the demo writes, and measures that leave columns out, in one call with
    the measures that do not (each group of keys gets its own statement)."""
    core, bulk = new_location("core"), new_location("bulk")
    for location in (core, bulk):
        create_location(location).close()
    chunks = demo_rows()
    with open_location(core) as register, register.engine.begin() as db:
        for rows in chunks:
            for name in INSERT_ORDER:
                for _keys, same in groupby(rows.get(name, ()), key=tuple):
                    if name not in CHAINED:  # Core wants the same keys in one call
                        db.execute(Base.metadata.tables[name].insert(), list(same))
    with open_location(bulk) as register, register.engine.begin() as db:
        for rows in chunks:
            insert_tables(db, {k: v for k, v in rows.items() if k not in CHAINED})
    by_core, by_bulk = stored(core), stored(bulk)
    assert sum(len(rows) for rows in by_bulk.values()) > 100
    for name in by_core:
        if name == "control_measure":  # the measure left bare got a fresh UUID and time
            last_core, last_bulk = by_core[name].pop(), by_bulk[name].pop()
            columns = [column.name for column in Base.metadata.tables[name].c]
            fresh = {"uuid", "created_at", "modified_at"}
            assert [v for c, v in zip(columns, last_core, strict=True) if c not in fresh] == [
                v for c, v in zip(columns, last_bulk, strict=True) if c not in fresh
            ]
            assert all(v is not None for c, v in zip(columns, last_bulk, strict=True) if c in fresh)
        assert by_bulk[name] == by_core[name], name
