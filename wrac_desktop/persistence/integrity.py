"""Database-level integrity checks, per engine.

``damage`` is what opening a register runs (cheap: SQLite's quick check, references to missing
records, missing tables or columns); ``wrac check`` runs it thoroughly and then reads every
stored value the way the program would, naming any it cannot read.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    Uuid,
    inspect,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from wrac_desktop.domain.field_titles import field_title, record_title
from wrac_desktop.errors import ForeignSchemaObjects, RegisterDamaged
from wrac_desktop.i18n import N_, _, translated
from wrac_desktop.persistence import checkpoints, migrate, newest_schema, sqlite
from wrac_desktop.persistence.models import (
    Assessment,
    AuditEntry,
    Base,
    Hazard,
    OrgUnit,
    StoredApprovalText,
    Workplace,
)
from wrac_desktop.persistence.types import JsonText
from wrac_desktop.text import (
    CONTROL_CHARACTERS,
    CONTROL_RANGE_AFTER_NUL,
    DIRECTION_OVERRIDE_RANGE,
    TEXT_CHARS_KEPT,
)

SHOWN_VALUE_CHARS = 60


def damage(connection: Connection, *, thorough: bool = False, storage: bool = True) -> list[str]:
    """What is broken in the register's storage, as readable lines (none: sound).

    Missing tables or columns, SQLite's own check of the file (``quick_check`` when opening,
    the whole ``integrity_check`` when ``thorough``) and references to missing records.
    A file too damaged to be read at all is one line with SQLite's words for it.
    ``storage=False`` leaves out SQLite's checks, which read every page (0.56 s at 100,000
    hazards): the window runs them behind (``storage_damage``), the schema's here at once.
    """
    try:
        problems = missing_schema(connection)
        if connection.dialect.name == "sqlite":
            problems += [
                _("{object} is missing").format(object=schema_object(kind, name))
                for kind, name in _missing_objects(connection)
            ]
    except DatabaseError as error:
        return [_damaged_file_of(connection, error)]
    return problems + (storage_damage(connection, thorough=thorough) if storage else [])


def storage_damage(connection: Connection, *, thorough: bool = False) -> list[str]:
    """SQLite's own check of every page and of the references between records, and texts
    longer than any the program writes, as lines."""
    if connection.dialect.name != "sqlite":
        return []  # a server keeps its own storage sound
    try:
        return sqlite.integrity_problems(connection, thorough=thorough) + oversized_texts(
            connection
        )
    except DatabaseError as error:
        return [_damaged_file_of(connection, error)]


def oversized_texts(connection: Connection) -> list[str]:
    """The fields of plain text (names, descriptions, notes) longer than ``TEXT_CHARS_KEPT``,
    each naming table, row and column, found by SQLite without reading them into Python.
    A register's JSON (its audit trail, its approval text) grows with the register and is
    read a piece at a time: not limited here."""
    problems = []
    for table in Base.metadata.sorted_tables:
        columns = [column.name for column in table.columns if isinstance(column.type, String)]
        if not columns:
            continue
        lengths = ", ".join(f'length("{name}")' for name in columns)
        # its bytes first: a text has as many or more, and SQLite counts them without decoding
        # the text (0.63 → 0.56 s CPU at 100,000 hazards); the rows found, by character
        over = " OR ".join(
            f'length(CAST("{name}" AS BLOB)) > {TEXT_CHARS_KEPT}' for name in columns
        )
        query = f'SELECT rowid, {lengths} FROM "{table.name}" WHERE {over} ORDER BY rowid'
        try:
            rows = connection.exec_driver_sql(query).all()
        except DatabaseError:  # a table or column missing: named by ``missing_schema``
            continue
        for rowid, *found in rows:
            problems += [
                _(
                    "{record} record, row {row}, field “{field}”: the text is {length:,} "
                    "characters long; the program keeps at most {most:,} in one field"
                ).format(
                    record=record_title(table.name),
                    row=rowid,
                    field=field_title(name, table.name),
                    length=length,
                    most=TEXT_CHARS_KEPT,
                )  # fmt: skip
                for name, length in zip(columns, found, strict=True)
                if length is not None and length > TEXT_CHARS_KEPT
            ]
    return problems


def damaged(path: str | Path, problems: list[str]) -> RegisterDamaged:
    """The refusal of a damaged register at ``path``: the first damage, and how many more."""
    message = _("{path} is damaged: {problem}").format(path=path, problem=problems[0])
    if len(problems) > 1:
        message += " " + _("(and {count} more; “wrac check” lists them all)").format(
            count=len(problems) - 1
        )
    return RegisterDamaged(message, problems)


def foreign(path: str | Path, objects: list[str]) -> ForeignSchemaObjects:
    """The refusal to write to a register at ``path`` holding foreign schema objects."""
    message = _(
        "{path} holds schema objects WRAC Desktop did not create ({objects}); nothing is "
        "written to it"
    ).format(path=path, objects=", ".join(objects))
    return ForeignSchemaObjects(message, [not_ours(found) for found in objects])


def damaged_file(error: BaseException, file: str = "") -> str:
    """The line of a file too damaged to read (named by ``file``, if known); SQLite's
    (English) reason kept as a detail."""
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    if file:
        return _("the file {file} is damaged and cannot be read (SQLite says: {reason})").format(
            file=file, reason=reason
        )
    return _("the file is damaged and cannot be read (SQLite says: {reason})").format(reason=reason)


def _damaged_file_of(connection: Connection, error: BaseException) -> str:
    try:
        file = sqlite.file_name(connection) if connection.dialect.name == "sqlite" else ""
    except DatabaseError:
        file = ""
    return damaged_file(error, file)


# A schema object as a damage line names it: its kind in the current language (the name is
# the program's own identifier, kept as it is, so support can find it).
_OBJECT_KINDS = {
    "table": N_("table {name}"),
    "index": N_("index {name}"),
    "trigger": N_("trigger {name}"),
    "view": N_("view {name}"),
}


def schema_object(kind: str, name: str) -> str:
    """A schema object ("trigger pwn") in the current language; an unknown kind as SQLite
    names it."""
    shown = _OBJECT_KINDS.get(kind)
    return translated(shown).format(name=name) if shown else f"{kind} {name}"


def not_ours(found: str) -> str:
    """The damage line of a schema object ``foreign_objects`` found ("trigger pwn")."""
    kind, _space, name = found.partition(" ")
    return _("{object} was not created by WRAC Desktop").format(object=schema_object(kind, name))


def missing_schema(connection: Connection) -> list[str]:
    """Tables and columns the program reads that the database lacks."""
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    problems = []
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            problems.append(
                _("the table of {record} records is missing").format(
                    record=record_title(table.name)
                )
            )
            continue
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        problems += [
            _("the table of {record} records: its field “{field}” is missing").format(
                record=record_title(table.name), field=field_title(column.name, table.name)
            )
            for column in table.columns
            if column.name not in columns
        ]
    return problems


def expected_objects() -> frozenset[tuple[str, str]]:
    """(type, name) of every table, index, trigger and view the migrations create."""
    return newest_schema.OBJECTS


def foreign_objects(connection: Connection) -> list[str]:
    """Schema objects the program did not create (a trigger that rewrites imported rows, a
    view, an index, a table), each as "trigger pwn". A register holding any is not written
    to: a trigger would run on every write, and approval would freeze what it did."""
    if connection.dialect.name != "sqlite":
        return []
    found = set(sqlite.schema_objects(connection))
    return [f"{kind} {name}" for kind, name in sorted(found - expected_objects())]


def _missing_objects(connection: Connection) -> list[tuple[str, str]]:
    found = set(sqlite.schema_objects(connection))
    return sorted(
        (kind, name) for kind, name in expected_objects() - found if kind != "table"
    )  # missing tables and columns: missing_schema says which


def storage_problems(engine: Engine) -> list[str]:
    """``damage``, thoroughly: what ``wrac check`` reports first."""
    with engine.connect() as connection:
        problems = damage(connection, thorough=True)
        foreign = foreign_objects(connection) if not problems else []
    return problems + [not_ours(found) for found in foreign]


Ranges = list[tuple[int, int]]  # (first, last) rowids of pieces of a table's rows


@dataclass(frozen=True)
class TextPieces:
    """Where a register's text needs a closer look, by table: the pieces of rows holding text
    that is not UTF-8 (``unreadable_values``) and those holding a control character
    (``stored_control_characters``), found in one reading of the text for both."""

    undecodable: dict[str, Ranges]
    control: dict[str, Ranges]


def text_pieces(connection: Connection) -> TextPieces | None:
    """The pieces of every table's rows whose text ``unreadable_values`` and
    ``stored_control_characters`` look at, for both (``wrac check`` runs both: each read all
    the text of a register, 1.3 s of CPU at 100,000 hazards). None on a server, which needs
    none, and for a file too damaged to read: each then finds its own, or its damage."""
    if connection.dialect.name != "sqlite":
        return None
    undecodable: dict[str, Ranges] = {}
    control: dict[str, Ranges] = {}
    try:
        with sqlite.tolerant_text(connection):
            for table in Base.metadata.sorted_tables:
                found = _text_ranges(connection, table, _not_utf8, _holds_hidden)
                undecodable[table.name], control[table.name] = found
    except DatabaseError:
        return None
    return TextPieces(undecodable, control)


def unreadable_values(
    connection: Connection,
    tables: Collection[str] | None = None,
    pieces: TextPieces | None = None,
) -> list[str]:
    """Stored values the program could not read (SQLite keeps whatever bytes a file holds: a
    date that is no date, text in a number column), each naming table, row and column; of
    ``tables`` only, if given. ``pieces``: ``text_pieces`` of the register as it is now.

    SQLite picks the rows worth reading (``_doubtful_rows``): those with a value it cannot
    vouch for, and those among text that is not UTF-8. Only they are read in Python, as the
    program would: reading every value of 100,000 hazards that way took a third of a check."""
    if connection.dialect.name != "sqlite":
        return []  # a server's column types admit only what they declare
    problems: list[str] = []
    with sqlite.tolerant_text(connection):
        for table in Base.metadata.sorted_tables:
            if tables is not None and table.name not in tables:
                continue
            checkpoints.passed()  # approve reads every table first: Cancel between them
            readers = [(column.name, _reader(column, connection)) for column in table.columns]
            names = ", ".join(
                f'typeof("{column.name}")' if _read_by_type(column) else f'"{column.name}"'
                for column in table.columns
            )
            try:
                ranges = (
                    pieces.undecodable[table.name]
                    if pieces is not None
                    else _undecodable_ranges(connection, table)
                )
                doubtful = _doubtful_rows(table, ranges)
                rows = connection.exec_driver_sql(
                    f'SELECT rowid, {names} FROM "{table.name}" WHERE {doubtful} ORDER BY rowid'
                )
                problems += _unreadable_rows(table.name, readers, rows)
            except DatabaseError as error:
                problems.append(
                    _("the table of {record} records: {problem}").format(
                        record=record_title(table.name), problem=damaged_file(error)
                    )
                )
    return problems


# SQL that is true of a value (never NULL) the program certainly reads, once its text is
# UTF-8; by the type the column is read as (a column of another type: every row is read).
_DIGITS = "[0-9]"
_DAY = "-".join(_DIGITS * n for n in (4, 2, 2))
_TIME = ":[0-5][0-9]:[0-5][0-9]." + _DIGITS * 6
_SURE_VALUES: dict[str, str] = {
    "integer": "typeof({c}) = 'integer'",
    "boolean": "typeof({c}) = 'integer' AND {c} IN (0, 1)",
    "number": "typeof({c}) IN ('integer', 'real')",
    "text": "typeof({c}) = 'text'",
    "any": "1",
    # 32 hex digits, as the program writes a UUID: a pattern without "*" is matched in one
    # pass (NOT GLOB '*[^0-9a-fA-F]*' tried it from each of 32 places: a microsecond a row)
    "uuid": "typeof({c}) = 'text' AND {c} GLOB '" + "[0-9a-fA-F]" * 32 + "'",
    # a day of the calendar from year 1 on (SQLite's date() passes 2024-02-30 through;
    # julianday() carries it over into March). Compared as substr()'s text: a column of a
    # date type has numeric affinity, and would compare '0001' as the number 1.
    "date": f"typeof({{c}}) = 'text' AND {{c}} GLOB '{_DAY}' AND substr({{c}}, 1, 4) <> '0000' "
    "AND date(julianday({c})) IS substr({c}, 1)",
    "datetime": f"typeof({{c}}) = 'text' AND ({{c}} GLOB '{_DAY} [01][0-9]{_TIME}' "
    f"OR {{c}} GLOB '{_DAY} 2[0-3]{_TIME}') AND substr({{c}}, 1, 4) <> '0000' "
    "AND date(julianday(substr({c}, 1, 10))) IS substr({c}, 1, 10)",
    # JSON that Python reads too: not nested deeper than its recursion allows (fewer than 500
    # brackets), no number longer than it converts (4,300 digits: none of 20)
    "json": "typeof({c}) = 'text' AND json_valid({c}) "
    "AND length({c}) - length(replace(replace({c}, '[', ''), '{{', '')) < 500 "
    f"AND {{c}} NOT GLOB '*{_DIGITS * 20}*'",
}
# The kinds above whose sure values are ASCII whenever they are text: no UTF-8 to look at.
_ASCII_KINDS = frozenset({"integer", "boolean", "number", "uuid", "date", "datetime"})
_SCAN_ROWS = 2000  # rows whose text is looked at for UTF-8 in one piece


def _kind(column: Any) -> str | None:
    """How ``_SURE_VALUES`` vouches for a column's values; None: it cannot."""
    if _read_by_type(column):
        return "any"  # only its type is read: ``_text_type`` is in the doubtful rows' SQL
    column_type = column.type
    if isinstance(column_type, JsonText):
        return "json"
    impl = getattr(column_type, "impl_instance", column_type)
    if isinstance(impl, Uuid):
        return "uuid"
    if isinstance(impl, DateTime):
        return "datetime"
    if isinstance(impl, Date):
        return "date"
    if isinstance(impl, Boolean):
        return "boolean"
    if isinstance(impl, Integer):
        return "integer"
    if isinstance(impl, Numeric | Float):
        return "number"
    if isinstance(impl, String | Text):
        return "text"
    if isinstance(impl, LargeBinary):
        return "any"
    return None


def _doubtful_rows(table: Any, ranges: Ranges) -> str:
    """An SQL condition on ``table``'s rows: true of every row holding a value the program
    may fail to read (and of some it reads well); ``ranges``: the pieces of its rows that hold
    text that is not UTF-8."""
    sure = []
    for column in table.columns:
        kind = _kind(column)
        name = f'"{column.name}"'
        if _read_by_type(column):
            sure.append(f"typeof({name}) IN ('text', 'null')")
        elif kind is None:
            return "1"
        elif kind == "json":
            sure.append(f"({name} IS NULL OR {_sure_json(column)})")
        else:
            sure.append(f"({name} IS NULL OR {_SURE_VALUES[kind].format(c=name)})")
    within = [f"rowid BETWEEN {first} AND {last}" for first, last in ranges]
    return " OR ".join([f"NOT coalesce({' AND '.join(sure) or '1'}, 0)", *within])


# A long JSON value that Python reads too (``_SURE_VALUES["json"]``), told by SQLite's own
# reading of it rather than its text: counting its brackets copied it twice, and the digests a
# bulk entry records hold runs of 20 digits (hex), so the 7.5 MB entry of a 100,000-hazard demo
# was read in Python every check (25 MB). Fewer than 500 arrays and objects, no whole number
# too long for SQLite's 64 bits (one Python might not convert).
# (CASE, not AND: SQLite may read the tree first, and json_tree fails on what is no JSON.)
_SURE_LONG_JSON = (
    "CASE WHEN typeof({c}) = 'text' AND json_valid({c}) THEN "
    "(SELECT count(*) FROM json_tree({c}) WHERE type IN ('array', 'object')) < 500 "
    "AND NOT EXISTS (SELECT 1 FROM json_tree({c}) "
    "WHERE type = 'integer' AND typeof(atom) <> 'integer') ELSE 0 END"
)


def _sure_json(column: Any) -> str:
    """SQL true of a JSON value Python reads: a long one told by ``_SURE_LONG_JSON``."""
    name = f'"{column.name}"'
    short = _SURE_VALUES["json"].format(c=name)
    long = _SURE_LONG_JSON.format(c=name)
    return f"(CASE WHEN {_bytes_of(column)} > {_LONG_BYTES} THEN {long} ELSE {short} END)"


def _undecodable_ranges(connection: Connection, table: Any) -> Ranges:
    """(first, last) rowids of each piece of rows holding text that is not UTF-8."""
    return _text_ranges(connection, table, _not_utf8)[0]


def _text_ranges(
    connection: Connection, table: Any, *found: Callable[[bytes], object]
) -> list[Ranges]:
    """``_pieces_where`` over ``_utf8_texts``: for each test of ``found``, the pieces of
    ``table``'s rows whose text it finds something in. A long JSON value is left out of its
    piece's text and read on its own, a part at a time (``_long_values``)."""
    apart = connection.exec_driver_sql("PRAGMA encoding").scalar() == "UTF-8"
    ranges = _pieces_where(connection, table.name, _utf8_texts(table, apart), *found)
    if apart:
        _long_values(connection, table, found, ranges)
    return ranges


def _utf8_texts(table: Any, long_apart: bool = False) -> list[str]:
    """SQL of the text of each column of ``table`` whose values may be other than ASCII (each
    column a control character may be in among them: those of a text type); with
    ``long_apart``, a JSON value longer than ``_LONG_BYTES`` as empty (``_long_values``)."""
    texts = []
    for column in table.columns:
        if _read_by_type(column) or _kind(column) in _ASCII_KINDS:
            continue
        text = f"CASE typeof(\"{column.name}\") WHEN 'text' THEN \"{column.name}\" ELSE '' END"
        if long_apart and isinstance(column.type, JsonText):
            text = f"CASE WHEN {_bytes_of(column)} > {_LONG_BYTES} THEN '' ELSE {text} END"
        texts.append(text)
    return texts


# A JSON value longer than this is read on its own, ``_LONG_PIECE`` bytes at a time: the bulk
# entry of a demo or of a revision's copy records a digest of every row (7.5 MB at 100,000
# hazards), and SQLite copying it through the concatenations of a piece of rows' text took
# 58 MB of ``wrac check``, growing with the register (issue 22).
_LONG_BYTES = 1 << 16
_LONG_PIECE = 1 << 20


def _bytes_of(column: Any) -> str:
    """SQL of the length in bytes of a column's value (SQLite counts a text's characters)."""
    return f'length(CAST("{column.name}" AS BLOB))'


def _long_values(
    connection: Connection, table: Any, found: Sequence[Callable[[bytes], object]],
    ranges: list[Ranges],
) -> None:  # fmt: skip
    """Add each row whose long JSON value (left out by ``_utf8_texts``) a test of ``found``
    finds something in to that test's ``ranges``, as a piece of its own. Read through a blob
    handle (SQLite's substr would load the whole value for every part), in parts cut where a
    character starts, so each test sees whole characters, as in the whole value."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    for column in table.columns:
        if not isinstance(column.type, JsonText) or _read_by_type(column):
            continue
        query = (
            f'SELECT rowid FROM "{table.name}" WHERE typeof("{column.name}") = \'text\' '
            f"AND {_bytes_of(column)} > {_LONG_BYTES} ORDER BY rowid"
        )
        for rowid in connection.exec_driver_sql(query).scalars().all():
            with driver.blobopen(table.name, column.name, rowid, readonly=True) as blob:
                hits = _found_in_parts(blob, found)
            for hit, where in zip(hits, ranges, strict=True):
                if hit:
                    where.append((rowid, rowid))


def _found_in_parts(blob: Any, found: Sequence[Callable[[bytes], object]]) -> list[bool]:
    """Whether each test of ``found`` finds something in some part of ``blob``'s bytes."""
    hits = [False] * len(found)
    carry = b""
    while True:
        read = blob.read(_LONG_PIECE)
        data = carry + read
        cut = _character_start(data) if read else len(data)
        part, carry = data[:cut], data[cut:]
        hits = [hit or bool(test(part)) for hit, test in zip(hits, found, strict=True)]
        if not read:
            return hits


def _character_start(data: bytes) -> int:
    """Where the last character of ``data`` begins (among its last four bytes: a UTF-8
    character is at most four), so that a part cut there ends with a whole one; the end of
    ``data`` where none begins there (no UTF-8 anyway)."""
    for at in range(len(data) - 1, max(len(data) - 5, -1), -1):
        if not 0x80 <= data[at] <= 0xBF:
            return at
    return len(data)


def _not_utf8(text: bytes) -> bool:
    if text.isascii():  # no copy of it decoded (the audit log's one 7.5 MB entry of a demo)
        return False
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _pieces_where(
    connection: Connection, table: str, texts: list[str], *found: Callable[[bytes], object]
) -> list[Ranges]:
    """For each test of ``found``, the (first, last) rowids of each piece of ``table``'s rows
    whose ``texts`` (SQL of text values, never NULL), read as one string of bytes, it finds
    to hold something: a piece of a few thousand rows is one value to the driver, not a value
    a field."""
    ranges: list[Ranges] = [[] for _test in found]
    if not texts:
        return ranges
    joined = " || char(10) || ".join(texts)  # a line break ends any broken sequence before it
    query = (
        f"SELECT min(r), max(r), count(*), group_concat(v, char(10)) FROM (SELECT rowid AS r, "
        f'{joined} AS v FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT {_SCAN_ROWS})'
    )
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    factory = driver.text_factory
    driver.text_factory = bytes
    try:
        start = connection.exec_driver_sql(f'SELECT min(rowid) FROM "{table}"').scalar()
        while start is not None:
            first, last, count, text = connection.exec_driver_sql(query, (start,)).one()
            if not count:
                break
            for test, where in zip(found, ranges, strict=True):
                if test(text or b""):
                    where.append((first, last))
            start = last + 1 if count == _SCAN_ROWS and last < _LAST_ROWID else None
    finally:
        driver.text_factory = factory
    return ranges


_LAST_ROWID = 2**63 - 1


def _unreadable_rows(
    table: str, readers: list[tuple[str, Callable[[Any], object]]], rows: Any
) -> Iterator[str]:
    for rowid, *values in rows:
        for (name, read), value in zip(readers, values, strict=True):
            if value is None:
                continue
            try:
                read(value)
            except Exception as error:  # noqa: BLE001 - any failure is "cannot be read"
                shown = (
                    _("(not UTF-8 text)")
                    if isinstance(value, sqlite.UndecodableText)
                    else _shortened(repr(value))
                )
                yield _(
                    "{record} record, row {row}, field “{field}”: the stored value {value} "
                    "cannot be read ({error})"
                ).format(
                    record=record_title(table), row=rowid, field=field_title(name, table),
                    value=shown, error=type(error).__name__,
                )  # fmt: skip


def _shortened(text: str) -> str:
    return text if len(text) <= SHOWN_VALUE_CHARS else text[: SHOWN_VALUE_CHARS - 1] + "…"


# The approved JSON (140 MB at 50,000 hazards): its type is read, not the value, which the
# approval's fingerprint covers byte for byte (``tamper_problems``), a piece at a time. It is
# JSON with control characters escaped, so it holds none either.
_READ_BY_TYPE = frozenset({(StoredApprovalText.__tablename__, "content")})


def _read_by_type(column: Any) -> bool:
    """Whether only the type of ``column``'s values is read (``_READ_BY_TYPE``)."""
    return (column.table.name, column.name) in _READ_BY_TYPE


def _reader(column: Any, connection: Connection) -> Callable[[Any], object]:
    """A function that reads a raw stored value as the program does, raising if it cannot."""
    if _read_by_type(column):
        return _text_type
    dialect = connection.dialect
    column_type = column.type.dialect_impl(dialect)
    process = column_type.result_processor(dialect, None)
    expected = _stored_python_types(column.type)

    def read(value: object) -> object:
        if isinstance(value, sqlite.UndecodableText):
            raise UnicodeError("not UTF-8 text")
        if expected is not None and not isinstance(value, expected):
            raise TypeError(f"{type(value).__name__} stored")
        if isinstance(column.type, Boolean) and value not in (0, 1):
            raise ValueError("not 0 or 1")
        return process(value) if process is not None else value

    return read


def _text_type(stored_type: object) -> object:
    if stored_type not in ("text", "blob", "null"):  # a blob: its UTF-8 bytes (``Utf8Text``)
        raise TypeError(f"{stored_type} stored")
    return stored_type


def _stored_python_types(column_type: Any) -> tuple[type, ...] | None:
    impl = getattr(column_type, "impl_instance", column_type)
    if isinstance(impl, Boolean | Integer):
        return (int,)
    if isinstance(impl, Numeric | Float):  # Float (a hazard's scores) is no Numeric in SA 2
        return (int, float)
    if isinstance(impl, String | Text):
        return (str,)
    return None


def schema_problems(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        revision = migrate.current_revision(connection)
        user_version = (
            sqlite.read_user_version(connection) if engine.dialect.name == "sqlite" else None
        )
    head = migrate.head_revision()
    problems = []
    if revision != head:
        problems.append(
            _("schema is at revision {revision}, expected {head}").format(
                revision=revision, head=head
            )
        )
    expected_number = migrate.schema_number(head)
    if user_version is not None and user_version != expected_number:
        problems.append(
            _("file schema number is {number}, expected {expected}").format(
                number=user_version, expected=expected_number
            )
        )
    return problems


def cross_organisation_hazards() -> object:
    """Hazards whose workplace belongs to another organisation than their assessment."""
    unit = aliased(OrgUnit)
    return (
        select(Hazard.uuid, Hazard.description)
        .join(Assessment, Hazard.assessment_id == Assessment.id)
        .join(Workplace, Hazard.workplace_id == Workplace.id)
        .join(unit, Workplace.unit_id == unit.id)
        .where(unit.organisation_id != Assessment.organisation_id)
    )


def cross_organisation_units() -> object:
    """Units whose parent belongs to another organisation."""
    parent = aliased(OrgUnit)
    return (
        select(OrgUnit.uuid, OrgUnit.name)
        .join(parent, OrgUnit.parent_id == parent.id)
        .where(parent.organisation_id != OrgUnit.organisation_id)
    )


# What the program refuses at save (``guards``) and a spreadsheet cannot store; tab and line
# breaks are text. SQLite's GLOB takes no NUL, a server's text cannot hold one.
CONTROL_PICTURES = 0x2400  # U+2400 + code: the visible picture of a control character (␁)


def pictured(text: str) -> str:
    """``text`` with each control character as its picture (U+0001 as ␁)."""
    return CONTROL_CHARACTERS.sub(lambda found: chr(CONTROL_PICTURES + ord(found[0])), text)


# What ``wrac check`` looks for: those, and the direction overrides the program refuses at save
# too (``text.DIRECTION_OVERRIDES``: a text that shows in another order than it is stored). An
# override is three bytes in UTF-8, E2 80 AA–AE or E2 81 A6–A9; E2 starts a character wherever
# it stands, so those bytes find one as surely as its character does.
_HIDDEN_RANGE = f"[{CONTROL_RANGE_AFTER_NUL}{DIRECTION_OVERRIDE_RANGE}]"
_HIDDEN = re.compile(_HIDDEN_RANGE)
_CONTROL_BYTES = bytes(code for code in range(1, 0x20) if CONTROL_CHARACTERS.match(chr(code)))
_OVERRIDE_BYTES = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")


def _holds_hidden(text: bytes) -> bool:
    """Whether ``text`` holds a byte of ``_HIDDEN_RANGE``'s control characters or the UTF-8
    of one of its overrides. A control byte is looked for by deleting them all (a C loop:
    the text is no longer if none is there), an override by a pattern with a literal first
    byte: 1 ns a byte against 11 of one pattern with three alternatives at every byte, which
    took 2 s of ``wrac check`` at 100,000 hazards (170 MB of text)."""
    return len(text.translate(None, _CONTROL_BYTES)) != len(text) or (
        _OVERRIDE_BYTES.search(text) is not None
    )


@dataclass(frozen=True)
class StoredControl:
    """A text field holding control characters: table, record (its UUID, or key), column."""

    table: str
    record: str
    column: str
    codes: tuple[int, ...]


def stored_control_characters(
    connection: Connection, pieces: TextPieces | None = None
) -> list[StoredControl]:
    """Every text field of every table holding a control character or a direction override
    (the audit log aside: it records what was saved, as it was): written before the program
    refused them, or behind its back. The database finds the rows (GLOB on SQLite, a regular
    expression on a server), so the check reads only those; ``pieces``: ``text_pieces`` of the
    register as it is now. A file too damaged to read gives none: its damage is named."""
    found: list[StoredControl] = []
    sqlite_file = connection.dialect.name == "sqlite"
    try:
        with sqlite.tolerant_text(connection) if sqlite_file else nullcontext():
            for table in Base.metadata.sorted_tables:
                if table.name != AuditEntry.__tablename__:
                    ranges = pieces.control.get(table.name) if pieces is not None else None
                    found += _control_rows(connection, table, ranges)
    except DatabaseError:
        return []
    return found


def _control_rows(
    connection: Connection, table: Any, ranges: Ranges | None
) -> Iterator[StoredControl]:
    texts = [
        column
        for column in table.c
        if isinstance(column.type, String) and not _read_by_type(column)  # Text too
    ]
    if not texts:
        return
    key = type_coerce(table.c.uuid if "uuid" in table.c else next(iter(table.primary_key)), String)
    if connection.dialect.name == "sqlite":
        # The pieces of rows whose bytes hold one first (``_holds_hidden``): GLOB on every
        # field took seconds at 100,000 hazards.
        if ranges is None:
            raw = [f"coalesce(\"{column.name}\", '')" for column in texts]
            ranges = _pieces_where(connection, table.name, raw, _holds_hidden)[0]
        if not ranges:
            return
        matches = [column.op("GLOB")(f"*{_HIDDEN_RANGE}*") for column in texts]
        rowid: ColumnElement[int] = literal_column("rowid")
        pieces = or_(*(rowid.between(first, last) for first, last in ranges))
        query = select(key, *texts).where(pieces, or_(*matches)).order_by(key)
    else:
        matches = [column.regexp_match(_HIDDEN_RANGE) for column in texts]
        query = select(key, *texts).where(or_(*matches)).order_by(key)
    for record, *values in connection.execute(query):
        for column, value in zip(texts, values, strict=True):
            codes = _HIDDEN.findall(value) if isinstance(value, str) else []
            if codes:
                ordered = tuple(sorted({ord(code) for code in codes}))
                yield StoredControl(table.name, _record_key(record), column.name, ordered)


def _record_key(value: Any) -> str:
    """A UUID as check names records (SQLite stores 32 hex digits), any other key as stored."""
    text = str(value)
    if len(text) == 32 and all(digit in "0123456789abcdefABCDEF" for digit in text):
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}".lower()
    return text
