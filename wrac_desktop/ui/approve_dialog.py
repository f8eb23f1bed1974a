"""Assessment → Approve's dialog: who approves, in what position and when, and what an
inspector would ask about first (the approval itself is ``approval_ui``'s)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.services.review import Review, is_team_approver
from wrac_desktop.ui.notice_styles import WARNING_STYLE
from wrac_desktop.ui.screen_fit import form_layout


class ApproveDialog(QDialog):
    """Who approves, in what position, when; when the next review is due; and, first, what an
    inspector would ask about (services/review.py), to be confirmed before approving."""

    def __init__(self, parent: QWidget | None, revision: int, review: Review | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Approve revision {n}").format(n=revision))
        self.review = review or Review(revision, "draft")
        # The approver the team tab names, so it is not typed twice (issue 19, defect 8).
        name, position = self.review.expected_approver
        self.by = QLineEdit(name)
        self.position = QLineEdit(position)
        self.on = QDateEdit(QDate.currentDate())
        self.next_review = QDateEdit(QDate.currentDate().addYears(1))
        for editor in (self.on, self.next_review):
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("dd.MM.yyyy")
        form = form_layout(self)
        self.findings = QPlainTextEdit()  # scrolls: a big register lists dozens of hazards
        self.findings.setReadOnly(True)
        self.findings.setMinimumSize(480, 160)
        self.findings.setStyleSheet(WARNING_STYLE)
        self.confirmed = QCheckBox(_("I have seen these points and approve anyway"))
        form.addRow(self.findings)
        form.addRow(self.confirmed)
        form.addRow(_("Approver (name)"), self.by)
        form.addRow(_("Approver (position)"), self.position)
        form.addRow(_("Approved on"), self.on)
        form.addRow(_("Next review"), self.next_review)
        form.addRow(QLabel(_("After approval this revision can no longer be changed.")))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.by.textChanged.connect(self._on_by_text_changed)
        self.confirmed.toggled.connect(self._on_by_text_changed)
        self._on_by_text_changed()

    def shown_findings(self) -> list[str]:
        """The review's lines (a draft's names no approver), and whether the approver typed
        here is the one the commission names, checked as it is typed."""
        lines = self.review.lines()
        approvers = self.review.team_approvers
        by = self.by.text().strip()
        if by and approvers and not is_team_approver(by, approvers):
            lines.append(
                _("The approver {name} is not the approver the commission names ({names})").format(
                    name=by, names=", ".join(approvers)
                )
            )
        return lines

    def _on_by_text_changed(self, *_args: object) -> None:
        lines = self.shown_findings()
        self.findings.setPlainText(
            _("Before approval, an inspector would ask about:") + "\n" + "\n".join(lines)
        )
        self.findings.setVisible(bool(lines))
        self.confirmed.setVisible(bool(lines))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not lines or self.confirmed.isChecked())

    def values(self) -> dict[str, Any]:
        return {
            "by": self.by.text(),
            "position": self.position.text(),
            "on": self.on.date().toPython(),
            "next_review_on": self.next_review.date().toPython(),
        }
