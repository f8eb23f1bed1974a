"""Risk matrices as data: any number of levels per axis, a cell table or a product formula,
classes (bands) with colour, name and required action, and a mapping to Kazakhstan's
five-degree scale. Companies configure their own matrix; nothing here is hard-coded to one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import LocalText, _, pick
from wrac_desktop.risk.rating import Rating

AXIS_KEYS = ("likelihood", "severity", "exposure")
FORMULAS = ("table", "product")
COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")
_COLOUR = COLOUR_PATTERN  # older name, kept for importers


def round_score(value: float) -> float:
    """Products of decimal factors (0.1 × 0.5 × 40) must land exactly on band boundaries."""
    return round(value, 6)


def is_number(value: object) -> bool:
    """A finite int or float; bool is excluded although Python counts it as an int."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def format_number(value: Any) -> str:
    """A number as people write it: 3 not 3.0, 0.5 not 0.50000."""
    return f"{value:g}" if is_number(value) else repr(value)


@dataclass(frozen=True)
class Level:
    """One step of an axis: its number, a short code and what it means to people."""

    value: float
    code: str
    label: LocalText
    description: LocalText = field(default_factory=dict)
    anchor: LocalText = field(default_factory=dict)  # frequency anchor, e.g. "≥ once a year"


@dataclass(frozen=True)
class Axis:
    """Likelihood, severity or exposure, with its levels from lowest to highest."""

    key: str
    name: LocalText
    levels: tuple[Level, ...]

    @property
    def values(self) -> tuple[float, ...]:
        """The level values, lowest first."""
        return tuple(level.value for level in self.levels)

    def index(self, value: float) -> int:
        """Position of ``value`` among the levels (0 = lowest); ValidationError if off the axis."""
        if is_number(value):
            for position, level in enumerate(self.levels):
                # a tolerance, because values may come back from JSON or a spin box as 0.1000…01
                if math.isclose(level.value, value, rel_tol=1e-9, abs_tol=1e-9):
                    return position
        allowed = ", ".join(format_number(v) for v in self.values)
        raise ValidationError(
            _("{axis} {value} is not on the matrix; allowed: {allowed}").format(
                axis=pick(self.name), value=format_number(value), allowed=allowed
            )
        )

    def level(self, value: float) -> Level:
        """The level whose value is ``value``; ValidationError naming the allowed values if none."""
        return self.levels[self.index(value)]


@dataclass(frozen=True)
class Band:
    """A risk class. ``lower`` is inclusive; the class runs up to the next class's lower bound."""

    key: str
    name: LocalText
    lower: float
    colour: str  # "#RRGGBB"
    action: LocalText
    tolerable: bool


@dataclass(frozen=True)
class KzThreshold:
    """From ``lower`` (inclusive) upwards a score is of this degree of Kazakhstan's scale."""

    lower: float
    degree: int  # 1..5: I acceptable … V very high


@dataclass(frozen=True)
class Matrix:
    """A complete risk matrix: axes, how they combine, classes and the KZ mapping."""

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
        """The axis called ``key``; ValidationError if the matrix has none."""
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
        indices = self._indices(likelihood, severity, exposure)
        if self.formula == "table":
            assert self.table is not None  # matrix_from_dict guarantees a table for this formula
            return float(self.table[indices[0]][indices[1]])
        factors = (axis.levels[i].value for axis, i in zip(self.axes, indices, strict=True))
        return float(round_score(math.prod(factors)))

    def _indices(self, likelihood: float, severity: float, exposure: float | None) -> list[int]:
        indices = [self.likelihood.index(likelihood), self.severity.index(severity)]
        if self.exposure is not None:
            if exposure is None:
                raise ValidationError(_("this matrix needs an exposure value"))
            indices.append(self.exposure.index(exposure))
        elif exposure is not None:
            raise ValidationError(_("this matrix has no exposure axis"))
        return indices

    def band(self, score: float) -> Band:
        """The class a score falls in; ValidationError if it is below every class."""
        if not is_number(score) or score < self.bands[0].lower:
            raise ValidationError(
                _("score {score} is below every class of the matrix").format(
                    score=format_number(score)
                )
            )
        return [band for band in self.bands if band.lower <= score][-1]

    def band_by_key(self, key: str) -> Band:
        """The class called ``key``; ValidationError listing the classes if there is none."""
        for band in self.bands:
            if band.key == key:
                return band
        keys = ", ".join(band.key for band in self.bands)
        raise ValidationError(
            _("“{key}” is not a class of this matrix; classes: {keys}").format(key=key, keys=keys)
        )

    def band_name(self, key: str, lang: str | None = None) -> str:
        """The class called ``key`` as people read it, in ``lang``; the key itself where the
        matrix has no such class (a result changed outside the app names one)."""
        for band in self.bands:
            if band.key == key:
                return pick(band.name, lang) or key
        return key

    def band_range(self, key: str) -> tuple[float, float | None]:
        """(lower inclusive, upper exclusive) of a class; upper is None for the top class."""
        band = self.band_by_key(key)
        position = self.bands.index(band)
        upper = self.bands[position + 1].lower if position + 1 < len(self.bands) else None
        return band.lower, upper

    def kz_degree(self, score: float) -> int:
        """The degree (1..5) of Kazakhstan's scale; ValidationError below the first threshold."""
        if not is_number(score) or score < self.kz_mapping[0].lower:
            raise ValidationError(
                _("score {score} is below every degree of the national scale").format(
                    score=format_number(score)
                )
            )
        return [t.degree for t in self.kz_mapping if t.lower <= score][-1]

    def rate(self, likelihood: float, severity: float, exposure: float | None = None) -> Rating:
        """Score and class of one combination of inputs."""
        score = self.score(likelihood, severity, exposure)
        return Rating(score=score, band_key=self.band(score).key)

    def is_priority(self, severity: float) -> bool:
        """WRAC flags unwanted events whose consequence is at the top of the scale (4–5)."""
        return severity >= self.priority_severity

    def possible_scores(self) -> tuple[float, ...]:
        """Every score the matrix can give, ascending, each once."""
        combos = product(*(axis.values for axis in self.axes))
        return tuple(sorted({self.score(*combo) for combo in combos}))


__all__ = [
    "AXIS_KEYS",
    "COLOUR_PATTERN",
    "FORMULAS",
    "Axis",
    "Band",
    "KzThreshold",
    "Level",
    "Matrix",
    "format_number",
    "is_number",
    "round_score",
]
