"""A stored rating: its inputs, the computed result and a manual override, kept apart.

A peer tool's recompute silently wiped manual overrides; here recomputing only ever replaces
the computed part, and only ``without_override`` removes an override.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import _


@dataclass(frozen=True)
class Rating:
    """The result the matrix gives for a set of inputs."""

    score: float
    band_key: str


class RatingMatrix(Protocol):
    """What a stored rating asks of its matrix (``risk.matrix.Matrix``, which imports this
    module to build Ratings: named here by what it does, there is no import cycle)."""

    @property
    def exposure(self) -> object | None: ...

    def rate(self, likelihood: float, severity: float, exposure: float | None = None) -> Rating: ...

    def band_by_key(self, key: str) -> object: ...


@dataclass(frozen=True)
class StoredRating:
    """What a register keeps for one rating: inputs, computed result, override with reason."""

    likelihood: float | None
    severity: float | None
    exposure: float | None = None
    computed: Rating | None = None
    override_band: str | None = None
    override_reason: str | None = None

    @property
    def effective_band(self) -> str | None:
        """What the register shows: the override if there is one, else the computed class."""
        if self.override_band is not None:
            return self.override_band
        return self.computed.band_key if self.computed else None

    @property
    def is_overridden(self) -> bool:
        """True while a person's decision replaces the computed class."""
        return self.override_band is not None

    def has_inputs_for(self, matrix: RatingMatrix) -> bool:
        """Whether every input the matrix needs has been given."""
        if self.likelihood is None or self.severity is None:
            return False
        return matrix.exposure is None or self.exposure is not None

    def recompute(self, matrix: RatingMatrix) -> StoredRating:
        """The computed result for the current inputs; the override stays untouched.

        Incomplete inputs give no result; inputs off the matrix raise ValidationError.
        """
        if not self.has_inputs_for(matrix):
            return replace(self, computed=None)
        assert self.likelihood is not None and self.severity is not None  # has_inputs_for
        return replace(self, computed=matrix.rate(self.likelihood, self.severity, self.exposure))

    def with_inputs(
        self,
        matrix: RatingMatrix,
        likelihood: float | None,
        severity: float | None,
        exposure: float | None = None,
    ) -> StoredRating:
        """New inputs and their result; an override stays until someone removes it."""
        changed = replace(self, likelihood=likelihood, severity=severity, exposure=exposure)
        return changed.recompute(matrix)

    def with_override(self, matrix: RatingMatrix, band_key: str, reason: str) -> StoredRating:
        """Replace the computed class by ``band_key``; a reason is required for the record."""
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(_("a manual override needs a reason"))
        matrix.band_by_key(band_key)
        return replace(self, override_band=band_key, override_reason=reason.strip())

    def without_override(self) -> StoredRating:
        """Back to the computed class."""
        return replace(self, override_band=None, override_reason=None)
