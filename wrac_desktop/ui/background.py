"""Long work (demo, export, import) off the UI thread, with a progress dialog and cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from wrac_desktop.i18n import _


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel."""


class Progress:
    """Handed to a task: ``step(done, total)`` reports, and raises ``Cancelled`` on cancel."""

    def __init__(self, worker: _Worker) -> None:
        self._worker = worker

    def step(self, done: int, total: int) -> None:
        if self._worker.cancel_requested:
            raise Cancelled
        self._worker.progressed.emit(done, total)


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, error

    def __init__(self, task: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._task = task
        self.cancel_requested = False

    def run(self) -> None:
        try:
            self.finished.emit(self._task(Progress(self)), None)
        except BaseException as error:  # handed to the UI thread, shown there
            self.finished.emit(None, error)


class _Relay(QObject):
    """Lives on the UI thread, so the worker's signals reach ``handler`` there (queued).

    Connected straight to a plain function, a signal emitted in the worker ran the function
    in the worker thread: the window was then changed from two threads at once.
    """

    def __init__(self, handler: Callable[..., None]) -> None:
        super().__init__()
        self._handler = handler

    @Slot(object, object)
    def deliver(self, first: Any, second: Any) -> None:
        self._handler(first, second)


def run_in_background(
    parent: QWidget | None,
    title: str,
    task: Callable[[Progress], Any],
    on_done: Callable[[Any, BaseException | None], None],
    *,
    quiet: bool = False,
) -> QThread:
    """Start ``task`` in a thread; ``on_done(result, error)`` runs on the UI thread.

    ``quiet``: no progress dialog, the window stays usable (the check made on opening a
    register: the officer reads the rows while it runs, a notice tells how it ended)."""
    thread = QThread(parent)
    worker = _Worker(task)
    worker.moveToThread(thread)
    dialog = None if quiet else _progress_dialog(title, parent, worker)

    def on_progress(done: int, total: int) -> None:
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setValue(done)

    def on_finished(result: Any, error: BaseException | None) -> None:
        if dialog is not None:
            dialog.reset()
        thread.quit()
        on_done(result, error)

    relays = (_Relay(on_progress), _Relay(on_finished))
    worker.progressed.connect(relays[0].deliver)
    worker.finished.connect(relays[1].deliver)
    thread.started.connect(worker.run)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    thread.worker = worker  # type: ignore[attr-defined]  # keep it alive with the thread
    thread.relays = relays  # type: ignore[attr-defined]
    return thread


def _progress_dialog(title: str, parent: QWidget | None, worker: _Worker) -> QProgressDialog:
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def on_cancel() -> None:
        worker.cancel_requested = True

    dialog.canceled.connect(on_cancel)
    return dialog
