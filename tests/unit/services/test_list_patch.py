"""The register's list after an edit, patched by its change set (``services.list_patch``,
issue 22 item 2), is the list read again: for a hazard deleted, changed, moved, put back by
undo, or taken out of a filter; in either order, grouped or not. What it cannot follow is
read again (None)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from wrac_desktop.persistence.models import Hazard, OrgUnit, Workplace
from wrac_desktop.register import Register, open_location
from wrac_desktop.services import list_patch, merge, work
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.hazard_list import HazardFilter, grouped_ids, hazard_ids
from wrac_desktop.services.structure import delete_hazard
from wrac_desktop.services.work import ChangeSet, Work, session_of

Edit = Callable[[Work, int], None]


def _notes(w: Work, hazard_id: int) -> None:
    session_of(w).get_one(Hazard, hazard_id).notes = "далада тексерілді"


def _moved_last(w: Work, hazard_id: int) -> None:
    session = session_of(w)
    session.get_one(Hazard, hazard_id).sort_order = session.scalar(
        select(func.max(Hazard.sort_order) + 1)
    )


def _rescored(w: Work, hazard_id: int) -> None:
    session_of(w).get_one(Hazard, hazard_id).initial_override_band = "other-band"


def _deleted(w: Work, hazard_id: int) -> None:
    delete_hazard(w, hazard_id)


EDITS: dict[str, Edit] = {
    "deleted": _deleted,
    "notes": _notes,
    "moved": _moved_last,
    "rescored": _rescored,
}


def _listed(register: Register, wanted: HazardFilter, descending: bool, grouped: bool) -> list:
    def read(w: Work) -> list:
        if grouped:
            return grouped_ids(w, wanted, sort="order", descending=descending, lang="kk")
        return hazard_ids(w, wanted, sort="order", descending=descending)

    return work.read(register, read)


def _patched(
    register: Register, listed: list, changes: ChangeSet, wanted: HazardFilter, **order: bool
) -> list | None:
    return work.read(register, lambda w: list_patch.patched(
        w, listed, changes, wanted, sort="order", **order))  # fmt: skip


@pytest.fixture
def demo(new_location: Callable[[str], str]) -> str:
    location = new_location("demo")
    write_demo(location, workplaces=8, seed=5, lang="kk")
    return location


def _scopes(register: Register, hazard_id: int) -> tuple[HazardFilter, ...]:
    """The whole register, a site, the risk class of ``hazard_id``."""
    site, band = work.read(register, lambda w: (
        session_of(w).scalar(select(OrgUnit.id).where(OrgUnit.parent_id.is_(None))),
        session_of(w).get_one(Hazard, hazard_id).initial_band))  # fmt: skip
    return HazardFilter(), HazardFilter(unit_id=site), HazardFilter(band=band)


def _followed(
    register: Register, lists: dict[HazardFilter, list], changes: ChangeSet, descending: bool
) -> dict[HazardFilter, list | None]:
    return {scope: _patched(register, listed, changes, scope, descending=descending,
                            grouped=False) for scope, listed in lists.items()}  # fmt: skip


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_patched_list_is_the_list_read_again(demo: str, edit: str, descending: bool) -> None:
    with open_location(demo) as register:
        whole = _listed(register, HazardFilter(), descending, False)
        hazard_id = whole[len(whole) // 3]  # one in the middle
        scopes = _scopes(register, hazard_id)
        lists = {scope: _listed(register, scope, descending, False) for scope in scopes}
        _, changes = work.commit(register, lambda w: EDITS[edit](w, hazard_id))
        edited = _followed(register, lists, changes, descending)
        assert edited == {scope: _listed(register, scope, descending, False) for scope in scopes}
        assert edited != lists or edit == "notes"  # the edits moved something
        work.replay(register, changes.inverse())  # Edit → Undo: put back, moved back
        assert _followed(register, edited, changes.inverse(), descending) == lists  # type: ignore[arg-type]


def test_a_grouped_list_loses_a_deleted_hazard_and_its_heading_counts_one_less(
    demo: str,
) -> None:
    with open_location(demo) as register:
        wanted = HazardFilter()
        listed = _listed(register, wanted, False, True)
        hazard_id = next(entry for entry in listed if isinstance(entry, int))
        _, changes = work.commit(register, lambda w: delete_hazard(w, hazard_id))
        patched = _patched(register, listed, changes, wanted, descending=False, grouped=True)
        assert patched == _listed(register, wanted, False, True)
        assert patched[0].count == listed[0].count - 1
        work.replay(register, changes.inverse())  # a grouped list gaining a hazard: read again
        assert _patched(register, patched, changes.inverse(), wanted, descending=False,
                        grouped=True) is None  # fmt: skip


def test_what_cannot_be_patched_is_read_again(demo: str) -> None:
    with open_location(demo) as register:
        wanted = HazardFilter()
        listed = _listed(register, wanted, False, False)
        first = listed[0]

        def renamed(w: Work) -> None:
            session = session_of(w)
            hazard = session.get_one(Hazard, first)
            session.get_one(Workplace, hazard.workplace_id).name += " 2"

        _, changes = work.commit(register, renamed)  # a workplace: a whole block may move
        assert _patched(register, listed, changes, wanted, descending=False, grouped=False) is None
        _, changes = work.commit(register, lambda w: _notes(w, first))
        searched = replace(wanted, text="газ")  # a search typed: its texts are read again
        assert _patched(register, listed, changes, searched, descending=False,
                        grouped=False) is None  # fmt: skip
        work.commit(register, lambda w: delete_hazard(w, listed[1]))  # not followed: another's
        _, changes = work.commit(register, lambda w: _notes(w, first))
        assert _patched(register, listed, changes, wanted, descending=False, grouped=False) is None


def test_a_merge_hands_on_what_it_changed_up_to_a_limit(
    demo: str, new_location: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = new_location("other")
    write_demo(other, workplaces=8, seed=5, lang="kk")
    with open_location(other) as copy:
        work.commit(copy, lambda w: _notes(w, 1))
    with open_location(demo) as register, open_location(other) as copy:
        changes = merge.merge(register, copy).changes
        assert changes is not None and [(c.table, c.id) for c in changes.changes] == [("hazard", 1)]
    with open_location(other) as copy:
        work.commit(copy, lambda w: (_notes(w, 2), _notes(w, 3)))
    monkeypatch.setattr(merge, "FOLLOWED_AT_MOST", 1)  # more: the window reads everything
    with open_location(demo) as register, open_location(other) as copy:
        assert merge.merge(register, copy).changes is None
