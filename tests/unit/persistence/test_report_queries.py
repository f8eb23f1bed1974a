"""The plain rows reports and the fingerprint read hold exactly the keys their TypedDicts
declare (they are built by column name, so only this test ties the two together)."""

from __future__ import annotations

from typing import get_type_hints

from tests.conftest import Sample
from wrac_desktop.persistence import report_queries
from wrac_desktop.persistence.report_queries import (
    HAZARD_FIELDS,
    MEASURE_FIELDS,
    HazardRecord,
    MeasureRecord,
    UnitRecord,
    WorkplaceRecord,
)
from wrac_desktop.register import Register


def keys(record_type: type) -> set[str]:
    return set(get_type_hints(record_type))


def test_rows_have_the_declared_keys(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    with register.uow.reading() as session:
        hazards = report_queries.hazard_rows(session, ids.assessment_id)
        workplaces = report_queries.workplaces(session)
        units = report_queries.units(session)
    assert [set(h) for h in hazards] == [keys(HazardRecord)]
    assert [set(m) for m in hazards[0]["measures"]] == [keys(MeasureRecord)] * 2
    assert set(workplaces[ids.workplace_id]) == keys(WorkplaceRecord)
    assert {frozenset(u) for u in units.values()} == {frozenset(keys(UnitRecord))}
    assert units[ids.division_id]["parent_id"] == ids.site_id


def test_the_fingerprint_fields_are_declared_keys() -> None:
    assert set(HAZARD_FIELDS) <= keys(HazardRecord)
    assert set(MEASURE_FIELDS) <= keys(MeasureRecord)
