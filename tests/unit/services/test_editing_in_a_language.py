"""Issue 16 item 3: the hazard editor and the measure dialog show and edit each text in one
language (the interface's by default), not the text as stored; a missing translation or one
that needs checking is marked, and an edit in one language marks the others (item 2's rule)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import Sample
from wrac_desktop.errors import ValidationError
from wrac_desktop.persistence.models import Assessment, ControlMeasure, Hazard
from wrac_desktop.register import Register
from wrac_desktop.services import hazard_panel, work
from wrac_desktop.services import translations as texts
from wrac_desktop.services.hazard_panel import HazardDetail

EVENT = "Жарылыстан кейінгі газбен улану"  # the sample hazard's unwanted event, in Kazakh
EVENT_RU = "Отравление газами после взрыва"


def detail(register: Register, ids: Sample, lang: str) -> HazardDetail:
    shown = work.read(register, lambda w: hazard_panel.hazard_detail(w, ids.hazard_id, lang))
    assert shown is not None
    return shown


def edit(register: Register, ids: Sample, lang: str, **values: str) -> bool:
    changed, _changes = work.commit(
        register, lambda w: hazard_panel.edit_hazard(w, ids.hazard_id, values, None, lang)
    )
    return bool(changed)


def translate(register: Register, ids: Sample, source: str, lang: str, text: str) -> None:
    with register.uow.transaction() as session:
        texts.translate(session, session.get_one(Assessment, ids.assessment_id), source, lang, text)


def stored(register: Register, ids: Sample, field: str) -> str:
    with register.uow.reading() as session:
        return str(getattr(session.get_one(Hazard, ids.hazard_id), field))


def test_the_editor_shows_each_text_in_its_language_and_marks_a_missing_one(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    russian = detail(register, ids, "ru")
    assert russian.texts["unwanted_event"] == ""  # no Russian version yet: not the Kazakh one
    assert russian.languages["unwanted_event"].mark("ru") == "missing"
    assert russian.languages["unwanted_event"].fallback("ru") == ("kk", EVENT)
    assert russian.languages["causes"].mark("ru") == ""  # an empty field lacks nothing
    kazakh = detail(register, ids, "kk")
    assert kazakh.texts["unwanted_event"] == EVENT and kazakh.lang == "kk"
    assert kazakh.languages["unwanted_event"].mark("kk") == ""
    assert kazakh.texts["description"] == ""  # "Улы газдар (CO, NO₂)" reads as Russian
    translate(register, ids, EVENT, "ru", EVENT_RU)
    assert detail(register, ids, "ru").texts["unwanted_event"] == EVENT_RU


def test_filling_a_missing_translation_translates_the_text_and_marks_nothing(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    assert edit(register, ids, "ru", unwanted_event=EVENT_RU)
    assert stored(register, ids, "unwanted_event") == EVENT  # the record keeps its own text
    shown = detail(register, ids, "ru").languages["unwanted_event"]
    assert (shown.values["ru"], shown.unchecked) == (EVENT_RU, frozenset())
    assert not edit(register, ids, "ru", unwanted_event=EVENT_RU)  # as shown: no change


def test_an_edit_in_the_own_language_marks_the_other_languages_for_checking(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    translate(register, ids, EVENT, "ru", EVENT_RU)
    edited = "Жарылыстан кейінгі газбен және шаңмен улану"
    assert edit(register, ids, "kk", unwanted_event=edited)
    assert stored(register, ids, "unwanted_event") == edited
    shown = detail(register, ids, "ru").languages["unwanted_event"]
    assert shown.values["ru"] == EVENT_RU and shown.mark("ru") == "unchecked"


def test_changing_a_translation_makes_it_the_record_s_text_and_marks_the_old_one(
    sample_register: tuple[Register, Sample],
) -> None:
    """The Russian window changes the Russian version of a Kazakh text: only this hazard
    changes, and its Kazakh text is to be checked against the new Russian one."""
    register, ids = sample_register
    translate(register, ids, EVENT, "ru", EVENT_RU)
    edited = "Отравление газами и пылью после взрыва"
    assert edit(register, ids, "ru", unwanted_event=edited)
    assert stored(register, ids, "unwanted_event") == edited
    shown = detail(register, ids, "kk").languages["unwanted_event"]
    assert (shown.lang, shown.values["kk"], shown.mark("kk")) == ("ru", EVENT, "unchecked")
    with register.uow.reading() as session:
        rows = texts.translations_of(session, ids.assessment_id)
    assert rows.text(EVENT, "ru") == EVENT_RU  # the old text's translation is left as it was


def test_clearing_a_translation_leaves_the_record_s_text(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    translate(register, ids, EVENT, "ru", EVENT_RU)
    assert edit(register, ids, "ru", unwanted_event="")
    assert stored(register, ids, "unwanted_event") == EVENT
    assert detail(register, ids, "ru").languages["unwanted_event"].mark("ru") == "missing"


def test_the_measure_dialog_edits_a_measure_s_texts_in_its_language(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.reading() as session:
        measure_id = session.get_one(Hazard, ids.hazard_id).measures[0].id
    stored_kk = work.read(register, lambda w: hazard_panel.stored_measure(w, measure_id, "kk"))
    assert stored_kk is not None
    assert stored_kk.draft.description == "Жергілікті желдету желдеткіштері"
    stored_ru = work.read(register, lambda w: hazard_panel.stored_measure(w, measure_id, "ru"))
    assert stored_ru is not None and stored_ru.draft.description == ""
    assert stored_ru.languages["description"].mark("ru") == "missing"
    russian = "Местные вентиляторы проветривания"
    draft = replace(stored_ru.draft, description=russian)
    work.commit(
        register,
        lambda w: hazard_panel.edit_measure(w, measure_id, draft, stored_ru.row_version, "ru"),
    )
    with register.uow.reading() as session:
        kept = session.get_one(ControlMeasure, measure_id).description
    assert kept == stored_kk.draft.description  # the record keeps its own text
    again = work.read(register, lambda w: hazard_panel.stored_measure(w, measure_id, "ru"))
    assert again is not None and again.draft.description == russian
    line = detail(register, ids, "ru").measures[0]
    assert line.description == russian  # the editor's measure table: the window's language


def test_a_measure_with_no_version_in_the_dialog_s_language_still_saves(
    sample_register: tuple[Register, Sample],
) -> None:
    """The Russian dialog of a Kazakh measure shows an empty description; changing only its
    status must not be refused for it, nor store an empty or a Kazakh "Russian" text."""
    register, ids = sample_register
    with register.uow.reading() as session:
        measure_id = session.get_one(Hazard, ids.hazard_id).measures[0].id
    shown = work.read(register, lambda w: hazard_panel.stored_measure(w, measure_id, "ru"))
    assert shown is not None and shown.draft.description == ""
    draft = replace(shown.draft, status="in_progress")
    work.commit(
        register, lambda w: hazard_panel.edit_measure(w, measure_id, draft, shown.row_version, "ru")
    )
    again = work.read(register, lambda w: hazard_panel.stored_measure(w, measure_id, "kk"))
    assert again is not None and again.draft.status == "in_progress"
    assert again.draft.description == "Жергілікті желдету желдеткіштері"
    assert again.languages["description"].values["ru"] == ""
    with pytest.raises(ValidationError):  # the measure's own text emptied: refused
        work.commit(
            register,
            lambda w: hazard_panel.edit_measure(
                w, measure_id, replace(again.draft, description=""), None, "kk"
            ),
        )
