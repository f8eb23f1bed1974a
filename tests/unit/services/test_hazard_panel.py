"""The hazard panel's service API, without Qt: one hazard read whole, edited by id, measures
checked before anything is written, another user's change never overwritten unseen."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import Sample
from wrac_desktop.errors import ValidationError
from wrac_desktop.register import Register
from wrac_desktop.services import hazard_panel, work
from wrac_desktop.services.hazard_panel import MeasureDraft
from wrac_desktop.services.work import EditConflict


def detail(register: Register, hazard_id: int) -> hazard_panel.HazardDetail:
    shown = work.read(register, lambda w: hazard_panel.hazard_detail(w, hazard_id))
    assert shown is not None
    return shown


def test_the_detail_holds_what_the_panel_shows(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    shown = detail(register, ids.hazard_id)
    assert shown.workplace == "Үңгілеуші"
    assert shown.texts["description"] == "Улы газдар (CO, NO₂)"
    assert set(shown.texts) == set(hazard_panel.TEXT_FIELDS)
    assert (shown.initial.likelihood, shown.initial.severity) == (4, 4)
    assert shown.initial.effective_band == "high"
    assert [line.description for line in shown.measures] == [
        "Жергілікті желдету желдеткіштері",
        "Газоанализатор",
    ]
    assert shown.measures[0].due == "IV квартал 2026 г."
    assert shown.library_id == "toxic_gas_co" and shown.row_version >= 1
    assert work.read(register, lambda w: hazard_panel.hazard_detail(w, 10_000)) is None


def test_editing_fields_trims_refuses_an_empty_description_and_reports_no_change(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    version = detail(register, ids.hazard_id).row_version
    changed, changes = work.commit(
        register,
        lambda w: hazard_panel.edit_hazard(w, ids.hazard_id, {"causes": "  Жару  "}, version),
    )
    assert changed and changes
    assert detail(register, ids.hazard_id).texts["causes"] == "Жару"
    same, nothing = work.commit(
        register, lambda w: hazard_panel.edit_hazard(w, ids.hazard_id, {"causes": "Жару"}, None)
    )
    assert not same and not nothing
    with pytest.raises(ValidationError):
        work.commit(
            register,
            lambda w: hazard_panel.edit_hazard(w, ids.hazard_id, {"description": " "}, None),
        )
    with pytest.raises(AttributeError):  # only the panel's fields, not e.g. the assessment
        work.commit(
            register, lambda w: hazard_panel.edit_hazard(w, ids.hazard_id, {"uuid": "x"}, None)
        )
    assert detail(register, ids.hazard_id).texts["description"] == "Улы газдар (CO, NO₂)"


def test_an_edit_over_another_users_change_is_a_conflict(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    seen = detail(register, ids.hazard_id).row_version
    work.commit(
        register, lambda w: hazard_panel.edit_hazard(w, ids.hazard_id, {"notes": "A"}, seen)
    )
    with pytest.raises(EditConflict):
        work.commit(
            register, lambda w: hazard_panel.edit_hazard(w, ids.hazard_id, {"notes": "B"}, seen)
        )
    assert detail(register, ids.hazard_id).texts["notes"] == "A"


def test_rating_and_overriding_by_id(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    seen = detail(register, ids.hazard_id).row_version
    work.commit(
        register, lambda w: hazard_panel.rate(w, ids.hazard_id, "initial", (1, 1, None), seen)
    )
    assert detail(register, ids.hazard_id).initial.effective_band == "low"
    work.commit(
        register, lambda w: hazard_panel.override(w, ids.hazard_id, "initial", "high", "Опыт")
    )
    assert detail(register, ids.hazard_id).initial.override_reason == "Опыт"
    work.commit(register, lambda w: hazard_panel.override(w, ids.hazard_id, "initial", None, ""))
    assert detail(register, ids.hazard_id).initial.effective_band == "low"


@pytest.mark.parametrize(
    "draft",
    [
        MeasureDraft("   "),
        MeasureDraft("Ограждение", level="prayer"),
        MeasureDraft("Ограждение", kind="maybe"),
        MeasureDraft("Ограждение", status="forgotten"),
        MeasureDraft("Ограждение", cost="много"),
        MeasureDraft("Ограждение", cost="-5"),
    ],
)
def test_a_bad_measure_is_refused_before_anything_is_written(
    sample_register: tuple[Register, Sample], draft: MeasureDraft
) -> None:
    register, ids = sample_register
    with pytest.raises(ValidationError):
        hazard_panel.validate(draft)
    with pytest.raises(ValidationError):
        work.commit(register, lambda w: hazard_panel.add_measure(w, ids.hazard_id, draft))
    assert len(detail(register, ids.hazard_id).measures) == 2


def test_a_measure_is_added_edited_and_deleted_by_id(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    draft = MeasureDraft(
        "Ограждение конвейера", level="engineering", responsible="Мастер",
        due="31.12.2026", cost="1 500,50", status="done", completed_on=date(2026, 5, 4),
    )  # fmt: skip
    measure_id, _changes = work.commit(
        register, lambda w: hazard_panel.add_measure(w, ids.hazard_id, draft)
    )
    stored = work.read(register, lambda w: hazard_panel.stored_measure(w, measure_id))
    assert stored is not None
    assert stored.draft.cost == "1500.50" and stored.draft.completed_on == date(2026, 5, 4)
    assert stored.draft.due == "31.12.2026" and stored.draft.status == "done"
    edited = MeasureDraft("Ограждение и блокировка", level="engineering", status="planned")
    work.commit(
        register,
        lambda w: hazard_panel.edit_measure(w, measure_id, edited, stored.row_version),
    )
    with pytest.raises(EditConflict):  # the version the first dialog saw has moved on
        work.commit(
            register,
            lambda w: hazard_panel.edit_measure(w, measure_id, draft, stored.row_version),
        )
    again = work.read(register, lambda w: hazard_panel.stored_measure(w, measure_id))
    assert again is not None
    assert again.draft.description == "Ограждение и блокировка"
    assert again.draft.completed_on is None and again.draft.cost == ""
    with pytest.raises(ValidationError):
        work.commit(
            register,
            lambda w: hazard_panel.edit_measure(w, measure_id, MeasureDraft(""), None),
        )
    work.commit(register, lambda w: hazard_panel.delete_measure(w, measure_id))
    assert work.read(register, lambda w: hazard_panel.stored_measure(w, measure_id)) is None


def test_suggested_measures_come_from_the_library_entry(
    sample_register: tuple[Register, Sample],
) -> None:
    register, _ids = sample_register
    drafts = work.read(register, lambda w: hazard_panel.suggested_measures(w, "toxic_gas_co"))
    assert drafts and all(d.description and d.kind == "additional" for d in drafts)
    assert all(hazard_panel.suggestion_label(d).endswith(d.description) for d in drafts)
    assert work.read(register, lambda w: hazard_panel.suggested_measures(w, None)) == []
    assert work.read(register, lambda w: hazard_panel.suggested_measures(w, "no_such")) == []


def test_undo_replays_the_inverse_of_a_command(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    _result, changes = work.commit(
        register,
        lambda w: hazard_panel.edit_hazard(w, ids.hazard_id, {"notes": "Заметка"}, None),
    )
    work.replay(register, changes.inverse())
    assert detail(register, ids.hazard_id).texts["notes"] == ""
    work.replay(register, changes)
    assert detail(register, ids.hazard_id).texts["notes"] == "Заметка"
