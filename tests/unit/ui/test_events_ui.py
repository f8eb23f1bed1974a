"""Events in the window (issue 18): a flagged hazard carries a red pennant in the register
view, with what to check in its tooltip, until it is rated again; a near miss from the
workplace's context menu; the Events menu's reconciliation with its PDF."""

from __future__ import annotations

import subprocess
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.unit.ui.conftest import wait_until
from wrac_desktop.persistence.models import Hazard, HiddenInjury, Workplace
from wrac_desktop.services import attachments, editing, events, work
from wrac_desktop.ui.events_ui import EventDialog, FindingsDialog
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
        hazard_id = hazard.id
        events.add_event(
            session, "near-miss", datetime(2026, 3, 12, 9, 30), str(place.uuid), [str(hazard.uuid)],
        )  # fmt: skip
    window.operations.changed.emit()  # as every committed edit does
    icon, tooltip = _description_cell(window, hazard_id)
    assert icon is not None and not icon.isNull()  # type: ignore[attr-defined]
    asks = "• Near miss, 12 Mar 2026: check the likelihood"
    shown = tooltip.split("\n\n")[0]  # the text as the view shows it (in English if it has it)
    assert shown and tooltip == f"{shown}\n\nFlagged for re-assessment:\n{asks}"
    with window.register.uow.transaction() as session:
        editing.rate_hazard(session, hazard_id, "initial", (3, 3, None))
    window.operations.changed.emit()
    assert _description_cell(window, hazard_id) == (None, shown)


def _first_workplace(window: MainWindow) -> tuple[int, int, str]:
    """(workplace id, its first hazard's id, the hazard's description), selected in the tree."""
    assert window.register is not None
    with window.register.uow.reading() as session:
        hazard = session.scalars(select(Hazard).order_by(Hazard.id)).first()
        assert hazard is not None
        found = hazard.workplace_id, hazard.id, hazard.description
    window.tree.select_node(("workplace", found[0]))
    return found


def test_a_near_miss_from_the_workplace_s_context_menu_flags_its_hazard(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.switch_language("ru")
    workplace_id, hazard_id, _text = _first_workplace(window)
    photo = tmp_path / "кесек.png"
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo)
    menu_actions: list[str] = []

    def look_at_menu(menu: QMenu, *_args: object) -> None:
        menu_actions.extend(action.objectName() for action in menu.actions())

    monkeypatch.setattr(window.events, "pop_up", look_at_menu)
    tree = window.tree
    point = tree.visualRect(tree.currentIndex()).center()
    tree.customContextMenuRequested.emit(point)
    assert "action_near_miss" in menu_actions and "action_add_hazard" in menu_actions
    answered: list[EventDialog] = []

    def officer_fills_in(dialog: QDialog) -> int:
        assert isinstance(dialog, EventDialog)
        answered.append(dialog)
        assert dialog.kind.currentData() == "near-miss"  # the context menu's kind
        dialog.check_hazard(hazard_id)
        dialog.person.setText("Қасымов Әлібек")
        dialog.description.setPlainText("Жыныс кесегі құлады, ешкім зардап шеккен жоқ")
        dialog.set_files([photo])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(window.events, "ask", officer_fills_in)
    window.tabs.setCurrentWidget(window.dashboard)
    wait_until(lambda: window.dashboard.document.pageCount() == 1)
    before = window.dashboard.document.getAllText(0).text()
    window.action_map["near_miss"].trigger()
    wait_until(lambda: window.events.last_event is not None)
    assert answered
    icon, tooltip = _description_cell(window, hazard_id)
    assert icon is not None and "Потенциально опасное происшествие" in tooltip
    assert "проверьте вероятность" in tooltip
    wait_until(lambda: window.dashboard.document.getAllText(0).text() != before)
    assert window.register is not None and window.events.last_event is not None
    with work.reading(window.register) as on_register:  # the photo, in the attachment store
        stored = attachments.attachments_of(on_register, [uuid.UUID(window.events.last_event)])
    assert [(row.owner_kind, row.file_name) for row in stored] == [("incident_event", "кесек.png")]


def test_reconcile_from_the_events_menu_shows_the_findings_and_saves_a_pdf(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.switch_language("kk")
    journal = tmp_path / "visits.csv"
    journal.write_text(
        "Дата;ФИО;Табельный номер;Диагноз\n14.03.2026;Өмірзақова Ғалия;0051;Ушиб колена\n",
        encoding="utf-8-sig",
    )
    shown: list[FindingsDialog] = []
    monkeypatch.setattr(window.events, "show_findings", shown.append)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(journal), ""))
    window.action_map["reconcile"].trigger()
    wait_until(lambda: bool(shown))
    dialog = shown[0]
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "Өмірзақова Ғалия"
    assert dialog.table.item(0, 1).text() == "14.03.2026"
    pdf = tmp_path / "findings.pdf"
    dialog.save(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Өмірзақова Ғалия" in text
    assert window.register is not None
    with window.register.uow.reading() as session:  # kept for indicator 42
        assert session.scalars(select(HiddenInjury.person)).all() == ["Өмірзақова Ғалия"]
    dialog.deleteLater()


def test_the_event_dialog_records_the_report_to_the_inspectorate_and_the_investigation(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.switch_language("kk")
    workplace_id, hazard_id, _text = _first_workplace(window)

    def officer_fills_in(dialog: QDialog) -> int:
        assert isinstance(dialog, EventDialog)
        assert not dialog.reported_on.isEnabled() and not dialog.reference.isEnabled()
        assert dialog.investigation.currentText() == "Басталған жоқ"  # not started, at first
        dialog.kind.setCurrentIndex(dialog.kind.findData("lost-time"))
        dialog.when.setDateTime(QDateTime(QDate(2026, 3, 12), QTime(14, 30)))
        dialog.check_hazard(hazard_id)
        dialog.reported.setChecked(True)  # the date and the reference can be filled in now
        assert dialog.reported_on.isEnabled() and dialog.reference.isEnabled()
        dialog.reported_on.setDate(QDate(2026, 3, 13))
        dialog.reference.setText("№ 12-04/317")
        index = dialog.investigation.findData("under-way")
        assert dialog.investigation.itemText(index) == "Жүргізілуде"
        dialog.investigation.setCurrentIndex(index)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(window.events, "ask", officer_fills_in)
    window.action_map["record_event"].trigger()
    wait_until(lambda: window.events.last_event is not None)
    assert window.register is not None and window.events.last_event is not None
    with window.register.uow.reading() as session:
        event = events.list_events(session)[-1]
        assert str(event.uuid) == window.events.last_event
        assert (event.kind, event.reported_on, event.report_reference, event.investigation) == (
            "lost-time",
            date(2026, 3, 13),
            "№ 12-04/317",
            "under-way",
        )


def test_an_event_not_reported_keeps_no_report_date(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _first_workplace(window)

    def officer_types_a_reference_then_unticks(dialog: QDialog) -> int:
        assert isinstance(dialog, EventDialog)
        dialog.reported.setChecked(True)
        dialog.reference.setText("№ 5")
        dialog.reported.setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(window.events, "ask", officer_types_a_reference_then_unticks)
    window.action_map["record_event"].trigger()
    wait_until(lambda: window.events.last_event is not None)
    assert window.register is not None
    with window.register.uow.reading() as session:
        event = events.list_events(session)[-1]
        assert (event.reported_on, event.report_reference, event.investigation) == (
            None,
            "",
            "open",
        )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_event_dialog_fits_a_laptop_screen(lang: str, window: MainWindow, qtbot: QtBot) -> None:
    from tests.unit.ui.test_small_screens import opened

    window.switch_language(lang)
    workplace_id, _hazard, _text = _first_workplace(window)
    found = window.operations.read(lambda w: events.workplace_of(w, workplace_id))
    assert found is not None
    dialog = EventDialog(window, *found, "near-miss")
    dialog.reported.setChecked(True)
    assert not opened(dialog, qtbot)
