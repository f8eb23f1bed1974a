"""The action plan: every additional measure, filtered; mark done and verified with a date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.services import plan
from wrac_desktop.services.plan import PlanFilter, PlanRow
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations
from wrac_desktop.vocabulary import ControlLevel, MeasureStatus

Index = QModelIndex | QPersistentModelIndex


class ActionPlanModel(QAbstractTableModel):
    COLUMNS = (
        ("workplace", lambda: _("Workplace")), ("hazard", lambda: _("Hazard")),
        ("description", lambda: _("Measure")), ("level", lambda: _("Hierarchy level")),
        ("responsible", lambda: _("Responsible")), ("due_text", lambda: _("Deadline")),
        ("status", lambda: _("Status")), ("completed_on", lambda: _("Completed on")),
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PlanRow] = []
        self.today = date.today()

    def set_rows(self, rows: list[PlanRow], today: date) -> None:
        self.beginResetModel()
        self.rows, self.today = rows, today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def is_overdue(self, row: PlanRow) -> bool:
        return (
            MeasureStatus(row.status).is_open
            and row.due_date is not None
            and row.due_date < self.today
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            return QBrush(QColor("#B00020"))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        key = self.COLUMNS[index.column()][0]
        value = getattr(row, key)
        if key == "level":
            return ControlLevel(value).label()
        if key == "status":
            text = MeasureStatus(value).label()
            # Not inside the f-string: pybabel does not extract a _() nested in one.
            return text + " · " + _("overdue") if self.is_overdue(row) else text
        if key == "completed_on":
            return format_date(value)
        return value

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.COLUMNS[section][1]() if orientation == Qt.Orientation.Horizontal else section + 1
        )


class ActionPlanView(Retranslating, QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action-plan")
        self.operations = operations
        self.scope = PlanFilter()
        self.model = ActionPlanModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((180, 200, 320, 130, 170, 140, 150)):
            self.table.setColumnWidth(column, width)
        self.status = QComboBox()
        self.status.addItem("", None)
        for status in MeasureStatus:
            self.status.addItem("", status.value)
        self.responsible = QComboBox()
        self.overdue = QCheckBox()
        self.done_button = QPushButton()
        self.verified_button = QPushButton()
        self.retranslate()
        self._build()
        operations.changed.connect(self.refresh)

    def _build(self) -> None:
        # The filters, and the buttons below them: in one row they made the window wider than
        # a laptop screen in Kazakh and Russian.
        filters, buttons = QHBoxLayout(), QHBoxLayout()
        for widget in (self.status, self.responsible, self.overdue):
            filters.addWidget(widget)
        filters.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.verified_button)
        buttons.addStretch(1)
        # Long names of people are read in the list; "Все ответственные" still shows whole.
        self.responsible.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.responsible.setMinimumContentsLength(18)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.status.activated.connect(self.refresh)
        self.responsible.activated.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        self.done_button.clicked.connect(lambda: self.mark(MeasureStatus.DONE))
        self.verified_button.clicked.connect(lambda: self.mark(MeasureStatus.VERIFIED))

    def retranslate(self) -> None:
        self.status.setItemText(0, _("All statuses"))
        for index, status in enumerate(MeasureStatus, start=1):
            self.status.setItemText(index, status.label())
        self.overdue.setText(_("Overdue only"))
        self.done_button.setText(_("Mark done…"))
        self.verified_button.setText(_("Mark verified…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.COLUMNS) - 1)
        self.refresh()  # the rows show statuses and hierarchy levels by name

    def set_scope(self, unit_id: int | None, workplace_id: int | None) -> None:
        self.scope = PlanFilter(unit_id=unit_id, workplace_id=workplace_id)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        if not self.isVisible():
            return
        self._fill_responsible()
        today = date.today()
        wanted = replace(
            self.scope,
            status=self.status.currentData(),
            responsible=self.responsible.currentData(),
            overdue_on=today if self.overdue.isChecked() else None,
        )
        self.model.set_rows(self.operations.read(lambda w: plan.plan_rows(w, wanted)) or [], today)
        self.done_button.setEnabled(self.operations.editable)
        self.verified_button.setEnabled(self.operations.editable)

    def _fill_responsible(self) -> None:
        chosen = self.responsible.currentData()
        self.responsible.clear()
        self.responsible.addItem(_("Everyone responsible"), None)
        for person in self.operations.read(plan.responsible_people) or []:
            self.responsible.addItem(person, person)
        self.responsible.setCurrentIndex(max(0, self.responsible.findData(chosen)))

    def selected_measure_ids(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.rows[row].id for row in sorted(rows)]

    def mark(self, status: MeasureStatus, on: date | None = None) -> None:
        ids = self.selected_measure_ids()
        if not ids:
            return
        on = on or ask_date(self, status.label())
        if on is None:
            return
        self.operations.run(
            _("Mark measures {status}").format(status=status.label()),
            lambda w: plan.mark(w, ids, status, on),
        )


def ask_date(parent: QWidget, title: str) -> date | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    editor = QDateEdit(QDate.currentDate())
    editor.setCalendarPopup(True)
    editor.setDisplayFormat("dd.MM.yyyy")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(editor)
    layout.addWidget(buttons)
    return editor.date().toPython() if dialog.exec() else None  # type: ignore[return-value]
