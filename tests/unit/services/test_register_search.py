"""The window's search (``services.register_search``, issue 22 item 4) finds exactly what the
SQL search finds (``queries._found_by``: LIKE over the folded texts and their translations),
on a .wrac file and on a PostgreSQL server: in Kazakh, Russian and English, in either case,
Kazakh letters and ё included, one letter or several words, and after the register changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from wrac_desktop.persistence.models import Hazard, OrgUnit
from wrac_desktop.persistence.queries import hazard_ids
from wrac_desktop.register import open_location
from wrac_desktop.services import work
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.hazard_list import HazardFilter, Heading, grouped_ids
from wrac_desktop.services.register_search import RegisterSearch

QUERIES = (
    "г", "Г", "қ", "Қ", "ө", "Ү", "e", "E", "ё", "Ё", "газ", "ГАЗ", "Газ", "газы", "құлау",
    "ҚҰЛАУ", "Құлау", "падение", "ПАДЕНИЕ", "ёмкость", "gas", "GAS", "fall from", "метан",
    "газ CO", "газ со", "газ  co", "NO₂", "no₂", "%", "_", "1_0", "100%", "\\", "qwerty",
    "  ", "ш", "у",
)  # fmt: skip


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_the_window_s_search_finds_what_the_sql_search_finds(
    lang: str, new_location: Callable[[str], str]
) -> None:
    location = new_location(f"demo-{lang}")
    write_demo(location, workplaces=6, seed=3, lang=lang)
    search = RegisterSearch()
    with open_location(location) as register, register.uow.reading() as session:
        site = session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.is_(None))).first()
        on_work = work.Work(session)
        for scope in (HazardFilter(), HazardFilter(unit_id=site)):
            for text in QUERIES:
                wanted = HazardFilter(unit_id=scope.unit_id, text=text)
                found = search.listed(on_work, wanted, sort="order", descending=False,
                                      grouped=False, lang=lang)  # fmt: skip
                assert found == hazard_ids(session, wanted), (text, scope)
                by_text = search.listed(on_work, wanted, sort="description", descending=True,
                                        grouped=False, lang=lang)  # fmt: skip
                expected = hazard_ids(session, wanted, sort="description", descending=True)
                assert by_text == expected, (text, scope)
                grouped = search.listed(on_work, wanted, sort="order", descending=False,
                                        grouped=True, lang=lang)  # fmt: skip
                assert grouped == grouped_ids(on_work, wanted, sort="order", descending=False,
                                              lang=lang), (text, scope)  # fmt: skip
        found_somewhere = [
            text for text in QUERIES if hazard_ids(session, HazardFilter(text=text)) != []
        ]
        assert len(found_somewhere) > len(QUERIES) // 2  # the comparison was not of empties


def test_a_change_to_the_register_is_searched_at_once(
    new_location: Callable[[str], str],
) -> None:
    location = new_location("demo")
    write_demo(location, workplaces=3, seed=3, lang="ru")
    search = RegisterSearch()
    wanted = HazardFilter(text="Өзгертілген")

    def listed() -> list[int | Heading]:
        return work.read(register, lambda w: search.listed(
            w, wanted, sort="order", descending=False, grouped=False, lang="ru"))  # fmt: skip

    with open_location(location) as register:
        assert listed() == []  # read and kept
        with register.uow.transaction() as session:
            hazard = session.scalars(select(Hazard).order_by(Hazard.id)).first()
            assert hazard is not None
            hazard.notes = "өзгертілген қауіп"
            changed = hazard.id
        assert listed() == [changed]
