"""The plan after approval in the window: a step with a photo recorded from the action plan,
its thumbnail shown, overdue and due-soon rows coloured, the Due tab and its notice."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.unit.reports.test_reports import pdf_text
from tests.unit.ui.conftest import approve_now, due_read
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
    due_read(window)  # read behind the rows shown, then the notice
    assert due.notice.isVisible()  # the demo has overdue measures
    assert "measures overdue:" in due.notice.text()
    due.notice.linkActivated.emit("due")
    assert window.tabs.currentWidget() is due
    due_read(window)  # the rows in the interface's language, read when the tab is shown
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


def test_the_export_dialog_reproduces_an_earlier_day_s_progress(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Export… with "Progress as it stood on" ticked gives the plan and the summary as
    `wrac export --as-of` does (issue 17 item 5): a measure done on 2 November is still open
    on 1 November, and the plan says which day it shows."""
    import json

    from wrac_desktop.ui.export_dialog import ExportDialog

    window.switch_language("ru")
    approve_now(window, by="Серікбаев Қ.", position="Бас инженер", on=date(2026, 3, 20))
    plan = window.action_plan
    window.tabs.setCurrentWidget(plan)
    plan.table.selectRow(0)
    plan.mark(MeasureStatus.DONE, step=StepInput(date(2026, 11, 2), "Ахметов С.", "", ()))
    window.testing = True
    answers: list[tuple[str, str, date | None]] = []

    def officer_chooses(dialog: ExportDialog) -> int:
        report, fmt, day = answers.pop(0)
        dialog.report.setCurrentIndex(dialog.report.findData(report))
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        if report == "matrix":
            assert not dialog.earlier.isEnabled()  # a matrix counts risks, not progress
        assert not dialog.as_of_date.isEnabled()  # today's, until ticked
        if day is not None:
            dialog.earlier.setChecked(True)
            assert dialog.as_of_date.isEnabled()
            dialog.as_of_date.setDate(day)
        dialog.path.setText(str(tmp_path / f"{report}-{day}.{fmt}"))
        return 1

    monkeypatch.setattr(ExportDialog, "exec", officer_chooses)

    def export(report: str, fmt: str, day: date | None) -> Path:
        answers.append((report, fmt, day))
        target = tmp_path / f"{report}-{day}.{fmt}"
        window.action_map["export"].trigger()
        qtbot.waitUntil(lambda: window.exports.last_export == target, timeout=60_000)
        return target

    def done(report: Path) -> int:
        return int(dict(json.loads(report.read_text("utf-8"))["entities"][0])["measures_done"])

    assert done(export("summary", "json", date(2026, 11, 1))) + 1 == (
        done(export("summary", "json", None))
    )
    earlier = pdf_text(export("plan", "pdf", date(2026, 11, 1)))
    today = pdf_text(export("plan", "pdf", None))
    assert "Состояние выполнения мероприятий на 01.11.2026" in " ".join(earlier.split())
    assert "02.11.2026" in today and "02.11.2026" not in earlier  # the completion date
    export("matrix", "pdf", None)  # its tick is off: checked in the dialog above


def test_the_plan_says_a_deadline_of_another_language_in_the_interfaces() -> None:
    """«2027 ж. IV тоқсан» under an English interface reads "Q4 2027" beneath its date, and
    in Russian «IV квартал 2027 г.»: the plan's own words, in the language the officer reads."""
    import uuid

    from wrac_desktop.services.plan import PlanRow
    from wrac_desktop.ui.language import apply_language

    row = PlanRow(
        id=1, uuid=uuid.uuid4(), workplace="Забойщик", hazard="Обрушение", description="Анкеры",
        level="engineering", responsible="Бас инженер", due_text="2027 ж. IV тоқсан",
        due_date=date(2027, 12, 31), status="planned", completed_on=None, residual_band=None,
    )  # fmt: skip
    model = ActionPlanModel()
    model.set_rows([row], date(2026, 12, 7))
    due = ActionPlanModel.column_of("due_text")
    try:
        apply_language("en")
        assert model.text(0, due, whole=False) == "31 Dec 2027\n(Q4 2027)"
        apply_language("ru")
        assert model.text(0, due, whole=False) == "31.12.2027\n(IV квартал 2027 г.)"
        apply_language("kk")
        assert model.text(0, due, whole=False) == "31.12.2027\n(2027 ж. IV тоқсан)"
    finally:
        apply_language("en")
