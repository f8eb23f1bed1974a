"""Risk matrices as data: any number of levels per axis, a cell table or a product formula,
classes (bands) with colour, name and required action, and a mapping to Kazakhstan's
five-degree scale. Companies configure their own matrix; nothing here is hard-coded to one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any

from wrac_desktop.errors import DataFileError, ValidationError
from wrac_desktop.i18n import LocalText, _, pick
from wrac_desktop.risk.rating import Rating

AXIS_KEYS = ("likelihood", "severity", "exposure")
FORMULAS = ("table", "product")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def round_score(value: float) -> float:
    """Products of decimal factors (0.1 × 0.5 × 40) must land exactly on band boundaries."""
    return round(value, 6)


@dataclass(frozen=True)
class Level:
    value: float
    code: str
    label: LocalText
    description: LocalText = field(default_factory=dict)
    anchor: LocalText = field(default_factory=dict)  # frequency anchor, e.g. "≥ once a year"


@dataclass(frozen=True)
class Axis:
    key: str
    name: LocalText
    levels: tuple[Level, ...]

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(level.value for level in self.levels)

    def index(self, value: float) -> int:
        for position, level in enumerate(self.levels):
            if math.isclose(level.value, value, rel_tol=1e-9, abs_tol=1e-9):
                return position
        allowed = ", ".join(f"{v:g}" for v in self.values)
        raise ValidationError(
            _("{axis} {value} is not on the matrix; allowed: {allowed}").format(
                axis=pick(self.name), value=_number(value), allowed=allowed
            )
        )

    def level(self, value: float) -> Level:
        return self.levels[self.index(value)]


@dataclass(frozen=True)
class Band:
    key: str
    name: LocalText
    lower: float  # inclusive; the band runs up to the next band's lower bound
    colour: str
    action: LocalText
    tolerable: bool


@dataclass(frozen=True)
class KzThreshold:
    lower: float
    degree: int  # 1..5: I acceptable … V very high


@dataclass(frozen=True)
class Matrix:
    key: str
    name: LocalText
    axes: tuple[Axis, ...]
    formula: str
    bands: tuple[Band, ...]
    kz_mapping: tuple[KzThreshold, ...]
    priority_severity: float
    table: tuple[tuple[float, ...], ...] | None = None
    description: LocalText = field(default_factory=dict)

    def axis(self, key: str) -> Axis:
        for axis in self.axes:
            if axis.key == key:
                return axis
        raise ValidationError(_("the matrix has no {axis} axis").format(axis=key))

    @property
    def likelihood(self) -> Axis:
        return self.axis("likelihood")

    @property
    def severity(self) -> Axis:
        return self.axis("severity")

    @property
    def exposure(self) -> Axis | None:
        return self.axis("exposure") if len(self.axes) == 3 else None

    def score(self, likelihood: float, severity: float, exposure: float | None = None) -> float:
        """The risk score of one combination of inputs, each checked against its axis."""
        indices = [self.likelihood.index(likelihood), self.severity.index(severity)]
        if self.exposure is not None:
            if exposure is None:
                raise ValidationError(_("this matrix needs an exposure value"))
            indices.append(self.exposure.index(exposure))
        elif exposure is not None:
            raise ValidationError(_("this matrix has no exposure axis"))
        if self.formula == "table":
            assert self.table is not None
            return self.table[indices[0]][indices[1]]
        return round_score(
            math.prod(a.levels[i].value for a, i in zip(self.axes, indices, strict=True))
        )

    def band(self, score: float) -> Band:
        chosen = None
        for band in self.bands:
            if score >= band.lower:
                chosen = band
        if chosen is None:
            raise ValidationError(
                _("score {score} is below every class of the matrix").format(score=_number(score))
            )
        return chosen

    def band_by_key(self, key: str) -> Band:
        for band in self.bands:
            if band.key == key:
                return band
        keys = ", ".join(band.key for band in self.bands)
        raise ValidationError(
            _("“{key}” is not a class of this matrix; classes: {keys}").format(key=key, keys=keys)
        )

    def kz_degree(self, score: float) -> int:
        degree = self.kz_mapping[0].degree
        for threshold in self.kz_mapping:
            if score >= threshold.lower:
                degree = threshold.degree
        return degree

    def rate(self, likelihood: float, severity: float, exposure: float | None = None) -> Rating:
        score = self.score(likelihood, severity, exposure)
        return Rating(score=score, band_key=self.band(score).key)

    def is_priority(self, severity: float) -> bool:
        """WRAC flags unwanted events whose consequence is at the top of the scale (4–5)."""
        return severity >= self.priority_severity

    def possible_scores(self) -> tuple[float, ...]:
        combos = product(*(axis.values for axis in self.axes))
        return tuple(sorted({self.score(*combo) for combo in combos}))

    def with_bands(self, bands: tuple[Band, ...]) -> Matrix:
        edited = replace(self, bands=tuple(bands))
        return Matrix.from_dict(edited.to_dict())  # validates the new bands

    def to_dict(self) -> dict[str, Any]:
        from wrac_desktop.risk.serialise import matrix_to_dict

        return matrix_to_dict(self)

    @staticmethod
    def from_dict(data: Any) -> Matrix:
        from wrac_desktop.risk.serialise import matrix_from_dict

        return matrix_from_dict(data)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


__all__ = [
    "AXIS_KEYS",
    "FORMULAS",
    "Axis",
    "Band",
    "DataFileError",
    "KzThreshold",
    "Level",
    "Matrix",
    "round_score",
]
