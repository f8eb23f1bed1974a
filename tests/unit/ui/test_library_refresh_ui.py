"""Assessment → Refresh library texts… (issue 16 item 2): the untouched library texts whose
library wording changed are listed, and the ticked ones refreshed in one undoable step; and
the offer a register gets when it is opened by a version whose library words them anew."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import approve_now, dispose, stored
from wrac_desktop.hazards.library import HazardLibrary, load_builtin_library
from wrac_desktop.hazards.model import HazardEntry
from wrac_desktop.persistence.models import AuditEntry, ControlMeasure, Hazard
from wrac_desktop.register import open_register
from wrac_desktop.services import hazard_panel, library, structure, work
from wrac_desktop.ui.language import apply_language
from wrac_desktop.ui.library_refresh import LibraryRefreshDialog
from wrac_desktop.ui.main_window import MainWindow


def test_the_window_offers_to_refresh_a_changed_library_text(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = window.register
    assert register is not None
    assert "library_refresh" in window.action_map
    shown: list[LibraryRefreshDialog] = []
    monkeypatch.setattr(LibraryRefreshDialog, "exec", lambda self: shown.append(self) or 1)
    window.library_refresh.offer()
    assert shown == []  # the demo's texts are as the library words them
    with register.uow.reading() as session:
        hazard = session.query(Hazard).filter(Hazard.library_id == "noise").first()
        assert hazard is not None
        old = hazard.description
    entry = work.read(register, structure.hazard_library).get("noise")
    new = {"kk": entry.name["kk"], "ru": "Производственный шум (новая редакция)",
           "en": "Industrial noise (new wording)"}  # fmt: skip
    with register.uow.transaction() as session:
        library.save_entry(session, replace(entry, name=new))
    window.library_refresh.offer()
    (dialog,) = shown
    assert dialog.table.rowCount() >= 1
    texts = [dialog.table.item(row, 2).text() for row in range(dialog.table.rowCount())]  # type: ignore[union-attr]
    assert set(texts) == {new["ru"]}  # the demo is Russian: its texts stay Russian
    assert dialog.table.item(0, 1).text() == old  # type: ignore[union-attr]
    for row in range(1, dialog.table.rowCount()):  # only the first ticked
        dialog.table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)  # type: ignore[union-attr]
    assert len(dialog.chosen()) == 1
    refreshed_id = dialog.chosen()[0].record_id
    assert stored(window, lambda s: s.get_one(Hazard, refreshed_id).description) == new["ru"]
    window.operations.undo_stack.undo()  # one step, undone whole
    assert stored(window, lambda s: s.get_one(Hazard, refreshed_id).description) == old


def _shipped_with_new_wording(entry_id: str) -> tuple[HazardLibrary, HazardEntry]:
    """The library a newer version ships: ``entry_id``'s name and suggested controls reworded
    in Russian and English (Kazakh kept, which tells which text each was)."""
    builtin = load_builtin_library()
    entry = builtin.get(entry_id)
    name = {**entry.name, "ru": f"{entry.name['ru']} (ред. 2027)", "en": "Reworded hazard"}
    controls = tuple(
        replace(c, text={**c.text, "ru": f"{c.text['ru']} (ред. 2027)", "en": f"Control {i}"})
        for i, c in enumerate(entry.controls)
    )
    return builtin.merged_with([replace(entry, name=name, controls=controls)]), entry


def _library_texts(path: Path, entry_id: str) -> tuple[list[str], dict[int, str]]:
    """The demo's hazards' descriptions, and its measures' (by id), of ``entry_id``."""
    with open_register(path, read_only=True) as register, register.uow.reading() as session:
        names = [h.description for h in session.query(Hazard).filter_by(library_id=entry_id)]
        measures = session.query(ControlMeasure).filter_by(library_id=entry_id)
        return names, {m.id: m.description for m in measures}


def _offered(
    path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, HazardEntry]:
    """The register opened by a version shipping the new wording of "noise", once its bar
    offers the refresh; and the entry as it was."""
    shipped, entry = _shipped_with_new_wording("noise")
    monkeypatch.setattr(library, "load_builtin_library", lambda: shipped)
    main = MainWindow(open_register(path))
    main.show()
    try:
        qtbot.waitUntil(main.library_refresh.bar.isVisible, timeout=30_000)
    except BaseException:
        dispose(main, qtbot)
        raise
    return main, entry


def test_opening_a_register_offers_the_shipped_library_s_new_wording(
    demo_file: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register made with an older library, opened by a version whose library words an
    entry anew: a bar offers "Refresh N texts" (the entry's hazards and the measures taken
    from its suggested controls, not the one the officer edited); the refresh runs in the
    background, is audited, and is one step Undo takes back."""
    names, measures = _library_texts(demo_file, "noise")
    assert names and len(measures) >= 2  # the demo's measures are the entry's controls
    edited_id = min(measures)
    with open_register(demo_file) as register:
        shown = work.read(register, lambda w: hazard_panel.stored_measure(w, edited_id, "ru"))
        assert shown is not None
        mine = replace(shown.draft, description="Своя формулировка мероприятия")
        work.commit(register, lambda w: hazard_panel.edit_measure(w, edited_id, mine, None, "ru"))
    main, entry = _offered(demo_file, qtbot, monkeypatch)
    try:
        bar = main.library_refresh.bar
        count = len(names) + len(measures) - 1
        assert bar.refresh.text() == f"Refresh {count} texts" and bar.not_now.text() == "Not now"
        main.grab().save(str(Path("artifacts").joinpath("library_refresh_bar.png")))
        qtbot.mouseClick(bar.refresh, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: main.library_refresh.refreshing is None, timeout=30_000)
        assert not bar.isVisible()
        new_names, new_measures = _library_texts(demo_file, "noise")
        controls = {c.text["ru"]: f"{c.text['ru']} (ред. 2027)" for c in entry.controls}
        assert set(new_names) == {f"{entry.name['ru']} (ред. 2027)"}
        assert new_measures == {
            i: text if i == edited_id else controls[text] for i, text in measures.items()
        } | {edited_id: mine.description}
        events = stored(main, lambda s: s.query(AuditEntry).filter_by(action="library_refresh"))
        assert [e.summary for e in events] == [f"{count} texts refreshed from the hazard library"]
        assert main.operations.undo_stack.undoText() == "Refresh library texts"
        main.action_map["undo"].trigger()
        assert _library_texts(demo_file, "noise") == (
            names,
            measures | {edited_id: mine.description},
        )
    finally:
        dispose(main, qtbot)


def test_not_now_and_an_approved_register_leave_the_texts_as_they_are(
    demo_file: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _library_texts(demo_file, "noise")
    main, _entry = _offered(demo_file, qtbot, monkeypatch)
    try:
        bar = main.library_refresh.bar
        count = bar.count
        try:  # the bar follows a language switch
            apply_language("kk")
            qtbot.waitUntil(lambda: bar.refresh.text() == f"{count} мәтінді жаңарту")
            assert bar.not_now.text() == "Қазір емес"
        finally:
            apply_language("en")
        qtbot.mouseClick(bar.not_now, Qt.MouseButton.LeftButton)
        assert not bar.isVisible() and _library_texts(demo_file, "noise") == before
        approve_now(main, by="Серікбаев", position="Инженер", on=date.today())
        main.set_register(open_register(demo_file))  # opened again, approved
        assert main.library_refresh.looking is None and not bar.isVisible()
        qtbot.wait(1000)  # past the offer's delay: still nothing offered
        assert main.library_refresh.looking is None and not bar.isVisible()
    finally:
        dispose(main, qtbot)
