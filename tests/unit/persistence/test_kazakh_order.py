"""Lists sorted by name follow the Kazakh alphabet, not code points (Ә after А, Қ after К, …)."""

from __future__ import annotations

from wrac_desktop.persistence.models import Assessment, OrgUnit, Workplace
from wrac_desktop.persistence.plan_queries import responsible_people
from wrac_desktop.persistence.queries import HazardFilter, hazard_ids, hazard_rows_by_ids
from wrac_desktop.register import Register
from wrac_desktop.services import hazards, measures, organisation
from wrac_desktop.text import collation_key
from wrac_desktop.vocabulary import ControlLevel

from ...conftest import Sample

# One name per letter whose place Python's sorted() gets wrong, in the official order.
NAMES = ["Ана", "Әке", "Газ", "Ғимарат", "Кен", "Қар", "Нан", "Ңы", "Орын", "Өрт", "Ут", "Ұя",
         "Үй", "Хат", "Һауа", "Ыдыс", "Іс"]  # fmt: skip


def _fill(register: Register, ids: Sample) -> None:
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        division = session.get_one(OrgUnit, ids.division_id)
        workplace = session.get_one(Workplace, ids.workplace_id)
        for name in reversed(NAMES):
            place = organisation.add_workplace(session, division, name)
            hazard = hazards.add_hazard(session, assessment, workplace, name)
            hazards.add_hazard(session, assessment, place, "Шу")
            measures.add_measure(
                session, hazard, "Шара", ControlLevel.ENGINEERING, responsible=name
            )


def test_python_gets_the_kazakh_alphabet_wrong() -> None:
    assert sorted(NAMES) != NAMES  # so the tests below can fail
    assert sorted(NAMES, key=collation_key) == NAMES
    assert collation_key("Қар") > collation_key("Кен") and collation_key("ӘКЕ") < collation_key(
        "бал"
    )


def test_hazard_table_sorts_names_in_kazakh_order(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    _fill(register, ids)
    with register.uow.reading() as session:
        for key, field in (("description", "description"), ("workplace", "workplace")):
            ordered = hazard_ids(session, HazardFilter(), sort=key)
            shown = [getattr(row, field) for row in hazard_rows_by_ids(session, ordered)]
            wanted = [name for name in shown if name in NAMES]
            assert wanted == NAMES, key
            backwards = hazard_ids(session, HazardFilter(), sort=key, descending=True)
            shown = [getattr(row, field) for row in hazard_rows_by_ids(session, backwards)]
            assert [name for name in shown if name in NAMES] == NAMES[::-1], key


def test_the_responsible_filter_lists_people_in_kazakh_order(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    _fill(register, ids)
    with register.uow.reading() as session:
        assert responsible_people(session) == NAMES
