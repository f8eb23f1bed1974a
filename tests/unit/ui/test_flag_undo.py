"""A re-assessment flag follows the app's undo (issue 18): re-scoring a flagged hazard from the
hazard panel clears its flag, Edit → Undo brings the rating and the flag back, Redo clears it
again; the register view and the Due tab show each state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.unit.ui.conftest import due_read, flag_by_a_near_miss, stored, wait_until
from wrac_desktop.persistence.models import Hazard, ReassessmentFlag
from wrac_desktop.ui.hazard_table import HazardTableModel
from wrac_desktop.ui.main_window import MainWindow


def _open_flags(window: MainWindow) -> int:
    return len(stored(window, lambda s: list(s.scalars(
        select(ReassessmentFlag).where(ReassessmentFlag.cleared_at.is_(None))
    ))))  # fmt: skip


def _pennant(window: MainWindow, hazard_id: int) -> bool:
    """Whether the register view shows the hazard's red flag (its row read as painted)."""
    model = window.register_view.model
    row = model.row_of(hazard_id)
    assert row is not None
    index = model.index(row, HazardTableModel.column_of("description"))
    return index.data(Qt.ItemDataRole.DecorationRole) is not None


def test_undoing_a_re_score_brings_the_flag_back(window: MainWindow) -> None:
    hazard_id, _workplace = flag_by_a_near_miss(window)
    rated_then = stored(window, lambda s: s.get_one(Hazard, hazard_id))
    before = (rated_then.initial_likelihood, rated_then.initial_severity)
    assert _open_flags(window) == 1
    assert _pennant(window, hazard_id)
    window.register_view.select_hazard(hazard_id)
    editor = window.editor
    wait_until(lambda: editor.shown is not None and editor.shown.id == hazard_id)
    rated = (1, 1) if before != (1, 1) else (2, 2)
    assert editor.initial is not None
    editor.initial.rated.emit(*rated, None)  # what picking a cell of the rating box sends
    assert _open_flags(window) == 0
    assert not _pennant(window, hazard_id)
    undo = window.action_map["undo"]
    assert undo.isEnabled()
    undo.trigger()
    assert _open_flags(window) == 1
    now = stored(window, lambda s: s.get_one(Hazard, hazard_id))
    assert (now.initial_likelihood, now.initial_severity) == before
    assert _pennant(window, hazard_id)
    due_read(window)
    assert len(window.due_view.found.flagged) == 1
    window.action_map["redo"].trigger()
    assert _open_flags(window) == 0
    due_read(window)
    assert window.due_view.found.flagged == []
    assert not _pennant(window, hazard_id)
