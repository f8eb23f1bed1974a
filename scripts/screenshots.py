"""Open the app on a demo register in a real window and save screenshots to artifacts/.

Run under an X server (the Xvfb test does this): python scripts/screenshots.py OUT_DIR [LANG]

The window fills the screen, as maximised: run Xvfb at 1366x768x24 to see it as on a laptop
(1280x720x24: a smaller one). It starts with no saved settings, as at a first start.
Besides the window and each tab, it saves the whole screen and every dialog the window opens
(export, connect, approve, measure, audit trail, import mapping, merge, compare revisions, the
library, languages, a progress step, an event, an edit conflict, a name asked for, Qt's file
dialog, About, the PDF preview, the wizard's pages, the guide).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from wrac_desktop.i18n import _
from wrac_desktop.persistence.conflicts import EditConflict, FieldConflict
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register
from wrac_desktop.services import events, merge, structure
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.importing import open_source
from wrac_desktop.services.review import review_current
from wrac_desktop.ui.application import create_application
from wrac_desktop.ui.approval_ui import ApproveDialog
from wrac_desktop.ui.audit_dialog import AuditDialog
from wrac_desktop.ui.conflict_dialog import ConflictDialog
from wrac_desktop.ui.connect_dialog import ConnectDialog
from wrac_desktop.ui.diff_dialog import DiffDialog
from wrac_desktop.ui.events_ui import EventDialog
from wrac_desktop.ui.export_dialog import ExportDialog
from wrac_desktop.ui.guide import GuideDialog
from wrac_desktop.ui.import_dialog import ImportDialog
from wrac_desktop.ui.language import apply_language
from wrac_desktop.ui.library_picker import LibraryPicker
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.measure_dialog import MeasureDialog
from wrac_desktop.ui.merge_dialog import MergeDialog
from wrac_desktop.ui.progress_dialog import StepDialog
from wrac_desktop.ui.settings import Settings
from wrac_desktop.ui.translations_dialog import TranslationsDialog
from wrac_desktop.ui.wizard import NewRegisterWizard
from wrac_desktop.vocabulary import MeasureStatus

WORKSHEET = (
    ("No", "Workplace", "Hazard", "Unwanted event", "Likelihood", "Consequence",
     "Additional controls", "Responsible person", "Due date"),
    (1, "Driller", "Rock fall", "Struck by falling rock", 4, 4, "Mesh and bolts",
     "Shift boss", "31.12.2026"),
    (2, "Loader operator", "Diesel exhaust", "CO poisoning", 3, 4, "Battery loader",
     "Fleet manager", "IV quarter 2026"),
)  # fmt: skip


def settle(app: QApplication) -> None:
    for _step in range(20):
        app.processEvents()


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))


def wait_for(app: QApplication, condition: Callable[[], bool], seconds: float = 30) -> None:
    """Background work (approval, a new revision) runs while the window stays live."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def shoot_dialog(
    app: QApplication, dialog: QDialog, path: Path, painted: Callable[[], bool] | None = None
) -> None:
    """``painted``: what must be true before the shot, for content drawn after the dialog is
    shown (QtPdf renders a preview's pages in threads of its own)."""
    # Sized before it is shown: show() created the X window at the unshown size (100 × 30)
    # and resized it just after; on a loaded machine the X server's report of the first size
    # could come back last and Qt took it (the flaky 100 × 30 approve dialog).
    if not dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):  # as show() itself does
        dialog.adjustSize()
    dialog.show()
    handle = dialog.windowHandle()
    wait_for(app, lambda: handle is not None and handle.isExposed(), 10)
    if painted is not None:
        wait_for(app, painted, 60)
    settle(app)
    save(app, dialog, path)
    dialog.close()
    dialog.deleteLater()


def shoot_dialogs(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    register = window.register
    assert register is not None
    folder = Path(tempfile.mkdtemp())
    review = window.operations.read(review_current)  # as Assessment → Approve shows it
    assert review is not None
    for name, dialog in (
        ("export", ExportDialog(window, [register.location])),
        ("connect", ConnectDialog(Settings(), window)),
        ("approve", ApproveDialog(window, review.revision, review)),
        ("measure", MeasureDialog(window)),
        ("audit", AuditDialog(window, window.operations)),
        ("guide", GuideDialog(window, window.guide_page())),
        ("wizard", NewRegisterWizard(window)),
    ):
        shoot_dialog(app, dialog, out / f"{lang}-dialog-{name}.png")
    wizard = NewRegisterWizard(window)
    wizard.legal_name.setText("ТОО «Көкжал Кен»")
    wizard.bin.setText("12345")  # a wrong BIN: its message shown
    wizard.show()
    wizard.next()  # the organisation page: Next was on at the suggested path
    shoot_dialog(app, wizard, out / f"{lang}-dialog-wizard-organisation.png")
    wizard = NewRegisterWizard(window)
    wizard.setStartId(3)  # the matrix page, its preview
    shoot_dialog(app, wizard, out / f"{lang}-dialog-wizard-matrix.png")
    book = Workbook()
    for row in WORKSHEET:
        book.active.append(row)
    book.save(folder / "worksheet.xlsx")
    with register.uow.reading() as session:
        source = open_source(session, folder / "worksheet.xlsx")
    shoot_dialog(app, ImportDialog(source, window), out / f"{lang}-dialog-import.png")
    other = folder / "other.wrac"
    shutil.copy(register.location, other)
    with open_register(other) as theirs:
        for side, text in ((theirs, "Көміртек тотығы (далада)"), (register, "Улы газдар")):
            with side.uow.transaction() as session:
                session.get_one(Hazard, 1).description = text
        report = merge.preview(register, theirs)
    shoot_dialog(app, MergeDialog(window, report), out / f"{lang}-dialog-merge.png")


def shoot_modal(app: QApplication, opens: Callable[[], object], path: Path) -> None:
    """A dialog the app runs modally itself (exec): grabbed once it is up, then cancelled."""

    def grab() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not up yet
            QTimer.singleShot(100, grab)
            return
        handle = dialog.windowHandle()
        wait_for(app, lambda: handle is not None and handle.isExposed(), 10)
        save(app, dialog, path)
        dialog.close() if not isinstance(dialog, QDialog) else dialog.reject()

    QTimer.singleShot(300, grab)
    opens()


def shoot_more_dialogs(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    """The library, languages, a progress step, an event, a conflict, a name asked for, Qt's
    file dialog (its words translated: issue 19, 9), About and the PDF preview."""
    hazard_id = window.register_view.selected_hazard_id() or 1
    library = window.operations.read(structure.hazard_library)
    workplace_id = window.operations.read(lambda w: structure.workplace_of_hazard(w, hazard_id))
    assert library is not None and workplace_id is not None
    found = window.operations.read(lambda w: events.workplace_of(w, workplace_id))
    assert found is not None
    conflict = EditConflict(
        "hazard", hazard_id, [FieldConflict("description", "Улы газдар", "Көміртек тотығы")],
        4, "Ахметов Е.С.",
    )  # fmt: skip
    for name, dialog in (
        ("library", LibraryPicker(window, library)),
        ("languages", TranslationsDialog(window.operations, "hazard", hazard_id, window)),
        ("step", StepDialog(window, MeasureStatus.DONE.label())),
        ("event", EventDialog(window, found[0], found[1], "near-miss")),
        ("conflict", ConflictDialog(conflict, {"description": _("Hazard")}, window)),
    ):
        shoot_dialog(app, dialog, out / f"{lang}-dialog-{name}.png")
    window.tree.select_node(("workplace", workplace_id))  # Edit → Rename, as the officer does
    shoot_modal(app, window.action_map["rename"].trigger, out / f"{lang}-dialog-rename.png")
    shoot_modal(
        app,
        lambda: QFileDialog.getOpenFileName(
            window, "Open", str(out), "WRAC (*.wrac)",
            options=QFileDialog.Option.DontUseNativeDialog,
        ),
        out / f"{lang}-dialog-file.png",
    )  # fmt: skip
    shoot_modal(app, window.action_map["about"].trigger, out / f"{lang}-dialog-about.png")
    window.exports.testing = True  # the preview is kept, not run modally
    window.exports.preview_report("register", "pdf", lang)
    wait_for(app, lambda: window.exports.preview is not None, 120)
    assert window.exports.preview is not None
    preview = window.exports.preview
    shoot_dialog(
        app, preview, out / f"{lang}-dialog-preview.png", lambda: page_painted(preview.view)
    )


def page_painted(view: QWidget) -> bool:
    """A page of the preview is on screen: white paper and dark text among the grey around it
    (on a loaded machine the shot came before QtPdf had drawn one: a blank preview)."""
    image = view.grab().toImage()
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 120))
        for y in range(0, image.height(), max(1, image.height() // 120))
    }
    return len(colours) > 30


def shoot_filtered(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    """A heat-map cell clicked: the register with its filter chips, then the filter removed."""
    window.tabs.setCurrentWidget(window.matrix_view)
    settle(app)
    counts = window.matrix_view.counts("initial")
    likelihood, severity = max(counts, key=lambda cell: counts[cell])
    window.matrix_view.grids["initial"].cell_button(likelihood, severity).click()
    save(app, window, out / f"{lang}-filtered.png")
    for chip in list(window.register_view.chips.chips):
        chip.click()


def approve_and_revise(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    today = date.today()
    window.approval.approve_with(
        by="Серікбаев Қайрат", position="Бас инженер", on=today,
        next_review_on=today + timedelta(days=20),
    )  # fmt: skip
    wait_for(app, lambda: not window.approval.approving)
    save(app, window, out / f"{lang}-approved.png")
    window.approval.new_revision()
    wait_for(app, lambda: window.operations.editable)
    diff = DiffDialog(window, window.operations, [1, 2])
    shoot_dialog(app, diff, out / f"{lang}-dialog-diff.png")


def main(out: Path, lang: str = "ru") -> int:
    out.mkdir(parents=True, exist_ok=True)
    # The window as a first start shows it, not as this machine's last run left its columns,
    # splitter and panels (a hazard column shown there stayed in every later screenshot).
    os.environ.setdefault("WRAC_CONFIG_DIR", tempfile.mkdtemp())
    app = create_application(sys.argv[:1])
    apply_language(lang)  # our words and Qt's
    register_path = Path(tempfile.mkdtemp()) / "demo.wrac"
    write_demo(register_path, workplaces=40, seed=1, lang=lang)
    window = MainWindow(open_register(register_path))
    window.testing = True
    screen = window.screen()
    window.setGeometry(screen.availableGeometry())  # maximised, with or without a window manager
    window.showMaximized()
    window.tree.expandAll()
    window.register_view.table.selectRow(3)
    settle(app)
    screen.grabWindow(0).save(str(out / f"{lang}-screen.png"))
    # The editor's whole body, below its scrolled-to part too.
    shots = {"main-window": window, "hazard-editor": window.editor.widget()}
    for name, widget in shots.items():
        save(app, widget, out / f"{lang}-{name}.png")
    for index in range(window.tabs.count()):  # the dashboard first
        window.tabs.setCurrentIndex(index)
        wait_for(app, lambda: window.dashboard.job is None)  # its page drawn behind
        if window.tabs.widget(index) is window.dashboard:  # QPdfView paints it in a thread
            wait_for(app, lambda: False, seconds=3)
        settle(app)
        widget = window.tabs.widget(index)
        name = "dashboard" if widget is window.dashboard else widget.objectName() or f"tab{index}"
        save(app, window, out / f"{lang}-{name}.png")
    window.tabs.setCurrentWidget(window.register_view)  # the dashboard is the first tab now
    window.register_view.group_action.trigger()  # View → Group by site and division
    window.register_view.table.scrollToTop()
    save(app, window, out / f"{lang}-grouped.png")
    window.register_view.group_action.trigger()
    window.action_map["compact_rows"].trigger()  # View → Compact rows: a row a line
    save(app, window, out / f"{lang}-compact.png")
    window.action_map["compact_rows"].trigger()
    shoot_filtered(app, window, out, lang)
    shoot_dialogs(app, window, out, lang)
    shoot_more_dialogs(app, window, out, lang)
    approve_and_revise(app, window, out, lang)
    window.set_register(None)  # the start screen, with this register among the recent ones
    settle(app)
    wait_for(app, lambda: window.start_screen._reading is None)  # what the registers hold
    save(app, window, out / f"{lang}-start.png")
    window.close()
    window.deleteLater()  # Qt workaround: a window alive at interpreter exit aborts PySide
    settle(app)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), *(sys.argv[2:3] or ["ru"])))
