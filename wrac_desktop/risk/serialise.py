"""Matrices to and from plain dicts (JSON in the register), validated field by field.

A malformed definition raises ``DataFileError`` naming the exact field, e.g.
``matrix.axes[1].levels[2].value``, so whoever edits the file can find and fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn

from wrac_desktop.errors import DataFileError
from wrac_desktop.i18n import LANGUAGES, LocalText
from wrac_desktop.risk.matrix import (
    AXIS_KEYS,
    COLOUR_PATTERN,
    FORMULAS,
    Axis,
    Band,
    KzThreshold,
    Level,
    Matrix,
    format_number,
    is_number,
)

_MATRIX_FIELDS = (
    "key", "name", "description", "formula", "axes", "table", "bands", "kz_mapping",
    "priority_severity",
)  # fmt: skip
_AXIS_FIELDS = ("key", "name", "levels")
_LEVEL_FIELDS = ("value", "code", "label", "description", "anchor")
_BAND_FIELDS = ("key", "name", "lower", "colour", "action", "tolerable")


def matrix_to_dict(matrix: Matrix) -> dict[str, Any]:
    """The definition as plain JSON types, keys always in the same order."""
    table = None if matrix.table is None else [[_plain(c) for c in row] for row in matrix.table]
    return {
        "key": matrix.key,
        "name": dict(matrix.name),
        "description": dict(matrix.description),
        "formula": matrix.formula,
        "axes": [_axis_to_dict(axis) for axis in matrix.axes],
        "table": table,
        "bands": [_band_to_dict(band) for band in matrix.bands],
        "kz_mapping": [[_plain(t.lower), t.degree] for t in matrix.kz_mapping],
        "priority_severity": _plain(matrix.priority_severity),
    }


def _plain(value: float) -> int | float:
    # Whole numbers as ints: the JSON text then reads the same after any number of round trips.
    return int(value) if float(value).is_integer() else float(value)


def _axis_to_dict(axis: Axis) -> dict[str, Any]:
    return {
        "key": axis.key,
        "name": dict(axis.name),
        "levels": [_level_to_dict(level) for level in axis.levels],
    }


def _level_to_dict(level: Level) -> dict[str, Any]:
    return {
        "value": _plain(level.value),
        "code": level.code,
        "label": dict(level.label),
        "description": dict(level.description),
        "anchor": dict(level.anchor),
    }


def _band_to_dict(band: Band) -> dict[str, Any]:
    return {
        "key": band.key,
        "name": dict(band.name),
        "lower": _plain(band.lower),
        "colour": band.colour,
        "action": dict(band.action),
        "tolerable": band.tolerable,
    }


def matrix_from_dict(data: Any) -> Matrix:
    """Build a matrix from a definition; DataFileError names the first field that is wrong."""
    root = _Reader(data, "matrix", _MATRIX_FIELDS)
    formula = root.choice("formula", FORMULAS)
    axes = _axes(root, formula)
    matrix = Matrix(
        key=root.text("key"),
        name=root.local("name"),
        description=root.local("description", optional=True),
        axes=axes,
        formula=formula,
        table=_table(root, axes, formula),
        bands=_bands(root),
        kz_mapping=_kz_mapping(root),
        priority_severity=root.number("priority_severity"),
    )
    _check_priority(root, matrix)
    _check_every_score_is_classed(root, matrix)
    return matrix


def _axes(root: _Reader, formula: str) -> tuple[Axis, ...]:
    axes = tuple(_axis(item, formula) for item in root.items("axes", _AXIS_FIELDS))
    keys = tuple(axis.key for axis in axes)
    if keys not in (AXIS_KEYS[:2], AXIS_KEYS):
        root.fail("axes", f"must be likelihood, severity[, exposure] in that order; got {keys}")
    if formula == "table" and len(axes) != 2:
        root.fail("formula", "“table” needs exactly two axes; use “product” for three")
    return axes


def _axis(reader: _Reader, formula: str) -> Axis:
    key = reader.choice("key", AXIS_KEYS)
    name = reader.local("name")
    levels = tuple(_level(item) for item in reader.items("levels", _LEVEL_FIELDS))
    _check_levels(reader, levels, formula)
    return Axis(key=key, name=name, levels=levels)


def _level(reader: _Reader) -> Level:
    return Level(
        value=reader.number("value"),
        code=reader.text("code"),
        label=reader.local("label"),
        description=reader.local("description", optional=True),
        anchor=reader.local("anchor", optional=True),
    )


def _check_levels(reader: _Reader, levels: tuple[Level, ...], formula: str) -> None:
    if len(levels) < 2:
        reader.fail("levels", "needs at least two levels")
    for i in range(1, len(levels)):
        if levels[i].value <= levels[i - 1].value:
            reader.fail(f"levels[{i}].value", "must be greater than the level before it")
        if levels[i].code in (level.code for level in levels[:i]):
            reader.fail(f"levels[{i}].code", f"“{levels[i].code}” is used twice")
    # a zero or negative factor would make a product fall as the danger grows
    if formula == "product" and levels[0].value <= 0:
        reader.fail("levels[0].value", "must be above 0 for a product formula")


def _table(
    root: _Reader, axes: tuple[Axis, ...], formula: str
) -> tuple[tuple[float, ...], ...] | None:
    rows = root.data.get("table")
    if formula == "product":
        if rows is not None:
            root.fail("table", "must be null for a product formula")
        return None
    if not isinstance(rows, list) or len(rows) != len(axes[0].levels):
        root.fail("table", f"needs {len(axes[0].levels)} rows, one per likelihood level")
    table = tuple(_row(root, index, row, len(axes[1].levels)) for index, row in enumerate(rows))
    _check_table_grows(root, table)
    return table


def _row(root: _Reader, index: int, row: Any, width: int) -> tuple[float, ...]:
    if not isinstance(row, list) or len(row) != width:
        root.fail(f"table[{index}]", f"needs {width} cells, one per severity level")
    if not all(is_number(cell) for cell in row):
        root.fail(f"table[{index}]", "cells must be numbers")
    return tuple(float(cell) for cell in row)


def _check_table_grows(root: _Reader, table: tuple[tuple[float, ...], ...]) -> None:
    # A rank that falls as likelihood or severity rises is almost always a typing error.
    for r, row in enumerate(table):
        for c, cell in enumerate(row):
            if c and cell < row[c - 1]:
                root.fail(f"table[{r}][{c}]", "is lower than the cell of the lower severity")
            if r and cell < table[r - 1][c]:
                root.fail(f"table[{r}][{c}]", "is lower than the cell of the lower likelihood")


def _bands(root: _Reader) -> tuple[Band, ...]:
    bands = tuple(_band(item) for item in root.items("bands", _BAND_FIELDS))
    if not bands:
        root.fail("bands", "needs at least one band")
    for i in range(1, len(bands)):
        if bands[i].lower <= bands[i - 1].lower:
            root.fail(f"bands[{i}].lower", "must be greater than the lower bound before it")
        if bands[i].key in (band.key for band in bands[:i]):
            root.fail(f"bands[{i}].key", f"“{bands[i].key}” is used twice")
    return bands


def _band(item: _Reader) -> Band:
    colour = item.text("colour")
    if not COLOUR_PATTERN.match(colour):
        item.fail("colour", f"“{colour}” is not a #RRGGBB colour")
    return Band(
        key=item.text("key"),
        name=item.local("name"),
        lower=item.number("lower"),
        colour=colour,
        action=item.local("action"),
        tolerable=item.boolean("tolerable"),
    )


def _kz_mapping(root: _Reader) -> tuple[KzThreshold, ...]:
    pairs = root.data.get("kz_mapping")
    if not isinstance(pairs, list) or not pairs:
        root.fail("kz_mapping", "needs a list of [lower, degree] pairs")
    mapping = tuple(_kz_threshold(root, f"kz_mapping[{i}]", pair) for i, pair in enumerate(pairs))
    for i in range(1, len(mapping)):
        if mapping[i].lower <= mapping[i - 1].lower:
            root.fail(f"kz_mapping[{i}]", "lower bound must be greater than the one before")
        if mapping[i].degree < mapping[i - 1].degree:
            root.fail(f"kz_mapping[{i}]", "degree must not fall as the score grows")
    return mapping


def _kz_threshold(root: _Reader, field: str, pair: Any) -> KzThreshold:
    valid = (
        isinstance(pair, list | tuple)
        and len(pair) == 2
        and all(is_number(x) for x in pair)
        and pair[1] in (1, 2, 3, 4, 5)
    )
    if not valid:
        root.fail(field, f"must be [lower, degree] with degree 1 to 5; got {pair!r}")
    return KzThreshold(lower=float(pair[0]), degree=int(pair[1]))


def _check_priority(root: _Reader, matrix: Matrix) -> None:
    values = matrix.severity.values
    if not values[0] <= matrix.priority_severity <= values[-1]:
        span = f"{format_number(values[0])}–{format_number(values[-1])}"
        root.fail("priority_severity", f"must lie within the severity scale {span}")


def _check_every_score_is_classed(root: _Reader, matrix: Matrix) -> None:
    # Checked here, so that rating never meets a score without a class or a degree.
    lowest = matrix.possible_scores()[0]
    if matrix.bands[0].lower > lowest:
        root.fail("bands[0].lower", f"is above the lowest score {format_number(lowest)}")
    if matrix.kz_mapping[0].lower > lowest:
        root.fail("kz_mapping[0]", f"starts above the lowest score {format_number(lowest)}")


class _Reader:
    """Reads one dict of a definition, naming the path of any bad field."""

    def __init__(self, data: Any, path: str, fields: Sequence[str]) -> None:
        if not isinstance(data, dict):
            raise DataFileError(f"matrix definition: {path} must be a table of fields")
        self.data, self.path = data, path
        unknown = [name for name in data if name not in fields]
        if unknown:
            self.fail(str(unknown[0]), f"is not a known field; known: {', '.join(fields)}")

    def fail(self, field: str, problem: str) -> NoReturn:
        raise DataFileError(f"matrix definition: {self.path}.{field} {problem}")

    def text(self, field: str) -> str:
        value = self.data.get(field)
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "is missing or empty")
        return value

    def number(self, field: str) -> float:
        value: Any = self.data.get(field)
        if not is_number(value):
            self.fail(field, "is missing or not a number")
        return float(value)

    def boolean(self, field: str) -> bool:
        value = self.data.get(field)
        if not isinstance(value, bool):
            self.fail(field, "is missing or not true or false")
        return value

    def choice(self, field: str, allowed: tuple[str, ...]) -> str:
        value = self.data.get(field)
        if value not in allowed:
            self.fail(field, f"must be one of {', '.join(allowed)}; got {value!r}")
        return str(value)

    def local(self, field: str, *, optional: bool = False) -> LocalText:
        """A text in kk, ru and en; a required one needs at least one language filled in."""
        value = self.data.get(field)
        if value is None and optional:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.fail(field, "must map languages (kk, ru, en) to text")
        for lang in value:
            if lang not in LANGUAGES:
                self.fail(f"{field}.{lang}", f"is not a language; use {', '.join(LANGUAGES)}")
        if not optional and not any(v.strip() for v in value.values()):
            self.fail(field, "needs a text in at least one language")
        return dict(value)

    def items(self, field: str, fields: Sequence[str]) -> list[_Reader]:
        """One reader per entry of the list ``field``, each entry allowed only ``fields``."""
        value = self.data.get(field)
        if not isinstance(value, list):
            self.fail(field, "must be a list")
        return [_Reader(item, f"{self.path}.{field}[{i}]", fields) for i, item in enumerate(value)]
