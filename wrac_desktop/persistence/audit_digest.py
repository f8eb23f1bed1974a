"""State digests: what a bulk write records of each row it wrote, so check can compare.

Writers that bypass the ORM for speed (the demo, a revision's copy) record one summary entry in
the audit chain instead of one entry a record. That entry carries a short digest of every row
written (``{"state": …}`` in its changes), so a later edit of such a row behind the app's back
is found like an edit of any other record (``audit_state``).

A digest covers the audited fields named in the entry, each in a canonical form that is the
same whether it is read back from SQLite or PostgreSQL, held by a writer as a Python value, or
recorded in an update entry's JSON: 16 hex digits of BLAKE2b-64 over the compact JSON list
of them, in the entry's column order (``converter``: a number as the repr of its float, a UUID
as 36 lower-case characters, a date and a time in ISO form (a time in UTC, no zone), a flag as
0 or 1, a JSON value re-dumped with sorted keys, text and whole numbers as stored; a value that
cannot be read as its column's type as ``"\x00junk:"`` and its repr).
Recorded form (format 1)::

    {"state": {"format": 1, "tables": {TABLE: {"columns": [NAME, …],
                                                "rows": [[FIRST_ID, "DIGEST DIGEST…"], …]}},
               "audited": [TABLE, …]}}

where each run holds the digests of rows FIRST_ID, FIRST_ID + 1, … concatenated (16 hex
digits each), and "audited" (since the re-assessment flags are audited; absent before) names
the tables every row of which the chain holds when this record starts it. Never change what
format 1 hashes: registers written with it must keep checking.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Numeric,
    Table,
    TypeDecorator,
    Uuid,
    literal_column,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from wrac_desktop.persistence.json_form import compact_encoder, sorted_json
from wrac_desktop.persistence.models import Base, ReassessmentFlag, Record
from wrac_desktop.persistence.types import JsonText

STATE_KEY = "state"
FORMAT = 1
DIGEST_CHARS = 16
# Not audited (``audit._NOT_AUDITED``) and not in a digest: bookkeeping and derived text. (The
# approved JSON, a column of assessment until schema 15, was never in one either: the approval
# fingerprint covers it; it is in a table of its own now, which the chain does not cover.)
NOT_DIGESTED = frozenset({"id", "modified_at", "row_version", "search_text", "created_at"})
_JUNK = "\x00junk:"  # the prefix of a value that cannot be read as its column's type


# The audited models: every record, and the re-assessment flags (issue 18), which carry a UUID
# but none of a record's bookkeeping. Their entries began later than the records' (see
# ``AUDITED_KEY``).
AUDITED = (Record, ReassessmentFlag)
# In a record of state (a complete register's first entry): the tables every row of which is
# in the chain. A record of state without it was written when the flags were not audited.
AUDITED_KEY = "audited"
FLAGS_AUDITED_LATER = frozenset({ReassessmentFlag.__tablename__})


def audited_tables() -> list[Table]:
    """The tables of audited rows (each has a UUID and is audited), parents first."""
    records = {
        str(mapper.class_.__tablename__)
        for mapper in Record.registry.mappers
        if issubclass(mapper.class_, AUDITED)
    }
    return [table for table in Base.metadata.sorted_tables if table.name in records]


def digest_columns(table: Table) -> list[str]:
    return [column.name for column in table.c if column.name not in NOT_DIGESTED]


Convert = Callable[[Any], Any]


def canonical(column: Column[Any] | None, value: Any) -> Any:
    """``value`` of ``column`` in the one form every reader and writer agrees on."""
    if value is None:
        return None
    convert = converter(column)
    return value if convert is None else convert(value)


@cache
def converter(column: Column[Any] | None) -> Convert | None:
    """How to bring a value of ``column`` (not None) to its canonical form; None: as it is.

    Chosen once per column: the check runs on every opening over every row (80,000 rows at
    10,000 hazards and their revision's copy)."""
    kind = column.type if column is not None else None
    if isinstance(kind, JsonText):
        return _json
    if isinstance(kind, TypeDecorator):  # UtcDateTime: compared as the type it stores
        kind = kind.impl_instance
    if isinstance(kind, Uuid):
        return _uuid
    if isinstance(kind, Numeric | Float):  # 900000, 900000.0 and "900000.00" are one amount
        return _number
    if isinstance(kind, Boolean):
        return _flag
    if isinstance(kind, DateTime):
        return _moment
    if isinstance(kind, Date):
        return _day
    return None  # text and whole numbers: as stored (json.dumps names anything else)


def _remembered(convert: Convert | None) -> Convert | None:
    """``convert`` remembering its result for each of the first ``REMEMBERED`` values, where
    equal values always have equal canonical forms (dates, times, amounts: a register's rows
    share a few hundred of them; not flags, where 1.0 equals True but is junk)."""
    if convert not in _REPEATING:
        return convert
    assert convert is not None
    seen: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            result = seen[value] = convert(value)
            if len(seen) > REMEMBERED:
                seen.clear()
            return result
        except TypeError:  # not hashable (a junk value read back)
            return convert(value)

    return remembered


REMEMBERED = 4096


def _uuid(value: Any) -> str:
    if type(value) is str and len(value) == 32:  # as SQLite stores one: most of all rows
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}".lower()
    if isinstance(value, uuid.UUID):
        return str(value)
    text = str(value)
    if len(text) == 32:  # SQLite stores a UUID as 32 hex digits
        text = f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text.lower() if len(text) == 36 else _junk(value)


def _number(value: Any) -> Any:
    try:
        return repr(float(value))
    except (ValueError, TypeError):
        return _junk(value)


def _flag(value: Any) -> Any:
    return int(value) if isinstance(value, bool | int) else _junk(value)


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _junk(value: Any) -> str:
    return f"{_JUNK}{value!r}"


def _json(value: Any) -> Any:
    if isinstance(value, str | bytes):
        try:
            value = json.loads(value)
        except ValueError:
            return _junk(value)
    return sorted_json(value)


def _moment(value: Any) -> str:
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return _junk(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


# The conversions whose equal values have equal canonical forms (see ``_remembered``).
_REPEATING = frozenset({_moment, _day, _number})

# By conversion: SQLite SQL true of a stored value {c} that the SQL after it writes as the
# conversion does (``RowForm.sqlite_text``), and that SQL. A value it cannot vouch for (junk
# left by an edit, a number with a fraction, a zero that may be -0.0) is read in Python: the
# SQL need only be right where it says it is. Whole numbers below 10^15 are exact as floats,
# and repr writes them "N.0" below 10^16; ``_uuid`` dashes any text of 32 characters. None of
# the JSON and time conversions: no table written in bulk in quantity has such a column.
_WHOLE = "BETWEEN -999999999999999 AND 999999999999999"
_SQLITE_FORMS: dict[Convert | None, tuple[str, str]] = {
    None: ("typeof({c}) IN ('text', 'integer', 'null')", "{c}"),
    _uuid: (
        # 32 characters, all ASCII (so lower() folds them as Python's does): 32 bytes.
        # (GLOB of 32 hex digits took 0.85 s a column at 700,000 measures; this, 0.1 s.)
        "{c} IS NULL OR (typeof({c}) = 'text' AND length(CAST({c} AS BLOB)) = 32 "
        "AND length({c}) = 32)",
        "lower(substr({c}, 1, 8) || '-' || substr({c}, 9, 4) || '-' || substr({c}, 13, 4) "
        "|| '-' || substr({c}, 17, 4) || '-' || substr({c}, 21))",
    ),
    _number: (
        f"{{c}} IS NULL OR (typeof({{c}}) = 'integer' AND {{c}} {_WHOLE}) OR (typeof({{c}}) = "
        f"'real' AND {{c}} <> 0 AND {{c}} {_WHOLE} AND {{c}} = CAST({{c}} AS INTEGER))",
        "CAST({c} AS INTEGER) || '.0'",
    ),
    _flag: ("typeof({c}) IN ('integer', 'null')", "{c}"),
    _day: ("typeof({c}) IN ('text', 'null')", "{c}"),
}


class RowForm:
    """How the rows of one table are digested: its digest columns, each one's conversion and
    the default an insert gives it when a writer leaves it out."""

    def __init__(self, table: Table, columns: Sequence[str]) -> None:
        self.table = table
        self.columns = list(columns)
        found = [table.c.get(name) for name in self.columns]
        self._convert = [_remembered(converter(column)) for column in found]
        self._default = [_scalar_default(column) for column in found]
        self._plans: dict[tuple[str, ...], Callable[[Sequence[Any]], str]] = {}
        self._given: dict[tuple[str, ...], _Given] = {}

    def digest(self, values: Mapping[str, Any]) -> str:
        """The digest of one row: ``values`` of the columns (a column gone from the table
        counts as empty; a value absent from ``values`` is the column's default)."""
        canon = []
        for name, convert, default in zip(self.columns, self._convert, self._default, strict=True):
            value = values.get(name, default)
            canon.append(value if convert is None or value is None else convert(value))
        return _digest_of(canon)

    def digests(self, rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
        """``digest`` of each of ``rows``, made the way ``stored_digest`` makes them: one C-level
        pick a row and a conversion only where a column has one (a bulk writer digests every
        row it writes: this took a quarter of the demo's time one ``digest`` at a time)."""
        for keys, run in groupby(rows, key=tuple):
            plan = self._given.get(keys)
            if plan is None:
                plan = self._given[keys] = self._given_plan(keys)
            pick, converted = plan
            encode, blake2b, size = _ENCODE, _BLAKE2B, _DIGEST_BYTES
            for row in run:
                canon = pick(row)  # a new list: converted in place
                for position, convert in converted:
                    value = canon[position]
                    if value is not None:
                        canon[position] = convert(value)
                yield blake2b(encode(canon).encode(), digest_size=size).hexdigest()

    def _given_plan(self, keys: Sequence[str]) -> _Given:
        """How ``digests`` takes the digested values out of a mapping with ``keys``: a column
        the mapping lacks is its default, as in ``digest``."""
        given = set(keys)
        present = [name for name in self.columns if name in given]
        absent = [
            (position, default)
            for position, (name, default) in enumerate(
                zip(self.columns, self._default, strict=True)
            )
            if name not in given
        ]
        getter = itemgetter(*present) if len(present) > 1 else None

        def pick(row: Mapping[str, Any]) -> list[Any]:
            values = list(getter(row)) if getter is not None else [row[n] for n in present]
            for position, default in absent:
                values.insert(position, default)
            return values

        return pick, self._converted()

    def stored_digest(self, row: Sequence[Any], names: Sequence[str]) -> str:
        """The digest of one row as ``raw_batches`` reads it (values in the order of
        ``names``, the table's columns): what ``digest`` gives for the same row as a mapping,
        without making one (the check digests every row written in bulk)."""
        return self.stored_digester(names)(row)

    def stored_digester(self, names: Sequence[str]) -> Callable[[Sequence[Any]], str]:
        """``stored_digest`` for rows read as ``names``, made once for all of them (the check
        digests every row written in bulk: 450,000 at 100,000 hazards)."""
        key = tuple(names)
        digester = self._plans.get(key)
        if digester is None:
            digester = self._plans[key] = self._digester(names)
        return digester

    def _digester(self, names: Sequence[str]) -> Callable[[Sequence[Any]], str]:
        pick, converted = self._plan(names)
        encode, blake2b, size = _ENCODE, _BLAKE2B, _DIGEST_BYTES

        def digest(row: Sequence[Any]) -> str:
            canon = list(pick(row))
            for position, convert in converted:
                value = canon[position]
                if value is not None:
                    canon[position] = convert(value)
            return blake2b(encode(canon).encode(), digest_size=size).hexdigest()

        return digest

    def _plan(self, names: Sequence[str]) -> _Plan:
        """How ``stored_digest`` takes the digested values out of a row read as ``names``: one
        C-level pick (a column the row lacks is its default, always None: see ``digest``),
        then the conversions, only where a column has one."""
        at = {name: index for index, name in enumerate(names)}
        absent = len(names)  # the index of a None appended for the columns a row lacks
        indices = [at.get(name, absent) for name in self.columns]
        getter = itemgetter(*indices) if len(indices) > 1 else None

        if absent not in indices and getter is not None:
            return getter, self._converted()  # the usual case: every column is in the row

        def pick(row: Sequence[Any]) -> Sequence[Any]:
            full = (*row, None) if absent in indices else row
            return getter(full) if getter is not None else [full[i] for i in indices]

        return pick, self._converted()

    def _converted(self) -> list[tuple[int, Convert]]:
        return [
            (position, convert)
            for position, convert in enumerate(self._convert)
            if convert is not None
        ]

    def sqlite_text(self) -> str | None:
        """SQLite SQL of the UTF-8 bytes ``stored_digest`` hashes for a row of ``table``, or
        NULL for a row holding a value it cannot vouch to write as ``stored_digest`` would
        (``_SQLITE_FORMS``: read in Python instead); None if a column has no such form (the
        check then digests every row in Python). json_array escapes text as json does with
        ensure_ascii off, byte for byte (``tests/unit/persistence/test_sqlite_digests.py``).
        Digested in Python, 930,000 rows of a twice-revised 100,000-hazard register took 8 s
        of CPU, most of it making a Python value of every field; made by SQLite, 3 s."""
        sure, values = [], []
        for name in self.columns:
            column = self.table.c.get(name)
            if column is None:
                values.append("NULL")  # a column gone from the table: None, as in Python
                continue
            form = _SQLITE_FORMS.get(converter(column))
            if form is None:
                return None
            quoted = f'"{name}"'
            sure.append(form[0].format(c=quoted))
            values.append(form[1].format(c=quoted))
        vouched = " AND ".join(f"({each})" for each in sure) or "1"
        return f"CASE WHEN {vouched} THEN CAST(json_array({', '.join(values)}) AS BLOB) END"


_Plan = tuple[Callable[[Sequence[Any]], Sequence[Any]], list[tuple[int, Convert]]]
_Given = tuple[Callable[[Mapping[str, Any]], list[Any]], list[tuple[int, Convert]]]


# A row's canonical values as format 1 hashes them: json.dumps(canon, ensure_ascii=False,
# separators=(",", ":"), default=repr), the encoder made once (JSONEncoder.encode makes one a
# call: 40 % of a digest) and the texts' quoted forms remembered (a third of encoding them).
_ENCODE = compact_encoder(sort_keys=False, default=repr)
_BLAKE2B = hashlib.blake2b
_DIGEST_BYTES = DIGEST_CHARS // 2


def _digest_of(canon: list[Any]) -> str:
    return _BLAKE2B(_ENCODE(canon).encode(), digest_size=_DIGEST_BYTES).hexdigest()


def digest_of_bytes(encoded: bytes) -> str:
    """The digest of a row whose JSON ``RowForm.sqlite_text`` made (its UTF-8 bytes)."""
    return _BLAKE2B(encoded, digest_size=_DIGEST_BYTES).hexdigest()


def joined_digests(encoded: Sequence[bytes]) -> str:
    """``digest_of_bytes`` of each of ``encoded``, joined as a bulk entry records them; in one
    comprehension (a call a row was a fifth of the state pass); TypeError for a None."""
    blake2b, size = _BLAKE2B, _DIGEST_BYTES
    return "".join([blake2b(each, digest_size=size).hexdigest() for each in encoded])


def row_digest(table: Table, columns: Sequence[str], values: Mapping[str, Any]) -> str:
    return RowForm(table, columns).digest(values)


def _scalar_default(column: Column[Any] | None) -> Any:
    default = column.default if column is not None else None
    if default is not None and default.is_scalar:
        return default.arg  # type: ignore[attr-defined]
    return None


class _DigestRun:
    """The digests of rows ``first``, ``first`` + 1, … in one string, joined as they come a
    thousand at a time: 450,000 digests held each as a string of its own were 28 MB of a
    revision's copy at 100,000 hazards, joined 7 MB."""

    JOINED = 1024

    def __init__(self, first: int) -> None:
        self.first = first
        self.count = 0
        self._joined: list[str] = []
        self._pending: list[str] = []

    def follows(self, row_id: int) -> bool:
        return self.first + self.count == row_id

    def add(self, digest: str) -> None:
        self.count += 1
        self._pending.append(digest)
        if len(self._pending) >= self.JOINED:
            self._joined.append("".join(self._pending))
            self._pending.clear()

    def extend(self, digests: list[str]) -> None:
        """The digests of the next ``len(digests)`` rows, joined at once."""
        if self._pending:
            self._joined.append("".join(self._pending))
            self._pending.clear()
        self.count += len(digests)
        self._joined.append("".join(digests))

    def text(self) -> str:
        return "".join(self._joined) + "".join(self._pending)


class BulkState:
    """The digests of the rows a bulk write makes, gathered as it makes them."""

    def __init__(self) -> None:
        self._runs: dict[str, list[_DigestRun]] = {}
        self._forms = {
            table.name: RowForm(table, digest_columns(table)) for table in audited_tables()
        }

    def add(self, table: str, row_id: int, values: Mapping[str, Any]) -> None:
        form = self._forms.get(table)
        if form is None:
            return
        self._append(self._runs.setdefault(table, []), row_id, form.digest(values))

    def add_rows(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Add rows as a writer holds them (a row without an id yet is left out)."""
        form = self._forms.get(table)
        if form is None:
            return
        numbered = [row for row in rows if row.get("id") is not None]
        runs = self._runs.setdefault(table, [])
        if not numbered:
            return
        ids = [row["id"] for row in numbered]
        first = ids[0]
        if ids == list(range(first, first + len(ids))):  # as a bulk writer numbers its rows
            if not runs or not runs[-1].follows(first):
                runs.append(_DigestRun(first))
            runs[-1].extend(list(form.digests(numbered)))
            return
        for row_id, digest in zip(ids, form.digests(numbered), strict=True):
            self._append(runs, row_id, digest)

    @staticmethod
    def _append(runs: list[_DigestRun], row_id: int, digest: str) -> None:
        """Add a row's digest to the last run of a table's rows if it follows it."""
        if not runs or not runs[-1].follows(row_id):
            runs.append(_DigestRun(row_id))
        runs[-1].add(digest)

    def add_stored(self, session: Session, table: Table, *where: ColumnElement[bool]) -> None:
        """Add the rows of ``table`` matching ``where`` as the database now holds them, read as
        ``raw_batches`` reads them (a revision's copy digests every row it copied: 450,000 at
        100,000 hazards, a dictionary each and all of them at once before)."""
        form = self._forms.get(table.name)
        if form is None:
            return
        names = ["id", *form.columns]  # not the rest (a hazard's search text: a third of it)
        runs, digest = self._runs.setdefault(table.name, []), form.stored_digester(names)
        for batch in raw_batches(session, table, columns=names, where=where):
            for row in batch:
                self._append(runs, row[0], digest(row))

    def changes(self) -> dict[str, Any]:
        """The ``{"state": …}`` to put in the bulk write's audit entry."""
        tables = {
            name: {
                "columns": self._forms[name].columns,
                "rows": [[run.first, run.text()] for run in runs],
            }
            for name, runs in self._runs.items()
        }
        audited = sorted(self._forms)
        return {STATE_KEY: {"format": FORMAT, "tables": tables, AUDITED_KEY: audited}}


def is_state_record(changes: Any) -> bool:
    """Whether an entry's changes hold a record of state (perhaps of no rows at all)."""
    state = changes.get(STATE_KEY) if isinstance(changes, dict) else None
    return isinstance(state, dict) and state.get("format") == FORMAT


def complete_tables(changes: Any) -> frozenset[str]:
    """The tables a record of state says every row of is in the chain: those it names, or,
    in one written before it named them, every audited table but the flags."""
    state = changes.get(STATE_KEY) if isinstance(changes, dict) else None
    named = state.get(AUDITED_KEY) if isinstance(state, dict) else None
    if isinstance(named, list):
        return frozenset(str(name) for name in named)
    return frozenset(table.name for table in audited_tables()) - FLAGS_AUDITED_LATER


def empty_state() -> dict[str, Any]:
    """The record of state of a register created empty: no rows yet, every later one in the
    chain (the entry that starts a complete register's chain)."""
    return BulkState().changes()


def recorded_digests(changes: Any) -> Iterator[tuple[str, list[str], int, str]]:
    """(table, columns, row id, digest) of every row a bulk entry's changes record."""
    state = changes.get(STATE_KEY) if isinstance(changes, dict) else None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        return
    for table, written in (state.get("tables") or {}).items():
        columns = list(written.get("columns") or [])
        for first, digests in written.get("rows") or []:
            for index in range(0, len(digests), DIGEST_CHARS):
                yield (
                    table,
                    columns,
                    first + index // DIGEST_CHARS,
                    digests[index : index + DIGEST_CHARS],
                )


BATCH_ROWS = 2000


def raw_batches(
    session: Session,
    table: Table,
    *,
    order_by: str = "id",
    columns: Sequence[str] | None = None,
    where: Sequence[ColumnElement[bool]] = (),
    computed: Sequence[str] = (),
) -> Iterator[Sequence[Sequence[Any]]]:
    """The rows of ``table`` (those matching ``where``) as the database holds them, no type
    conversion on the way (an edit behind the app's back may have stored text in a date
    column: it is read, not raised), as tuples of values in the order of ``table.c`` (or of
    ``columns``) and in batches of ``BATCH_ROWS``, ordered by the column ``order_by``, from a
    streaming cursor: the check reads every row of a register, in bounded memory and without
    a dictionary each. ``computed``: SQL of more values a row, last (``sqlite_text``)."""
    names = [column.name for column in table.c] if columns is None else list(columns)
    selected: list[ColumnElement[Any]] = [
        literal_column(f'{table.name}."{name}"') for name in names
    ]
    selected += [literal_column(sql) for sql in computed]
    query = select(*selected).select_from(table).where(*where).order_by(table.c[order_by])
    result = session.execute(query.execution_options(yield_per=BATCH_ROWS))
    yield from result.partitions()
