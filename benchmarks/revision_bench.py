"""Assessment → Start a new revision on a 10,000-hazard register, as the window runs it.

The copy used to run on the UI thread: the window froze for ~16 s. It now runs in the
background; this measures how long the UI thread went without handling events meanwhile
(a timer ticks every 10 ms) and the whole job's time. Run as ``python -m benchmarks.revision_bench
FOLDER`` (offscreen); one JSON line per figure.
"""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from benchmarks.common import argument_parser, emit, folder
from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.ui.main_window import MainWindow

WORKPLACES = 1000  # ten hazards each


def main(folder: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = folder / "revision-bench.wrac"
    write_demo(path, workplaces=WORKPLACES, seed=3, overwrite=True)
    window = MainWindow(open_register(path))
    window.testing = True
    window.show()
    today = date.today()
    window.approval.approve_with(
        by="Bench", position="Bench", on=today, next_review_on=today + timedelta(days=365)
    )
    app.processEvents()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    start, cpu = time.perf_counter(), time.process_time()
    last[0] = start
    window.approval.new_revision()
    while not window.operations.editable and time.perf_counter() - start < 600:
        app.processEvents()
        time.sleep(0.002)
    timer.stop()
    hazards = window.register_view.model.total
    emit("gui_new_revision_total", time.perf_counter() - start, "s", hazards=hazards,
         cpu=round(time.process_time() - cpu, 2))  # fmt: skip
    emit("gui_new_revision_longest_ui_stall", max(gaps, default=0.0), "s", goal=2.0)
    window.set_register(None)
    window.deleteLater()  # Qt workaround: a window alive at interpreter exit aborts PySide
    app.processEvents()


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.revision_bench", __doc__)
    parser.add_argument("folder", type=folder, help="where the register is written")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(arguments().folder)
