"""Ratings on stored hazards, overrides that survive recomputes, and frozen matrices."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.conftest import Sample
from wrac_desktop.errors import FrozenRecordError, ValidationError
from wrac_desktop.persistence.models import AuditEntry, Hazard, RiskMatrix
from wrac_desktop.register import Register
from wrac_desktop.services import assessments, hazards, measures


def test_rating_is_computed_and_priority_flagged(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    with register.uow.reading() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        assert (hazard.initial_score, hazard.initial_band) == (21, "high")
        assert (hazard.residual_score, hazard.residual_band) == (14, "significant")
        assert hazard.priority  # severity 4 is a priority unwanted event


def test_override_is_kept_apart_and_survives_recompute(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        hazards.override(hazard, "residual", "medium", "Fixed gas monitors with auto-trip")
        hazards.rate(hazard, "residual", 3, 4)  # new inputs: computed result changes …
        hazards.recompute(hazard)
    with register.uow.reading() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        assert (hazard.residual_score, hazard.residual_band) == (18, "significant")
        assert hazard.residual_override_band == "medium"  # … the override stays
        assert hazard.residual_override_reason == "Fixed gas monitors with auto-trip"


def test_override_needs_a_reason(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    with pytest.raises(ValidationError), register.uow.transaction() as session:
        hazards.override(session.get_one(Hazard, ids.hazard_id), "initial", "low", "  ")


def test_rating_off_the_matrix_is_refused_and_nothing_saved(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with pytest.raises(ValidationError), register.uow.transaction() as session:
        hazards.rate(session.get_one(Hazard, ids.hazard_id), "initial", 7, 4)
    with register.uow.reading() as session:
        assert session.get_one(Hazard, ids.hazard_id).initial_likelihood == 4


def test_editing_a_frozen_matrix_directly_is_refused(
    sample_register: tuple[Register, Sample],
) -> None:
    register, _ = sample_register
    with register.uow.transaction() as session:
        assessment = assessments.current_assessment(session)
        assert assessment is not None
        assessments.approve(session, assessment, by="A", position="B", on=date(2026, 4, 1))
    with pytest.raises(FrozenRecordError), register.uow.transaction() as session:
        matrix = session.scalars(select(RiskMatrix)).one()
        matrix.name = "changed behind the approval"


def test_every_change_is_audited_with_old_and_new_values(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        session.get_one(Hazard, ids.hazard_id).notes = "Re-checked at the face"
    with register.uow.reading() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert {e.entity for e in entries if e.action == "insert"} >= {
        "organisation",
        "hazard",
        "control_measure",
    }
    last = entries[-1]
    assert (last.action, last.entity, last.user_name) == ("update", "hazard", "Tester")
    assert last.changes == {"notes": ["", "Re-checked at the face"]}


def test_weak_controls_warning_and_overdue_logic(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        matrix = hazards.hazard_matrix(hazard)
        assert not measures.relies_only_on_weak_controls(hazard, matrix)  # has engineering
        engineering = next(m for m in hazard.measures if m.level == "engineering")
        engineering.level = "administrative"
        assert measures.relies_only_on_weak_controls(hazard, matrix)
        assert engineering.due_text == "IV квартал 2026 г."
        assert engineering.due_date == date(2026, 12, 31)
        assert not measures.is_overdue(engineering, date(2026, 12, 31))
        assert measures.is_overdue(engineering, date(2027, 1, 1))
        measures.set_status(engineering, "done", date(2026, 11, 1))
        assert not measures.is_overdue(engineering, date(2027, 1, 1))
