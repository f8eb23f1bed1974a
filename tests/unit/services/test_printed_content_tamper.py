"""Everything a report prints for an approved revision is covered by its fingerprint (format 3):
an SQL edit of the organisation, its units and workplaces, the matrix name or the order of rows
is named by check and by verify, whichever revision it touches; older formats still verify."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import Sample
from wrac_desktop.errors import UserError
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.register import Register
from wrac_desktop.services import approval
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.verify import verify


def approve(register: Register, assessment_id: int) -> None:
    with register.uow.transaction() as session:
        assessment = session.get(Assessment, assessment_id)
        approval.approve(session, assessment, by="Серікбаев Қ.", position="", on=date(2026, 3, 20))  # type: ignore[arg-type]


def behind_the_back(register: Register, *statements: str) -> None:
    with register.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


@pytest.fixture
def approved(sample_register: tuple[Register, Sample]) -> tuple[Register, Sample]:
    register, ids = sample_register
    approve(register, ids.assessment_id)
    return register, ids


# The edits the campaign of issue 23 made, each left check and verify at exit 0 before.
PRINTED_EDITS = {
    "legal name": ("UPDATE organisation SET legal_name = 'ТОО «Басқа»'", "Legal name"),
    "address and region": (
        "UPDATE organisation SET address = 'Алматы', region = 'Алматы облысы'",
        "Address",
    ),
    "bin": ("UPDATE organisation SET bin = '990340005977'", "BIN"),
    "industry": ("UPDATE organisation SET industry = 'Банк'", "Industry"),
    "oked and kato": ("UPDATE organisation SET oked = '64190', kato = '751110000'", "OKED"),
    "commission order": (
        "UPDATE organisation SET commission_order = '1', commission_order_on = '2020-01-01'",
        "Order setting up the commission",
    ),
    "unit name": ("UPDATE org_unit SET name = 'Басқа кеніш' WHERE parent_id IS NULL", "Name"),
    "unit kind": ("UPDATE org_unit SET kind = 'site' WHERE parent_id IS NOT NULL", "(kind)"),
    "unit to another parent": (
        "UPDATE org_unit SET parent_id = NULL WHERE parent_id IS NOT NULL",
        "Site or division above",
    ),
    "unit order": ("UPDATE org_unit SET sort_order = 5", "Place in the list"),
    "workplace to another unit": (
        "UPDATE workplace SET unit_id = (SELECT min(id) FROM org_unit)",
        "Site or division",
    ),
    "headcount, job titles, shift": (
        "UPDATE workplace SET headcount = 99, job_titles = 'x', shift_pattern = '1×8'",
        "Headcount",
    ),
    "location notes": ("UPDATE workplace SET location_notes = 'басқа'", "Location notes"),
    "workplace order": ("UPDATE workplace SET sort_order = 3", "Place in the list"),
    "matrix name": ("UPDATE risk_matrix SET name = 'Жалған'", "Жалған"),
    "hazard order": ("UPDATE hazard SET sort_order = 9", "Place in the list"),
    "measure order": ("UPDATE control_measure SET sort_order = 9", "Place in the list"),
    "team order": ("UPDATE team_member SET sort_order = 9", "Place in the list"),
}


@pytest.mark.parametrize(("statement", "named"), PRINTED_EDITS.values(), ids=PRINTED_EDITS.keys())
def test_an_sql_edit_of_printed_content_is_named_by_check_and_verify(
    approved: tuple[Register, Sample], statement: str, named: str
) -> None:
    register, _ids = approved
    assert check_register(register) == []
    behind_the_back(register, statement)
    found = check_register(register)
    assert any("revision 1" in line and named in line for line in found), found
    result = verify(register, None)
    assert not result.ok
    assert any(line.startswith("FAIL revision 1") and named in line for line in result.lines)
    with register.uow.reading() as session:
        assert approval.startup_warnings(session) == found  # what opening the register shows


def test_verify_checks_every_approved_revision_not_only_the_current_draft(
    approved: tuple[Register, Sample],
) -> None:
    register, ids = approved
    with register.uow.transaction() as session:
        approval.start_revision(session, session.get(Assessment, ids.assessment_id))  # type: ignore[arg-type]
    assert verify(register, None).ok
    behind_the_back(
        register, f"UPDATE hazard SET notes = 'x' WHERE assessment_id = {ids.assessment_id}"
    )
    result = verify(register, None)
    assert not result.ok
    assert any(line.startswith("FAIL revision 1") for line in result.lines), result.lines
    assert any(line.startswith("OK   revision 2 is a draft") for line in result.lines)
    assert not verify(register, None, revision=1).ok


def test_a_new_revision_is_not_started_from_a_revision_changed_behind_the_back(
    approved: tuple[Register, Sample],
) -> None:
    """A newer revision lets the shared tree change for it; a change made behind the app's
    back before it must not slip through that way."""
    register, ids = approved
    behind_the_back(register, "UPDATE workplace SET headcount = 99")
    with pytest.raises(UserError, match="revision 1.*Headcount"), register.uow.transaction() as s:
        approval.start_revision(s, s.get(Assessment, ids.assessment_id))  # type: ignore[arg-type]
    assert any("Headcount" in line for line in check_register(register))


def test_an_approval_made_with_format_2_keeps_verifying_under_format_2(
    sample_register: tuple[Register, Sample], monkeypatch: pytest.MonkeyPatch
) -> None:
    register, ids = sample_register
    monkeypatch.setattr(approval, "FORMAT", "wrac-fingerprint-2")
    approve(register, ids.assessment_id)
    monkeypatch.undo()
    with register.uow.reading() as session:
        assessment = session.get(Assessment, ids.assessment_id)
        assert assessment is not None
        stored = record_queries.approved_content(session, assessment.id) or ""
        assert '"format":"wrac-fingerprint-2"' in stored
    assert check_register(register) == [] and verify(register, None).ok
    behind_the_back(register, "UPDATE hazard SET description = 'Шу'")
    assert any("Шу" in line for line in check_register(register))


def test_an_approval_in_an_unknown_format_is_reported_not_crashed_on(
    approved: tuple[Register, Sample],
) -> None:
    import hashlib

    register, _ids = approved
    content = '{"format":"wrac-fingerprint-99"}'
    digest = hashlib.sha256(content.encode()).hexdigest()
    behind_the_back(
        register,
        f"UPDATE approval_text SET content = '{content}'",
        f"UPDATE assessment SET fingerprint = '{digest}'",
    )
    found = check_register(register)
    assert any("wrac-fingerprint-99" in line for line in found), found
    assert not verify(register, None).ok


def test_the_guard_refuses_changes_to_every_shared_field_the_current_format_covers() -> None:
    from wrac_desktop.persistence.guards import SHARED_PRINTED_FIELDS
    from wrac_desktop.persistence.models import Organisation, OrgUnit, Workplace
    from wrac_desktop.reports import fingerprint_formats as formats

    assert formats.CURRENT is formats.V5
    covered = {
        Organisation: formats.ORGANISATION_FIELDS,
        OrgUnit: (*formats.UNIT_FIELDS, "parent_id"),
        Workplace: (*formats.WORKPLACE_FIELDS, "unit_id"),
    }
    for model, fields in covered.items():
        assert set(fields) <= set(SHARED_PRINTED_FIELDS[model]), model
