"""A row's digest hashes the compact JSON of its canonical values (audit_digest, format 1), the
audit chain hashes its entries' sorted JSON, and JSON columns are stored as sorted JSON. The
encoders made once (persistence/json_form.py), with each text's quoted form remembered, must
write exactly the bytes json.dumps writes, for every value, the first time and every time after."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import pytest

from wrac_desktop.persistence import audit_digest, json_form


class _Status(StrEnum):
    DONE = "done"


TRICKY: list[Any] = [
    "Қауіпті жағдай: құлау, ұшқын, өрт",  # Kazakh letters
    "Ахметов Ержан Серикович",
    "",
    'quote " backslash \\ slash /',
    "\x00\x01\x1f\x7f control characters\n\t\r\b\f",
    "\u2028\u2029 line separators, \ufeff bom, \u202e override",
    "\ud800 a lone surrogate",
    "😀 outside the basic plane",
    "a" * 5000,
    0.1,
    -0.0,
    1e16,
    1e-310,
    float("nan"),
    float("inf"),
    float("-inf"),
    "900000.0",
    None,
    True,
    False,
    0,
    -1,
    2**70,
    -(2**64) - 1,
    date(2026, 3, 16),  # not JSON: written as its repr, as default=repr does
    datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
    uuid.UUID("12345678-1234-5678-1234-567812345678"),
    Decimal("12.50"),
    "12345678-1234-5678-1234-567812345678",
    _Status.DONE,  # a text of a subclass: written as its text
    "done",
]


def _dumped(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=repr)


@pytest.mark.parametrize("value", TRICKY, ids=repr)
def test_one_value_encodes_as_json_dumps_writes_it(value: Any) -> None:
    for _ in range(2):  # the second time its text is remembered
        assert audit_digest._ENCODE([value]) == _dumped([value])


def test_a_row_of_every_kind_encodes_as_json_dumps_writes_it() -> None:
    row = TRICKY + list(reversed(TRICKY))
    assert audit_digest._ENCODE(row) == _dumped(row)
    assert audit_digest._ENCODE(row) == _dumped(row)


def test_texts_beyond_what_is_remembered_encode_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_form._Quoted, "LIMIT", 3)
    encode = json_form.compact_encoder(sort_keys=False, default=repr)
    rows = [[f"Қауіп № {number}", "Құлау", number, None] for number in range(50)]
    for row in rows + rows:
        assert encode(row) == _dumped(row)


def _sorted(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_sorted_json_writes_what_json_dumps_writes() -> None:
    """An audit entry's content, with every tricky value JSON takes, keys out of order."""
    plain = [value for value in TRICKY if not isinstance(value, date | uuid.UUID | Decimal)]
    entry = {
        "summary": "",
        "changes": {f"field {index}": value for index, value in enumerate(plain)},
        "Қауіп": plain,
        "at": "2026-03-16T09:00:00+00:00",
        "id": 2**70,
        "nested": {"b": [{"z": 1, "a": None}], "a": {}},
    }
    for _ in range(2):
        assert json_form.sorted_json(entry) == _sorted(entry)
        assert json_form.sorted_json("Қауіп") == _sorted("Қауіп")


def test_sorted_json_refuses_what_json_dumps_refuses() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        json_form.sorted_json({"on": date(2026, 3, 16)})


def test_a_rows_digest_is_blake2b_of_those_bytes() -> None:
    """What format 1 hashes, spelled out once more (never change it)."""
    import hashlib

    canon = ["Қауіп", 3, None, "900000.0", "2026-03-16"]
    expected = hashlib.blake2b(_dumped(canon).encode(), digest_size=8).hexdigest()
    assert audit_digest._digest_of(canon) == expected
