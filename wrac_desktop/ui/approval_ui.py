"""The Assessment menu: approve, start a new revision, compare revisions, the audit trail,
verify, sign a PDF; and the notices shown when a register is opened."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.services import revisions
from wrac_desktop.services.audit_trail import AuditFilter, export_audit
from wrac_desktop.services.revisions import StartedRevision
from wrac_desktop.services.work import Work
from wrac_desktop.ui.approval_models import AuditModel, ChangesModel
from wrac_desktop.ui.background import Cancelled, Progress
from wrac_desktop.ui.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from wrac_desktop.ui.main_window import MainWindow

WARNING_STYLE = "background:#F8D7DA;color:#721C24;padding:6px;"
NOTICE_STYLE = "background:#D1ECF1;color:#0C5460;padding:6px;"


class ApproveDialog(QDialog):
    """Who approves, in what position, when; and when the next review is due."""

    def __init__(self, parent: QWidget | None, revision: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Approve revision {n}").format(n=revision))
        self.by = QLineEdit()
        self.position = QLineEdit()
        self.on = QDateEdit(QDate.currentDate())
        self.next_review = QDateEdit(QDate.currentDate().addYears(1))
        for editor in (self.on, self.next_review):
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("dd.MM.yyyy")
        form = QFormLayout(self)
        form.addRow(_("Approver (name)"), self.by)
        form.addRow(_("Approver (position)"), self.position)
        form.addRow(_("Approved on"), self.on)
        form.addRow(_("Next review"), self.next_review)
        form.addRow(QLabel(_("After approval this revision can no longer be changed.")))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "by": self.by.text(),
            "position": self.position.text(),
            "on": self.on.date().toPython(),
            "next_review_on": self.next_review.date().toPython(),
        }


class DiffDialog(QDialog):
    """Two revisions side by side: what was added, removed and changed."""

    def __init__(self, window: MainWindow, numbers: list[int]) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(_("Compare revisions"))
        resize_within_screen(self, 1000, 560)
        self.model = ChangesModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.summary = QLabel()
        self.old, self.new = QComboBox(), QComboBox()
        for combo in (self.old, self.new):
            combo.addItems([str(n) for n in numbers])
        self.old.setCurrentIndex(max(0, len(numbers) - 2))
        self.new.setCurrentIndex(len(numbers) - 1)
        for combo in (self.old, self.new):
            combo.currentIndexChanged.connect(self.refresh)
        bar = QHBoxLayout()
        for text, widget in ((_("From revision"), self.old), (_("to revision"), self.new)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        old, new = int(self.old.currentText() or 0), int(self.new.currentText() or 0)
        changes = (
            self.window_.operations.read(lambda w: revisions.revision_changes(w, old, new)) or []
        )
        self.model.set_changes(changes)
        self.summary.setText(_("{count} change(s)").format(count=len(changes)))
        self.table.resizeColumnsToContents()


class AuditDialog(QDialog):
    """The audit trail, filtered by user, record kind and any text; exportable."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(_("Audit trail"))
        resize_within_screen(self, 1200, 640)
        self.user, self.text = QLineEdit(), QLineEdit()
        self.user.setPlaceholderText(_("user"))
        self.text.setPlaceholderText(_("any text"))
        self.entity = QComboBox()
        self.entity.addItem(_("all records"), "")
        for table in ("assessment", "team_member", "hazard", "control_measure", "workplace",
                      "org_unit", "organisation", "risk_matrix"):  # fmt: skip
            self.entity.addItem(table, table)
        for widget in (self.user, self.text):
            widget.textChanged.connect(self.refresh)
        self.entity.currentIndexChanged.connect(self.refresh)
        self.model = AuditModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        for column, width in enumerate((50, 140, 140, 130, 90, 110, 120, 520, 200, 140)):
            self.table.setColumnWidth(column, width)
        self.status = QLabel()
        export = QPushButton(_("Export…"))
        export.clicked.connect(self._on_export_clicked)
        bar = QHBoxLayout()
        for control in (self.user, self.entity, self.text, export):
            bar.addWidget(control)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        self.refresh()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            user=self.user.text().strip(), entity=self.entity.currentData() or "",
            text=self.text.text().strip(),
        )  # fmt: skip

    def refresh(self, *_args: object) -> None:
        wanted = self.current_filter()
        rows = self.window_.operations.read(lambda w: revisions.audit_entries(w, wanted)) or []
        self.model.set_rows(rows)
        problems = self.window_.operations.read(revisions.audit_chain_problems) or []
        self.status.setText("\n".join(problems) or _("{count} entries; hash chain intact").format(
            count=len(rows)))  # fmt: skip
        self.status.setStyleSheet(WARNING_STYLE if problems else "")

    def _on_export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the audit trail"), "audit.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        register = self.window_.register
        if register is None:
            return
        try:
            export_audit(register, path, self.current_filter())
        except Exception as error:
            self.window_.operations.report(error)


class ApprovalActions:
    """The Assessment menu of the main window, and the notices shown on opening."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.reviews = QLabel()
        self.reviews.setWordWrap(True)
        self.reviews.setStyleSheet(NOTICE_STYLE)
        self.reviews.hide()
        self.plan_reviews = QLabel()
        self.plan_reviews.setWordWrap(True)  # unwrapped, it widened the window past the screen
        self.plan_reviews.setStyleSheet(NOTICE_STYLE)
        self.plan_reviews.hide()
        self.last_notice: QMessageBox | None = None
        self.revising = False  # a new revision is being copied in the background
        self.last_revision: int | None = None  # the number of the revision started last

    def actions(self) -> list[QAction | None]:
        w = self.window
        return [
            w._action("approve", _("&Approve this revision…"), self.approve),
            w._action("new_revision", _("Start a &new revision"), self.new_revision),
            w._action("compare", _("&Compare revisions…"), self.compare),
            w._action("print_revision", _("&Print or export a revision…"), self.print_revision),
            None,
            w._action("audit", _("Audit &trail…"), self.show_audit),
            w._action("verify", _("&Verify the register"), self.verify),
            w._action("sign", _("Export a &signed register PDF…"), self.sign),
        ]

    def refresh(self, warnings: list[str] | None = None) -> None:
        """Banner texts, enabled actions and start-up notices for the register now open.

        ``warnings``: ``approval.startup_warnings`` if the caller has them already (checked
        off the UI thread: on 10,000 hazards the check takes seconds)."""
        ops = self.window.operations
        ops.refresh_frozen()
        can_write = ops.register is not None and not ops.register.read_only
        self.window.action_map["approve"].setEnabled(can_write and not ops.frozen)
        self.window.action_map["new_revision"].setEnabled(
            can_write and ops.frozen and not self.revising
        )
        for key in ("compare", "print_revision", "audit", "verify", "sign"):
            self.window.action_map[key].setEnabled(ops.register is not None)
        if warnings is None:
            warnings = ops.read(revisions.startup_warnings) or []
        today = date.today()
        reviews = ops.read(lambda w: revisions.reviews_due(w, today)) or []
        self.warning.setText(_("Changed behind the app's back: ") + "; ".join(warnings))
        self.warning.setVisible(bool(warnings))
        for label in (self.reviews, self.plan_reviews):
            label.setText("; ".join(reviews))
            label.setVisible(bool(reviews))
        self.window.banner.setText(self.banner_text())
        self.window.banner.setVisible(bool(ops.register) and not ops.editable)
        return None

    def banner_text(self) -> str:
        ops = self.window.operations
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
        if self.warning.isHidden():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("WRAC Desktop"), self.warning.text(),
                          parent=self.window)  # fmt: skip
        box.setModal(False)
        box.show()
        self.last_notice = box

    def approve(self) -> None:
        revision = self.window.operations.read(revisions.current_revision)
        if revision is None:
            return
        dialog = ApproveDialog(self.window, revision)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.approve_with(**dialog.values())

    def approve_with(self, **values: Any) -> None:
        self.window.operations.run(
            _("Approve revision"), lambda w: revisions.approve_current(w, **values)
        )
        self.window.operations.undo_stack.clear()  # an approval is not undone
        self.after_lifecycle_change()

    def new_revision(self) -> None:
        """Revision N+1 as a copy, off the UI thread (10,000 hazards froze the window 16 s).

        The copy and the tamper check that follows it run in one transaction in the
        background, with a progress dialog; Cancel keeps nothing. Then the views show the new
        draft, or the error is shown and nothing changed."""
        if self.window.register is None or self.revising:
            return

        def task(work: Work, progress: Progress) -> StartedRevision:
            # progress.step raises Cancelled on Cancel: the copy is rolled back.
            return revisions.start_revision(
                work, lambda done, _of: progress.step(done, revisions.REVISION_STEPS)
            )

        def done(result: StartedRevision | None, error: BaseException | None) -> None:
            self.revising = False
            if isinstance(error, Cancelled):  # rolled back: as it was, the action offered again
                self.window.action_map["new_revision"].setEnabled(True)
                return
            if error is not None:
                self.window.operations.report(error)
                self.after_lifecycle_change()  # another user may have started one meanwhile
                return
            assert result is not None
            self.last_revision = result.number
            self.window.operations.undo_stack.clear()  # edits of the old revision: not undone
            # What ``refresh`` would check on the UI thread, read in the same transaction.
            self.after_lifecycle_change(result.warnings)

        self.revising = True
        self.window.action_map["new_revision"].setEnabled(False)  # not twice at once
        self.window.operations.in_background(_("Starting a new revision…"), task, done, write=True)

    def after_lifecycle_change(self, warnings: list[str] | None = None) -> None:
        """Another revision is current, or the current one froze: show it as it now is."""
        self.refresh(warnings)
        self.window.apply_editable()
        self.window.operations.changed.emit()  # views re-read the (new) current revision
        self.window.editor.show_hazard(None)

    def compare(self) -> None:
        numbers = self.window.operations.read(revisions.revision_numbers) or []
        if len(numbers) < 2:
            QMessageBox.information(self.window, _("Compare revisions"),
                                    _("There is only one revision."))  # fmt: skip
            return
        DiffDialog(self.window, numbers).exec()

    def print_revision(self) -> None:
        """The export dialog, for a revision chosen first (old ones stay printable)."""
        numbers = [str(n) for n in self.window.operations.read(revisions.revision_numbers) or []]
        if not numbers:
            return
        chosen, ok = QInputDialog.getItem(
            self.window, _("Print or export a revision"), _("Revision"), numbers,
            len(numbers) - 1, False,
        )  # fmt: skip
        if not ok:
            return
        self.window.report_revision = int(chosen)
        try:
            self.window._on_export_triggered()  # noqa: SLF001 - the window's own export flow
        finally:
            self.window.report_revision = None

    def show_audit(self) -> None:
        AuditDialog(self.window).exec()

    def verify(self) -> None:
        from wrac_desktop.services.verify import verify

        register = self.window.register
        if register is None:
            return
        result = verify(register, None)
        show = QMessageBox.information if result.ok else QMessageBox.warning
        show(self.window, _("Verify the register"), "\n".join(result.lines))

    def sign(self) -> None:
        key, _f = QFileDialog.getOpenFileName(
            self.window, _("Signing key"), "", "PKCS#12 (*.p12 *.pfx)"
        )
        if not key:
            return
        password, ok = QInputDialog.getText(
            self.window, _("Signing key"), _("Password for {path}").format(path=Path(key).name),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if not ok:
            return
        target, _f = QFileDialog.getSaveFileName(
            self.window, _("Save the signed PDF"), "register-signed.pdf", "PDF (*.pdf)"
        )
        if target:
            self.sign_to(Path(key), password, Path(target))

    def sign_to(self, key: Path, password: str, target: Path, lang: str | None = None) -> bool:
        from wrac_desktop.i18n import current_language
        from wrac_desktop.reports.signing import load_signer
        from wrac_desktop.services.exporting import export

        register = self.window.register
        if register is None:
            return False
        try:
            signer = load_signer(key, password)
            export(register, "register", "pdf", lang or current_language(), target, signer=signer)
        except Exception as error:
            self.window.operations.report(error)
            return False
        return True
