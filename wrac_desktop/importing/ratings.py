"""A row's rating: its inputs matched to the register's matrix, its result checked.

Results and classes in the file are never taken as they are: the register's matrix computes
them, and a file that says otherwise gets a warning naming both.
"""

from __future__ import annotations

from typing import Any

from wrac_desktop.i18n import _, pick
from wrac_desktop.importing import values
from wrac_desktop.importing.plan import ImportWarning, Rating
from wrac_desktop.risk.matrix import Axis, Matrix, format_number


class RatingProblem(Exception):
    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


class RatingReader:
    def __init__(self, matrix: Matrix, sheet: str, warnings: list[ImportWarning]) -> None:
        self.matrix, self.sheet, self.warnings = matrix, sheet, warnings

    def read(self, row: int, raw: dict[str, Any], prefix: str) -> Rating:
        """(likelihood, severity, exposure) from the row; RatingProblem if one is off the matrix."""
        likelihood = self._level(raw, f"{prefix}likelihood", self.matrix.likelihood)
        severity = self._level(raw, f"{prefix}severity", self.matrix.severity)
        exposure_axis = self.matrix.exposure
        exposure = self._level(raw, f"{prefix}exposure", exposure_axis) if exposure_axis else None
        rating: Rating = (likelihood, severity, exposure)
        self._check_result(row, raw, prefix, rating)
        return rating

    def _level(self, raw: dict[str, Any], key: str, axis: Axis) -> float | None:
        cells = raw.get(key)
        if cells is None:
            return None
        found = []
        for column, value in cells if isinstance(cells, list) else [cells]:
            try:
                found.append(values.as_level(value, axis))
            except values.CellError as error:
                raise RatingProblem(column.letter, error.message) from error
        return max(found)  # consequence per type (S, H, E, …): the worst one counts

    def _complete(self, rating: Rating) -> bool:
        likelihood, severity, exposure = rating
        needs_exposure = self.matrix.exposure is not None
        return (
            likelihood is not None
            and severity is not None
            and (exposure is not None or not needs_exposure)
        )

    def _check_result(self, row: int, raw: dict[str, Any], prefix: str, rating: Rating) -> None:
        given = [raw[key] for key in (f"{prefix}score", f"{prefix}band") if key in raw]
        if not self._complete(rating):
            if given or any(value is not None for value in rating):
                column = given[0][0].letter if given else None
                self._warn(row, column, _("the rating is incomplete; no result is computed"))
            return
        likelihood, severity, exposure = rating
        assert likelihood is not None and severity is not None
        result = self.matrix.rate(likelihood, severity, exposure)
        if f"{prefix}score" in raw:
            self._compare_score(row, raw[f"{prefix}score"], result.score)
        if f"{prefix}band" in raw:
            self._compare_band(row, raw[f"{prefix}band"], result.band_key)

    def _compare_score(self, row: int, cell: tuple[Any, Any], score: float) -> None:
        column, value = cell
        number = values.as_number(value)
        if number is None or abs(number - score) > 1e-6:
            self._warn(
                row,
                column.letter,
                _("the file says {given}, the register's matrix gives {computed}; the matrix's "
                  "result is kept").format(given=value, computed=format_number(score)),
            )  # fmt: skip

    def _compare_band(self, row: int, cell: tuple[Any, Any], band_key: str) -> None:
        column, value = cell
        if values.as_band(value, self.matrix) == band_key:
            return
        computed = pick(self.matrix.band_by_key(band_key).name)
        self._warn(
            row,
            column.letter,
            _("the file says “{given}”, the register's matrix gives “{computed}”; the matrix's "
              "class is kept").format(given=value, computed=computed),
        )  # fmt: skip

    def _warn(self, row: int, column: str | None, message: str) -> None:
        self.warnings.append(ImportWarning(self.sheet, row, column, message))
