"""Assessment → Refresh library texts… (issue 16 item 2): the untouched library texts whose
library wording changed are listed, and the ticked ones refreshed in one undoable step."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from tests.unit.ui.conftest import stored
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.services import library, structure, work
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
    refreshed_id = dialog.chosen()[0].hazard_id
    assert stored(window, lambda s: s.get_one(Hazard, refreshed_id).description) == new["ru"]
    window.operations.undo_stack.undo()  # one step, undone whole
    assert stored(window, lambda s: s.get_one(Hazard, refreshed_id).description) == old
