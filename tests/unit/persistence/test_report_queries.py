"""The typed rows reports and the fingerprint read (``domain.records``), built by position from
a query of the record's own fields: each field must hold its own column's value."""

from __future__ import annotations

from tests.conftest import Sample
from wrac_desktop.domain.records import HAZARD_FIELDS, MEASURE_FIELDS, HazardRecord, MeasureRecord
from wrac_desktop.persistence import report_queries
from wrac_desktop.persistence.models import Assessment, Hazard, OrgUnit, Workplace
from wrac_desktop.register import Register


def test_rows_hold_their_own_columns(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    with register.uow.reading() as session:
        hazards = report_queries.hazard_rows(session, ids.assessment_id)
        workplaces = report_queries.workplaces(session)
        units = report_queries.units(session)
        hazard = session.get_one(Hazard, hazards[0].id)
        for name in ("workplace_id", "sort_order", *HAZARD_FIELDS):
            assert getattr(hazards[0], name) == getattr(hazard, name), name
        assert hazards[0].uuid == str(hazard.uuid)
        assert [m.uuid for m in hazards[0].measures] == [
            str(m.uuid) for m in sorted(hazard.measures, key=lambda m: (m.sort_order, str(m.uuid)))
        ]
        row = hazards[0].measures[0]
        measure = next(m for m in hazard.measures if str(m.uuid) == row.uuid)
        for name in ("hazard_id", "sort_order", *MEASURE_FIELDS):
            assert getattr(row, name) == getattr(measure, name), name
        workplace = session.get_one(Workplace, ids.workplace_id)
        assert workplaces[ids.workplace_id].name == workplace.name
        assert workplaces[ids.workplace_id].uuid == str(workplace.uuid)
        assert units[ids.division_id].parent_id == ids.site_id
        assert units[ids.site_id].uuid == str(session.get_one(OrgUnit, ids.site_id).uuid)


def test_revision_content_reads_the_assessment_and_its_matrix(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.reading() as session:
        content = report_queries.revision_content(session, ids.assessment_id)
        assessment = session.get_one(Assessment, ids.assessment_id)
        assert content.assessment.uuid == str(assessment.uuid)
        assert content.assessment.title == assessment.title
        assert content.assessment.matrix_definition == assessment.matrix.definition
        assert [m.uuid for m in content.team] == [str(m.uuid) for m in assessment.team]
        assert content.organisation is not None
        assert content.organisation.legal_name
        # streamed in UUID order (issue 22), the hazards hazard_rows reads
        streamed = list(content.hazards)
        assert [h.uuid for h in streamed] == sorted(str(h.uuid) for h in assessment.hazards)
        whole = report_queries.hazard_rows(session, ids.assessment_id)
        assert streamed == sorted(whole, key=lambda h: h.uuid)


def test_the_fingerprint_fields_are_record_fields() -> None:
    assert set(HAZARD_FIELDS) <= set(HazardRecord._fields)
    assert set(MEASURE_FIELDS) <= set(MeasureRecord._fields)
