"""The canonical writer remembers what it wrote a value as: equal values written alike, and
values that are equal but written apart (0 and -0 as Decimals) never taken for each other."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wrac_desktop.reports.canonical import Writer, canonical_json, canonical_value

VALUES = [
    Decimal("0"), Decimal("-0"), Decimal("0.00"), Decimal("-0.00"), Decimal("0E+3"),
    Decimal("12.3400"), Decimal("12.34"), Decimal("1E+2"), Decimal("100"), Decimal("-1"),
    Decimal("NaN"), Decimal("-NaN"), Decimal("Infinity"), Decimal("-Infinity"),
    Decimal("1234567890123456789012345678901234567890"), 0, 0.0, -0.0, 1, 1.0, True, False,
    date(2026, 1, 1), 12.34, None, "0",
]  # fmt: skip


def test_each_value_is_written_as_json_dumps_writes_it_whichever_came_before() -> None:
    """Each value written after every other (the cache holding what they were written as)
    is written as canonical_json(canonical_value(value)) writes it alone."""
    for first in VALUES:
        writer = Writer()
        writer.value(first)
        for value in [*VALUES, *reversed(VALUES)]:
            expected = "null" if value is None else canonical_json(canonical_value(value))
            assert writer.value(value) == expected, (first, value)


def test_decimals_are_remembered() -> None:
    """A register's costs repeat: each distinct one is written once (150,000 Decimals at
    100,000 hazards were written one by one)."""
    writer = Writer()
    for _ in range(3):
        for cost in (Decimal("1500.50"), Decimal("1500.5"), Decimal("-0"), Decimal("0")):
            writer.value(cost)
    assert len(writer._others) == 3  # 1500.5, -0 and 0
