"""The action plan: every additional measure as it stands (its progress log applied), filtered
by status, person and due window; overdue rows in red, rows due within 30 days in amber; steps
recorded with a date and photos, whose thumbnails show under the plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.domain.due_wording import due_in_language
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _, current_language
from wrac_desktop.services import attachments, plan
from wrac_desktop.services.attachments import Evidence
from wrac_desktop.services.plan import PlanFilter, PlanRow
from wrac_desktop.ui.column_layout import CELL_MARGIN, FittedColumns, lettered_widths
from wrac_desktop.ui.due_view import DUE_SOON_BACKGROUND, OVERDUE_BACKGROUND, OVERDUE_TEXT
from wrac_desktop.ui.language import Retranslating, italic, shown_elsewhere
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.progress_dialog import StepInput, ask_step
from wrac_desktop.ui.wrapping import fit_row_heights, line_height
from wrac_desktop.vocabulary import ControlLevel, MeasureStatus

Index = QModelIndex | QPersistentModelIndex
DUE_SOON = timedelta(days=30)  # rows due within it are coloured
# Up to so many rows, each is as high as its texts wrapped: measuring takes about 0.1 ms of
# CPU a row (0.17 s for the 1,800 measures of a 120-workplace demo); beyond, three lines each.
CONTENT_ROWS = 5000
# The due-window filter: (its words, days ahead; -1: overdue only; None: any deadline)
DUE_WINDOWS: tuple[tuple[Any, int | None], ...] = (
    (lambda: _("Any deadline"), None),
    (lambda: _("Overdue"), -1),
    (lambda: _("Due within 7 days"), 7),
    (lambda: _("Due within 30 days"), 30),
    (lambda: _("Due within 90 days"), 90),
)


class ActionPlanModel(QAbstractTableModel):
    # What the officer acts on comes first: behind the hazard and the hierarchy level, the
    # deadline and the status were off-screen at 1,366 pixels with the hazard panel open
    # (issue 19). The hazard (the panel names it), the hierarchy level and the completion date
    # wait in the header's menu (HIDDEN). The view shares the table's width: a date and a
    # status as wide as their words, the workplace and the person a little wider than their
    # longest words (LETTERS: least and wanted, in average letters), and the measure, what the
    # officer reads, everything left (WEIGHTS), on up to three lines.
    COLUMNS = (
        ("workplace", lambda: _("Workplace")), ("description", lambda: _("Measure")),
        ("responsible", lambda: _("Responsible")), ("due_text", lambda: _("Deadline")),
        ("status", lambda: _("Status")), ("hazard", lambda: _("Hazard")),
        ("level", lambda: _("Hierarchy level")), ("completed_on", lambda: _("Completed on")),
    )  # fmt: skip
    LETTERS = ((10, 15), (14, 34), (10, 14), (6, 6), (6, 6), (14, 24), (10, 14), (6, 6))
    WEIGHTS = (0.0, 2.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    HIDDEN = ("hazard", "level", "completed_on")

    @classmethod
    def column_of(cls, key: str) -> int:
        return next(i for i, column in enumerate(cls.COLUMNS) if column[0] == key)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PlanRow] = []
        self.today = date.today()
        self.elsewhere: dict[int, dict[str, str]] = {}

    def set_rows(
        self, rows: list[PlanRow], today: date, elsewhere: dict[int, dict[str, str]] | None = None
    ) -> None:
        """``elsewhere``: by measure id, its texts shown in another language than the
        interface's (no translation yet) and that language."""
        self.beginResetModel()
        self.rows, self.today, self.elsewhere = rows, today, elsewhere or {}
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

    def is_due_soon(self, row: PlanRow) -> bool:
        """Open and due from today to 30 days ahead."""
        return (
            MeasureStatus(row.status).is_open
            and row.due_date is not None
            and self.today <= row.due_date <= self.today + DUE_SOON
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.is_overdue(row):
                return QBrush(OVERDUE_BACKGROUND)
            return QBrush(DUE_SOON_BACKGROUND) if self.is_due_soon(row) else None
        key = self.COLUMNS[index.column()][0]
        other = self.elsewhere.get(row.id, {}).get(key)
        if role == Qt.ItemDataRole.FontRole and other is not None:
            return italic()
        if role == Qt.ItemDataRole.ToolTipRole and other is not None:
            return shown_elsewhere(getattr(row, key), other)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.text(index.row(), index.column(), whole=role == Qt.ItemDataRole.ToolTipRole)

    def text(self, number: int, column: int, *, whole: bool = False) -> str:
        """The text of row ``number``'s cell as shown (``whole``: as its tooltip shows it)."""
        row, key = self.rows[number], self.COLUMNS[column][0]
        value = getattr(row, key)
        if key == "level":
            return ControlLevel(value).label()
        if key == "status":
            return MeasureStatus(value).label()
        if key == "completed_on":
            return format_date(value)
        if key == "due_text":
            return self._deadline(row, whole=whole)
        return str(value or "")

    def _deadline(self, row: PlanRow, *, whole: bool) -> str:
        """The deadline in force (a postponement's) on the first line; below it "overdue", or
        else the plan's own words ("IV quarter 2026"). On one line with the status, "Запланиро
        вано · просрочено" and "31.03.2026 (I квартал…" were cut (issue 19); ``whole``: the
        tooltip's text, everything. Words of another language say the same in the
        interface's («2027 ж. IV тоқсан» in English: "Q4 2027"), as documents print them."""
        value = due_in_language(row.due_text, current_language())
        if row.due_date is None:
            return value
        shown = format_date(row.due_date)
        words = "" if shown in value else value
        lines = [shown]
        if words and (whole or not self.is_overdue(row)):
            lines.append(f"({words})")
        if self.is_overdue(row):
            # Not inside an f-string: pybabel does not extract a _() nested in one.
            lines.append(_("overdue"))
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.COLUMNS[section][1]()
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        # On two lines: "Ответственные исполнители" stays as narrow as the names below it.
        return self.COLUMNS[section][1]().replace(" ", "\n", 1)


class ActionPlanView(Retranslating, QWidget):
    CELL_MARGIN = CELL_MARGIN  # each side of a cell's text (the tests measure by it)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action-plan")
        self.operations = operations
        self.scope = PlanFilter()
        self.model = ActionPlanModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for key in self.model.HIDDEN:
            self.table.horizontalHeader().setSectionHidden(self.model.column_of(key), True)
        # The columns shown share the table's width: no sideways scrolling. Each row as high
        # as its texts wrapped in their columns, three lines at most; what is longer ends in
        # "…", whole in the tooltip.
        self.fitted = FittedColumns(self.table, self.least_widths, self.model.WEIGHTS)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(line_height(self.table, 3))
        self._measure_rows = QTimer(self, singleShot=True, interval=20)  # once a resize
        self._measure_rows.timeout.connect(self.fit_rows)
        self.fitted.fitted.connect(self._measure_rows.start)
        self.model.modelReset.connect(self._measure_rows.start)
        self.status = QComboBox()
        self.status.addItem("", None)
        for status in MeasureStatus:
            self.status.addItem("", status.value)
        self.responsible = QComboBox()
        self.due_window = QComboBox()
        for _words, days in DUE_WINDOWS:
            self.due_window.addItem("", days)
        self.done_button = QPushButton()
        self.verified_button = QPushButton()
        self.evidence = EvidenceStrip()
        self.retranslate()
        self._build()
        operations.changed.connect(self.refresh)

    def _build(self) -> None:
        # The filters, and the buttons below them: in one row they made the window wider than
        # a laptop screen in Kazakh and Russian.
        filters, buttons = QHBoxLayout(), QHBoxLayout()
        for widget in (self.status, self.responsible, self.due_window):
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
        # The due windows' words are long in Kazakh: the list shows them whole, the box less.
        self.due_window.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.due_window.setMinimumContentsLength(16)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.evidence)
        self.status.activated.connect(self.refresh)
        self.responsible.activated.connect(self.refresh)
        self.due_window.activated.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self.show_evidence)
        self.done_button.clicked.connect(lambda: self.mark(MeasureStatus.DONE))
        self.verified_button.clicked.connect(lambda: self.mark(MeasureStatus.VERIFIED))

    def retranslate(self) -> None:
        self.status.setItemText(0, _("All statuses"))
        for index, status in enumerate(MeasureStatus, start=1):
            self.status.setItemText(index, status.label())
        for index, (words, _days) in enumerate(DUE_WINDOWS):
            self.due_window.setItemText(index, words())
        self.done_button.setText(_("Mark done…"))
        self.verified_button.setText(_("Mark verified…"))
        self.evidence.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.COLUMNS) - 1)
        self.refresh()  # the rows show statuses and hierarchy levels by name
        self.fitted.fit()  # their words are as long as the language makes them

    def fit_rows(self) -> None:
        """Each row as high as its wrapped texts, from one line to three; a plan of more than
        CONTENT_ROWS measures keeps rows of three lines."""
        if self.isVisible() and self.model.rowCount() <= CONTENT_ROWS:
            fit_row_heights(self.table, self.model.text, lines=3)

    def least_widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """The narrowest each column may be, and the width it wants when there is room
        (``lettered_widths``): a status's every word, and a deadline's date and "overdue" on a
        line each, whole; every word of the heading whole («орындаушылар» was cut at both
        ends); the free texts by LETTERS (they wrap, and end in "…")."""
        dates = [format_date(date(2026, month, 28)) for month in range(1, 13)]  # "28 May"
        column = self.model.column_of
        contents = {
            column("status"): [word for status in MeasureStatus for word in status.label().split()],
            column("due_text"): [*dates, _("overdue")],
            column("completed_on"): dates,
        }
        titles = [title() for _key, title in self.model.COLUMNS]
        return lettered_widths(self.table, self.model.LETTERS, titles, contents)

    def set_scope(self, unit_id: int | None, workplace_id: int | None) -> None:
        self.scope = PlanFilter(unit_id=unit_id, workplace_id=workplace_id)
        self.refresh()

    def set_due_window(self, days: int | None) -> None:
        """Show only overdue measures (-1), those due within ``days``, or all (None)."""
        self.due_window.setCurrentIndex(max(0, self.due_window.findData(days)))
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        if not self.isVisible():
            return
        self._fill_responsible()
        today = date.today()
        days = self.due_window.currentData()
        wanted = replace(
            self.scope,
            status=self.status.currentData(),
            responsible=self.responsible.currentData(),
            overdue_on=today if days == -1 else None,
            due_by=today + timedelta(days=days) if days is not None and days >= 0 else None,
        )
        lang = current_language()
        shown = self.operations.read(lambda w: plan.shown_plan_rows(w, wanted, lang)) or []
        elsewhere = {item.row.id: item.elsewhere for item in shown if item.elsewhere}
        self.model.set_rows([item.row for item in shown], today, elsewhere)
        self.apply_writable()
        self.show_evidence()

    def apply_writable(self) -> None:
        """Steps go to the progress log: they are recorded on an approved revision too, not
        on a register that cannot be written (or not yet: its file is being checked)."""
        writable = self.operations.register is not None and self.operations.register.writable
        self.done_button.setEnabled(writable)
        self.verified_button.setEnabled(writable)

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

    def show_evidence(self, *_args: object) -> None:
        """The photos and documents of the one measure selected (none for several)."""
        ids = self.selected_measure_ids()
        found = (
            self.operations.read(lambda w: attachments.evidence_of_measure(w, ids[0]))
            if len(ids) == 1
            else None
        )
        self.evidence.show_files(found or [])

    def mark(
        self, status: MeasureStatus, on: date | None = None, step: StepInput | None = None
    ) -> None:
        """Record a step of the selected measures: asked for in a dialog unless given (``on``
        alone: that day, nobody named, no files)."""
        ids = self.selected_measure_ids()
        if not ids:
            return
        if step is None and on is not None:
            step = StepInput(on, "", "", ())
        step = step or ask_step(self, status.label())
        if step is None:
            return
        self.operations.run(
            _("Mark measures {status}").format(status=status.label()),
            lambda w: plan.mark(
                w, ids, status, step.on, by=step.by, note=step.note, files=step.files
            ),
        )
        self.select_measures(ids)  # the rows were read again: the same ones stay selected

    def show_measure(self, measure_id: int) -> bool:
        """Select one measure and bring its row into view (the Due view's rows open here):
        the status, person and due-window filters that would hide it are dropped first."""
        for combo in (self.status, self.responsible, self.due_window):
            combo.setCurrentIndex(0)
        self.refresh()
        self.select_measures([measure_id])
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.setCurrentIndex(rows[0])
            self.table.scrollTo(rows[0])
            self.table.setFocus()
        return bool(rows)

    def select_measures(self, ids: list[int]) -> None:
        wanted = set(ids)
        selection = self.table.selectionModel()
        selection.clearSelection()
        for number, row in enumerate(self.model.rows):
            if row.id in wanted:
                selection.select(
                    self.model.index(number, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )


class EvidenceStrip(QWidget):
    """Thumbnails of a measure's photos, and the names of its documents, in a row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidence-strip")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.labels: list[QLabel] = []
        self.row.addWidget(self.title)
        self.row.addStretch(1)
        self.setVisible(False)

    def retranslate(self) -> None:
        self.title.setText(_("Evidence:"))

    def show_files(self, files: list[Evidence]) -> None:
        for label in self.labels:
            self.row.removeWidget(label)
            label.deleteLater()
        self.labels = []
        for index, file in enumerate(files, start=1):
            label = QLabel()
            label.setToolTip(file.file_name)
            pixmap = QPixmap()
            if file.thumbnail is not None and pixmap.loadFromData(file.thumbnail):
                label.setPixmap(pixmap)
            else:
                label.setText(f"[{file.file_name}]")
            self.row.insertWidget(index, label)
            self.labels.append(label)
        self.setVisible(bool(files))
