"""The Dashboard tab (issue 18 item 6): the register at a glance, first among the tabs.

It shows the charts of ``wrac export --report dashboard`` (drawn by ``reports.dashboard``;
shown here with QtPdf, which the preview already ships), read off the UI thread whenever the
tab is shown after the register changed. Not the A4 page shrunk into the tab (at 1,366 pixels
beside the hazard panel its 7-point names stood 5.5 pixels high): a page as wide as the tab
at PIXELS_A_POINT, fitted to its width, drawn again when the tab's width changes.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QThread, QTimer
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedLayout, QStyle, QVBoxLayout, QWidget

from wrac_desktop.i18n import _, current_language
from wrac_desktop.services.work import Work
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations

# The page's text on screen: 1.5 pixels a point sets its 7-point names 10.5 pixels high, near
# the window's own text. The page is as wide as that leaves the tab, in steps of STEP points
# (a few pixels more or less are not worth drawing it again), never under NARROWEST.
PIXELS_A_POINT = 1.5
STEP, NARROWEST = 20, 360
RESIZE_DELAY_MS = 200  # the page drawn again once a resize pauses


class DashboardView(Retranslating, QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.drawn_width: int | None = None  # points: the page's width as last drawn
        self._resized = QTimer(self, singleShot=True, interval=RESIZE_DELAY_MS)
        self._resized.timeout.connect(self._on_resize_paused)
        self.stale = True
        self.job: tuple[QThread, threading.Event] | None = None
        self.generation = 0  # a page read for an earlier state is dropped
        self.document = QPdfDocument(self)
        self._bytes = QByteArray()
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, QColor("#808080"))
        self.view.setPalette(palette)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.stack)
        operations.changed.connect(self.mark_stale)
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.setText(_("The dashboard appears once the register holds an assessment."))
        self.mark_stale()

    def mark_stale(self) -> None:
        """The register changed: read again now if shown, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)  # type: ignore[arg-type]
        if self.stale:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.drawn_width is not None and self.page_width() != self.drawn_width:
            self._resized.start()

    def _on_resize_paused(self) -> None:
        if self.page_width() != self.drawn_width:
            self.mark_stale()

    def page_width(self) -> int:
        """The page's width in points that the tab shows at PIXELS_A_POINT: its width less
        the view's frame, margins and scroll bar (kept for it: the page is taller than the
        tab, and a width with it or without it would draw the page twice)."""
        view, style = self.view, self.view.style()
        margins = view.documentMargins()
        room = (
            view.width() - 2 * view.frameWidth() - margins.left() - margins.right()
            - style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
        )  # fmt: skip
        points = int(room / PIXELS_A_POINT) // STEP * STEP
        return max(NARROWEST, points)

    def refresh(self) -> None:
        if self.job is not None:  # one read at a time: read again when this one is in
            self.stale = True
            return
        self.stale = False
        if self.operations.register is None:
            self._show(None)
            return
        if self.stack.currentWidget() is self.empty:  # not "appears once …" while it is drawn
            self.empty.setText(_("Drawing the dashboard…"))
        lang, generation, finished = current_language(), self.generation, threading.Event()
        width = self.drawn_width = self.page_width()

        def read(work: Work, _progress: object) -> bytes | None:
            # imported here, off the UI thread: its report modules would cost the window's
            # start 75 ms of CPU before anything shows (issue 22 item 5)
            from wrac_desktop.services import dashboard

            try:
                return dashboard.dashboard_page(work, lang, width)
            finally:
                finished.set()

        job = self.operations.in_background(
            _("Drawing the dashboard…"),
            read,
            lambda page, error: self._done(page, error, generation),
            write=False,
            quiet=True,
        )
        self.job = (job, finished)

    def wait(self) -> None:
        """Before the register is closed: the page being read must not read a closed one.
        (The thread quits when its answer reaches the UI thread; waiting here, it is told.)"""
        self.generation += 1  # an answer still on its way is of a state gone by
        if self.job is None:
            return
        job, finished = self.job
        self.job = None
        if job.isRunning():  # else its read is done, or never started (a closed window's)
            finished.wait()
        job.quit()  # its answer, still queued for the UI thread, is dropped by ``_done``
        job.wait()

    def _done(self, page: bytes | None, error: BaseException | None, generation: int) -> None:
        if generation != self.generation:
            return
        self.job = None
        if error is not None:
            self.operations.report(error)
        else:
            self._show(page)
        if self.stale and self.isVisible():
            self.refresh()

    def _show(self, page: bytes | None) -> None:
        if page is None:
            self.document.close()
            self.empty.setText(_("The dashboard appears once the register holds an assessment."))
            self.stack.setCurrentWidget(self.empty)
            return
        self.document.close()
        self._bytes = QByteArray(page)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.stack.setCurrentWidget(self.view)
