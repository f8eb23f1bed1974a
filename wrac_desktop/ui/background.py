"""Long work (demo, export, import) off the UI thread, with a progress dialog and cancel.

A running job must be stopped before its window goes: Qt aborts the whole process when a
``QThread`` is destroyed while it runs (closing the window during the demo's writing did).
``stop_jobs(window)`` cancels and waits for every job started under it; ``close_jobs(window)``
does so too and refuses every job asked for under the window until ``open_jobs(window)``: a
timer or a queued call that fires after the close must not start one (one did, and Qt aborted
a worker in CI as the test's window was deleted)."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from wrac_desktop.i18n import _

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # glibc's mallopt parameter
MALLOC_ARENAS = 2


@functools.cache
def few_malloc_arenas() -> None:
    """glibc gives each thread that allocates a heap ("arena") of its own, up to eight a core,
    and keeps what a finished job freed in it: at 100,000 hazards the window stayed at 355 MB
    resident after the readers of an opening had ended (list, tree, search, checks, each on a
    worker), and a merge then peaked at 408 MB. On two arenas it stays at 310 MB (stall_bench).
    Set before the first worker starts; where the C library is not glibc nothing is done."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, MALLOC_ARENAS)


@functools.cache
def _glibc() -> Any:
    with contextlib.suppress(OSError):
        libc = ctypes.CDLL("libc.so.6")  # calls release the GIL: the window goes on meanwhile
        return libc if hasattr(libc, "malloc_trim") else None
    return None


def release_freed_memory() -> None:
    """Hand what a finished job freed back to the system (glibc keeps it otherwise): at
    100,000 hazards the window stayed at 375 MB after the register PDF's export, and the
    signed export that followed peaked at 441 MB from there (stall_bench)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel."""


class Progress:
    """Handed to a task: ``step(done, total)`` reports, and raises ``Cancelled`` on cancel."""

    def __init__(self, worker: _Worker) -> None:
        self._worker = worker

    def step(self, done: int, total: int) -> None:
        self.check()
        self._worker.progressed.emit(done, total)

    def check(self) -> None:
        """Raise ``Cancelled`` if the user pressed Cancel (reports no progress)."""
        if self._worker.cancel_requested:
            raise Cancelled


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, error

    def __init__(self, task: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._task: Callable[[Progress], Any] | None = task
        self.cancel_requested = False
        self._home = QThread.currentThread()  # the UI thread, which made it

    def run(self) -> None:
        task, self._task = self._task, None  # a finished job keeps not its task's register
        if task is None:
            return
        try:
            self.finished.emit(task(Progress(self)), None)
        except BaseException as error:  # handed to the UI thread, shown there
            self.finished.emit(None, error)
        finally:
            release_freed_memory()  # in this thread: the UI thread does not wait for it
            # Given back to the UI thread, and destroyed there with its job: destroyed in its
            # own thread as that thread ended, PySide's destructor waited for the GIL while
            # holding Qt's lock on its connections, and a UI thread connecting anything under
            # that lock (it holds the GIL) deadlocked the window (a test hung so on the train).
            self.moveToThread(self._home)


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


class BackgroundJob(QThread):
    """One task on its own thread; ``worker`` runs it, ``stop`` ends it safely."""

    def __init__(self, parent: QObject | None, task: Callable[[Progress], Any]) -> None:
        super().__init__(parent)
        self.worker = _Worker(task)
        self.worker.moveToThread(self)
        self.dialog: QProgressDialog | None = None
        self.dropped = False  # stopped: its answer is for nobody any more
        self.relays: tuple[_Relay, ...] = ()  # kept alive with the job

    def stop(self) -> None:
        """Cancel at the task's next step, drop its answer, and wait until the thread has
        ended: a write is rolled back or committed whole before the register can close."""
        self.dropped = True
        self.worker.cancel_requested = True
        if self.dialog is not None:
            self.dialog.reset()
        self.quit()  # made before its event loop starts, this ends the loop at once
        self.wait()


def stop_jobs(owner: QObject) -> None:
    """Stop every job started under ``owner`` (a window and its widgets)."""
    for job in owner.findChildren(BackgroundJob):
        if job.isRunning():
            job.stop()


CLOSED = "wracJobsClosed"  # a dynamic property of the window: no job starts under it


def close_jobs(window: QObject) -> None:
    """Stop every job under the closing ``window`` and start none any more (until it shows
    again): whatever a timer or a queued call asks for later is refused."""
    window.setProperty(CLOSED, True)
    stop_jobs(window)


def open_jobs(window: QObject) -> None:
    """Jobs may start under ``window`` again (it is shown)."""
    window.setProperty(CLOSED, False)


def _closed(parent: QObject | None) -> bool:
    """Whether ``parent`` or one of its ancestors is a window whose jobs were closed."""
    while parent is not None:
        if parent.property(CLOSED):
            return True
        parent = parent.parent()
    return False


def run_in_background(
    parent: QWidget | None,
    title: str,
    task: Callable[[Progress], Any],
    on_done: Callable[[Any, BaseException | None], None],
    *,
    quiet: bool = False,
) -> BackgroundJob:
    """Start ``task`` in a thread; ``on_done(result, error)`` runs on the UI thread, unless
    the job was stopped meanwhile.

    ``quiet``: no progress dialog, the window stays usable (the check made on opening a
    register: the officer reads the rows while it runs, a notice tells how it ended).

    Under a closed window the job is made but never started, and ``on_done`` is not called:
    callers keep and compare the job they were given as always."""
    if _closed(parent):
        log.info("A job was not started: its window has closed (%s)", title or "a quiet read")
        job = BackgroundJob(parent, _nothing)  # not the task: it would keep its register
        job.dropped = True
        return job
    few_malloc_arenas()
    job = BackgroundJob(parent, task)
    worker = job.worker
    dialog = job.dialog = None if quiet else _progress_dialog(title, parent, worker)

    def on_progress(done: int, total: int) -> None:
        if dialog is not None and not job.dropped:
            dialog.setMaximum(total)
            dialog.setValue(done)

    def on_finished(result: Any, error: BaseException | None) -> None:
        if dialog is not None:
            dialog.reset()
        job.quit()
        if not job.dropped:
            on_done(result, error)

    job.relays = (_Relay(on_progress), _Relay(on_finished))
    worker.progressed.connect(job.relays[0].deliver)
    worker.finished.connect(job.relays[1].deliver)
    job.started.connect(worker.run)
    job.start()
    return job


def _nothing(_progress: Progress) -> None:
    """The task of a job refused under a closed window (never run)."""


def _progress_dialog(title: str, parent: QWidget | None, worker: _Worker) -> QProgressDialog:
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    # Qt starts the clock to show it at the first value: a task that reports nothing (approve,
    # verify) ran with no dialog at all, so there was no Cancel to press
    dialog.setValue(0)

    def on_cancel() -> None:
        worker.cancel_requested = True

    dialog.canceled.connect(on_cancel)
    return dialog
