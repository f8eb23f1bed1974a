"""A revision's texts in kk, ru and en: stored once per text, copied to a new revision, frozen
with an approved one, covered by the fingerprint in every language, merged field by field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Sample
from wrac_desktop.errors import FrozenRecordError
from wrac_desktop.hazards import load_builtin_library
from wrac_desktop.i18n import pick
from wrac_desktop.persistence.models import Assessment, AuditEntry, Hazard, TextTranslation
from wrac_desktop.register import Register, open_register, save_copy
from wrac_desktop.services import approval, hazard_panel, merge, structure, work
from wrac_desktop.services import translations as texts
from wrac_desktop.services.fingerprints import canonical_content, fingerprint

HAZARD = "Жарылыстан кейінгі газбен улану"  # the sample hazard's unwanted event


def translate(register: Register, ids: Sample, source: str, lang: str, text: str) -> None:
    with register.uow.transaction() as session:
        texts.translate(session, session.get_one(Assessment, ids.assessment_id), source, lang, text)


def printed(register: Register, assessment_id: int, source: str, lang: str) -> str:
    with register.uow.reading() as session:
        return texts.translations_of(session, assessment_id).text(source, lang)


def approve(register: Register, assessment_id: int) -> None:
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, assessment_id)
        approval.approve(session, assessment, by="Ахметов С.", position="Директор",
                         on=date(2026, 4, 1))  # fmt: skip


def test_a_translation_is_stored_once_per_text_and_audited(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    assert printed(register, ids.assessment_id, HAZARD, "ru") == f"[kk] {HAZARD}"
    translate(register, ids, HAZARD, "ru", "Отравление газами после взрыва")
    translate(register, ids, HAZARD, "en", "Gas poisoning after blasting")
    assert printed(register, ids.assessment_id, HAZARD, "ru") == "Отравление газами после взрыва"
    assert printed(register, ids.assessment_id, HAZARD, "kk") == HAZARD
    with register.uow.reading() as session:
        rows = session.scalars(select(TextTranslation)).all()
        assert [(r.source, r.lang, r.kk, r.ru, r.en) for r in rows] == [
            (HAZARD, "kk", HAZARD, "Отравление газами после взрыва", "Gas poisoning after blasting")
        ]
        logged = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "text_translation")
        ).all()
        assert [entry.action for entry in logged] == ["insert", "update"]


def test_an_edited_text_keeps_its_translations_marked_for_checking(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    translate(register, ids, HAZARD, "ru", "Ядовитые газы")
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        record = texts.retext(session, assessment, HAZARD, "Газбен және шаңмен улану", "kk")
        assert record is not None and record.ru == "Ядовитые газы" and record.unchecked == "ru"
    translate(register, ids, "Газбен және шаңмен улану", "ru", "Отравление газами и пылью")
    with register.uow.reading() as session:
        rows = texts.translations_of(session, ids.assessment_id)
        assert rows.of("Газбен және шаңмен улану").unchecked == frozenset()


def test_a_new_revision_copies_them_and_an_approved_one_freezes_them(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    translate(register, ids, HAZARD, "ru", "Ядовитые газы")
    approve(register, ids.assessment_id)
    with pytest.raises(FrozenRecordError):
        translate(register, ids, HAZARD, "en", "Toxic gases")
    with register.uow.transaction() as session:
        draft = approval.start_revision(session, session.get_one(Assessment, ids.assessment_id))
        draft_id = draft.id
    assert printed(register, draft_id, HAZARD, "ru") == "Ядовитые газы"
    with register.uow.transaction() as session:
        texts.translate(session, session.get_one(Assessment, draft_id), HAZARD, "en", "Toxic gases")
    assert printed(register, draft_id, HAZARD, "en") == "Toxic gases"
    assert printed(register, ids.assessment_id, HAZARD, "en") == "[ru] Ядовитые газы"
    with register.uow.reading() as session:
        assert approval.tamper_problems(session) == []


def test_the_fingerprint_covers_every_language(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    with register.uow.reading() as session:
        before = fingerprint(session, session.get_one(Assessment, ids.assessment_id))
    translate(register, ids, HAZARD, "en", "Toxic gases")
    with register.uow.reading() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        assert fingerprint(session, assessment) != before
        content = canonical_content(session, assessment)
        assert content["format"] == "wrac-fingerprint-5"
        assert [(t["source"], t["en"]) for t in content["translations"]] == [
            (HAZARD, "Toxic gases")
        ]
    approve(register, ids.assessment_id)
    with register.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE text_translation SET en = 'Dust'")
    with register.uow.reading() as session:
        problems = approval.tamper_problems(session)
    assert problems and "Toxic gases" in problems[0] and "Dust" in problems[0], problems


def test_the_same_translations_again_leave_the_fingerprint_as_it_was(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    translate(register, ids, HAZARD, "ru", "Ядовитые газы")
    with register.uow.reading() as session:
        before = fingerprint(session, session.get_one(Assessment, ids.assessment_id))
    translate(register, ids, HAZARD, "ru", "Ядовитые газы")
    with register.uow.reading() as session:
        assert fingerprint(session, session.get_one(Assessment, ids.assessment_id)) == before


@pytest.mark.parametrize("engine_kind", ["sqlite"])
def test_merge_keeps_one_copy_s_translation_and_the_other_s_edit(
    sample_register: tuple[Register, Sample], tmp_path: Path, engine_kind: str
) -> None:
    office, ids = sample_register
    translate(office, ids, "Газоанализатор", "kk", "Газталдағыш")
    save_copy(office, tmp_path / "field.wrac")
    with open_register(tmp_path / "field.wrac") as field:
        translate(field, ids, HAZARD, "ru", "Ядовитые газы")  # the field laptop translates
        translate(field, ids, "Газоанализатор", "en", "Gas detector")
        with office.uow.transaction() as session:  # while the office edits
            session.get_one(Hazard, ids.hazard_id).unwanted_event = "Газбен улану"
        translate(office, ids, "Газоанализатор", "kk", "Газ талдағыш құрал")
        report = merge.merge(office, field)
    assert report.written and not report.plan.conflicts
    with office.uow.reading() as session:
        assert session.get_one(Hazard, ids.hazard_id).unwanted_event == "Газбен улану"
        rows = texts.translations_of(session, ids.assessment_id)
    assert rows.text(HAZARD, "ru") == "Ядовитые газы"
    detector = rows.of("Газоанализатор")
    assert (detector.value("kk"), detector.value("ru"), detector.value("en")) == (
        "Газ талдағыш құрал", "Газоанализатор", "Gas detector",
    )  # fmt: skip


def test_a_library_pick_stores_every_language_of_its_texts(
    sample_register: tuple[Register, Sample],
) -> None:
    """Picked in the Russian interface, the hazard's texts print in Kazakh from the library's
    own kk catalogue, and the hazard remembers its entry."""
    register, ids = sample_register
    library = work.read(register, structure.hazard_library)
    entry = library.get("noise")
    hazard_id, _ = work.commit(
        register, lambda w: structure.add_hazard(w, ids.workplace_id, entry, "", "ru")
    )
    with register.uow.reading() as session:
        hazard = session.get_one(Hazard, hazard_id)
        rows = texts.translations_of(session, ids.assessment_id)
        assert hazard.library_id == "noise" and hazard.description == entry.name["ru"]
        kazakh = {name: rows.text(getattr(hazard, name), "kk") for name in
                  ("description", "unwanted_event", "causes", "consequence")}  # fmt: skip
    assert kazakh == {
        "description": entry.name["kk"],
        "unwanted_event": entry.unwanted_events[0]["kk"],
        "causes": "; ".join(cause["kk"] for cause in entry.causes),
        "consequence": entry.consequences[0]["kk"],
    }
    assert rows.of(entry.name["ru"]).lang == "ru"
    assert rows.text(entry.name["ru"], "en") == entry.name["en"]


def test_a_suggested_control_is_added_in_every_language(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    drafts = work.read(register, lambda w: hazard_panel.suggested_measures(w, "toxic_gas_co"))
    control = load_builtin_library().get("toxic_gas_co").controls[0].text
    (draft,) = [d for d in drafts if d.description == pick(control)]
    work.commit(register, lambda w: hazard_panel.add_measure(w, ids.hazard_id, draft))
    with register.uow.reading() as session:
        rows = texts.translations_of(session, ids.assessment_id)
    assert [rows.text(draft.description, lang) for lang in ("kk", "ru", "en")] == [
        control["kk"], control["ru"], control["en"],
    ]  # fmt: skip


def edit_hazard(register: Register, ids: Sample, lang: str, **values: str) -> None:
    from wrac_desktop import i18n
    from wrac_desktop.services import editing

    i18n.set_language(lang)
    with register.uow.transaction() as session:
        editing.set_fields(session, Hazard, ids.hazard_id, **values)


def test_a_text_edited_in_one_language_marks_the_others_for_checking(
    sample_register: tuple[Register, Sample],
) -> None:
    """Issue 16 item 2: the officer edits the Kazakh hazard in the Kazakh window; its Russian
    and English versions carry over to the new text, marked "needs checking" until confirmed."""
    register, ids = sample_register
    translate(register, ids, HAZARD, "ru", "Отравление газами после взрыва")
    translate(register, ids, HAZARD, "en", "Gas poisoning after blasting")
    edited = "Жарылыстан кейінгі газбен және шаңмен улану"
    edit_hazard(register, ids, "kk", unwanted_event=edited)
    with register.uow.reading() as session:
        rows = texts.translations_of(session, ids.assessment_id)
    text = rows.of(edited)
    assert (text.lang, text.value("ru"), text.unchecked) == (
        "kk", "Отравление газами после взрыва", frozenset({"ru", "en"}),
    )  # fmt: skip
    translate(register, ids, edited, "ru", "Отравление газами и пылью после взрыва")
    with register.uow.reading() as session:
        rows = texts.translations_of(session, ids.assessment_id)
    assert rows.of(edited).unchecked == frozenset({"en"})
    assert rows.text(edited, "ru") == "Отравление газами и пылью после взрыва"


def test_an_edit_in_a_frozen_revision_or_to_an_untranslated_field_writes_no_mark(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    edit_hazard(register, ids, "ru", notes="Проверено")  # not a printed text
    edit_hazard(register, ids, "ru", description="Ядовитые газы (CO, NO₂)")
    with register.uow.reading() as session:
        rows = texts.translations_of(session, ids.assessment_id)
        stored = session.scalars(select(TextTranslation.source)).all()
    assert stored == ["Ядовитые газы (CO, NO₂)"]  # its language, known for certain now
    assert rows.of("Ядовитые газы (CO, NO₂)").unchecked == frozenset()  # nothing to check


@pytest.mark.parametrize(
    ("text", "window", "typed"),
    [("Улы газдар", "kk", "kk"), ("Улы газдар", "ru", "ru"), ("Шу және діріл", "ru", "kk"),
     ("Noise", "kk", "en"), ("12", "ru", "ru")],
)  # fmt: skip
def test_the_language_typed_in(text: str, window: str, typed: str) -> None:
    assert texts.typed_in(text, window) == typed
