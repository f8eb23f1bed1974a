"""Canonical values and the fast writer of canonical JSON, shared by every fingerprint format.

Canonical means the same bytes on SQLite and PostgreSQL, on any machine and in any later
version: numbers written one way (21 and 21.0 are both "21"), text NFC-normalised, and JSON
with sorted keys and no spaces (docs/fingerprint.md).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring  # json.dumps' own string writer (ensure_ascii off)
from keyword import iskeyword
from typing import Any

_nfc = unicodedata.normalize


def canonical_value(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): canonical_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical_value(item) for item in value]
    return str(value)


def canonical_record(row: Any, fields: tuple[str, ...], uuid: str) -> dict[str, Any]:
    """The ``fields`` of a typed row (``domain.records``) in canonical form, and its uuid."""
    record: dict[str, Any] = {"uuid": uuid}
    for name in fields:
        value = getattr(row, name)
        # Text and empty fields are most of a register: handled here without a call.
        if value is None:
            record[name] = None
        elif type(value) is str:
            record[name] = _nfc("NFC", value)
        else:
            record[name] = canonical_value(value)
    return record


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_bytes(content: dict[str, Any]) -> bytes:
    return canonical_json(content).encode("utf-8")


# --- the same bytes, written faster ------------------------------------------------------------
# A 10,000-hazard register's canonical JSON is 36 MB: keys and nulls mostly, and texts that
# recur in thousands of rows (10,000 distinct among 120,000). canonical_bytes(canonical_content())
# built a dict per record, escaped every text anew and held the whole document in memory twice
# (about 1 s and 100 MB). canonical_chunks writes the very same bytes a record at a time from a
# template per record kind, each distinct text normalised and escaped once; a test holds the
# two equal on awkward values, and the golden test pins the result.


class Template:
    """One kind of record: its keys in sorted order (json's sort_keys), some of them given as
    ready JSON ("extra") rather than read from the row. ``write`` is a function made for the
    kind (``_record_writer``)."""

    def __init__(self, fields: tuple[str, ...], extra: tuple[str, ...]) -> None:
        keys = sorted((*fields, *extra))
        self.fields = tuple(key for key in keys if key not in extra)
        pairs = (encode_basestring(key) + ":%s" for key in keys)
        self.text = "{" + ",".join(pairs) + "}"
        self.write = _record_writer(self.text, keys, self.fields, extra)


# What the writer puts for one field's value ``v``: Writer.value's result, the cached texts
# and numbers looked up inline (a record's ten to thirty fields, 450,000 records at 100,000
# hazards: a call or a list a field cost a third of the fingerprint's writing). A Decimal is
# remembered under a longer key (``_remembered_as``): it misses here, Writer.value finds it.
_FIELD = (
    '"null" if v is None else (texts.get(v) or text(v)) if type(v) is str '
    "else (others.get((type(v), v)) or value(v))"
)


def _record_writer(
    text: str, keys: list[str], fields: tuple[str, ...], extra: tuple[str, ...]
) -> Callable[..., str]:
    """``write(row, extra, texts, text, others, value)``: one record's JSON, its fields read
    from ``row`` by name and the ``extra`` keys' ready JSON in the order given, as
    ``text % (each key's JSON in key order)``. Made as Python source once per kind."""
    if not all(name.isidentifier() and not iskeyword(name) for name in fields):
        raise ValueError(f"a field name is not an identifier: {fields}")
    lines = ["def write(row, extra, texts, text, others, value):"]
    for number, name in enumerate(fields):
        lines += [f"    v = row.{name}", f"    f{number} = {_FIELD}"]
    arrival = {name: f"f{number}" for number, name in enumerate(fields)}
    arrival |= {name: f"extra[{number}]" for number, name in enumerate(extra)}
    lines.append(f"    return TEXT % ({', '.join(arrival[key] for key in keys)},)")
    namespace: dict[str, Any] = {"TEXT": text}
    exec("\n".join(lines), namespace)  # noqa: S102 - our own field names, checked above
    write: Callable[..., str] = namespace["write"]
    return write


# Distinct texts (and numbers) a writer remembers before it forgets them all and starts again:
# a register repeats a few thousand texts, but one kept in many languages may hold as many as
# it has hazards, and memory stays flat whatever its size (issue 22).
REMEMBERED = 50_000


class Writer:
    """Values as json.dumps writes canonical_value's result; texts and numbers cached."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._others: dict[tuple[type, Any], str] = {}

    def text(self, value: str) -> str:
        written = self._texts.get(value)
        if written is None:
            if len(self._texts) >= REMEMBERED:
                self._texts.clear()  # in place: ``Template.write`` holds the dictionary
            written = self._texts[value] = encode_basestring(_nfc("NFC", value))
        return written

    @staticmethod
    def unique(value: str) -> str:
        """A text met once, a record's UUID: written as ``text`` writes it, not remembered
        (remembered, 450,000 of them were 90 MB of a fingerprint at 100,000 hazards)."""
        return encode_basestring(_nfc("NFC", value))

    def value(self, value: Any) -> str:
        if value is None:
            return "null"
        if type(value) is str:
            return self.text(value)
        key = _remembered_as(value)
        if key is None:
            return canonical_json(canonical_value(value))
        written = self._others.get(key)
        if written is None:
            if len(self._others) >= REMEMBERED:
                self._others.clear()
            written = self._others[key] = canonical_json(canonical_value(value))
        return written

    def record(self, template: Template, row: Any, *extra: str) -> str:
        """One record: its fields from ``row``, then ``extra``, the extra keys' JSON."""
        return template.write(row, extra, self._texts, self.text, self._others, self.value)


def _remembered_as(value: Any) -> tuple[Any, ...] | None:
    """The key ``Writer.value`` remembers a value's JSON by: values equal under it are written
    alike. None for a value never remembered. A Decimal (a measure's cost: 150,000 of them at
    100,000 hazards, 0.7 s written one by one) is written normalised, so equal ones are
    written alike, but for the sign of a zero (-0 and 0 are equal, written apart): the sign is
    in its key. A signalling NaN cannot be hashed, and is never remembered."""
    kind = type(value)
    if kind in (int, float, bool, date):
        return (kind, value)
    if kind is Decimal and not value.is_snan():
        return (kind, value, value.is_signed())
    return None
