"""The id-based commands and read models the UI uses for the tree, the team tab, the action
plan and the revisions, without Qt (the hazard panel's are in ``test_hazard_panel``)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import Sample
from wrac_desktop.errors import UserError, ValidationError
from wrac_desktop.register import Register
from wrac_desktop.services import plan, revisions, structure, team, work
from wrac_desktop.services.plan import PlanFilter
from wrac_desktop.services.work import EditConflict
from wrac_desktop.vocabulary import MeasureStatus, TeamRole


def names(nodes: list[structure.TreeNode]) -> list[str]:
    return [node.name for node in nodes]


def test_the_tree_is_built_and_changed_by_node(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    (org,) = work.read(register, structure.tree)
    assert org.kind == "organisation" and org.hazard_count == 1
    site, _ = work.commit(register, lambda w: structure.add_site(w, "Обогатительная фабрика"))
    division, _ = work.commit(register, lambda w: structure.add_division(w, site[1], "Цех 1"))
    place, _ = work.commit(
        register, lambda w: structure.add_workplace(w, division[1], "Дробильщик")
    )
    assert site[0] == "site" and division[0] == "division" and place[0] == "workplace"
    assert work.read(register, lambda w: structure.unit_of(w, place)) == division[1]
    assert work.read(register, lambda w: structure.unit_of(w, ("organisation", org.id))) is None
    name, version = work.read(register, lambda w: structure.name_of(w, place))
    work.commit(register, lambda w: structure.rename(w, place, "Дробильщик КСД", version))
    with pytest.raises(EditConflict):
        work.commit(register, lambda w: structure.rename(w, place, "Другое", version))
    assert work.read(register, lambda w: structure.name_of(w, place))[0] == "Дробильщик КСД"
    (org,) = work.read(register, structure.tree)
    assert "Обогатительная фабрика" in names(org.children)


def test_hazards_are_added_moved_copied_and_deleted(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    entry = work.read(register, structure.hazard_library).get("toxic_gas_co")
    added, _ = work.commit(
        register, lambda w: structure.add_hazard(w, ids.workplace_id, entry, "", "ru")
    )
    custom, _ = work.commit(
        register, lambda w: structure.add_hazard(w, ids.workplace_id, None, "Шум", "ru")
    )
    assert (
        work.read(register, lambda w: structure.workplace_of_hazard(w, custom)) == ids.workplace_id
    )
    with pytest.raises(ValidationError):
        work.commit(register, lambda w: structure.add_hazard(w, ids.workplace_id, None, " ", "ru"))
    copy, _ = work.commit(
        register, lambda w: structure.paste_workplace(w, ids.workplace_id, ids.site_id, move=False)
    )
    assert copy != ("workplace", ids.workplace_id)
    (org,) = work.read(register, structure.tree)
    assert org.hazard_count == 6  # three in the workplace, three in its copy
    work.commit(register, lambda w: structure.delete_hazard(w, added))
    work.commit(register, lambda w: structure.delete(w, copy))
    (org,) = work.read(register, structure.tree)
    assert org.hazard_count == 2
    with pytest.raises(ValueError):  # the organisation is not deleted from the tree
        work.commit(register, lambda w: structure.delete(w, ("organisation", org.id)))


def test_the_team_tab_reads_and_edits_the_current_assessment(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    sheet = work.read(register, team.assessment_sheet)
    assert sheet is not None and sheet.id == ids.assessment_id
    assert sheet.texts["title"] == "Тәуекелдерді бағалау 2026"
    assert sheet.assessed_on == date(2026, 3, 16) and sheet.revision == 1
    assert [row.cells[0] for row in sheet.team] == ["Нұрланова Әйгерім"]
    work.commit(
        register,
        lambda w: team.edit_assessment(w, sheet.id, {"scope": "Кеніш"}, sheet.row_version),
    )
    with pytest.raises(EditConflict):
        work.commit(
            register,
            lambda w: team.edit_assessment(w, sheet.id, {"scope": "Х"}, sheet.row_version),
        )
    member, _ = work.commit(
        register,
        lambda w: team.add_member(w, sheet.id, "Әбенов Қанат", "Шебер", TeamRole.FACILITATOR),
    )
    with pytest.raises(ValidationError):
        work.commit(register, lambda w: team.add_member(w, sheet.id, " ", "", TeamRole.MEMBER))
    after = work.read(register, team.assessment_sheet)
    assert after is not None and after.texts["scope"] == "Кеніш"
    assert after.team[-1].role is TeamRole.FACILITATOR
    work.commit(register, lambda w: team.remove_member(w, member))
    assert len(work.read(register, team.assessment_sheet).team) == 1  # type: ignore[union-attr]


def test_the_plan_lists_and_marks_measures(sample_register: tuple[Register, Sample]) -> None:
    register, _ids = sample_register
    rows = work.read(register, lambda w: plan.plan_rows(w, PlanFilter()))
    assert [row.description for row in rows] == ["Жергілікті желдету желдеткіштері"]
    work.commit(
        register, lambda w: plan.mark(w, [rows[0].id], MeasureStatus.DONE, date(2026, 6, 1))
    )
    (done,) = work.read(register, lambda w: plan.plan_rows(w, PlanFilter(status="done")))
    assert done.completed_on == date(2026, 6, 1)
    assert work.read(register, plan.responsible_people) == []
    counts = work.read(register, lambda w: plan.cell_counts(w, "initial", None))
    assert counts == {(4.0, 4.0): 1}


def test_revisions_are_approved_started_and_compared(
    sample_register: tuple[Register, Sample],
) -> None:
    register, _ids = sample_register
    assert not work.read(register, revisions.is_current_frozen)
    assert work.read(register, revisions.frozen_revision) is None
    work.commit(
        register,
        lambda w: revisions.approve_current(
            w, by="Серіков Б.", position="Бас инженер", on=date(2026, 4, 1)
        ),
    )
    frozen = work.read(register, revisions.frozen_revision)
    assert frozen is not None and (frozen.number, frozen.approved_on) == (1, "01.04.2026")
    steps: list[tuple[int, int]] = []
    started, _ = work.commit(
        register, lambda w: revisions.start_revision(w, lambda d, t: steps.append((d, t)))
    )
    assert started.number == 2
    assert steps[-1] == (revisions.REVISION_STEPS - 1, revisions.REVISION_STEPS)
    assert work.read(register, revisions.revision_numbers) == [1, 2]
    assert work.read(register, revisions.current_revision) == 2
    changes = work.read(register, lambda w: revisions.revision_changes(w, 1, 2))
    assert changes and {c.what for c in changes} == {"assessment"}  # its approval, not content
    with pytest.raises(UserError):  # a draft exists already
        work.commit(register, lambda w: revisions.start_revision(w, lambda d, t: None))
    assert work.read(register, revisions.audit_chain_problems) == []
    assert work.read(register, lambda w: revisions.reviews_due(w, date(2027, 3, 20)))
