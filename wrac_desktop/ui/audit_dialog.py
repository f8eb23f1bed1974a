"""Assessment → Audit trail: the entries, filtered by user, record kind and any text, and
exportable.

At 1,366 pixels its ten columns at fixed widths scrolled sideways, the changes cut at the
dialog's edge (issue 19). The columns shown share the dialog's width, each entry on up to
two lines ending in "…" (whole in the tooltip); the entry selected stands whole, every field
of it, in the pane below. The OS user, the record's UUID and the hash are read there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.domain.field_titles import record_title
from wrac_desktop.i18n import _
from wrac_desktop.services import revisions
from wrac_desktop.services.audit_trail import AuditFilter, AuditRow, column_titles, export_audit
from wrac_desktop.ui.approval_models import AuditModel
from wrac_desktop.ui.column_layout import CELL_MARGIN, FittedColumns, lettered_widths
from wrac_desktop.ui.notice_styles import WARNING_STYLE
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.screen_fit import resize_within_screen
from wrac_desktop.ui.wrapping import line_height

# By column (services.audit_trail.AuditRow): least and wanted widths in average letters, and
# how the width left over is shared; the columns read in the pane below alone are hidden.
LETTERS = ((3, 5), (10, 19), (8, 16), (8, 12), (6, 12), (8, 16), (36, 36), (20, 80), (12, 40),
           (16, 64))  # fmt: skip
WEIGHTS = (0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 3.0, 1.5, 0.0)
IN_THE_PANE = ("os_user", "entity_uuid", "hash")
LINES = 2
RECORD_KINDS = ("assessment", "team_member", "hazard", "control_measure", "workplace",
                "org_unit", "organisation", "risk_matrix")  # fmt: skip


class AuditDialog(QDialog):
    """The audit trail, filtered by user, record kind and any text; exportable."""

    def __init__(self, parent: QWidget | None, operations: Operations) -> None:
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(_("Audit trail"))
        resize_within_screen(self, 1200, 640)
        self.user, self.text = QLineEdit(), QLineEdit()
        self.user.setPlaceholderText(_("user"))
        self.text.setPlaceholderText(_("any text"))
        self.entity = QComboBox()
        self.entity.addItem(_("all records"), "")
        for table in RECORD_KINDS:
            self.entity.addItem(record_title(table), table)  # "жұмыс орны", not "workplace"
        for widget in (self.user, self.text):
            widget.textChanged.connect(self.refresh)
        self.entity.currentIndexChanged.connect(self.refresh)
        self.model = AuditModel()
        self.table = self._entries_table()
        self.entry = QPlainTextEdit()  # the entry selected, whole
        self.entry.setReadOnly(True)
        self.status = QLabel()
        self._layout()
        self.refresh()

    def _entries_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Rows of LINES lines, not measured one by one: a register's trail runs to thousands.
        table.verticalHeader().setDefaultSectionSize(line_height(table, LINES))
        for name in IN_THE_PANE:
            table.horizontalHeader().setSectionHidden(AuditRow._fields.index(name), True)
        self.fitted = FittedColumns(table, self.column_widths, WEIGHTS)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        return table

    def _layout(self) -> None:
        export = QPushButton(_("Export…"))
        export.clicked.connect(self._on_export_clicked)
        bar = QHBoxLayout()
        for control in (self.user, self.entity, self.text, export):
            bar.addWidget(control)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.entry)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

    def column_widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """By LETTERS (``lettered_widths``); a heading's lines and a time whole ("ӨЖ
        пайдаланушысы" was cut in Kazakh)."""
        titles = column_titles()
        times = {1: ["2026-12-31 23:59:59"]}
        least, wanted = lettered_widths(self.table, LETTERS, titles, times)
        heading = self.table.horizontalHeader().fontMetrics()
        for column in least:
            lines = str(self.model.headerData(column, Qt.Orientation.Horizontal)).split("\n")
            words = max(heading.horizontalAdvance(line) for line in lines) + 2 * CELL_MARGIN
            least[column] = max(least[column], words)
            wanted[column] = max(wanted[column], words)
        return least, wanted

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            user=self.user.text().strip(), entity=self.entity.currentData() or "",
            text=self.text.text().strip(),
        )  # fmt: skip

    def refresh(self, *_args: object) -> None:
        wanted = self.current_filter()
        rows = self.operations.read(lambda w: revisions.audit_entries(w, wanted)) or []
        self.model.set_rows(rows)
        self.entry.clear()
        if rows:  # the pane below shows an entry from the start, not an empty box
            self.table.selectRow(0)
        problems = self.operations.read(revisions.audit_chain_problems) or []
        self.status.setText("\n".join(problems) or _("{count} entries; hash chain intact").format(
            count=len(rows)))  # fmt: skip
        self.status.setStyleSheet(WARNING_STYLE if problems else "")

    def _on_selection_changed(self, selected: QItemSelection, _deselected: object) -> None:
        rows = selected.indexes()
        self.entry.setPlainText(entry_text(self.model.rows[rows[0].row()]) if rows else "")

    def _on_export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the audit trail"), "audit.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        register = self.operations.register
        if register is None:
            return
        try:
            export_audit(register, path, self.current_filter())
        except Exception as error:
            self.operations.report(error)


def entry_text(row: AuditRow) -> str:
    """Every field of an entry, a line each under its column's title; its changes a line
    each."""
    lines = []
    for title, name, value in zip(column_titles(), AuditRow._fields, row, strict=True):
        if name == "changes" and value:
            lines.append(f"{title}:")
            lines += [f"    {change}" for change in str(value).split("; ")]
        else:
            lines.append(f"{title}: {value}")
    return "\n".join(lines)
