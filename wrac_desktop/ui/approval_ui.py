"""The Assessment menu: approve, start a new revision, compare revisions, the audit trail,
verify; and the notices shown when a register is opened (printing and signing a revision are
the export controller's)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.register import Register, storage_checked, storage_damage
from wrac_desktop.services import revisions
from wrac_desktop.services.review import Review, review_current
from wrac_desktop.services.revisions import StartedRevision
from wrac_desktop.services.verify import VerifyResult, verify
from wrac_desktop.services.work import Work
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.approve_dialog import ApproveDialog
from wrac_desktop.ui.audit_dialog import AuditDialog
from wrac_desktop.ui.background import BackgroundJob, Cancelled, Progress
from wrac_desktop.ui.diff_dialog import DiffDialog
from wrac_desktop.ui.notice_styles import BANNER_STYLE, NOTICE_STYLE, WARNING_STYLE
from wrac_desktop.ui.operations import Operations

# How long after a register is set its check on opening starts: the window draws its rows first.
OPEN_CHECK_DELAY_MS = 300


class ApprovalController(Controller):
    """The Assessment menu's revision lifecycle, and the notices shown on opening: the
    banner of a read-only register or revision, tampering found, reviews coming due."""

    def __init__(
        self, parent: QWidget, operations: Operations, on_lifecycle_change: Callable[[], None]
    ) -> None:
        """``on_lifecycle_change``: another revision became current or the current one froze,
        so the window re-reads what it shows and what can be edited."""
        super().__init__()
        self.parent, self.operations = parent, operations
        self._on_lifecycle_change = on_lifecycle_change
        self.banner = _notice(BANNER_STYLE)
        self.warning = _notice(WARNING_STYLE)
        self.reviews = _notice(NOTICE_STYLE)
        self.plan_reviews = _notice(NOTICE_STYLE)
        self.last_notice: QMessageBox | None = None
        self.revising = False  # a new revision is being copied in the background
        self.last_revision: int | None = None  # the number of the revision started last
        self.verified: list[str] | None = None  # the lines of the last verification
        self.checking = _notice(NOTICE_STYLE)  # shown while the check on opening runs
        self.known_warnings: list[str] = []  # what the check on opening found
        self.open_check: BackgroundJob | None = None
        self.pending_check: object | None = None  # the check to start once the window is up
        self.approving = False  # an approval is being written in the background
        self.reviewing = False  # what an approval would be asked about is being read

    # actions ------------------------------------------------------------------------------
    def approve(self) -> None:
        """What an inspector would ask about is read off the UI thread (every hazard and
        measure: 1.8 s of the UI thread at 100,000 hazards), with progress and Cancel; then
        the dialog, then the approval, also behind."""
        if self.operations.register is None or not self.can("approve"):
            return

        def read(work: Work, _progress: Progress) -> Review | None:
            return review_current(work)

        self.reviewing = True
        self.actions["approve"].setEnabled(False)  # not twice at once
        self.operations.in_background(
            _("Reading the revision before approval…"), read, self._on_reviewed, write=False
        )

    def _report(self, error: BaseException | None) -> None:
        """Show what went wrong in background work (Cancel is nothing to show)."""
        if error is not None and not isinstance(error, Cancelled):
            self.operations.report(error)

    def _on_reviewed(self, found: Review | None, error: BaseException | None) -> None:
        self.reviewing = False
        self._report(error)
        if found is not None:
            dialog = ApproveDialog(self.parent, found.revision, found)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.approve_with(**dialog.values())
        self.actions["approve"].setEnabled(self.can("approve"))

    def new_revision(self) -> None:
        """Revision N+1 as a copy, off the UI thread (10,000 hazards froze the window 16 s).

        The copy and the tamper check that follows it run in one transaction in the
        background, with a progress dialog; Cancel keeps nothing. Then the views show the new
        draft, or the error is shown and nothing changed."""
        if self.operations.register is None or self.revising:
            return

        def task(work: Work, progress: Progress) -> StartedRevision:
            # progress.step raises Cancelled on Cancel: the copy is rolled back.
            return revisions.start_revision(
                work, lambda done, _of: progress.step(done, revisions.REVISION_STEPS)
            )

        self.revising = True
        self.actions["new_revision"].setEnabled(False)  # not twice at once
        self.operations.in_background(
            _("Starting a new revision…"), task, self._on_revision_started, write=True
        )

    def compare(self) -> None:
        numbers = self.operations.read(revisions.revision_numbers) or []
        if len(numbers) < 2:
            QMessageBox.information(self.parent, _("Compare revisions"),
                                    _("There is only one revision."))  # fmt: skip
            return
        DiffDialog(self.parent, self.operations, numbers).exec()

    def show_audit(self) -> None:
        AuditDialog(self.parent, self.operations).exec()

    def verify(self) -> None:
        """Recompute the fingerprint and walk the audit chain off the UI thread (seconds on a
        large register), then say what was found."""
        register = self.operations.register
        if register is None:
            return

        def done(result: VerifyResult | None, error: BaseException | None) -> None:
            self._report(error)
            if result is None:
                return
            self.verified = list(result.lines)
            show = QMessageBox.information if result.ok else QMessageBox.warning
            show(self.parent, _("Verify the register"), "\n".join(result.lines))

        self.operations.start(
            _("Verifying the register…"), lambda _progress: verify(register, None), done
        )

    ACTIONS = (
        ActionSpec("approve", lambda: _("&Approve this revision…"), approve, None, Needs.REGISTER),
        ActionSpec("new_revision", lambda: _("Start a &new revision"), new_revision, None,
                   Needs.REGISTER),
        ActionSpec("compare", lambda: _("&Compare revisions…"), compare, None, Needs.REGISTER),
        ActionSpec("audit", lambda: _("Audit &trail…"), show_audit, None, Needs.REGISTER),
        ActionSpec("verify", lambda: _("&Verify the register"), verify, None, Needs.REGISTER),
    )  # fmt: skip

    def can(self, key: str) -> bool:
        register, frozen = self.operations.register, self.operations.frozen
        can_write = register is not None and register.writable
        if key == "approve":
            return can_write and not frozen and not self.approving and not self.reviewing
        if key == "new_revision":
            return can_write and frozen and not self.revising
        return True

    # the notices --------------------------------------------------------------------------
    def refresh(self, warnings: list[str] | None = None) -> None:
        """Notices for the register now open (actions: ``apply_state``).

        ``warnings``: ``approval.startup_warnings`` if the caller has them (they are checked
        off the UI thread, ``check_on_open``: on 10,000 hazards the check takes seconds);
        otherwise the ones found last are shown again."""
        ops = self.operations
        ops.refresh_frozen()
        if warnings is not None:
            self.known_warnings = list(warnings)
        today = date.today()
        reviews = ops.read(lambda w: revisions.reviews_due(w, today)) or []
        self.warning.setText(_("Changed behind the app's back: ") + "; ".join(self.known_warnings))
        self.warning.setVisible(bool(self.known_warnings))
        for label in (self.reviews, self.plan_reviews):
            label.setText("; ".join(reviews))
            label.setVisible(bool(reviews))
        self.show_banner()

    def check_on_open(self) -> None:
        """Look for changes made behind the app's back, off the UI thread and without a
        modal dialog: the rows are shown at once, a notice says a check is running, and the
        warning (with a message box) appears when something is wrong.

        The check reads every row of the register (1.4 s of CPU at 10,000 hazards): it
        starts ``OPEN_CHECK_DELAY_MS`` after the register is set, so the window shows its
        rows first instead of sharing the interpreter with it while it draws them."""
        register = self.operations.register
        self.wait_for_open_check()
        self.known_warnings = []
        if register is None:
            return
        self.checking.setText(_checking_words(register))
        self.checking.show()
        token = self.pending_check = object()
        QTimer.singleShot(
            OPEN_CHECK_DELAY_MS, self.checking, lambda: self._start_open_check(register, token)
        )

    def _start_open_check(self, register: Register, token: object) -> None:
        if self.pending_check is not token or self.operations.register is not register:
            return  # closed, or another register opened, before it started
        self.pending_check = None
        if register.storage_checked:
            self._check_tampering(register)
        else:
            self._check_storage(register)

    def _check_storage(self, register: Register) -> None:
        """SQLite's check of the file the window opened without it, first: sound, the
        register can be edited and the tamper check follows; damaged, it stays read-only and
        the banner and a message say why."""

        def done(damage: list[str] | None, error: BaseException | None) -> None:
            if self.operations.register is not register or isinstance(error, Cancelled):
                return
            if error is not None:
                self.operations.report(error)
                damage = damage or [str(error)]  # not known sound: never written
            storage_checked(register, damage or [])
            self.operations.writable_changed.emit()
            self.show_banner()
            if register.damage:
                self.checking.hide()
                self._notify(self.banner.text())
            else:
                self.checking.setText(_checking_words(register))
                self._check_tampering(register)

        self.open_check = self.operations.start(
            _("Checking the register…"), lambda _progress: storage_damage(register), done,
            quiet=True,
        )  # fmt: skip

    def _check_tampering(self, register: Register) -> None:
        def task(work: Work, progress: Progress) -> list[str]:
            # ``wait_for_open_check`` stops it: ``step`` then raises Cancelled
            return revisions.startup_warnings(work, lambda: progress.step(0, 0))

        def done(result: list[str] | None, error: BaseException | None) -> None:
            if self.operations.register is not register or isinstance(error, Cancelled):
                return  # another register was opened meanwhile: this answer is not its
            self.checking.hide()
            if error is not None:
                self.operations.report(error)
            self.refresh(result or [])
            self.notify_on_open()

        self.open_check = self.operations.in_background(
            _("Checking the register…"), task, done, write=False, quiet=True
        )

    def wait_for_open_check(self) -> None:
        """Before the register is closed: its check must not read a closed database. It is
        cancelled, and stops within a few thousand rows (it reads every row: seconds on
        10,000 hazards, which closing or opening another register must not wait for)."""
        self.pending_check = None
        if self.open_check is None:
            self.checking.hide()
            return
        job, self.open_check = self.open_check, None
        job.stop()  # cancelled within a batch of rows (``progress.step``), its answer dropped
        self.checking.hide()

    def show_banner(self) -> None:
        """Why the register cannot be edited, in the current language (also after a switch)."""
        ops = self.operations
        damaged = ops.register is not None and bool(ops.register.damage)
        self.banner.setStyleSheet(WARNING_STYLE if damaged else BANNER_STYLE)
        self.banner.setText(self.banner_text())
        self.banner.setVisible(bool(ops.register) and not ops.editable)

    def banner_text(self) -> str:
        ops = self.operations
        if ops.register is not None and ops.register.damage:
            return _(
                "This register is damaged, so it is open read-only: {problem}. “wrac check” "
                "lists what is wrong."
            ).format(problem="; ".join(ops.register.damage[:3]))
        if ops.register is not None and not ops.register.storage_checked:
            return _("Editing is possible once the file's check for damage is done.")
        if ops.register is not None and ops.register.foreign_objects:
            return _(
                "This register holds schema objects WRAC Desktop did not create ({objects}): "
                "it is open read-only. “wrac check” names them."
            ).format(objects=", ".join(ops.register.foreign_objects))
        if ops.register is not None and ops.register.read_only:
            return _("This register is open read-only: editing is disabled.")
        current = ops.read(revisions.frozen_revision)
        if current is None:
            return ""
        return _(
            "Revision {n} is {status} (by {by} on {on}) and read-only; use Assessment → "
            "Start a new revision to make changes."
        ).format(
            n=current.number, status=current.status, by=current.approved_by, on=current.approved_on
        )

    def notify_on_open(self) -> None:
        """A non-blocking message box naming any tampering, so it cannot go unnoticed."""
        if not self.warning.isHidden():
            self._notify(self.warning.text())

    def _notify(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("WRAC Desktop"), text, parent=self.parent)
        box.setModal(False)
        box.show()
        self.last_notice = box

    # the lifecycle ------------------------------------------------------------------------
    def approve_with(self, **values: Any) -> None:
        """Freeze the draft off the UI thread (its fingerprint is computed over every row:
        seconds on a large register), with progress; then show it approved."""
        if self.operations.register is None or self.approving:
            return

        def task(work: Work, _progress: Progress) -> str:
            return revisions.approve_current(work, **values)

        self.approving = True
        self.actions["approve"].setEnabled(False)  # not twice at once
        self.operations.in_background(
            _("Approving the revision…"), task, self._on_approved, write=True
        )

    def _on_approved(self, _fingerprint: str | None, error: BaseException | None) -> None:
        self.approving = False
        self._report(error)
        self.operations.undo_stack.clear()  # an approval is not undone
        self.refresh()
        self._on_lifecycle_change()
        # No record changed, only the revision's state: the tree and the list are not read
        # again (0.5 s of the UI thread at 100,000 hazards)
        self.operations.announce_state_change()

    def _on_revision_started(
        self, result: StartedRevision | None, error: BaseException | None
    ) -> None:
        self.revising = False
        if isinstance(error, Cancelled):  # rolled back: as it was, the action offered again
            self.actions["new_revision"].setEnabled(True)
            return
        if error is not None:
            self.operations.report(error)
            self.after_lifecycle_change()  # another user may have started one meanwhile
            return
        assert result is not None
        self.last_revision = result.number
        self.operations.undo_stack.clear()  # edits of the old revision: not undone
        self.after_lifecycle_change()
        self.check_on_open()  # the copy's rows against the chain, behind, as on opening

    def after_lifecycle_change(self, warnings: list[str] | None = None) -> None:
        """Another revision is current, or the current one froze: show it as it now is."""
        self.refresh(warnings)
        self._on_lifecycle_change()
        self.operations.changed.emit()  # views re-read the (new) current revision


def _checking_words(register: Register) -> str:
    """What the notice says runs: the file's check first (when the window opened it without),
    then the tamper check."""
    if not register.storage_checked:
        return _("Checking the file for damage…")
    return _("Checking the register for changes made behind the app's back…")


def _notice(style: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)  # unwrapped, a notice widened the window past a laptop screen
    label.setStyleSheet(style)
    label.hide()
    return label
