"""Control measures: the existing controls and the action plan of additional ones."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.domain.costs import parse_cost
from wrac_desktop.domain.due_dates import format_due, parse_due
from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.vocabulary import ControlLevel, MeasureKind, MeasureStatus


def add_measure(
    session: Session,
    hazard: Hazard,
    description: str,
    level: ControlLevel | str,
    *,
    kind: MeasureKind | str = MeasureKind.ADDITIONAL,
    due: str | date | None = None,
    cost: Any = None,
    **fields: Any,
) -> ControlMeasure:
    if not description or not description.strip():
        raise ValidationError(_("a control measure needs a description"))
    measure = ControlMeasure(
        hazard=hazard,
        description=description.strip(),
        level=choice(ControlLevel, level, _("hierarchy level")).value,
        kind=choice(MeasureKind, kind, _("kind")).value,
        cost=parse_cost(cost),
        sort_order=len(hazard.measures),
        **fields,
    )
    set_due(measure, due)
    session.add(measure)
    session.flush()
    return measure


def set_due(measure: ControlMeasure, due: str | date | None) -> None:
    """Keep the due date as written and the deadline parsed from it where possible."""
    for name, value in due_fields(due).items():
        setattr(measure, name, value)


def due_fields(due: str | date | None) -> dict[str, Any]:
    """``due_text`` and ``due_date`` as ``set_due`` stores them."""
    if isinstance(due, date):
        return {"due_text": format_due(due), "due_date": due}
    text = (due or "").strip()
    return {"due_text": text, "due_date": parse_due(text)}


def set_status(
    measure: ControlMeasure, status: MeasureStatus | str, on: date | None = None
) -> None:
    """Move a measure along planned → in progress → done → verified."""
    for name, value in status_fields(measure, status, on).items():
        setattr(measure, name, value)


def status_fields(
    measure: ControlMeasure, status: MeasureStatus | str, on: date | None = None
) -> dict[str, Any]:
    """``status`` and ``completed_on`` as ``set_status`` stores them."""
    new_status = choice(MeasureStatus, status, _("status"))
    if new_status in (MeasureStatus.DONE, MeasureStatus.VERIFIED) and on is None:
        on = measure.completed_on or date.today()
    return {"status": new_status.value, "completed_on": None if new_status.is_open else on}


def is_overdue(measure: ControlMeasure, today: date) -> bool:
    """Open past its deadline; compares whole dates, so December rolls into January right."""
    return (
        MeasureStatus(measure.status).is_open
        and measure.due_date is not None
        and measure.due_date < today
    )


def relies_only_on_weak_controls(hazard: Hazard, matrix: Matrix) -> bool:
    """A not-tolerable risk whose every control is administrative or PPE deserves a warning;
    with no measure yet there is nothing to warn about (it said so before any was added)."""
    band_key = hazard.initial_override_band or hazard.initial_band
    if band_key is None or matrix.band_by_key(band_key).tolerable:
        return False
    levels = [ControlLevel(measure.level) for measure in hazard.measures]
    return bool(levels) and all(level.is_weak for level in levels)


def choice(enum: Any, value: Any, field: str) -> Any:
    """``value`` as a member of ``enum``, or a ``ValidationError`` naming the allowed ones."""
    try:
        return enum(value)
    except ValueError as error:
        allowed = ", ".join(member.value for member in enum)
        raise ValidationError(
            _("{field} “{value}” is not one of: {allowed}").format(
                field=field, value=value, allowed=allowed
            )
        ) from error
