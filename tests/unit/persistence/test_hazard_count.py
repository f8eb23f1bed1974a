"""The register's "n of N shown" counts in the database what the list shows (issue 22 item 4)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from wrac_desktop.persistence.models import Hazard, OrgUnit, Workplace
from wrac_desktop.persistence.queries import HazardFilter, hazard_count, hazard_ids
from wrac_desktop.register import Register, open_register
from wrac_desktop.services.demo import write_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    path: Path = tmp_path_factory.mktemp("count") / "demo.wrac"
    write_demo(path, workplaces=12, seed=3)
    with open_register(path) as register:
        yield register


def test_the_count_is_the_number_of_hazards_listed_under_every_filter(demo: Register) -> None:
    with demo.uow.reading() as session:
        site = session.scalar(select(OrgUnit.id).where(OrgUnit.parent_id.is_(None)))
        hazard = session.scalars(select(Hazard)).first()
        assert hazard is not None
        filters = [
            HazardFilter(),
            HazardFilter(unit_id=site),
            HazardFilter(workplace_id=hazard.workplace_id),
            HazardFilter(text="г"),
            HazardFilter(text="газ co"),
            HazardFilter(text="nothing like this"),
            HazardFilter(category=hazard.category),
            HazardFilter(band=hazard.initial_override_band or hazard.initial_band),
        ]
        counts = [hazard_count(session, wanted) for wanted in filters]
        assert counts == [len(hazard_ids(session, wanted)) for wanted in filters]
        assert counts[0] > counts[1] > 0 and counts[-3] == 0  # the filters did narrow


def test_a_units_hazards_are_those_of_the_workplaces_below_it(demo: Register) -> None:
    """A unit's hazards, found through its workplaces' index, are every hazard of the revision
    whose workplace sits in the unit or below it, in the order of the whole list."""
    with demo.uow.reading() as session:
        parents = dict(session.execute(select(OrgUnit.id, OrgUnit.parent_id)).all())
        unit_of = dict(session.execute(select(Workplace.id, Workplace.unit_id)).all())
        workplace_of = dict(session.execute(select(Hazard.id, Hazard.workplace_id)).all())
        every = hazard_ids(session, HazardFilter())

        def under(unit: int | None, top: int) -> bool:
            while unit is not None:
                if unit == top:
                    return True
                unit = parents[unit]
            return False

        for unit in parents:
            for text in (None, "г"):
                wanted = HazardFilter(unit_id=unit, text=text)
                found = hazard_ids(session, wanted)
                listed = hazard_ids(session, HazardFilter(text=text))
                assert found == [i for i in listed if under(unit_of[workplace_of[i]], unit)]
                assert hazard_count(session, wanted) == len(found)
        assert len(every) == len(workplace_of)
