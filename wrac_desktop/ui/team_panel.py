"""The assessment and its team: scope, date, document number, approver and members."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import Assessment, TeamMember
from wrac_desktop.services import assessments, editing
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations
from wrac_desktop.vocabulary import AssessmentStatus, TeamRole

FIELDS = (
    ("title", lambda: _("Title")), ("scope", lambda: _("Scope")),
    ("document_number", lambda: _("Document number")),
    ("approved_by", lambda: _("Approver (name)")),
    ("approver_position", lambda: _("Approver (position)")),
)  # fmt: skip


class TeamPanel(Retranslating, QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team")
        self.operations = operations
        self.assessment_id: int | None = None
        self._row_version: int | None = None  # of the assessment shown, for optimistic locking
        self.status = QLabel()
        self.fields: dict[str, QLineEdit] = {name: QLineEdit() for name, _label in FIELDS}
        self.assessed_on = QDateEdit()
        self.assessed_on.setCalendarPopup(True)
        self.assessed_on.setDisplayFormat("dd.MM.yyyy")
        self.team = QTableWidget(0, 3)
        self.team.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.team.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.team.horizontalHeader().setStretchLastSection(True)
        self.team.setColumnWidth(0, 240)  # the role, last, still in view on a laptop
        self.team.setColumnWidth(1, 260)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self._build()
        self.retranslate()
        operations.changed.connect(self.refresh)

    def _labels(self) -> list[tuple[QWidget, str]]:
        return [
            (self.status, _("Status")),
            *((self.fields[name], label()) for name, label in FIELDS),
            (self.assessed_on, _("Date of assessment")),
        ]

    def retranslate(self) -> None:
        for field, text in self._labels():
            label = self.form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)
        self.box.setTitle(_("Assessment team"))
        self.team.setHorizontalHeaderLabels([_("Full name"), _("Position"), _("Role")])
        self.add_button.setText(_("Add member…"))
        self.remove_button.setText(_("Remove member"))
        self.refresh()  # the status and the roles are shown by name

    def _build(self) -> None:
        form = self.form = QFormLayout()
        for field, text in self._labels():
            form.addRow(text, field)
        for name, _label in FIELDS:
            self.fields[name].editingFinished.connect(lambda n=name: self._commit(n))
        self.assessed_on.editingFinished.connect(self._on_assessed_on_editing_finished)
        box = self.box = QGroupBox()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.team)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box, 1)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        data = self.operations.read(_read)
        self.setEnabled(data is not None)
        if data is None:
            return
        self.assessment_id = data["id"]
        self._row_version = data["row_version"]  # what the user sees: edits check it
        self.status.setText(
            _("{status}, revision {revision}").format(
                status=AssessmentStatus(data["status"]).label(), revision=data["revision"]
            )
        )
        for name, widget in self.fields.items():
            if widget.text() != data[name]:
                widget.setText(data[name])
                widget.setCursorPosition(0)
        if data["assessed_on"]:
            self.assessed_on.setDate(QDate(data["assessed_on"]))
        self.team.setRowCount(len(data["team"]))
        for row, (member_id, cells) in enumerate(data["team"]):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, member_id)
                self.team.setItem(row, column, item)
        editable = self.operations.editable and data["status"] == AssessmentStatus.DRAFT.value
        widgets: tuple[QWidget, ...] = (
            *self.fields.values(),
            self.assessed_on,
            self.add_button,
            self.remove_button,
        )
        for control in widgets:
            control.setEnabled(editable)

    def _commit(self, name: str) -> None:
        value = self.fields[name].text().strip()
        assessment_id = self.assessment_id
        current = self.operations.read(
            lambda s: getattr(s.get(Assessment, assessment_id), name, None)
        )
        if assessment_id is not None and current is not None and value != current:
            self._edit_fields(assessment_id, {name: value})

    def _on_assessed_on_editing_finished(self) -> None:
        value = self.assessed_on.date().toPython()
        assessment_id = self.assessment_id
        if assessment_id is not None:
            self._edit_fields(assessment_id, {"assessed_on": value})

    def _edit_fields(self, assessment_id: int, values: dict[str, Any]) -> None:
        """Someone else's change since the panel was shown is a conflict the user settles."""
        labels = {name: label() for name, label in FIELDS} | {
            "assessed_on": _("Date of assessment")
        }
        self.operations.run_versioned(
            _("Edit assessment"),
            lambda s, version: editing.set_fields(
                s, "assessment", assessment_id, expected_version=version, **values
            ),
            self._row_version,
            labels,
        )

    def _on_add_clicked(self) -> None:
        name, ok = QInputDialog.getText(self, _("Add member"), _("Full name:"))
        if not ok or not name.strip():
            return
        position, _ok = QInputDialog.getText(self, _("Add member"), _("Position:"))
        roles = [role.label() for role in TeamRole]
        role, ok = QInputDialog.getItem(self, _("Add member"), _("Role:"), roles, 1, False)
        if ok:
            self.add_member(name, position, list(TeamRole)[roles.index(role)])

    def add_member(self, name: str, position: str, role: TeamRole) -> None:
        assessment_id = self.assessment_id
        self.operations.run(
            _("Add member"),
            lambda s: assessments.add_team_member(
                s, s.get_one(Assessment, assessment_id), name, position, role
            ),
        )

    def _on_remove_clicked(self) -> None:
        item = self.team.item(self.team.currentRow(), 0)
        if item is not None:
            member_id = item.data(Qt.ItemDataRole.UserRole)
            self.operations.run(
                _("Remove member"),
                lambda s: editing.delete_subtree(s, s.get_one(TeamMember, member_id)),
            )


def _read(session: Session) -> dict[str, Any] | None:
    assessment = assessments.current_assessment(session)
    if assessment is None:
        return None
    data: dict[str, Any] = {name: getattr(assessment, name) or "" for name, _label in FIELDS}
    team = [(m.id, (m.name, m.position, TeamRole(m.role).label())) for m in assessment.team]
    return data | {
        "id": assessment.id,
        "status": assessment.status,
        "team": team,
        "revision": assessment.revision,
        "assessed_on": assessment.assessed_on,
        "row_version": assessment.row_version,
    }
