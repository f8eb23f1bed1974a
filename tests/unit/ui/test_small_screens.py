"""The window and its dialogs fit a 1,366 × 768 laptop screen, in Kazakh, Russian and English.

Safety engineers at the mines use such laptops. A window whose minimum size is larger than
the screen cannot be maximised onto it: its right-hand side (the hazard editor) is cut off.
Kazakh and Russian words are longer than English ones, so every language is checked, with a
demo register open, a hazard selected, and the notices of an approved revision shown.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot
from reportlab.pdfgen import canvas

from tests.unit.importing.worksheets import english_worksheet
from tests.unit.ui.conftest import approve_now, dispose
from wrac_desktop.i18n import _
from wrac_desktop.persistence.conflicts import EditConflict, FieldConflict
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register
from wrac_desktop.services import events, merge, structure
from wrac_desktop.services.importing import open_source
from wrac_desktop.services.review import review_current
from wrac_desktop.ui.approve_dialog import ApproveDialog
from wrac_desktop.ui.audit_dialog import AuditDialog
from wrac_desktop.ui.conflict_dialog import ConflictDialog
from wrac_desktop.ui.connect_dialog import ConnectDialog
from wrac_desktop.ui.diff_dialog import DiffDialog
from wrac_desktop.ui.events_ui import EventDialog
from wrac_desktop.ui.export_dialog import ExportDialog
from wrac_desktop.ui.guide import GuideDialog
from wrac_desktop.ui.import_dialog import ImportDialog
from wrac_desktop.ui.library_picker import LibraryPicker
from wrac_desktop.ui.main_window import TREE_MIN_WIDTH, MainWindow, opening_size
from wrac_desktop.ui.measure_dialog import MeasureDialog
from wrac_desktop.ui.merge_dialog import MergeDialog
from wrac_desktop.ui.pdf_preview import PdfPreview
from wrac_desktop.ui.progress_dialog import StepDialog
from wrac_desktop.ui.screen_fit import FORM_GAP, FRAME, bounded_size
from wrac_desktop.ui.settings import Settings
from wrac_desktop.ui.translations_dialog import TranslationsDialog
from wrac_desktop.ui.wizard import NewRegisterWizard
from wrac_desktop.vocabulary import MeasureStatus

LAPTOP = QSize(1366, 768)
SMALL_LAPTOP = QSize(1280, 720)  # "not broken" there either: the window must still fit


@pytest.fixture
def main(demo_in: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    window = MainWindow(open_register(demo_in))
    window.testing = True
    window.show()
    window.tree.expandAll()
    window.register_view.table.selectRow(3)
    qtbot.waitUntil(lambda: window.editor.hazard_id is not None)
    yield window
    dispose(window, qtbot)


def fits(widget: QWidget, screen: QSize = LAPTOP, *, opening_size: bool = False) -> str:
    """'' if the widget's minimum size (and, asked, the size it opened at) fits ``screen``."""
    QApplication.processEvents()  # the layouts take in what changed (a notice shown, say)
    sizes = [("minimum size", widget.minimumSizeHint().expandedTo(widget.minimumSize()))]
    if opening_size:
        sizes.append(("size", widget.size()))
    return "; ".join(
        f"{type(widget).__name__} {what} {size.toTuple()} > {screen.toTuple()}"
        for what, size in sizes
        if size.width() > screen.width() or size.height() > screen.height()
    )


def labels_against_fields(dialog: QWidget) -> list[str]:
    """A form's labels whole and clear of their fields (the longest Kazakh one touched its
    field's edge in the measure dialog)."""
    problems = []
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not isinstance(label.widget(), QLabel):
                continue
            shown, words = label.geometry(), label.widget().text()
            if not label.widget().isVisible() or not words:
                continue
            if shown.width() < label.widget().sizeHint().width():
                problems.append(f"label cut: {words}")
            if field.geometry().left() - shown.right() <= FORM_GAP - 2:
                problems.append(f"label against its field: {words}")
    return problems


def opened(dialog: QDialog, qtbot: QtBot) -> str:
    """'' if the dialog fits a laptop; its size, framed, within the screen it opened on."""
    dialog.show()
    qtbot.waitExposed(dialog)
    # No bigger than its screen holds with a frame, unless its own minimum asks for more.
    room = (dialog.screen().availableSize() - FRAME).expandedTo(dialog.minimumSizeHint())
    size = dialog.size()
    problem = fits(dialog, SMALL_LAPTOP)  # within 1,280 × 720, so within 1,366 × 768 too
    problem += "; ".join(labels_against_fields(dialog))
    # Qt workaround: deleted now, with its models, not by pytest-qt after the window (a
    # dialog outliving its parent window aborted PySide at interpreter exit).
    dialog.close()
    dialog.deleteLater()
    qtbot.wait(1)
    assert size.width() <= room.width() and size.height() <= room.height(), type(dialog)
    return problem


def test_a_window_asked_for_is_bounded_by_a_laptop_screen() -> None:
    laptop = QSize(1366, 728)  # 768 less a 40-pixel task bar
    assert bounded_size(QSize(1100, 700), laptop) + FRAME == QSize(1116, 728)
    assert bounded_size(QSize(600, 400), laptop) == QSize(600, 400)


def test_the_start_screen_fits_a_small_laptop(lang: str, demo_in: Path, qtbot: QtBot) -> None:
    settings = Settings()
    settings.remember_recent(str(demo_in))
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.start_screen
    assert not fits(window, SMALL_LAPTOP), fits(window, SMALL_LAPTOP)


def approve_and_revise(window: MainWindow, qtbot: QtBot) -> None:
    """Revision 1 approved, revision 2 started: the diff has something to compare."""
    today = date.today()
    approve_now(
        window, by="Серікбаев Қайрат Нұрланұлы", position="Кеніш бас инженерінің орынбасары",
        on=today, next_review_on=today + timedelta(days=20),
    )  # fmt: skip
    notices = (window.banner, window.approval.reviews, window.approval.plan_reviews)
    assert all(not label.isHidden() for label in notices)  # read-only, and a review is due
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        problem = fits(window, SMALL_LAPTOP)
        assert not problem, f"approved, tab {index}: {problem}"
    window.action_map["new_revision"].trigger()  # Assessment → Start a new revision
    qtbot.waitUntil(lambda: window.operations.editable and window.operations.job.isFinished())  # noqa: SLF001


def test_the_window_and_its_dialogs_fit_a_laptop_screen(
    main: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """One window per language for both (Qt workaround: each window more, left for the end of
    the run, brought PySide closer to aborting at interpreter exit)."""
    assert main.editor.hazard_id is not None and main.editor.initial is not None
    assert not fits(main), fits(main)
    assert not fits(main, SMALL_LAPTOP), fits(main, SMALL_LAPTOP)
    # The first start opens it, framed, within the screen less its task bar.
    assert opening_size(QSize(1920, 1040)) == QSize(1400, 860)
    framed = opening_size(QSize(1366, 728)) + FRAME
    assert framed.width() <= 1366 and framed.height() <= 728
    for index in range(main.tabs.count()):  # each tab shown, as a user would
        main.tabs.setCurrentIndex(index)
        assert not fits(main), f"tab {index}: {fits(main)}"
    # The hazard editor is usable at its narrowest: its fields need no sideways scrolling.
    editor = main.editor
    viewport = editor.minimumWidth() - editor.verticalScrollBar().sizeHint().width()
    assert editor.widget().minimumSizeHint().width() <= viewport - 2 * editor.frameWidth()
    risk_at_a_glance_on_a_laptop(main)

    # The dialogs it opens.
    register = main.register
    assert register is not None
    assert not opened(ExportDialog(main), qtbot)
    assert not opened(ConnectDialog(Settings(), main), qtbot)
    assert not opened(ApproveDialog(main, 1), qtbot)
    review = main.operations.read(review_current)  # as Assessment → Approve shows it
    assert review is not None and review.lines()
    assert not opened(ApproveDialog(main, review.revision, review), qtbot)
    assert not opened(GuideDialog(main, main.guide_page()), qtbot)
    wizard = NewRegisterWizard(main)
    wizard.bin.setText("12345")  # its message shown
    assert not opened(wizard, qtbot)
    wizard = NewRegisterWizard(main)
    wizard.setStartId(3)  # the matrix preview
    assert not opened(wizard, qtbot)
    assert not opened(MeasureDialog(main), qtbot)
    assert not opened(AuditDialog(main, main.operations), qtbot)
    with register.uow.reading() as session:
        source = open_source(session, english_worksheet(tmp_path / "en.xlsx"))
    assert not opened(ImportDialog(source, main), qtbot)
    more_dialogs_fit(main, qtbot)


def more_dialogs_fit(main: MainWindow, qtbot: QtBot) -> None:
    """The library, languages, a progress step, an event, a conflict, a name asked for and the
    PDF preview (issue 19: every dialog, not the first eight)."""
    hazard_id = main.editor.hazard_id
    assert hazard_id is not None
    library = main.operations.read(structure.hazard_library)
    workplace_id = main.operations.read(lambda w: structure.workplace_of_hazard(w, hazard_id))
    assert library is not None and workplace_id is not None
    found = main.operations.read(lambda w: events.workplace_of(w, workplace_id))
    assert found is not None
    conflict = EditConflict(
        "hazard", hazard_id, [FieldConflict("description", "Улы газдар", "Көміртек тотығы")],
        4, "Ахметов Е.С.",
    )  # fmt: skip
    assert not opened(LibraryPicker(main, library), qtbot)
    assert not opened(TranslationsDialog(main.operations, "hazard", hazard_id, main), qtbot)
    assert not opened(StepDialog(main, MeasureStatus.DONE.label()), qtbot)
    assert not opened(EventDialog(main, found[0], found[1], "near-miss"), qtbot)
    assert not opened(ConflictDialog(conflict, {"description": "Қауіп"}, main), qtbot)
    asked = QInputDialog(main)
    asked.setLabelText("Жаңа атауы:")
    assert not opened(asked, qtbot)
    assert not opened(PdfPreview(_one_page_pdf(), "Preview", main), qtbot)


def _one_page_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "WRAC")
    page.save()
    return out.getvalue()


def risk_at_a_glance_on_a_laptop(main: MainWindow) -> None:
    """Maximised on 1,366 × 768 with the hazard panel open (issue 19, 6): both risk classes
    on screen, the filters' texts whole, the tree at its first width (its names wrap whole:
    test_wrapped_texts), and both heat maps whole."""
    main.resize(LAPTOP - FRAME - QSize(0, 40))
    main.tabs.setCurrentWidget(main.register_view)
    QApplication.processEvents()
    view = main.register_view
    residual = view.model.column_of("residual")
    right_edge = view.table.columnViewportPosition(residual) + view.table.columnWidth(residual)
    assert 0 < right_edge <= view.table.viewport().width()
    for combo in (view.band, view.category, main.action_plan.status):
        assert combo.width() >= combo.sizeHint().width(), combo.currentText()
    assert main.tree.width() >= TREE_MIN_WIDTH  # its names wrap whole: test_wrapped_texts
    tab_bar = main.tabs.tabBar()  # every tab named whole, no scroll arrows
    assert tab_bar.sizeHint().width() <= main.tabs.width(), tab_bar.sizeHint()
    main.tabs.setCurrentWidget(main.matrix_view)
    QApplication.processEvents()
    for grid in main.matrix_view.grids.values():
        shown = grid.visibleRegion().boundingRect()
        assert shown.width() == grid.width(), "a heat map is cut at the side"
    main.tabs.setCurrentWidget(main.action_plan)  # the measure, who, when and its state
    QApplication.processEvents()
    plan = main.action_plan.table
    status = main.action_plan.model.column_of("status")
    right_edge = plan.columnViewportPosition(status) + plan.columnWidth(status)
    assert 0 < right_edge <= plan.viewport().width()
    main.tabs.setCurrentWidget(main.team_panel)  # the team whole: name, position and role
    QApplication.processEvents()
    team = main.team_panel.team
    assert sum(team.columnWidth(c) for c in range(3)) <= team.viewport().width()
    assert team.horizontalScrollBar().maximum() == 0
    main.tabs.setCurrentWidget(main.register_view)


def test_the_merge_dialog_fits_a_laptop_screen(demo_in: Path, tmp_path: Path, qtbot: QtBot) -> None:
    here, there = tmp_path / "here.wrac", tmp_path / "there.wrac"  # two copies that diverged
    for copy in (here, there):
        shutil.copy(demo_in, copy)
    with open_register(here) as ours, open_register(there) as theirs:
        for side, text in ((theirs, "Көміртек тотығы — далада"), (ours, "Улы газдар")):
            with side.uow.transaction() as session:
                session.get_one(Hazard, 1).description = text * 6
        report = merge.preview(ours, theirs)
    assert report.plan.conflicts
    assert not opened(MergeDialog(None, report), qtbot)


# Kazakh only, the longest words: an approval in each language as well left enough windows
# behind that PySide aborted at interpreter exit (bool_dealloc) after every test had passed.
@pytest.mark.parametrize("lang", ["kk"], indirect=True)
def test_an_approved_register_and_its_revisions_fit_a_laptop_screen(
    main: MainWindow, qtbot: QtBot
) -> None:
    approve_and_revise(main, qtbot)
    assert not opened(DiffDialog(main, main.operations, [1, 2]), qtbot)


@pytest.mark.parametrize("screen", [LAPTOP, SMALL_LAPTOP], ids=["1366x768", "1280x720"])
def test_the_action_plan_reads_without_sideways_scrolling(
    main: MainWindow, screen: QSize, qtbot: QtBot
) -> None:
    """Maximised with the hazard panel open (issue 19): the plan's columns share the table's
    width, each status and deadline date and each heading word whole; what a narrow column
    cuts is elided, with the whole text in its tooltip."""
    main.resize(screen - FRAME - QSize(0, 40))
    main.tabs.setCurrentWidget(main.action_plan)
    QApplication.processEvents()
    view, model = main.action_plan, main.action_plan.model
    table, header = view.table, view.table.horizontalHeader()
    assert main.editor_dock.isVisible() and model.rowCount() > 0
    assert table.horizontalScrollBar().maximum() == 0
    shown = {model.COLUMNS[c][0] for c in range(header.count()) if not header.isSectionHidden(c)}
    assert {"workplace", "description", "responsible", "due_text", "status"} <= shown
    used = sum(table.columnWidth(c) for c in range(header.count()) if not header.isSectionHidden(c))
    assert used <= table.viewport().width()
    cell, heading = table.fontMetrics(), header.fontMetrics()
    status, due = model.column_of("status"), model.column_of("due_text")
    overdue = 0
    for row in range(model.rowCount()):
        for word in str(model.index(row, status).data()).split():  # "Кейінге қалдырылды"
            assert cell.horizontalAdvance(word) + 2 * view.CELL_MARGIN <= table.columnWidth(status)
        date_line, *below = str(model.index(row, due).data()).split("\n")
        assert cell.horizontalAdvance(date_line) + 2 * view.CELL_MARGIN <= table.columnWidth(due)
        if model.is_overdue(model.rows[row]):  # "просрочено" under it, whole
            overdue += 1
            assert below[-1] == _("overdue")
            assert cell.horizontalAdvance(below[-1]) + 2 * view.CELL_MARGIN <= table.columnWidth(
                due
            )
        for column in range(header.count()):
            index = model.index(row, column)
            for line in str(index.data() or "").split("\n"):
                assert line in str(index.data(Qt.ItemDataRole.ToolTipRole)), (row, column)
    assert overdue, "the demo has overdue measures: their second line is checked"
    for column in range(header.count()):
        if header.isSectionHidden(column) or screen != LAPTOP:  # 1,280: "Мероприя…" may be
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for word in title.split():
            assert heading.horizontalAdvance(word) + 2 * view.CELL_MARGIN <= table.columnWidth(
                column
            ), title


@pytest.mark.parametrize("screen", [LAPTOP, SMALL_LAPTOP], ids=["1366x768", "1280x720"])
def test_the_register_shows_the_hazard_beside_its_risk(
    main: MainWindow, screen: QSize, qtbot: QtBot
) -> None:
    """Maximised with the hazard panel open: the workplace, both risk classes and the hazard's
    words on screen (in Russian at 1,280 the hazard column showed 70 pixels: «Ядовитый»). At
    1,280 in Russian two «Значительный» chips leave about 120 pixels for it."""
    main.resize(screen - FRAME - QSize(0, 40))
    main.tabs.setCurrentWidget(main.register_view)
    QApplication.processEvents()
    view = main.register_view
    table, model = view.table, view.model
    description = model.column_of("description")
    left = table.columnViewportPosition(description)
    shown = min(table.columnWidth(description), table.viewport().width() - left)
    widths = {model.COLUMNS[c][0]: table.columnWidth(c) for c in range(model.columnCount())}
    assert shown >= (140 if screen == LAPTOP else 110), (
        f"the hazard shows {shown} pixels of {table.viewport().width()}: {widths}"
    )
    for key in ("initial", "residual"):  # the chips whole
        column = model.column_of(key)
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert right <= table.viewport().width(), key
    heading = table.horizontalHeader().fontMetrics()
    for column in range(model.columnCount()):  # "Рабочее место" was cut at both ends
        for line in str(model.headerData(column, Qt.Orientation.Horizontal)).split("\n"):
            assert heading.horizontalAdvance(line) + 12 <= table.columnWidth(column), line
