"""The pre-approval review: what an inspector would ask about, on both engines."""

from __future__ import annotations

from datetime import date

from tests.conftest import Sample
from wrac_desktop.i18n import set_language
from wrac_desktop.persistence.models import Assessment, ControlMeasure, Hazard
from wrac_desktop.register import Register
from wrac_desktop.services import assessments, hazards, measures
from wrac_desktop.services.review import (
    is_standing_term,
    is_team_approver,
    review_assessment,
    review_register,
)
from wrac_desktop.vocabulary import ControlLevel, TeamRole


def _keys(register: Register, approver: str | None = None) -> dict[str, int]:
    review = review_register(register, approver)
    return {finding.key: finding.count for finding in review.findings}


def test_the_sample_lists_its_measure_without_responsible_person(
    sample_register: tuple[Register, Sample],
) -> None:
    register, _ids = sample_register
    # the sample's one planned measure has a deadline (IV quarter 2026) but nobody responsible;
    # its residual risk (2 × 4 = 14, significant) is not tolerable
    assert _keys(register) == {"residual_significant": 1, "no_responsible": 1}


def test_every_kind_of_question_is_found_and_counted(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get(Hazard, ids.hazard_id)
        assert hazard is not None
        hazards.rate(hazard, "residual", 5, 5)  # 25: high, and above the initial 21
        for due in ("", "когда-нибудь", "үнемі", "жыл сайын", "31.12.2026"):
            measures.add_measure(
                session, hazard, f"Шара {due!r}", ControlLevel.ENGINEERING, due=due,
                responsible="Бас механик",
            )  # fmt: skip
    found = _keys(register)
    assert found == {
        "residual_high": 1,
        "residual_above_initial": 1,
        "no_responsible": 1,
        "no_deadline": 1,
        "unreadable_deadline": 1,  # "когда-нибудь"; "үнемі" and "жыл сайын" rightly name no date
    }
    set_language("en")
    review = review_register(register)
    unreadable = next(f for f in review.findings if f.key == "unreadable_deadline")
    assert "когда-нибудь" in unreadable.items[0] and "Үңгілеуші" in unreadable.items[0]
    high = "Hazards whose residual risk is still High: 1 — Not tolerable: do not start"
    assert review.findings[0].text.startswith(high)


def test_done_measures_and_tolerable_risks_raise_no_question(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get(Hazard, ids.hazard_id)
        assert hazard is not None
        hazards.rate(hazard, "residual", 1, 2)  # 3: low
        for measure in hazard.measures:
            measures.set_status(measure, "done", date(2026, 4, 1))
    review = review_register(register)
    assert not review and review.findings == ()


def test_an_unrated_residual_counts_as_the_initial_risk(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get(Hazard, ids.hazard_id)
        assert hazard is not None
        hazards.rate(hazard, "residual", None, None)
    assert "residual_high" in _keys(register)  # initial 4 × 4 = 21 stays the risk left


def test_an_approver_other_than_the_commissions_is_named(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        assessment = session.get(Assessment, ids.assessment_id)
        assert assessment is not None
        assessments.add_team_member(
            session, assessment, "Ахметов Серик Болатович", "Бас инженер", TeamRole.APPROVER
        )
    assert "approver_not_in_team" not in _keys(register, "С.Б. Ахметов")
    assert "approver_not_in_team" not in _keys(register)  # a draft names no approver yet
    review = review_register(register, "Серікбаев Қ.")
    finding = next(f for f in review.findings if f.key == "approver_not_in_team")
    assert "Серікбаев Қ." in finding.text and "Ахметов Серик Болатович" in finding.text
    assert review.team_approvers == ("Ахметов Серик Болатович",)


def test_an_approved_revision_is_reviewed_with_its_stored_approver(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        assessment = session.get(Assessment, ids.assessment_id)
        assert assessment is not None
        assessments.add_team_member(session, assessment, "Ахметов С.Б.", role=TeamRole.APPROVER)
        measure = session.query(ControlMeasure).filter_by(kind="additional").one()
        measure.responsible = "Бас механик"
        assessments.approve(session, assessment, by="Серікбаев Қ.", position="Директор",
                            on=date(2026, 3, 20))  # fmt: skip
        keys = {f.key for f in review_assessment(session, assessment, None).findings}
    assert keys == {"residual_significant", "approver_not_in_team"}


def test_names_and_standing_deadlines_are_compared_as_people_write_them() -> None:
    assert is_team_approver("С.Б. Ахметов", ["Ахметов Серик Болатович"])
    assert is_team_approver("АХМЕТОВ С.", ["ахметов серик"])
    assert not is_team_approver("С.Б. Ахметов", ["Серікбаев Қайрат"])
    assert not is_team_approver("С.Б.", ["С.Б. Ахметов"])  # initials alone name nobody
    for text in ("үнемі", "Постоянно", "ежегодно", "тоқсан сайын", "permanently"):
        assert is_standing_term(text), text
    for text in ("когда-нибудь", "после ремонта", "soon"):
        assert not is_standing_term(text), text


def test_the_review_speaks_the_messages_language(
    sample_register: tuple[Register, Sample],
) -> None:
    register, _ids = sample_register
    set_language("ru")
    ru = review_register(register).lines()
    set_language("kk")
    kk = review_register(register).lines()
    set_language("en")
    en = review_register(register).lines()
    assert en[0].startswith("Hazards whose residual risk is still Significant")
    assert "Значительный" in ru[0] or "значительн" in ru[0].lower(), ru
    assert ru[0] != en[0] and kk[0] != en[0] and kk[0] != ru[0]
    assert ru[-1].startswith("  – Үңгілеуші: ")
