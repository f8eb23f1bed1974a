"""A register at a glance: what it holds, for ``wrac info`` and the About box."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from wrac_desktop.persistence.summary_queries import register_counts
from wrac_desktop.register import Register, read_property


def register_summary(register: Register) -> dict[str, Any]:
    """The register's place and what it holds, keyed as ``wrac info --json`` prints it."""
    with register.uow.reading() as session:
        counts = register_counts(session)
    return {
        "location": register.location,
        "read_only": register.read_only,
        "schema": register.schema_number,
        "created_with": read_property(register, "created_with"),
        **asdict(counts),
    }
