"""Matrices to and from plain dicts (JSON in the register), validated field by field.

A malformed definition raises ``DataFileError`` naming the exact field, e.g.
``axes[1].levels[2].value``.
"""

from __future__ import annotations

from typing import Any, NoReturn

from wrac_desktop.errors import DataFileError
from wrac_desktop.i18n import LocalText
from wrac_desktop.risk.matrix import (
    _COLOUR,
    AXIS_KEYS,
    FORMULAS,
    Axis,
    Band,
    KzThreshold,
    Level,
    Matrix,
)


def matrix_to_dict(matrix: Matrix) -> dict[str, Any]:
    return {
        "key": matrix.key,
        "name": dict(matrix.name),
        "description": dict(matrix.description),
        "formula": matrix.formula,
        "axes": [_axis_to_dict(axis) for axis in matrix.axes],
        "table": [list(row) for row in matrix.table] if matrix.table is not None else None,
        "bands": [_band_to_dict(band) for band in matrix.bands],
        "kz_mapping": [[t.lower, t.degree] for t in matrix.kz_mapping],
        "priority_severity": matrix.priority_severity,
    }


def _axis_to_dict(axis: Axis) -> dict[str, Any]:
    return {
        "key": axis.key,
        "name": dict(axis.name),
        "levels": [
            {
                "value": lv.value,
                "code": lv.code,
                "label": dict(lv.label),
                "description": dict(lv.description),
                "anchor": dict(lv.anchor),
            }
            for lv in axis.levels
        ],
    }


def _band_to_dict(band: Band) -> dict[str, Any]:
    return {
        "key": band.key,
        "name": dict(band.name),
        "lower": band.lower,
        "colour": band.colour,
        "action": dict(band.action),
        "tolerable": band.tolerable,
    }


def matrix_from_dict(data: Any) -> Matrix:
    root = _Reader(data, "matrix")
    formula = root.choice("formula", FORMULAS)
    axes = tuple(_axis(item) for item in root.items("axes"))
    _check_axes(root, axes)
    matrix = Matrix(
        key=root.text("key"),
        name=root.local("name"),
        description=root.local("description", optional=True),
        axes=axes,
        formula=formula,
        table=_table(root, axes) if formula == "table" else None,
        bands=_bands(root),
        kz_mapping=_kz_mapping(root),
        priority_severity=root.number("priority_severity"),
    )
    return matrix


def _check_axes(root: _Reader, axes: tuple[Axis, ...]) -> None:
    keys = tuple(axis.key for axis in axes)
    if keys not in (AXIS_KEYS[:2], AXIS_KEYS):
        root.fail("axes", "must be likelihood, severity[, exposure] in that order")
    if root.data["formula"] == "table" and len(axes) != 2:
        root.fail("formula", "a cell table needs exactly two axes")


def _axis(reader: _Reader) -> Axis:
    levels = tuple(_level(item) for item in reader.items("levels"))
    values = [level.value for level in levels]
    if not levels:
        reader.fail("levels", "needs at least one level")
    if values != sorted(set(values)):
        reader.fail("levels", "values must be unique and ascending")
    return Axis(key=reader.choice("key", AXIS_KEYS), name=reader.local("name"), levels=levels)


def _level(reader: _Reader) -> Level:
    return Level(
        value=reader.number("value"),
        code=reader.text("code"),
        label=reader.local("label"),
        description=reader.local("description", optional=True),
        anchor=reader.local("anchor", optional=True),
    )


def _table(root: _Reader, axes: tuple[Axis, ...]) -> tuple[tuple[float, ...], ...]:
    rows = root.data.get("table")
    if not isinstance(rows, list) or len(rows) != len(axes[0].levels):
        root.fail("table", f"needs {len(axes[0].levels)} rows, one per likelihood level")
    table = []
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(axes[1].levels):
            root.fail(f"table[{index}]", f"needs {len(axes[1].levels)} cells, one per severity")
        if not all(isinstance(cell, int | float) and not isinstance(cell, bool) for cell in row):
            root.fail(f"table[{index}]", "cells must be numbers")
        table.append(tuple(float(cell) for cell in row))
    return tuple(table)


def _bands(root: _Reader) -> tuple[Band, ...]:
    bands = []
    for item in root.items("bands"):
        colour = item.text("colour")
        if not _COLOUR.match(colour):
            item.fail("colour", f"“{colour}” is not a #RRGGBB colour")
        bands.append(
            Band(
                key=item.text("key"),
                name=item.local("name"),
                lower=item.number("lower"),
                colour=colour,
                action=item.local("action"),
                tolerable=item.boolean("tolerable"),
            )
        )
    lowers = [band.lower for band in bands]
    if not bands or lowers != sorted(set(lowers)):
        root.fail("bands", "needs at least one band, lower bounds unique and ascending")
    if len({band.key for band in bands}) != len(bands):
        root.fail("bands", "band keys must be unique")
    return tuple(bands)


def _kz_mapping(root: _Reader) -> tuple[KzThreshold, ...]:
    pairs = root.data.get("kz_mapping")
    if not isinstance(pairs, list) or not pairs:
        root.fail("kz_mapping", "needs a list of [lower, degree] pairs")
    mapping = []
    for index, pair in enumerate(pairs):
        valid = (
            isinstance(pair, list | tuple)
            and len(pair) == 2
            and all(isinstance(x, int | float) and not isinstance(x, bool) for x in pair)
            and int(pair[1]) == pair[1]
            and 1 <= pair[1] <= 5
        )
        if not valid:
            root.fail(f"kz_mapping[{index}]", "must be [lower, degree] with degree 1 to 5")
        mapping.append(KzThreshold(lower=float(pair[0]), degree=int(pair[1])))
    if [t.lower for t in mapping] != sorted({t.lower for t in mapping}):
        root.fail("kz_mapping", "lower bounds must be unique and ascending")
    if [t.degree for t in mapping] != sorted(t.degree for t in mapping):
        root.fail("kz_mapping", "degrees must not decrease as the score grows")
    return tuple(mapping)


class _Reader:
    """Reads one dict of a definition, naming the path of any bad field."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise DataFileError(f"matrix definition: {path} must be a table of fields")
        self.data, self.path = data, path

    def fail(self, field: str, problem: str) -> NoReturn:
        raise DataFileError(f"matrix definition: {self.path}.{field} {problem}")

    def _get(self, field: str, kinds: type | tuple[type, ...], what: str) -> Any:
        value = self.data.get(field)
        if not isinstance(value, kinds) or isinstance(value, bool) and kinds is not bool:
            self.fail(field, f"is missing or not {what}")
        return value

    def text(self, field: str) -> str:
        value = self._get(field, str, "text")
        if not value.strip():
            self.fail(field, "must not be empty")
        return str(value)

    def number(self, field: str) -> float:
        return float(self._get(field, (int, float), "a number"))

    def boolean(self, field: str) -> bool:
        return bool(self._get(field, bool, "true or false"))

    def choice(self, field: str, allowed: tuple[str, ...]) -> str:
        value = self.data.get(field)
        if value not in allowed:
            self.fail(field, f"must be one of {', '.join(allowed)}; got {value!r}")
        return str(value)

    def local(self, field: str, *, optional: bool = False) -> LocalText:
        value = self.data.get(field)
        if value is None and optional:
            return {}
        if (
            not isinstance(value, dict)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
            or (not optional and not any(v.strip() for v in value.values()))
        ):
            self.fail(field, "must map languages (kk, ru, en) to text")
        return dict(value)

    def items(self, field: str) -> list[_Reader]:
        value = self.data.get(field)
        if not isinstance(value, list):
            self.fail(field, "must be a list")
        return [_Reader(item, f"{self.path}.{field}[{i}]") for i, item in enumerate(value)]
