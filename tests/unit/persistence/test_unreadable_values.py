"""``integrity.unreadable_values`` lets SQLite pick the rows worth reading (issue 22): a value
SQLite vouches for must be one the program reads, and a row it does not pick is never one
with a value the program cannot read. Odd values of every kind of column are stored, then
compared against reading every value in Python, as the check did before."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy import String, create_engine
from sqlalchemy.engine import Engine

from wrac_desktop.persistence import integrity, migrate
from wrac_desktop.persistence.models import Base

ODD_VALUES: list[object] = [
    None, 0, 1, 2, -1, 2**63 - 1, 0.5, -0.0, float("inf"), "", "x", "1", "0.5",
    "2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01", "0000-01-01", "2024-1-01",
    "10000-01-01", "2024-04-31", "2024-12-31",
    "2026-03-16 09:00:00.000000", "2026-03-16 24:00:00.000000", "2026-03-16 23:59:60.000000",
    "2026-03-16 09:00:00", "2026-03-16 09:00:00.000jjj", "2026-02-30 09:00:00.000000",
    "2026-03-16T09:00:00.000000", "0001-01-01 00:00:00.000000", "0000-12-31 00:00:00.000000",
    "0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF",
    "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcde",
    "01234567-89ab-cdef-0123-456789abcdef", "{}", "[]", '{"a":1}', "[1,]", "{a:1}", "NaN",
    "[1e999]", '"\\ud800"', "[" * 600 + "]" * 600, "1" * 5000, "[" + "1" * 30 + "]",
    "Қазақ тілі", "\x01", b"blob", b"\xff",
]  # fmt: skip
UNDECODABLE = "CAST(x'c3ffd0' AS TEXT)"


@pytest.fixture
def engine(tmp_path) -> Iterator[Engine]:
    made = create_engine(f"sqlite:///{tmp_path / 'odd.wrac'}")
    with made.begin() as connection:
        migrate.upgrade_to_head(connection)
    yield made
    made.dispose()


def _store_odd_values(engine: Engine, table_name: str) -> None:
    table = Base.metadata.tables[table_name]
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA foreign_keys = OFF")
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        names = [column.name for column in table.columns]
        quoted = ", ".join(f'"{name}"' for name in names)
        base = [_filler(column) for column in table.columns]
        rowid = 1
        for at, column in enumerate(table.columns):
            for value in [*ODD_VALUES, UNDECODABLE]:
                row = [_unique(filler, rowid) for filler in base]
                marks = ["?"] * len(names)
                if value is UNDECODABLE:
                    marks[at] = UNDECODABLE
                    del row[at]
                else:
                    row[at] = value
                if column.primary_key and value is None:
                    continue
                places = ", ".join(marks)
                try:
                    cursor.execute(
                        f'INSERT INTO "{table_name}" (rowid, {quoted}) VALUES ({rowid}, {places})',
                        row,
                    )
                except sqlite3.IntegrityError:
                    continue  # a NOT NULL or unique column: the database itself refuses
                rowid += 1
        raw.commit()
    finally:
        raw.close()


def _unique(filler: object, rowid: int) -> object:
    return f"{rowid:032x}" if filler == "uuid" else rowid if filler == "rowid" else filler


def _filler(column) -> object:
    """A value the program reads for ``column`` (each row differs from it in one column);
    "uuid" and "rowid": a UUID and a key of its own for each row."""
    if column.primary_key:
        return "rowid"
    kind = integrity._kind(column)
    assert kind is not None
    return {
        "integer": 7, "boolean": 1, "number": 1.5, "text": "т", "any": None,
        "uuid": "uuid", "date": "2024-01-31", "datetime": "2026-03-16 09:00:00.000000",
        "json": "{}",
    }[kind]  # fmt: skip


def _every_value_read(connection, table_name: str) -> list[str]:
    """What the check found before issue 22: every value read in Python."""
    original = integrity._doubtful_rows
    integrity._doubtful_rows = lambda _table, _ranges: "1"  # type: ignore[assignment]
    try:
        return integrity.unreadable_values(connection, [table_name])
    finally:
        integrity._doubtful_rows = original  # type: ignore[assignment]


@pytest.mark.parametrize("scan_rows", [1, 7])
@pytest.mark.parametrize("table_name", ["control_measure", "hazard", "audit_log", "event"])
def test_sql_picks_every_row_python_cannot_read(
    engine: Engine, table_name: str, scan_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text that is not UTF-8 has its whole piece of rows read: pieces of one row, so that
    every other row is picked (or not) by the SQL alone, and of seven."""
    monkeypatch.setattr(integrity, "_SCAN_ROWS", scan_rows)
    _store_odd_values(engine, table_name)
    with engine.connect() as connection:
        picked = integrity.unreadable_values(connection, [table_name])
        everything = _every_value_read(connection, table_name)
    assert everything, "the odd values include unreadable ones"
    assert picked == everything


@pytest.mark.parametrize("scan_rows", [1, 7])
@pytest.mark.parametrize("table_name", ["control_measure", "hazard", "audit_log", "event"])
def test_one_reading_of_the_text_finds_what_each_check_found_alone(
    engine: Engine, table_name: str, scan_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``text_pieces`` reads the text once for the unreadable values and the control
    characters both (``wrac check`` runs the two); each finds what it finds reading alone."""
    monkeypatch.setattr(integrity, "_SCAN_ROWS", scan_rows)
    _store_odd_values(engine, table_name)
    with engine.connect() as connection:
        pieces = integrity.text_pieces(connection)
        assert pieces is not None
        unreadable = integrity.unreadable_values(connection, [table_name], pieces)
        assert unreadable == integrity.unreadable_values(connection, [table_name])
        control = integrity.stored_control_characters(connection, pieces)
        assert control == integrity.stored_control_characters(connection)
    assert unreadable
    assert control or table_name == "audit_log"  # the odd values hold "\x01"


def test_the_text_read_once_holds_every_field_a_control_character_is_looked_for_in() -> None:
    """The control characters are looked for in the pieces the UTF-8 reading finds: every
    column they are looked for in must be among those it reads."""
    for table in Base.metadata.sorted_tables:
        read = set(integrity._utf8_texts(table))
        for column in table.c:
            if isinstance(column.type, String) and not integrity._read_by_type(column):
                name = column.name
                assert f"CASE typeof(\"{name}\") WHEN 'text' THEN \"{name}\" ELSE '' END" in read


def test_every_column_kind_is_vouched_for() -> None:
    """A column of a type ``_kind`` does not know would have every row read in Python."""
    unknown = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if integrity._kind(column) is None
    ]
    assert unknown == []


def test_the_fast_byte_test_finds_exactly_the_hidden_characters() -> None:
    """``_holds_hidden`` (a deletion and a pattern with a literal first byte) is true of the
    UTF-8 of a text exactly when ``_HIDDEN`` finds a character in it: every code point of
    the first four UTF-8 lengths' edges and of the ranges around the overrides, alone and
    inside other text, and text that is not UTF-8 at all."""
    points = [*range(0x00, 0x100), *range(0x2000, 0x2100), 0xFFFD, 0x10000, 0x10FFFF]
    for point in points:
        if 0xD800 <= point <= 0xDFFF:
            continue
        char = chr(point)
        for text in (char, f"жұмыс “{char}” — ok", f"{char}\u202f"):
            expected = integrity._HIDDEN.search(text) is not None
            assert integrity._holds_hidden(text.encode("utf-8")) is expected, hex(point)
    assert not integrity._holds_hidden(b"\xe2\x80\x9c\xff\xfe\xe2\x81")  # a cut-off sequence
    assert integrity._holds_hidden(b"\xff\x1f")


@pytest.mark.parametrize("table_name", ["audit_log", "risk_matrix"])
def test_long_json_values_read_apart_in_parts_are_found_alike(
    engine: Engine, table_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON value longer than ``_LONG_BYTES`` is scanned on its own, in parts cut where a
    character starts, and vouched for by SQLite's reading of it: with every odd value long
    (and parts of three bytes, so a letter of two bytes and a broken sequence fall across
    a cut), the same values are found unreadable as when every value is read in Python."""
    monkeypatch.setattr(integrity, "_LONG_BYTES", 1)
    monkeypatch.setattr(integrity, "_LONG_PIECE", 3)
    _store_odd_values(engine, table_name)
    with engine.connect() as connection:
        pieces = integrity.text_pieces(connection)
        picked = integrity.unreadable_values(connection, [table_name], pieces)
        alone = integrity.unreadable_values(connection, [table_name])
        everything = _every_value_read(connection, table_name)
    assert any("(not UTF-8 text)" in line for line in everything)
    assert picked == alone == everything


def test_a_part_ends_before_the_last_character_begins() -> None:
    assert integrity._character_start("aҚ".encode()) == 1
    assert integrity._character_start("a😀".encode()) == 1
    assert integrity._character_start(b"ab") == 1
    assert integrity._character_start(b"\x80\x80\x80\x80\x80") == 5  # no character begins
