"""Add or edit one control measure: hierarchy level, kind, who, when, status, money, form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import ControlMeasure
from wrac_desktop.vocabulary import ControlLevel, MeasureKind, MeasureStatus


@dataclass
class MeasureValues:
    description: str
    level: str
    kind: str
    responsible: str
    due: str
    status: str
    completed_on: date | None
    cost: str
    funding_source: str
    completion_form: str


def _combo(enum: type, current: str) -> QComboBox:
    combo = QComboBox()
    for member in enum:  # type: ignore[attr-defined]
        combo.addItem(member.label(), member.value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class MeasureDialog(QDialog):
    def __init__(self, parent: QWidget | None, measure: ControlMeasure | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Control measure"))
        self.description = QPlainTextEdit(measure.description if measure else "")
        self.description.setTabChangesFocus(True)
        self.level = _combo(ControlLevel, measure.level if measure else "engineering")
        self.kind = _combo(MeasureKind, measure.kind if measure else "additional")
        self.responsible = QLineEdit(measure.responsible if measure else "")
        self.due = QLineEdit(measure.due_text if measure else "")
        self.due.setPlaceholderText(_("e.g. 31.12.2026, IV квартал 2026 г., permanently"))
        self.status = _combo(MeasureStatus, measure.status if measure else "planned")
        self.completed = QDateEdit(QDate.currentDate())
        self.completed.setCalendarPopup(True)
        self.completed.setDisplayFormat("dd.MM.yyyy")
        if measure and measure.completed_on:
            self.completed.setDate(QDate(measure.completed_on))
        self.cost = QLineEdit("" if not measure or measure.cost is None else str(measure.cost))
        self.funding = QLineEdit(measure.funding_source if measure else "")
        self.form = QLineEdit(measure.completion_form if measure else "")
        self._layout()
        self.status.currentIndexChanged.connect(self._on_status_current_index_changed)
        self._on_status_current_index_changed()

    def _layout(self) -> None:
        form = QFormLayout(self)
        rows = (
            (_("Measure"), self.description), (_("Hierarchy level"), self.level),
            (_("Existing or additional"), self.kind), (_("Responsible"), self.responsible),
            (_("Deadline"), self.due), (_("Status"), self.status),
            (_("Completed on"), self.completed), (_("Cost"), self.cost),
            (_("Funding source"), self.funding), (_("Form of completion"), self.form),
        )  # fmt: skip
        for label, widget in rows:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_status_current_index_changed(self) -> None:
        self.completed.setEnabled(not MeasureStatus(self.status.currentData()).is_open)

    def values(self) -> MeasureValues:
        done = not MeasureStatus(self.status.currentData()).is_open
        return MeasureValues(
            description=self.description.toPlainText().strip(),
            level=self.level.currentData(),
            kind=self.kind.currentData(),
            responsible=self.responsible.text().strip(),
            due=self.due.text().strip(),
            status=self.status.currentData(),
            completed_on=self.completed.date().toPython() if done else None,  # type: ignore[arg-type]
            cost=self.cost.text().strip(),
            funding_source=self.funding.text().strip(),
            completion_form=self.form.text().strip(),
        )
