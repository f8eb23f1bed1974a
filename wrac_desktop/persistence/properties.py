"""The register's key → text properties (created_with, merge bookkeeping, a register's own
reference values), read and written through the session or, while a register is being
created, through its first connection."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import RegisterProperty


def read_json_property(session: Session, key: str) -> Any:
    """A property's value read as JSON; None when it is missing or not JSON."""
    record = session.get(RegisterProperty, key)
    if record is None:
        return None
    try:
        return json.loads(record.value)
    except ValueError:
        return None


def json_properties(session: Session, prefix: str) -> dict[str, Any]:
    """Every register property whose key starts with ``prefix``, its value read as JSON."""
    query = select(RegisterProperty.key).where(RegisterProperty.key.startswith(prefix))
    return {key: read_json_property(session, key) for key in list(session.scalars(query))}


def read_property(session: Session, key: str) -> str | None:
    """A property's text, None when the register has none by that key."""
    record = session.get(RegisterProperty, key)
    return None if record is None else record.value


def write_property(session: Session, key: str, value: str) -> None:
    """Set a property, adding it when the register has none by that key."""
    record = session.get(RegisterProperty, key)
    if record is None:
        session.add(RegisterProperty(key=key, value=value))
    else:
        record.value = value


def insert_properties(connection: Connection, values: Mapping[str, str]) -> None:
    """Store new properties while the register is created, before any session exists."""
    for key, value in values.items():
        connection.execute(insert(RegisterProperty).values(key=key, value=value))
