"""The one way the UI changes data: ``Operations.run`` commits an edit and makes it undoable.

An operation is a service call handed a ``Work`` (never a database session), as Anki's
``CollectionOp`` hands an operation the collection. Each operation runs in its own
transaction (committed at once, so a crash loses nothing shown as saved); its change set goes
on the ``QUndoStack``; views refresh on ``changed``. Errors that carry a user message are
shown in one place; anything else is logged and summarised. Long work goes through
``in_background`` (a service call on the register) or ``start``, with progress and Cancel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from wrac_desktop.errors import WracError
from wrac_desktop.i18n import _
from wrac_desktop.paths import log_file
from wrac_desktop.register import Register
from wrac_desktop.services import work
from wrac_desktop.services.revisions import is_current_frozen
from wrac_desktop.services.work import ChangeSet, EditConflict, Work
from wrac_desktop.ui.application import show_error
from wrac_desktop.ui.background import BackgroundJob, Progress, run_in_background

log = logging.getLogger(__name__)
T = TypeVar("T")


class Operations(QObject):
    """Runs edits on the open register; emits ``changed`` after every committed change."""

    changed = Signal()
    # The register became writable or read-only with nothing in it changed (its file's check
    # on opening ended): actions and panels are enabled again as it now allows.
    writable_changed = Signal()

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self.register: Register | None = None
        self.undo_stack = QUndoStack(self)
        self._parent_widget = parent_widget
        self.frozen = False  # the current revision is approved: shown read-only
        self.job: BackgroundJob | None = None  # the background work started last
        # While ``changed`` is emitted: what changed, so a view can follow it rather than read
        # everything again (the tree's counts, the list's ids). An empty change set: no record
        # changed (an approval: views show what may now be edited); None: not known, every
        # view reads again (also for whoever emits ``changed`` itself).
        self.changes: ChangeSet | None = None

    def set_register(self, register: Register | None) -> None:
        self.register = register
        self.undo_stack.clear()
        self.refresh_frozen()
        self.changed.emit()

    def announce_state_change(self) -> None:
        """``changed``, for a change of the revision's state alone (an approval): views
        show what may now be edited; lists of records need not be read again."""
        self.announce(ChangeSet())

    def refresh_frozen(self) -> None:
        self.frozen = bool(self.read(is_current_frozen))

    @property
    def editable(self) -> bool:
        return self.register is not None and self.register.writable and not self.frozen

    def run(self, text: str, operation: Callable[[Work], Any]) -> Any:
        """Commit ``operation`` and push it on the undo stack; returns its result or None."""
        try:
            return self._commit(text, operation)
        except Exception as error:  # every failure reaches the user as a dialog
            self.report(error)
            return None

    def run_versioned(
        self,
        text: str,
        operation: Callable[[Work, int | None], Any],
        version: int | None,
        labels: Mapping[str, str] | None = None,
    ) -> Any:
        """Like ``run``, for an edit of a record the user saw at row ``version``: if someone
        else changed it meanwhile the user sees both values and chooses (``resolve_conflict``);
        "keep mine" writes again over the version now stored."""
        while True:
            try:
                return self._commit(text, partial(_with_version, operation, version))
            except EditConflict as conflict:
                if not self.resolve_conflict(conflict, labels):
                    self.changed.emit()  # views reload and show theirs
                    return None
                version = conflict.their_version
            except Exception as error:
                self.report(error)
                return None

    def run_in_background(
        self,
        text: str,
        operation: Callable[[Work], T],
        on_done: Callable[[T | None, BaseException | None], None],
    ) -> BackgroundJob | None:
        """``run`` off the UI thread, with a progress dialog: one transaction, its change
        set on the undo stack as ``text``; ``on_done(result, error)`` on the UI thread."""
        register = self.register
        if register is None:
            return None

        def done(result: tuple[T, ChangeSet] | None, error: BaseException | None) -> None:
            if result is None:
                on_done(None, error)
                return
            value, changes = result
            if changes:
                self.undo_stack.push(RecordedCommand(self, text, changes))
            self.announce(changes)
            on_done(value, None)

        def task(_progress: Progress) -> tuple[T, ChangeSet]:
            with work.committing(register) as (handle, changes):
                result = operation(handle)  # called from here: the services never call the UI
            return result, changes

        return self.start(text, task, done)

    def in_background(
        self,
        title: str,
        call: Callable[[Work, Progress], T],
        on_done: Callable[[T | None, BaseException | None], None],
        *,
        write: bool,
        quiet: bool = False,
    ) -> BackgroundJob:
        """Run a service call on the open register off the UI thread, with progress and
        Cancel: in one transaction (``write``; Cancel or an error keeps nothing) or a read.
        ``on_done(result, error)`` runs on the UI thread; ``quiet``: no progress dialog."""
        register = self.register
        assert register is not None
        opened = work.transaction if write else work.reading

        def task(progress: Progress) -> T:
            with opened(register) as handle:
                return call(handle, progress)

        return self.start(title, task, on_done, quiet=quiet)

    def start(
        self,
        title: str,
        task: Callable[[Progress], T],
        on_done: Callable[[T | None, BaseException | None], None],
        *,
        quiet: bool = False,
    ) -> BackgroundJob:
        """Long work that opens what it needs itself (a new register, a report file).

        Cancel stops it at the next checkpoint the services pass (``work.watching``: every
        chunk of a register streamed), not only between the stages it reports."""
        job = run_in_background(
            self._parent_widget, title, partial(_watched, task), on_done, quiet=quiet
        )
        if not quiet:  # ``job`` is what tests and the window wait for: the user's own work
            self.job = job
        return job

    def resolve_conflict(self, conflict: EditConflict, labels: Mapping[str, str] | None) -> bool:
        """True to keep the user's values; a dialog (tests replace this method)."""
        from wrac_desktop.ui.conflict_dialog import ask_keep_mine

        return ask_keep_mine(self._parent_widget, conflict, labels)

    def _commit(self, text: str, operation: Callable[[Work], Any]) -> Any:
        if self.register is None:
            return None
        with work.committing(self.register) as (handle, changes):
            result = operation(handle)  # called from here: the services never call the UI
        if changes:
            self.undo_stack.push(RecordedCommand(self, text, changes))
        self.announce(changes)
        return result

    def announce(self, changes: ChangeSet | None) -> None:
        """``changed``, with ``changes`` what changed (``self.changes`` while it is emitted)."""
        self.changes = changes
        try:
            self.changed.emit()
        finally:
            self.changes = None

    def replay(self, changes: ChangeSet) -> bool:
        if self.register is None:
            return False
        try:
            work.replay(self.register, changes)
        except Exception as error:
            self.report(error)
            return False
        self.announce(changes)
        return True

    def read(self, query: Callable[[Work], T]) -> T | None:
        """The result of a service query on the open register; None with no register."""
        if self.register is None:
            return None
        with work.reading(self.register) as handle:
            return query(handle)

    def report(self, error: BaseException) -> None:
        """Show an error: its own message if it is a user error, else a pointer to the log."""
        if isinstance(error, WracError):
            show_error(self._parent_widget, error.message)
            return
        log.error("unexpected error", exc_info=error)
        show_error(
            self._parent_widget,
            _("Something went wrong: {error}. Details are in {log}.").format(
                error=error, log=log_file()
            ),
        )


def _watched(task: Callable[[Progress], T], progress: Progress) -> T:
    with work.watching(progress.check):
        return task(progress)


def _with_version(
    operation: Callable[[Work, int | None], Any], version: int | None, handle: Work
) -> Any:
    return operation(handle, version)


class RecordedCommand(QUndoCommand):
    """An already-committed change; undo and redo replay its change set."""

    def __init__(self, operations: Operations, text: str, changes: ChangeSet) -> None:
        super().__init__(text)
        self._operations = operations
        self._changes = changes
        self._done = True  # pushing calls redo(); the change is already committed

    def redo(self) -> None:
        if self._done:
            return
        self.setObsolete(not self._operations.replay(self._changes))
        self._done = True

    def undo(self) -> None:
        self.setObsolete(not self._operations.replay(self._changes.inverse()))
        self._done = False
