"""The plan after approval in the window: a step with a photo recorded from the action plan,
its thumbnail shown, overdue and due-soon rows coloured, the Due tab and its notice."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import approve_now
from wrac_desktop.ui.action_plan import ActionPlanModel
from wrac_desktop.ui.due_view import DUE_SOON_BACKGROUND, OVERDUE_BACKGROUND
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.progress_dialog import StepInput
from wrac_desktop.vocabulary import MeasureStatus


def _background(model: ActionPlanModel, row: int) -> QColor | None:
    brush = model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color()


def test_done_with_a_photo_on_an_approved_plan(window: MainWindow, tmp_path: Path) -> None:
    approve_now(window, by="Серікбаев Қ.", position="Бас инженер", on=date(2026, 3, 20))
    assert not window.operations.editable  # frozen: yet the plan can move
    plan = window.action_plan
    window.tabs.setCurrentWidget(plan)
    assert plan.done_button.isEnabled()
    model = plan.model
    today = model.today
    for index, row in enumerate(model.rows):
        expected = (
            OVERDUE_BACKGROUND if model.is_overdue(row)
            else DUE_SOON_BACKGROUND if model.is_due_soon(row) else None
        )  # fmt: skip
        assert _background(model, index) == expected
    assert any(model.is_overdue(row) for row in model.rows)

    photo = tmp_path / "pump.jpg"
    buffer = io.BytesIO()
    image = Image.new("RGB", (640, 480), (40, 120, 200))
    exif = image.getexif()
    exif[0x0112] = 6  # taken with the phone upright
    image.save(buffer, "JPEG", exif=exif)
    photo.write_bytes(buffer.getvalue())
    plan.set_due_window(-1)
    plan.table.selectRow(0)
    chosen = model.rows[0].id
    plan.mark(MeasureStatus.DONE, step=StepInput(today, "Ахметов С.", "", (photo,)))
    plan.set_due_window(None)
    index = next(i for i, row in enumerate(model.rows) if row.id == chosen)
    assert model.rows[index].status == "done"
    plan.table.selectRow(index)
    assert plan.evidence.isVisible()
    (thumbnail,) = plan.evidence.labels
    pixmap = thumbnail.pixmap()
    assert (pixmap.width(), pixmap.height()) == (72, 96)  # upright, as the EXIF says
    assert thumbnail.toolTip() == "pump.jpg"


def test_the_due_tab_and_the_notice_on_opening(window: MainWindow) -> None:
    due = window.due_view
    assert due.notice.isVisible()  # the demo has overdue measures
    assert "measures overdue:" in due.notice.text()
    due.notice.linkActivated.emit("due")
    assert window.tabs.currentWidget() is due
    groups = [due.tree.topLevelItem(i) for i in range(due.tree.topLevelItemCount())]
    overdue = groups[0]
    assert overdue.childCount() == len(due.found.overdue) > 0
    assert overdue.child(0).background(0).color() == OVERDUE_BACKGROUND


def test_the_export_dialog_adds_the_photo_appendix_to_the_register_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from wrac_desktop.ui.export_dialog import ExportDialog

    plan = window.action_plan
    window.tabs.setCurrentWidget(plan)
    plan.table.selectRow(0)
    photo = tmp_path / "act.png"
    Image.new("RGB", (300, 200), (10, 10, 10)).save(photo)
    plan.mark(MeasureStatus.DONE, step=StepInput(date.today(), "", "", (photo,)))
    dialog = ExportDialog(window)
    dialog.report.setCurrentIndex(dialog.report.findData("plan"))
    assert not dialog.with_photos.isEnabled()
    dialog.report.setCurrentIndex(dialog.report.findData("register"))
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.with_photos.isEnabled()
    dialog.with_photos.setChecked(True)
    window.testing = True
    target = tmp_path / "register.pdf"
    window.exports.export_report(*dialog.choice()[:3], target, with_photos=dialog.photos())
    qtbot.waitUntil(lambda: window.exports.last_export == target, timeout=60_000)
    last = PdfReader(target).pages[-1]
    assert "act.png" in last.extract_text() and len(last.images) == 1
