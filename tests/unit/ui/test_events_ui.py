"""Events in the window (issue 18): a flagged hazard carries a red pennant in the register
view, with what to check in its tooltip, until it is rated again."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from sqlalchemy import select

from wrac_desktop.persistence.models import Hazard, Workplace
from wrac_desktop.services import editing, events
from wrac_desktop.ui.hazard_table import HazardTableModel
from wrac_desktop.ui.main_window import MainWindow


def _description_cell(window: MainWindow, hazard_id: int) -> tuple[object, str]:
    model = window.register_view.model
    row = model.row_of(hazard_id)
    assert row is not None
    index = model.index(row, HazardTableModel.column_of("description"))
    return index.data(Qt.ItemDataRole.DecorationRole), index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_flagged_hazard_shows_a_pennant_until_it_is_rated_again(window: MainWindow) -> None:
    window.switch_language("en")
    assert window.register is not None
    with window.register.uow.transaction() as session:
        hazard = session.scalars(select(Hazard).order_by(Hazard.id)).first()
        assert hazard is not None
        place = session.get_one(Workplace, hazard.workplace_id)
        hazard_id, description = hazard.id, hazard.description
        events.add_event(
            session, "near-miss", datetime(2026, 3, 12, 9, 30), str(place.uuid), [str(hazard.uuid)],
        )  # fmt: skip
    assert _description_cell(window, hazard_id)[0] is None  # the view has not been told yet
    window.operations.changed.emit()  # as every committed edit does
    icon, tooltip = _description_cell(window, hazard_id)
    assert icon is not None and not icon.isNull()  # type: ignore[attr-defined]
    asks = "• Near miss, 12 Mar 2026: check the likelihood"
    assert tooltip == f"{description}\n\nFlagged for re-assessment:\n{asks}"
    with window.register.uow.transaction() as session:
        editing.rate_hazard(session, hazard_id, "initial", (3, 3, None))
    window.operations.changed.emit()
    assert _description_cell(window, hazard_id) == (None, description)
