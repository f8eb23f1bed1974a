"""Events feed the assessment (issue 18 item 2): an event linked to a hazard flags it for
re-assessment, re-scoring or withdrawing the event clears the flag, and an accident at a hazard
rated tolerable is a finding of the review."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from tests.conftest import Sample
from wrac_desktop.i18n import set_language
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register
from wrac_desktop.services import editing, events, hazard_panel, reassessment, work
from wrac_desktop.services.reminders import reminders
from wrac_desktop.services.review import review_register

TODAY = date(2026, 6, 1)


def _record(register: Register, ids: Sample, kind: str, on: datetime) -> str:
    with register.uow.transaction() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        event = events.add_event(
            session, kind, on, "Үңгілеуші", [str(hazard.uuid)], today=TODAY
        )  # fmt: skip
        return str(event.uuid)


def _flags(register: Register, ids: Sample) -> tuple[list[str], list[str]]:
    """(what the reminders say, what the register view's page says) of the sample hazard."""
    with work.reading(register) as on_register:
        listed = [flag.reason for flag in reminders(on_register, TODAY).flagged]
        shown = reassessment.flags_of(on_register, [ids.hazard_id]).get(ids.hazard_id, [])
    return listed, shown


def test_a_near_miss_flags_its_hazard_and_re_scoring_clears_it(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    assert _flags(register, ids) == ([], [])
    _record(register, ids, "near-miss", datetime(2026, 3, 12, 9, 30))
    set_language("en")
    expected = ["Near miss, 12 Mar 2026: check the likelihood"]
    assert _flags(register, ids) == (expected, expected)
    set_language("ru")
    listed, _shown = _flags(register, ids)
    assert listed == ["Потенциально опасное происшествие, 12.03.2026: проверьте вероятность"]
    set_language("en")
    with register.uow.transaction() as session:
        editing.rate_hazard(session, ids.hazard_id, "initial", (4, 4, None))
    assert _flags(register, ids) == ([], [])


def test_an_injury_asks_for_the_severity_too_and_withdrawing_it_clears_the_flag(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    set_language("en")
    event = _record(register, ids, "first-aid", datetime(2026, 4, 2))
    listed, _shown = _flags(register, ids)
    assert listed == [
        "First-aid case (microtrauma), 2 Apr 2026: check the likelihood and the severity"
    ]
    with register.uow.transaction() as session:
        events.withdraw_event(session, uuid.UUID(event), "записано по ошибке", TODAY)
    assert _flags(register, ids) == ([], [])


def test_a_class_set_by_hand_clears_the_flag_too(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    _record(register, ids, "unsafe-condition", datetime(2026, 5, 1))
    with work.transaction(register) as on_register:
        hazard_panel.override(on_register, ids.hazard_id, "residual", "high", "обрушение кровли")
    assert _flags(register, ids) == ([], [])


def test_an_accident_at_a_hazard_rated_tolerable_is_a_finding(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    set_language("en")
    _record(register, ids, "lost-time", datetime(2026, 2, 20))
    _record(register, ids, "near-miss", datetime(2026, 2, 21))  # not an accident
    keys = {finding.key for finding in review_register(register).findings}
    assert "accident_at_tolerable_risk" not in keys  # the residual risk is Significant (14)
    with register.uow.transaction() as session:
        editing.rate_hazard(session, ids.hazard_id, "residual", (1, 2, None))  # 3: Low
    found = {finding.key: finding for finding in review_register(register).findings}
    finding = found["accident_at_tolerable_risk"]
    assert finding.text == "Accidents at hazards whose residual risk is rated tolerable: 1"
    assert finding.items == ("Улы газдар (CO, NO₂) (Үңгілеуші): Lost-time accident, 20 Feb 2026",)
