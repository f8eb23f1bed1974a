"""The import preview, the audit trail and the comparison of revisions read without sideways
scrolling on a laptop (issue 19: at 1,366 pixels they scrolled sideways, the preview's
deadline, the trail's changes and a changed text past the dialog's edge). Their columns share
the dialog's width, texts wrap and end in "…", whole in the tooltip; the audit entry selected
stands whole in the pane below."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableView
from pytestqt.qtbot import QtBot

from tests.unit.importing.worksheets import english_worksheet, russian_register
from tests.unit.ui.conftest import LAPTOP, LONG_TEXTS, SMALL_LAPTOP, approve_now, dispose
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register
from wrac_desktop.services.audit_trail import AuditRow
from wrac_desktop.services.importing import open_source
from wrac_desktop.ui.audit_dialog import AuditDialog
from wrac_desktop.ui.diff_dialog import DiffDialog
from wrac_desktop.ui.import_dialog import ImportDialog
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.screen_fit import bounded_size
from wrac_desktop.ui.settings import Settings

TASK_BAR = QSize(0, 40)
SCREENS = pytest.mark.parametrize("screen", [LAPTOP, SMALL_LAPTOP], ids=["1366x768", "1280x720"])


@pytest.fixture
def main(demo_in: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    window = MainWindow(open_register(demo_in), Settings())
    window.show()
    yield window
    dispose(window, qtbot)


def opened_on(dialog: QDialog, screen: QSize, wanted: QSize) -> None:
    """Shown at the size it opens at on ``screen`` (less its task bar)."""
    dialog.show()
    dialog.resize(bounded_size(wanted, screen - TASK_BAR))
    QApplication.processEvents()
    QApplication.processEvents()  # the rows measured after the columns


def fits_its_width(table: QTableView) -> None:
    header = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert not table.horizontalScrollBar().isVisible()
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()
    model = table.model()
    for row in range(model.rowCount()):
        for column in shown:
            index = model.index(row, column)
            assert str(index.data()) in str(index.data(Qt.ItemDataRole.ToolTipRole))


@SCREENS
def test_the_import_preview_fits_a_laptop(
    main: MainWindow, tmp_path: Path, screen: QSize, qtbot: QtBot
) -> None:
    assert main.register is not None
    for book in (english_worksheet(tmp_path / "en.xlsx"), russian_register(tmp_path / "ru.xlsx")):
        with main.register.uow.reading() as session:
            source = open_source(session, book)
        dialog = ImportDialog(source, main)
        opened_on(dialog, screen, QSize(1100, 700))
        preview = dialog.preview
        assert preview.model().rowCount() >= 2
        fits_its_width(preview)
        metrics = preview.fontMetrics()
        for row in range(preview.model().rowCount()):  # a text wrapped: its row is higher
            texts = [dialog.preview_model.text(row, c) for c in range(10)]
            too_long = [
                c for c, text in enumerate(texts)
                if metrics.horizontalAdvance(text) > preview.columnWidth(c) - 8
            ]  # fmt: skip
            if too_long:
                assert preview.rowHeight(row) >= 2 * metrics.lineSpacing(), texts
        dialog.close()
        dialog.deleteLater()


@SCREENS
def test_the_audit_trail_fits_a_laptop_and_shows_an_entry_whole(
    main: MainWindow, screen: QSize, qtbot: QtBot
) -> None:
    dialog = AuditDialog(main, main.operations)
    opened_on(dialog, screen, QSize(1200, 640))
    table = dialog.table
    fits_its_width(table)
    header = table.horizontalHeader()
    for name in ("os_user", "entity_uuid", "hash"):  # in the pane below
        assert header.isSectionHidden(AuditRow._fields.index(name))
    changes = AuditRow._fields.index("changes")
    assert header.sectionSize(changes) == max(header.sectionSize(c) for c in range(10))
    entry = dialog.model.rows[0]  # shown from the start
    shown = dialog.entry.toPlainText()
    assert entry.hash in shown and entry.os_user in shown and entry.summary in shown
    assert all(part in shown for part in entry.changes.split("; "))
    dialog.text.setText("no entry says this")
    assert dialog.model.rowCount() == 0 and not dialog.entry.toPlainText()
    dialog.close()
    dialog.deleteLater()


@SCREENS
def test_comparing_revisions_fits_a_laptop(
    main: MainWindow, lang: str, screen: QSize, qtbot: QtBot
) -> None:
    """A hazard's long new text ran past the dialog's edge: it wraps, whole in its tooltip."""
    today = date.today()
    approve_now(main, by="Серікбаев Қайрат", position="Бас инженер", on=today,
                next_review_on=today + timedelta(days=365))  # fmt: skip
    main.action_map["new_revision"].trigger()  # Assessment → Start a new revision
    qtbot.waitUntil(lambda: main.operations.editable, timeout=30_000)
    hazard_id = main.register_view.model.hazard_id(0)
    assert main.register is not None and hazard_id is not None
    with main.register.uow.transaction() as session:
        session.get_one(Hazard, hazard_id).description = LONG_TEXTS[lang]
    dialog = DiffDialog(main, main.operations, [1, 2])
    opened_on(dialog, screen, QSize(1000, 560))
    fits_its_width(dialog.table)
    texts = [str(dialog.model.index(r, 5).data()) for r in range(dialog.model.rowCount())]
    assert LONG_TEXTS[lang] in texts
    dialog.close()
    dialog.deleteLater()
