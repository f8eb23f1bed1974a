"""Issue 16 item 2: "a later library update offers to refresh untouched texts". A library
text the officer never edited follows the library's new wording in every language; an edited
one, an edited translation and an approved revision are left as they are."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import Sample
from wrac_desktop.hazards.model import HazardEntry
from wrac_desktop.persistence.models import (
    Assessment,
    AuditEntry,
    ControlMeasure,
    Hazard,
    Workplace,
)
from wrac_desktop.register import Register
from wrac_desktop.services import approval, hazards, library, library_refresh, structure, work
from wrac_desktop.services import translations as texts

# A translator's fix of the library: the Russian and English wordings change, the Kazakh one
# (which tells which text it was) stays.
NEW = {"kk": "Шу", "ru": "Производственный шум (новая редакция)",
       "en": "Industrial noise (new wording)"}  # fmt: skip


def pick(register: Register, ids: Sample, entry_id: str = "noise", lang: str = "ru") -> int:
    entry = work.read(register, structure.hazard_library).get(entry_id)
    hazard_id, _ = work.commit(
        register, lambda w: structure.add_hazard(w, ids.workplace_id, entry, "", lang)
    )
    return int(hazard_id)


def update_library(register: Register, entry_id: str = "noise", **changes: object) -> HazardEntry:
    """The library's new wording of an entry, as `wrac library import` of an edit brings it."""
    entry = work.read(register, structure.hazard_library).get(entry_id)
    name = {**NEW, "kk": entry.name["kk"]}
    changed = replace(entry, **({"name": name} | changes))  # type: ignore[arg-type]
    with register.uow.transaction() as session:
        library.save_entry(session, changed)
    return changed


def refreshable(register: Register) -> list[library_refresh.Refresh]:
    return work.read(register, library_refresh.refreshable)


def description(
    register: Register, record_id: int, model: type[Hazard | ControlMeasure] = Hazard
) -> str:
    with register.uow.reading() as session:
        return session.get_one(model, record_id).description


def test_an_untouched_text_follows_the_library_s_new_wording_in_every_language(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    hazard_id = pick(register, ids)
    assert refreshable(register) == []  # the library has not changed
    update_library(register)
    (found,) = refreshable(register)
    assert (found.record_id, found.field, found.lang) == (hazard_id, "description", "ru")
    assert found.new_text == NEW["ru"] and found.old_text != NEW["ru"]
    changed, _changes = work.commit(register, library_refresh.apply_refresh)
    assert changed == 1
    assert description(register, hazard_id) == NEW["ru"]
    with register.uow.reading() as session:
        rows = texts.translations_of(session, ids.assessment_id)
        event = session.query(AuditEntry).filter_by(action="library_refresh").one()
    kazakh = work.read(register, structure.hazard_library).get("noise").name["kk"]
    assert [rows.text(NEW["ru"], lang) for lang in ("kk", "ru", "en")] == [
        kazakh, NEW["ru"], NEW["en"],
    ]  # fmt: skip
    assert rows.of(NEW["ru"]).unchecked == frozenset()  # the library's own: nothing to check
    assert event.changes["refreshed"][0][1:] == ["description", NEW["ru"]]
    assert refreshable(register) == []  # refreshed: nothing left, and not counted as an edit
    newer = {"kk": kazakh, "ru": "Шум (третья редакция)", "en": "Noise"}
    update_library(register, name=newer)
    (again,) = refreshable(register)
    assert again.new_text == newer["ru"]
    update_library(register, name={"kk": "Шу (жаңа)", "ru": "Шум (4)", "en": "Noise (4)"})
    assert refreshable(register) == []  # every language reworded: not told, not guessed


def test_which_of_an_entry_s_unwanted_events_is_told_by_its_unchanged_language(
    sample_register: tuple[Register, Sample],
) -> None:
    """The officer may pick any of an entry's unwanted events; a library fix of the second
    one refreshes a hazard holding the second one, and leaves one holding the first."""
    register, ids = sample_register
    first = pick(register, ids)
    entry = work.read(register, structure.hazard_library).get("noise")
    assert len(entry.unwanted_events) >= 2
    with register.uow.transaction() as session:  # the entry with its second unwanted event
        assessment = session.get_one(Assessment, ids.assessment_id)
        event = entry.unwanted_events[1]
        second = hazards.add_hazard(
            session, assessment, session.get_one(Workplace, ids.workplace_id),
            entry.name["ru"], library_id="noise", unwanted_event=event["ru"],
        ).id  # fmt: skip
        texts.remember_all(session, assessment, {event["ru"]: event}, "ru")
    events = list(entry.unwanted_events)
    events[1] = {**events[1], "ru": "Потеря слуха (новая редакция)"}
    update_library(register, name=dict(entry.name), unwanted_events=tuple(events))
    found = refreshable(register)
    assert [(item.record_id, item.field, item.new_text) for item in found] == [
        (second, "unwanted_event", "Потеря слуха (новая редакция)")
    ]
    assert first != second


def test_an_edited_text_or_translation_is_left_as_the_officer_wrote_it(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    edited_id, translated_id = pick(register, ids), pick(register, ids, "vibration")
    work.commit(
        register,
        lambda w: structure_edit(w, edited_id, description="Шум компрессорной (уточнено)"),
    )
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        source = session.get_one(Hazard, translated_id).description
        texts.translate(session, assessment, source, "kk", "Қол-иық дірілі (өңделді)")
    update_library(register)
    update_library(register, "vibration")
    assert refreshable(register) == []


def structure_edit(w: work.Work, hazard_id: int, **values: str) -> None:
    from wrac_desktop.services import hazard_panel

    hazard_panel.edit_hazard(w, hazard_id, values, None, "ru")


def test_an_approved_revision_is_not_refreshed(sample_register: tuple[Register, Sample]) -> None:
    """Nothing is offered, and a refresh asked for anyway is refused with a reason."""
    from datetime import date

    from wrac_desktop.errors import FrozenRecordError

    register, ids = sample_register
    suggested(register, pick(register, ids))
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        approval.approve(session, assessment, by="Ахметов С.", position="Директор",
                         on=date(2026, 4, 1))  # fmt: skip
    update_library(register)
    reworded_control(register)
    assert refreshable(register) == []
    with pytest.raises(FrozenRecordError, match="revision 1 is approved"):
        work.commit(register, library_refresh.apply_refresh)


@pytest.mark.parametrize("engine_kind", ["sqlite"])
def test_a_new_revision_s_copy_is_refreshed_and_an_edit_in_the_old_one_counts(
    engine_kind: str, sample_register: tuple[Register, Sample]
) -> None:
    """The same hazard in every revision: an edit in revision 1 keeps revision 2's text."""
    from datetime import date

    register, ids = sample_register
    kept, fresh = pick(register, ids), pick(register, ids, "vibration")
    work.commit(register, lambda w: structure_edit(w, kept, description="Шум (уточнено)"))
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        approval.approve(session, assessment, by="Ахметов С.", position="Директор",
                         on=date(2026, 4, 1))  # fmt: skip
        approval.start_revision(session, assessment)
    update_library(register)
    update_library(register, "vibration")
    found = refreshable(register)
    assert [item.library_id for item in found] == ["vibration"]
    assert found[0].record_id != fresh  # the draft's copy, not the approved original


@pytest.mark.parametrize("engine_kind", ["sqlite"])
def test_wrac_library_refresh_lists_then_applies(
    engine_kind: str, sample_register: tuple[Register, Sample], capsys: pytest.CaptureFixture[str]
) -> None:
    """`wrac library refresh PATH`: exit 1 while a text would change, `--apply` changes it."""
    from tests.unit.cli.test_cli import run

    register, ids = sample_register
    hazard_id = pick(register, ids)
    update_library(register)
    register.close()
    path = register.location
    code, out, err = run(capsys, "library", "refresh", path)
    assert (code, err) == (1, "")
    assert "noise\tDescription\tШум → " in out and f"→ {NEW['ru']}" in out and "--apply" in out
    assert run(capsys, "library", "refresh", path, "--apply")[:2] == (
        0, f"{out.splitlines()[0]}\n1 texts refreshed from the hazard library\n",
    )  # fmt: skip
    assert run(capsys, "library", "refresh", path)[:2] == (0, "no library text to refresh\n")
    from wrac_desktop.register import open_register

    with open_register(path) as reopened:
        assert description(reopened, hazard_id) == NEW["ru"]
    assert run(capsys, "check", path)[0] == 0  # audited: the register checks clean


def reworded_control(register: Register, entry_id: str = "noise") -> tuple[HazardEntry, dict]:
    """The library's entry with its first suggested control reworded in Russian and English
    (Kazakh kept), as a library update brings it; and that control's new text."""
    entry = work.read(register, structure.hazard_library).get(entry_id)
    first = entry.controls[0]
    new = {**first.text, "ru": f"{first.text['ru']} (новая редакция)", "en": "Reworded control"}
    controls = (replace(first, text=new), *entry.controls[1:])
    with register.uow.transaction() as session:
        library.save_entry(session, replace(entry, controls=controls))
    return entry, new


def suggested(register: Register, hazard_id: int, entry_id: str = "noise") -> int:
    """A measure taken from the hazard's suggested controls (its first), as the editor's
    "Suggested controls" menu adds it."""
    from wrac_desktop.services import hazard_panel

    draft = work.read(register, lambda w: hazard_panel.suggested_measures(w, entry_id))[0]
    measure_id, _changes = work.commit(
        register, lambda w: hazard_panel.add_measure(w, hazard_id, draft)
    )
    return int(measure_id)


def test_a_measure_picked_from_the_suggested_controls_is_refreshed_too(
    sample_register: tuple[Register, Sample],
) -> None:
    """A suggested control remembers its library entry, as the hazard does: a library update
    rewording it refreshes the measure in every language; one the officer edited stays."""
    from wrac_desktop.services import hazard_panel

    register, ids = sample_register
    hazard_id = pick(register, ids)
    kept_id, edited_id = suggested(register, hazard_id), suggested(register, hazard_id)
    with register.uow.reading() as session:
        assert session.get_one(ControlMeasure, kept_id).library_id == "noise"
    stored = work.read(register, lambda w: hazard_panel.stored_measure(w, edited_id, "ru"))
    assert stored is not None
    mine = replace(stored.draft, description="Футеровка мельниц цеха № 2 (уточнено)")
    work.commit(register, lambda w: hazard_panel.edit_measure(w, edited_id, mine, None, "ru"))
    assert refreshable(register) == []
    entry, new = reworded_control(register)
    (found,) = refreshable(register)
    assert (found.table, found.record_id, found.field, found.lang, found.title) == (
        "control_measure", kept_id, "description", "ru", "Measure",
    )  # fmt: skip
    assert found.old_text == entry.controls[0].text["ru"] and found.new_text == new["ru"]
    assert work.commit(register, library_refresh.apply_refresh)[0] == 1
    assert description(register, kept_id, ControlMeasure) == new["ru"]
    assert description(register, edited_id, ControlMeasure) == mine.description
    with register.uow.reading() as session:
        rows = texts.translations_of(session, ids.assessment_id)
    assert [rows.text(new["ru"], lang) for lang in ("kk", "ru", "en")] == [
        new["kk"], new["ru"], new["en"],
    ]  # fmt: skip
    assert refreshable(register) == []


def test_the_revisions_are_read_once_however_many_chunks_of_records(
    sample_register: tuple[Register, Sample], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a translation had been edited, every chunk of records read every revision's UUID
    again (5,000 records a chunk: 90 reads at 450,000 records). Here a chunk of one record."""
    register, ids = sample_register
    edited, untouched = pick(register, ids, "vibration"), pick(register, ids)
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        source = session.get_one(Hazard, edited).description
        texts.translate(session, assessment, source, "kk", "Қол-иық дірілі (өңделді)")
    update_library(register)
    update_library(register, "vibration")
    reads = []
    revisions = library_refresh.rows.revision_uuids
    monkeypatch.setattr(library_refresh, "CHUNK_RECORDS", 1)
    monkeypatch.setattr(
        library_refresh.rows, "revision_uuids", lambda s: reads.append(1) or revisions(s)
    )
    found = refreshable(register)
    assert [item.record_id for item in found] == [untouched]  # the edited one is left
    assert len(reads) == len(library_refresh.SOURCES)  # once per table, not per chunk
