"""The demo register written to a PostgreSQL server: schema and rows in one transaction.

PostgreSQL runs DDL inside transactions, so a failed or cancelled demo leaves the database as
it was (with ``--force``: still holding the register it had), never half-written. The rows go
in by COPY (``pg_copy``): an INSERT a row took twice as long (issue 22 item 7). The tables
are new in this transaction, so their indexes and foreign keys are built and checked once,
after the rows are in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from wrac_desktop import server_registers as server
from wrac_desktop.persistence import postgres
from wrac_desktop.persistence.pg_copy import checked_after_loading, copy_tables

Rows = dict[str, list[dict[str, Any]]]
# The tables holding nearly every row (the other few hundred rows cost nothing to check).
BULK_TABLES = ("workplace", "hazard", "control_measure", "text_translation")


def write_to_server(
    location: str, chunks: Iterable[Rows], overwrite: bool, report: Callable[[], None]
) -> None:
    """Build the schema (replacing a register there only when ``overwrite``), then the rows."""
    url = server.server_url(location)
    engine = server.create_engine_checked(url, read_only=False)
    try:
        with server.translated_errors(url), engine.begin() as connection:
            server.prepare_schema(connection, url, overwrite=overwrite)
            with checked_after_loading(connection, BULK_TABLES):
                for rows in chunks:
                    copy_tables(connection, rows, frozen=True)
                    report()
            postgres.reset_sequences(connection)  # the demo chose its ids itself
            # Statistics now, not when autovacuum gets round to it: without them the first
            # pages were planned for a tiny table (3× slower on the 50,000-hazard demo).
            postgres.analyze_keys(connection, BULK_TABLES)
    finally:
        engine.dispose()
