"""Issue 4's figures on the 50,000-hazard demo: the window as an officer meets it.

Run as ``python -m benchmarks.gui_bench PATH`` (offscreen); one JSON line per figure.
"""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from benchmarks.common import argument_parser, emit, peak_memory_mb
from wrac_desktop.persistence.models import OrgUnit
from wrac_desktop.register import open_register
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.register_view import SEARCH_DELAY_MS


def settle(app: QApplication) -> None:
    app.processEvents()
    app.processEvents()


def main(path: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    start = time.perf_counter()
    window = MainWindow(open_register(path))
    window.show()
    window.register_view.table.viewport().repaint()
    settle(app)
    emit(
        "gui_window_first_rows",
        time.perf_counter() - start,
        "s",
        goal=1.5,
        rows=window.register_view.model.rowCount(),
    )

    assert window.register is not None
    with window.register.uow.reading() as session:  # a bench may look past the UI
        site = session.query(OrgUnit).filter_by(parent_id=None).first()
    assert site is not None
    start = time.perf_counter()
    window.tree.select_node(("site", site.id))
    window.register_view.table.viewport().repaint()
    settle(app)
    emit(
        "gui_select_site",
        time.perf_counter() - start,
        "s",
        goal=0.3,
        hazards=window.register_view.model.total,
    )

    window.tree.select_node(("organisation", 1))
    search = window.register_view.search
    pause = next(timer for timer in window.register_view.findChildren(QTimer)
                 if timer.isSingleShot() and timer.interval() == SEARCH_DELAY_MS)  # fmt: skip
    timings = []
    for text in ("г", "га", "газ", "газ C", "газ CO"):
        start = time.perf_counter()
        search.setText(text)
        pause.stop()  # fired now, not again later inside the next key's time
        window.register_view.apply_filter()  # what the typing pause timer fires
        window.register_view.table.viewport().repaint()
        settle(app)
        timings.append(time.perf_counter() - start)
    emit("gui_search_keystroke_worst", max(timings), "s", goal=0.2)

    search.setText("")
    window.register_view.apply_filter()
    table = window.register_view.table
    start = time.perf_counter()
    for fraction in (0.25, 0.5, 0.75, 1.0):  # the scroll bar dragged down to the bottom
        bar = table.verticalScrollBar()
        bar.setValue(int(bar.maximum() * fraction))
        table.viewport().repaint()
        settle(app)
    emit(
        "gui_scroll_top_to_bottom",
        time.perf_counter() - start,
        "s",
        goal=0.5,
        rows=window.register_view.model.rowCount(),
    )
    emit("gui_peak_memory", peak_memory_mb(), "MB", goal=400)
    window.set_register(None)
    window.deleteLater()  # Qt workaround: a window alive at interpreter exit aborts PySide
    settle(app)


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.gui_bench", __doc__)
    parser.add_argument("path", type=Path, help="the 50,000-hazard demo register to open")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(arguments().path)
