"""Issue 22: on SQLite the state check has the database write what a row's digest covers
(``RowForm.sqlite_text``) instead of making a Python value of every field. Where SQLite says
it wrote a row, its bytes must be those json's encoder writes for the same row, byte for byte,
or registers written before would no longer check clean (or an edit would go unseen)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wrac_desktop.persistence.audit_digest import (
    RowForm,
    digest_columns,
    digest_of_bytes,
    raw_batches,
)
from wrac_desktop.persistence.audit_state import audit_problems
from wrac_desktop.persistence.models import Base
from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo

TEXTS = [
    "Қауіпті өндірістік объект: шаң, шу, діріл",  # Kazakh
    "Ёлка «кавычки» — тире",
    'quote " backslash \\ slash /',
    "controls \x00 \x01 \x08 \t \n \r \x0b \x0c \x1b \x1f \x7f end",
    "line\u2028separator\u2029 and \ufeff bom",
    "emoji 🦺 and 𝄞 beyond the basic plane",
    "e\u0301 decomposed, é composed",
    "",
]
# (value, whether SQLite may vouch for it) of a number column (a hazard's score)
NUMBERS = [
    (None, True), (4, True), (4.0, True), (-7, True), (-7.0, True), (19.0, True),
    (999_999_999_999_999, True), (1_000_000_000_000_000, False), (2**62, False),
    (-(2**63), False), (2.5, False), (0.1, False), (1e300, False), (0, True), (0.0, False),
    ("4", False), ("junk", False), (b"\x01\x02", False),
]  # fmt: skip
UUIDS = [
    ("0123456789abcdef0123456789ABCDEF", True),
    ("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", True),  # not hex, yet dashed by Python too
    ("ÄBCDEF0123456789abcdef0123456789", False),  # not ASCII: lower() differs
    ("0123456789abcdef", False),
    (b"0123456789abcdef0123456789abcdef", False),
    (12345, False),
]
DAYS = [(None, True), ("2026-03-16", True), ("not a day", True), (20260316, False)]


def _sqlite_made(path: Path, table_name: str) -> list[tuple[str | None, str]]:
    """(digest of what SQLite wrote, digest Python makes) for every row of the table."""
    table = Base.metadata.tables[table_name]
    form = RowForm(table, digest_columns(table))
    made = form.sqlite_text()
    assert made is not None
    names = [column.name for column in table.c if column.name != "approved_content"]
    pairs = []
    with open_register(path) as register, register.uow.reading() as session:
        for batch in raw_batches(session, table, columns=names, computed=[made]):
            for *values, written in batch:
                by_sqlite = None if written is None else digest_of_bytes(written)
                pairs.append((by_sqlite, form.stored_digest(values, names)))
    return pairs


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "d.wrac"
    write_demo(path, workplaces=4, seed=5, lang="kk")
    return path


def test_sqlite_writes_a_row_as_json_does_or_leaves_it_to_python(demo: Path) -> None:
    with sqlite3.connect(demo) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM hazard ORDER BY id")]
        rows = len(TEXTS) + len(NUMBERS) + len(UUIDS) + 1
        assert len(ids) >= rows
        at = iter(ids)
        for text in TEXTS:
            connection.execute("UPDATE hazard SET notes = ?, description = ? WHERE id = ?",
                               (text, text[::-1], next(at)))  # fmt: skip
        for number, _sure in NUMBERS:
            connection.execute("UPDATE hazard SET initial_score = ? WHERE id = ?",
                               (number, next(at)))  # fmt: skip
        for uuid, _sure in UUIDS:
            connection.execute("UPDATE hazard SET lineage = ? WHERE id = ?", (uuid, next(at)))
        for day, _sure in DAYS:  # a measure's due date: a Date column
            connection.execute(
                "UPDATE control_measure SET due_date = ? WHERE id = "
                "(SELECT min(id) FROM control_measure)",
                (day,),
            )
            connection.commit()
            pairs = _sqlite_made(demo, "control_measure")
            assert all(sqlite == python for sqlite, python in pairs if sqlite is not None)
        connection.execute("UPDATE hazard SET category = 2.5, causes = x'00ff' WHERE id = ?",
                           (next(at),))  # fmt: skip
        connection.commit()
    pairs = _sqlite_made(demo, "hazard")
    vouched = [(sqlite, python) for sqlite, python in pairs if sqlite is not None]
    assert vouched and all(sqlite == python for sqlite, python in vouched)
    expected_unsure = sum(not sure for _value, sure in NUMBERS + UUIDS) + 1
    assert len(pairs) - len(vouched) == expected_unsure


def test_every_table_written_in_bulk_is_written_by_sqlite_as_by_python(demo: Path) -> None:
    for table_name in ("hazard", "control_measure", "workplace", "text_translation"):
        pairs = _sqlite_made(demo, table_name)
        assert pairs and all(sqlite == python for sqlite, python in pairs), table_name


def test_an_edit_sqlite_cannot_vouch_for_is_still_found(demo: Path) -> None:
    """A score edited to a fraction, a UUID to bytes: read in Python and named."""
    with sqlite3.connect(demo) as connection:
        connection.execute("UPDATE hazard SET initial_score = 2.5 WHERE id = 2")
        connection.execute("UPDATE control_measure SET description = 'тихо' WHERE id = 3")
    with open_register(demo) as register, register.uow.reading() as session:
        found = audit_problems(session)
    assert len([line for line in found if "changed outside the app" in line]) == 2, found


def test_a_hazard_whose_search_text_no_longer_follows_is_named(demo: Path) -> None:
    """SQLite joins the searched fields, Python folds them; a field that is no text (an
    integer slipped in) is joined in Python, as it always was."""
    with sqlite3.connect(demo) as connection:
        connection.execute("UPDATE hazard SET search_text = 'шаң' WHERE id = 2")
        connection.execute("UPDATE hazard SET notes = 5 WHERE id = 3")
        connection.execute(
            "UPDATE hazard SET notes = 5, search_text = search_text || '5' "
            "WHERE id = 4 AND notes = ''"
        )
        uuids = [
            connection.execute("SELECT uuid FROM hazard WHERE id = ?", (row,)).fetchone()[0]
            for row in (2, 3, 4)
        ]
    with open_register(demo) as register, register.uow.reading() as session:
        found = audit_problems(session)
    underived = [line for line in found if "search text does not follow" in line]
    shown = [f"{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}" for u in uuids]
    assert [any(uuid in line for line in underived) for uuid in shown] == [True, True, False]
