"""Hazards and their ratings.

A rating keeps its inputs, the computed result and any manual override apart (see
``risk.rating.StoredRating``); recomputing after a matrix change never wipes an override.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy.orm import Session

from wrac_desktop.errors import ValidationError
from wrac_desktop.hazards import HazardEntry
from wrac_desktop.i18n import _
from wrac_desktop.languages import joined, stored_text
from wrac_desktop.persistence.models import Assessment, Hazard, Workplace
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.risk.rating import Rating, StoredRating
from wrac_desktop.services import translations
from wrac_desktop.services.matrices import matrix_of

Stage = Literal["initial", "residual"]
STAGES: tuple[Stage, ...] = ("initial", "residual")


def add_hazard(
    session: Session, assessment: Assessment, workplace: Workplace, description: str, **fields: Any
) -> Hazard:
    """Add a hazard (from the library when ``library_id`` is given, else a custom one)."""
    if not description or not description.strip():
        raise ValidationError(_("a hazard needs a description"))
    hazard = Hazard(
        assessment=assessment,
        workplace=workplace,
        description=description.strip(),
        sort_order=len(workplace.hazards),
        **fields,
    )
    session.add(hazard)
    session.flush()
    return hazard


def read_rating(hazard: Hazard, stage: Stage) -> StoredRating:
    def column(name: str) -> Any:
        return getattr(hazard, f"{stage}_{name}")

    computed = None
    if column("band") is not None and column("score") is not None:
        computed = Rating(score=column("score"), band_key=column("band"))
    return StoredRating(
        likelihood=column("likelihood"),
        severity=column("severity"),
        exposure=column("exposure"),
        computed=computed,
        override_band=column("override_band"),
        override_reason=column("override_reason"),
    )


def write_rating(hazard: Hazard, stage: Stage, rating: StoredRating) -> None:
    values = {
        "likelihood": rating.likelihood,
        "severity": rating.severity,
        "exposure": rating.exposure,
        "score": rating.computed.score if rating.computed else None,
        "band": rating.computed.band_key if rating.computed else None,
        "override_band": rating.override_band,
        "override_reason": rating.override_reason,
    }
    for name, value in values.items():
        setattr(hazard, f"{stage}_{name}", value)


def rate(
    hazard: Hazard,
    stage: Stage,
    likelihood: float | None,
    severity: float | None,
    exposure: float | None = None,
) -> StoredRating:
    """Set a rating's inputs and recompute its result on the assessment's matrix."""
    matrix = hazard_matrix(hazard)
    rating = read_rating(hazard, stage).with_inputs(matrix, likelihood, severity, exposure)
    write_rating(hazard, stage, rating)
    if stage == "initial" and severity is not None:
        hazard.priority = hazard.priority or matrix.is_priority(severity)
    return rating


def override(hazard: Hazard, stage: Stage, band_key: str, reason: str) -> StoredRating:
    rating = read_rating(hazard, stage).with_override(hazard_matrix(hazard), band_key, reason)
    write_rating(hazard, stage, rating)
    return rating


def clear_override(hazard: Hazard, stage: Stage) -> StoredRating:
    rating = read_rating(hazard, stage).without_override()
    write_rating(hazard, stage, rating)
    return rating


def recompute(hazard: Hazard, matrix: Matrix | None = None) -> None:
    """Recompute both ratings from their inputs; overrides stay as they were."""
    matrix = matrix or hazard_matrix(hazard)
    for stage in STAGES:
        write_rating(hazard, stage, read_rating(hazard, stage).recompute(matrix))


def hazard_matrix(hazard: Hazard) -> Matrix:
    return matrix_of(hazard.assessment.matrix)


def add_from_library(
    session: Session, assessment: Assessment, workplace: Workplace, entry: HazardEntry, lang: str
) -> Hazard:
    """A hazard pre-filled from a library entry, in the register's working language; its
    texts' other languages come from the library's catalogues into the revision's translations,
    and the hazard remembers the entry (``library_id``)."""
    texts = library_texts(entry)
    stored = {name: stored_text(values, lang)[0] for name, values in texts.items()}
    hazard = add_hazard(
        session,
        assessment,
        workplace,
        stored.pop("description"),
        library_id=entry.id,
        category=entry.gost_group,
        people_exposed=workplace.job_titles or workplace.name,
        **stored,
    )
    translations.remember_all(
        session,
        assessment,
        {stored_text(values, lang)[0]: values for values in texts.values()},
        lang,
    )
    return hazard


# The hazard fields a library pick fills (``library_texts``), as ``library_refresh`` reads them.
LIBRARY_FIELDS = ("description", "unwanted_event", "causes", "consequence")


def library_texts(entry: HazardEntry) -> dict[str, dict[str, str]]:
    """The texts a pick of ``entry`` fills, field → its text in every language."""
    return {
        "description": dict(entry.name),
        "unwanted_event": dict(entry.unwanted_events[0]) if entry.unwanted_events else {},
        "causes": joined(entry.causes),
        "consequence": dict(entry.consequences[0]) if entry.consequences else {},
    }
