"""A mapping file: the user's word on which column fills which field.

JSON, for example::

    {"sheet": "Реестр", "header_row": 6,
     "columns": {"B": "workplace", "Опасность": "hazard", "K": null}}

Columns are named by letter, by 1-based number or by their header text; ``null`` (or "")
leaves a column out. Columns the file does not name keep the detected mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from wrac_desktop.files import load_json
from wrac_desktop.i18n import _
from wrac_desktop.importing.columns import FIELDS, normalise
from wrac_desktop.importing.headers import Column, Header
from wrac_desktop.importing.reading import ImportFileError
from wrac_desktop.importing.xlsx_flags import column_index

MAX_MAPPING_BYTES = 1024 * 1024  # a mapping names at most a few hundred columns


@dataclass(frozen=True)
class Mapping:
    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, str | None] = field(default_factory=dict)
    source: Path | None = None  # the mapping file, for messages


def read_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; every problem names the file and the entry."""
    data = load_json(path, MAX_MAPPING_BYTES, _("JSON mapping file"))
    if not isinstance(data, dict) or not isinstance(data.get("columns", {}), dict):
        raise ImportFileError(
            _("{path}: a mapping file is an object with a “columns” object").format(path=path)
        )
    return Mapping(
        source=path,
        sheet=_optional_text(data.get("sheet"), path, "sheet"),
        header_row=_header_row(data.get("header_row"), path),
        columns={
            str(key): _field(value, path, str(key))
            for key, value in data.get("columns", {}).items()
        },
    )


def apply_mapping(
    header: Header, columns: dict[str, str | None], path: Path | None = None
) -> Header:
    """``header`` with the columns the mapping names set to the fields it gives."""
    changed = [replace(column) for column in header.columns]
    for key, value in columns.items():
        column = _find_column(changed, key)
        if column is None:
            raise ImportFileError(
                _("{path}: no column “{key}” in the sheet's header").format(
                    path=path or _("mapping"), key=key
                )
            )
        column.field = value
    return Header(header.first_row, header.last_row, changed, header.bilingual)


def _find_column(columns: list[Column], key: str) -> Column | None:
    text = key.strip()
    index = _column_index(text)
    for column in columns:
        if index is not None and column.index == index:
            return column
    wanted = normalise(text)
    return next((column for column in columns if normalise(column.header) == wanted), None)


def _column_index(text: str) -> int | None:
    if text.isdecimal():
        return int(text) - 1
    if text.isalpha() and text.isascii() and len(text) <= 3:
        return column_index(text.upper())
    return None


def _field(value: Any, path: Path, key: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value not in FIELDS:
        raise ImportFileError(
            _("{path}: column “{key}”: “{value}” is not a field; fields: {fields}").format(
                path=path, key=key, value=value, fields=", ".join(FIELDS)
            )
        )
    return value


def _optional_text(value: Any, path: Path, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ImportFileError(_("{path}: “{key}” must be a text").format(path=path, key=key))


def _header_row(value: Any, path: Path) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000:
        return value
    raise ImportFileError(
        _("{path}: “header_row” must be a row number from 1 to 1000").format(path=path)
    )
