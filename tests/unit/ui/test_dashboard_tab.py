"""The Dashboard tab (issue 18 item 6): first among the tabs, drawn when shown, drawn again
after the register changes, and never reading a register that is being closed."""

from __future__ import annotations

from datetime import date, datetime

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.unit.ui.conftest import wait_until
from wrac_desktop.persistence.models import Workplace
from wrac_desktop.services import events
from wrac_desktop.ui.main_window import MainWindow


def page_text(window: MainWindow) -> str:
    document = window.dashboard.document
    return document.getAllText(0).text() if document.pageCount() else ""


def test_the_dashboard_is_the_first_tab_and_follows_the_register(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert window.tabs.widget(0) is window.dashboard
    assert window.tabs.currentWidget() is window.register_view  # opened where the work is
    assert window.dashboard.document.pageCount() == 0  # nothing read while hidden
    window.tabs.setCurrentWidget(window.dashboard)
    # While it is drawn it says so, not "appears once the register holds an assessment".
    assert window.dashboard.empty.text() == "Drawing the dashboard…"
    wait_until(lambda: window.dashboard.document.pageCount() == 1)
    assert "1.333" not in page_text(window) and "1,333" not in page_text(window)
    assert window.register is not None
    year = date.today().year
    with window.register.uow.transaction() as session:
        place = str(session.scalars(select(Workplace.uuid)).first())
        for month in (1, 2):
            events.add_event(session, "fatal", datetime(year, month, 3), place)
        events.set_figures(session, year, average_headcount=1500)
    window.operations.changed.emit()  # as every committed edit does
    wait_until(lambda: "1.333" in page_text(window) or "1,333" in page_text(window))
    window.tabs.setCurrentWidget(window.register_view)
    window.dashboard.refresh()  # a read under way while the register is closed
    window.set_register(None)
    assert window.dashboard.job is None
    assert window.pages.currentWidget() is window.start_screen  # no register: no tabs at all
    window.dashboard.refresh()  # asked all the same, it reads nothing
    assert window.dashboard.job is None
    assert window.dashboard.stack.currentWidget() is window.dashboard.empty
    assert "once the register holds an assessment" in window.dashboard.empty.text()


def test_the_dashboard_reads_at_the_windows_text_size_on_a_laptop(
    laptop: MainWindow, qtbot: QtBot
) -> None:
    """The A4 page fitted into the tab beside the panel at 1,366 × 768 drew 0.8 pixels a
    point (7-point names 5.5 pixels high): the page is as wide as the tab at 1.5 pixels a
    point, fitted to its width, and drawn again, wider, when the panel is closed."""
    dashboard = laptop.dashboard
    laptop.tabs.setCurrentWidget(dashboard)
    wait_until(lambda: dashboard.document.pageCount() == 1)
    assert drawn_scale(laptop) >= 1.4, drawn_scale(laptop)
    assert not dashboard.view.horizontalScrollBar().isVisible()
    page = dashboard.document.pagePointSize(0)
    assert page.width() < 842 < page.height()  # one column, taller than wide: scrolled
    laptop.editor_dock.toggleViewAction().trigger()  # View → Hazard panel: closed
    wait_until(
        lambda: (
            dashboard.job is None
            and dashboard.document.pageCount() == 1
            and dashboard.document.pagePointSize(0).width() == dashboard.page_width() > page.width()
        )
    )
    assert drawn_scale(laptop) >= 1.4
    assert not dashboard.view.horizontalScrollBar().isVisible()


def drawn_scale(window: MainWindow) -> float:
    """Screen pixels a point of the page takes, fitted to the view's width."""
    view, document = window.dashboard.view, window.dashboard.document
    margins = view.documentMargins()
    room = view.viewport().width() - margins.left() - margins.right()
    return room / document.pagePointSize(0).width()
