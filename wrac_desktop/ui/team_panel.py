"""The assessment and its team: scope, date, document number, approver and members."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.services import team
from wrac_desktop.services.team import AssessmentSheet
from wrac_desktop.ui import ask
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.screen_fit import form_layout
from wrac_desktop.ui.text_fields import GrowingTextEdit
from wrac_desktop.ui.translations_dialog import TranslationsDialog
from wrac_desktop.vocabulary import AssessmentStatus, TeamRole

FIT = QHeaderView.ResizeMode.ResizeToContents
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
        self.shown: AssessmentSheet | None = None  # as the user sees it; edits check its version
        self.status = QLabel()
        # They wrap and grow to their text: a long scope ended «…жерасты кеніші, карь» at
        # 1,366 pixels with the hazard panel open (issue 19).
        self.fields = {name: GrowingTextEdit(1, 4, one_line=True) for name, _label in FIELDS}
        self.assessed_on = QDateEdit()
        self.assessed_on.setCalendarPopup(True)
        self.assessed_on.setDisplayFormat("dd.MM.yyyy")
        self.team = QTableWidget(0, 3)
        self.team.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.team.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Name and role as wide as they are, the position wrapped in what is left: the role
        # and long positions were cut at 1,366 pixels with the hazard panel open (issue 19).
        header = self.team.horizontalHeader()
        for column, mode in enumerate((FIT, QHeaderView.ResizeMode.Stretch, FIT)):
            header.setSectionResizeMode(column, mode)
        rows = self.team.verticalHeader()
        rows.setSectionResizeMode(FIT)
        rows.setMinimumSectionSize(self.team.fontMetrics().lineSpacing() + 10)  # not cramped
        self.team.setWordWrap(True)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        # The title, scope and positions in kk, ru and en (issue 16 item 3)
        self.languages_button = QPushButton()
        self.member_languages_button = QPushButton()
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
        self.languages_button.setText(_("Title, scope: languages…"))
        self.member_languages_button.setText(_("Position: languages…"))
        self.refresh()  # the status and the roles are shown by name

    def _build(self) -> None:
        form = self.form = form_layout()
        for field, text in self._labels():
            form.addRow(text, field)
        form.addRow("", self.languages_button)
        for name, _label in FIELDS:
            self.fields[name].committed.connect(lambda n=name: self._commit(n))
        self.assessed_on.editingFinished.connect(self._on_assessed_on_editing_finished)
        box = self.box = QGroupBox()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.member_languages_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.team)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box, 1)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.languages_button.clicked.connect(self._on_languages_clicked)
        self.member_languages_button.clicked.connect(self._on_member_languages_clicked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    @property
    def assessment_id(self) -> int | None:
        return self.shown.id if self.shown else None

    def refresh(self) -> None:
        sheet = self.shown = self.operations.read(team.assessment_sheet)
        self.setEnabled(sheet is not None)
        if sheet is None:
            return
        self.status.setText(
            _("{status}, revision {revision}").format(
                status=AssessmentStatus(sheet.status).label(), revision=sheet.revision
            )
        )
        for name, widget in self.fields.items():
            if widget.toPlainText() != sheet.texts[name]:
                widget.setPlainText(sheet.texts[name])
        if sheet.assessed_on:
            on = sheet.assessed_on  # QDate(date) is not in PySide6 6.11's stubs (Python 3.11)
            self.assessed_on.setDate(QDate(on.year, on.month, on.day))
        self.team.setRowCount(len(sheet.team))
        for row, member in enumerate(sheet.team):
            for column, text in enumerate(member.cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, member.id)
                self.team.setItem(row, column, item)
        editable = self.operations.editable and sheet.status == AssessmentStatus.DRAFT.value
        widgets: tuple[QWidget, ...] = (
            *self.fields.values(),
            self.assessed_on,
            self.add_button,
            self.remove_button,
            self.languages_button,
            self.member_languages_button,
        )
        for control in widgets:
            control.setEnabled(editable)

    def _commit(self, name: str) -> None:
        value = self.fields[name].toPlainText().strip()
        if self.shown is not None and value != self.shown.texts[name]:
            self._edit_fields({name: value})

    def _on_assessed_on_editing_finished(self) -> None:
        if self.shown is not None:
            self._edit_fields({"assessed_on": self.assessed_on.date().toPython()})

    def _edit_fields(self, values: dict[str, Any]) -> None:
        """Someone else's change since the panel was shown is a conflict the user settles."""
        shown = self.shown
        assert shown is not None
        labels = {name: label() for name, label in FIELDS} | {
            "assessed_on": _("Date of assessment")
        }
        self.operations.run_versioned(
            _("Edit assessment"),
            lambda w, version: team.edit_assessment(w, shown.id, values, version),
            shown.row_version,
            labels,
        )

    def _on_add_clicked(self) -> None:
        name, ok = ask.text(self, _("Add member"), _("Full name:"))
        if not ok or not name.strip():
            return
        position, _ok = ask.text(self, _("Add member"), _("Position:"))
        roles = [role.label() for role in TeamRole]
        role, ok = ask.item(self, _("Add member"), _("Role:"), roles, 1)
        if ok:
            self.add_member(name, position, list(TeamRole)[roles.index(role)])

    def add_member(self, name: str, position: str, role: TeamRole) -> None:
        assessment_id = self.assessment_id
        if assessment_id is not None:
            self.operations.run(
                _("Add member"),
                lambda w: team.add_member(w, assessment_id, name, position, role),
            )

    def _on_remove_clicked(self) -> None:
        item = self.team.item(self.team.currentRow(), 0)
        if item is not None:
            member_id = item.data(Qt.ItemDataRole.UserRole)
            self.operations.run(_("Remove member"), lambda w: team.remove_member(w, member_id))

    def _on_languages_clicked(self) -> None:
        if self.assessment_id is not None:
            TranslationsDialog(self.operations, "assessment", self.assessment_id, self).exec()

    def _on_member_languages_clicked(self) -> None:
        item = self.team.item(self.team.currentRow(), 0)
        if item is not None:
            member_id = item.data(Qt.ItemDataRole.UserRole)
            TranslationsDialog(self.operations, "team_member", member_id, self).exec()
