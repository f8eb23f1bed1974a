"""Tab moves through every dialog as the form reads: down the rows, left to right within one
(issue 19, keyboard). Qt's own order is the order the widgets were made in, and a widget
made late but placed high sent the focus back up the form."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.unit.importing.worksheets import english_worksheet
from wrac_desktop.hazards import load_builtin_library
from wrac_desktop.persistence.conflicts import EditConflict, FieldConflict
from wrac_desktop.register import open_register
from wrac_desktop.services import merge
from wrac_desktop.services.importing import open_source
from wrac_desktop.services.review import review_current
from wrac_desktop.ui.approval_ui import ApproveDialog
from wrac_desktop.ui.audit_dialog import AuditDialog
from wrac_desktop.ui.conflict_dialog import ConflictDialog
from wrac_desktop.ui.connect_dialog import ConnectDialog
from wrac_desktop.ui.diff_dialog import DiffDialog
from wrac_desktop.ui.events_ui import EventDialog
from wrac_desktop.ui.export_dialog import ExportDialog
from wrac_desktop.ui.import_dialog import ImportDialog
from wrac_desktop.ui.library_picker import LibraryPicker
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.measure_dialog import MeasureDialog
from wrac_desktop.ui.merge_dialog import MergeDialog
from wrac_desktop.ui.progress_dialog import StepDialog
from wrac_desktop.ui.settings import Settings
from wrac_desktop.ui.translations_dialog import TranslationsDialog
from wrac_desktop.ui.wizard import NewRegisterWizard

ROW = 8  # pixels: widgets whose tops differ by less stand in one row


def tab_stops(dialog: QWidget) -> list[QWidget]:
    """The widgets of ``dialog`` (or a wizard's page) Tab visits, in its order: the focus
    chain, less what takes no Tab."""
    stops: list[QWidget] = []
    widget, seen = dialog.nextInFocusChain(), set()
    while widget is not dialog and id(widget) not in seen:
        seen.add(id(widget))
        if (
            dialog.isAncestorOf(widget)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and widget.focusProxy() is None
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def place(widget: QWidget, dialog: QWidget) -> QPoint:
    """Where ``widget`` stands in ``dialog``; a table's cell widget stands where its table
    does (rows scrolled out of sight are placed below the dialog's next part)."""
    shown = widget
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QAbstractItemView):
            shown = parent
        parent = parent.parentWidget()
    return shown.mapTo(dialog, QPoint(0, 0))


def out_of_order(dialog: QWidget) -> list[str]:
    """Each step of Tab that goes back up the form, or left within a row."""
    places = [(w, place(w, dialog)) for w in tab_stops(dialog)]
    wrong = []
    for (before, at), (after, to) in zip(places, places[1:], strict=False):
        same_row = abs(to.y() - at.y()) < ROW
        if (same_row and to.x() < at.x()) or (not same_row and to.y() < at.y()):
            wrong.append(f"{name(before)} {at.toTuple()} → {name(after)} {to.toTuple()}")
    return wrong


def name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    words = text() if callable(text) and isinstance(text(), str) else ""
    return f"{type(widget).__name__}({widget.objectName() or words[:20]})"


def shown(dialog: QDialog) -> QDialog:
    dialog.show()
    QApplication.processEvents()
    return dialog


def dispose(dialog: QDialog, qtbot: QtBot) -> None:
    """Deleted now, not by pytest-qt after its window (which aborted PySide)."""
    dialog.close()
    dialog.deleteLater()
    qtbot.wait(1)


DIALOGS: dict[str, Callable[[MainWindow, Path], QDialog]] = {
    "export": lambda window, _tmp: ExportDialog(window),
    "connect": lambda window, _tmp: ConnectDialog(Settings(), window),
    "measure": lambda window, _tmp: MeasureDialog(window),
    "audit": lambda window, _tmp: AuditDialog(window, window.operations),
    "approve": lambda window, _tmp: ApproveDialog(
        window, 1, window.operations.read(review_current)
    ),
    "import": lambda window, tmp: import_dialog(window, tmp),
    "merge": lambda window, tmp: merge_dialog(window, tmp),
    "diff": lambda window, _tmp: DiffDialog(window, window.operations, [1]),
    "conflict": lambda window, _tmp: ConflictDialog(
        EditConflict("hazard", 7, [FieldConflict("notes", "Ескі", "Жаңа")], 4, "Әйгерім"),
        None,
        window,
    ),
    "step": lambda window, _tmp: StepDialog(window, "Done"),
    "event": lambda window, _tmp: event_dialog(window),
    "library": lambda window, _tmp: LibraryPicker(window, load_builtin_library()),
    "translations": lambda window, _tmp: TranslationsDialog(
        window.operations, "hazard", first_hazard(window), window
    ),
}


def first_hazard(window: MainWindow) -> int:
    hazard_id = window.register_view.model.hazard_id(0)
    assert hazard_id is not None
    return hazard_id


def event_dialog(window: MainWindow) -> QDialog:
    """Events → Record an event… at the first hazard's workplace, reported to the inspectorate
    (so the date and reference take Tab too)."""
    from tests.unit.ui.conftest import stored
    from wrac_desktop.persistence.models import Hazard
    from wrac_desktop.services import events

    workplace = stored(window, lambda s: s.get_one(Hazard, first_hazard(window)).workplace_id)
    found = window.operations.read(lambda w: events.workplace_of(w, workplace))
    assert found is not None
    name, hazards = found
    dialog = EventDialog(window, name, hazards, "near-miss")
    dialog.reported.setChecked(True)
    return dialog


def import_dialog(window: MainWindow, tmp: Path) -> QDialog:
    assert window.register is not None
    with window.register.uow.reading() as session:
        source = open_source(session, english_worksheet(tmp / "en.xlsx"))
    return ImportDialog(source, window)


def merge_dialog(window: MainWindow, tmp: Path) -> QDialog:
    assert window.register is not None
    other = tmp / "other.wrac"
    shutil.copy(window.register.location, other)
    with open_register(other) as theirs:
        report = merge.preview(window.register, theirs)
    return MergeDialog(window, report)


@pytest.mark.parametrize("which", sorted(DIALOGS))
def test_tab_follows_the_form(which: str, window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    dialog = shown(DIALOGS[which](window, tmp_path))
    stops, wrong = tab_stops(dialog), out_of_order(dialog)
    dispose(dialog, qtbot)
    assert len(stops) >= 2
    assert wrong == []


def test_tab_follows_each_page_of_the_new_register_wizard(window: MainWindow, qtbot: QtBot) -> None:
    wizard = shown(NewRegisterWizard(window))
    wrong = {}
    for _page in wizard.pageIds():
        wrong[wizard.currentId()] = out_of_order(wizard.currentPage())
        wizard.next()
    pages = wizard.pageIds()
    dispose(wizard, qtbot)
    assert wrong == dict.fromkeys(pages, [])
