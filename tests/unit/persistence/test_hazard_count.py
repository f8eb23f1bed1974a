"""The register's "n of N shown" counts in the database what the list shows (issue 22 item 4)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from wrac_desktop.persistence.models import Hazard, OrgUnit
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
