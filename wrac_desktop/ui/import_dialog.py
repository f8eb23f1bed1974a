"""File → Import worksheet…: the column-mapping dialog with a live preview, and the import.

The dialog shows the mapping the core detected; each column's field can be changed in a combo
box, and the preview of the first rows and their warnings follow at once. Import then runs
the whole sheet off the UI thread, in one transaction: Cancel leaves the register untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.formatting import executor
from wrac_desktop.i18n import N_, _, translated
from wrac_desktop.languages import TEXT_LANGUAGES
from wrac_desktop.risk.matrix import format_number
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.background import BackgroundJob, Cancelled
from wrac_desktop.ui.column_layout import FittedColumns, lettered_widths
from wrac_desktop.ui.keyboard import tab_through_buttons
from wrac_desktop.ui.language import LANGUAGE_NAMES
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.screen_fit import resize_within_screen
from wrac_desktop.ui.wrapping import fit_row_heights

if TYPE_CHECKING:  # the reader itself is imported on first use: the window starts without it
    from wrac_desktop.importing.headers import Header
    from wrac_desktop.importing.plan import ImportPlan, PlannedHazard, PlannedMeasure
    from wrac_desktop.services.worksheets import Source

PREVIEW_ROWS = 200
Index = QModelIndex | QPersistentModelIndex
_PREVIEW_COLUMNS: tuple[tuple[str, Callable[[PlannedHazard, PlannedMeasure | None], Any]], ...] = (
    (N_("Row"), lambda h, m: m.row if m else h.row),
    (N_("Workplace"), lambda h, m: " / ".join(part for part in h.place if part)),
    (N_("Hazard"), lambda h, m: h.description),
    (N_("Unwanted event"), lambda h, m: h.texts.get("unwanted_event", "")),
    (N_("Likelihood"), lambda h, m: _number(h.initial[0])),
    (N_("Severity"), lambda h, m: _number(h.initial[1])),
    (N_("Residual"), lambda h, m: " × ".join(_number(v) for v in h.residual[:2] if v is not None)),
    (N_("Measure"), lambda h, m: m.description if m else ""),
    (N_("Responsible"), lambda h, m: executor(m.responsible, m.responsible_name) if m else ""),
    (N_("Due"), lambda h, m: m.due_text if m else ""),
)


def _number(value: float | None) -> str:
    return "" if value is None else format_number(value)


class PreviewModel(QAbstractTableModel):
    """The first rows as they would be imported: one line per hazard and per measure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[tuple[PlannedHazard, PlannedMeasure | None]] = []

    def set_plan(self, plan: ImportPlan) -> None:
        self.beginResetModel()
        self._lines = [
            (hazard, measure)
            for hazard in plan.hazards
            for measure in (hazard.measures or [None])  # type: ignore[list-item]
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(_PREVIEW_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role not in shown or not index.isValid():
            return None
        hazard, measure = self._lines[index.row()]
        return str(_PREVIEW_COLUMNS[index.column()][1](hazard, measure))

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:  # a word a line: the columns narrow
            return translated(_PREVIEW_COLUMNS[section][0]).replace(" ", "\n")
        return section + 1

    def text(self, row: int, column: int) -> str:
        """A cell's text (rows are measured by it)."""
        hazard, measure = self._lines[row]
        return str(_PREVIEW_COLUMNS[column][1](hazard, measure))


# By preview column (_PREVIEW_COLUMNS): the least and wanted widths in average letters, and
# how the width left over is shared. The columns share the dialog's width, the texts wrapped
# onto up to PREVIEW_LINES lines and whole in their tooltips: each column as wide as its
# contents scrolled the preview sideways at 1,366 pixels (the deadline off its right edge).
PREVIEW_LETTERS = ((3, 4), (8, 18), (10, 30), (10, 30), (3, 4), (3, 4), (5, 7), (10, 30), (8, 16),
                   (8, 12))  # fmt: skip
PREVIEW_WEIGHTS = (0.0, 1.0, 2.0, 2.0, 0.0, 0.0, 0.0, 2.0, 1.0, 0.0)
PREVIEW_LINES = 3


class ImportDialog(QDialog):
    """The detected mapping, editable per column, with a live preview and the warnings."""

    def __init__(self, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import worksheet"))
        resize_within_screen(self, 1100, 700)
        self.source = source
        self._header = source.header
        # Made first: it stands above the mapping, and Tab follows the order made in.
        # The language of the file's texts (issue 16 item 5), as `wrac import --lang`: each
        # cell's letters tell by default; a Kazakh text without ә ғ қ … reads as Russian.
        self.language = QComboBox()
        self.language.addItem(_("Detect in each cell"), None)
        for lang in TEXT_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.mapping = QTableWidget(len(source.header.columns), 3)
        self.mapping.setHorizontalHeaderLabels([_("Column"), _("Header in the file"), _("Field")])
        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setWordWrap(True)
        self.preview.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.fitted = FittedColumns(self.preview, self._preview_widths, PREVIEW_WEIGHTS)
        self.fitted.fitted.connect(self._fit_preview_rows)
        self.warnings = QListWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # a long file name made the dialog wider than a laptop
        self._fill_mapping()
        self._layout()
        self.refresh()

    def header(self) -> Header:
        """The mapping as the user left it."""
        return self._header

    def text_lang(self) -> str | None:
        """The language chosen for the file's texts; None: each cell's letters tell."""
        chosen = self.language.currentData()
        return str(chosen) if chosen else None

    def combo(self, letter: str) -> QComboBox:
        """The field chooser of the column with that letter (for tests and shortcuts)."""
        for row, column in enumerate(self._header.columns):
            if column.letter == letter:
                widget = self.mapping.cellWidget(row, 2)
                assert isinstance(widget, QComboBox)
                return widget
        raise KeyError(letter)

    def refresh(self) -> None:
        """Re-plan the first rows with the current mapping and show them."""
        from wrac_desktop.services import worksheets

        plan = worksheets.make_plan(self.source, self._header, rows=PREVIEW_ROWS)
        self.preview_model.set_plan(plan)
        self.fitted.fit()
        self._fit_preview_rows()
        self.warnings.clear()
        self.warnings.addItems([str(warning) for warning in plan.warnings])
        self.summary.setText(
            _(
                "{file}, sheet “{sheet}”, header in row(s) {row}. Preview of the first {rows} "
                "rows: {hazards} hazards, {measures} measures, {warnings} warnings."
            ).format(
                file=self.source.path.name,
                sheet=self.source.sheet.name,
                row=_header_rows(self._header),
                rows=PREVIEW_ROWS,
                hazards=len(plan.hazards),
                measures=plan.measure_count,
                warnings=len(plan.warnings),
            )
        )
        self.import_button.setEnabled(self._header.usable)

    def _preview_widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """``lettered_widths``: every word of a heading whole (at a fixed 100 pixels
        "Жауапты орындаушы" read "…пты орындауш…"), and a row's number."""
        model = self.preview_model
        titles = [str(model.headerData(column, Qt.Orientation.Horizontal))
                  for column in range(model.columnCount())]  # fmt: skip
        rows = [model.text(row, 0) for row in range(model.rowCount())]
        return lettered_widths(self.preview, PREVIEW_LETTERS, titles, {0: rows})

    def _fit_preview_rows(self) -> None:
        fit_row_heights(self.preview, self.preview_model.text, PREVIEW_LINES)

    def _fill_mapping(self) -> None:
        from wrac_desktop.importing.columns import FIELD_KEYS, field_label

        for row, column in enumerate(self._header.columns):
            self.mapping.setItem(row, 0, _readonly(column.letter))
            self.mapping.setItem(row, 1, _readonly(column.header))
            combo = QComboBox()
            combo.addItem(_("(not imported)"), None)
            for key in FIELD_KEYS:
                combo.addItem(field_label(key), key)
            combo.setCurrentIndex(max(0, combo.findData(column.field)))
            combo.currentIndexChanged.connect(
                lambda _i, row=row, combo=combo: self._on_field_changed(row, combo.currentData())
            )
            self.mapping.setCellWidget(row, 2, combo)
        self.mapping.resizeColumnsToContents()

    def _layout(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for title, widget in (
            (_("Columns"), self.mapping),
            (_("Preview"), self.preview),
            (_("Warnings (sheet, row, column)"), self.warnings),
        ):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(QLabel(f"<b>{title}</b>"))
            box_layout.addWidget(widget)
            splitter.addWidget(box)
        splitter.setSizes([300, 280, 120])
        language = QHBoxLayout()
        label = QLabel(_("Language of the texts:"))
        label.setBuddy(self.language)
        language.addWidget(label)
        language.addWidget(self.language)
        language.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(language)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        tab_through_buttons(buttons)

    def _on_field_changed(self, row: int, field: str | None) -> None:
        from wrac_desktop.importing.headers import Header

        columns = [replace(column) for column in self._header.columns]
        columns[row].field = field
        self._header = Header(self._header.first_row, self._header.last_row, columns)
        self.refresh()


def _header_rows(header: Header) -> str:
    if header.first_row == header.last_row:
        return str(header.last_row)
    return f"{header.first_row}–{header.last_row}"


def _readonly(text: str) -> Any:
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def import_worksheet(parent: QWidget, operations: Operations, path: Path) -> BackgroundJob | None:
    """Read ``path``, let the user check the mapping, then import in the background."""
    from wrac_desktop.services import worksheets

    try:
        source = operations.read(lambda w: worksheets.read_worksheet(w, path))
    except Exception as error:  # a file that cannot be imported: its message, no traceback
        operations.report(error)
        return None
    if source is None:
        return None
    dialog = ImportDialog(source, parent)
    if not dialog.exec():
        return None
    return run_import(parent, operations, source, dialog.header(), dialog.text_lang())


def run_import(
    parent: QWidget,
    operations: Operations,
    source: Source,
    header: Header,
    text_lang: str | None = None,
) -> BackgroundJob | None:
    """The whole sheet, planned and applied off the UI thread in one transaction; its texts
    in ``text_lang`` (None: each cell's letters tell)."""
    from wrac_desktop.services import worksheets

    if operations.register is None:
        return None

    def done(plan: ImportPlan | None, error: BaseException | None) -> None:
        if error is not None and not isinstance(error, Cancelled):
            operations.report(error)
        elif plan is not None:
            if not plan.outcome.adds_nothing:
                # Undoing an earlier edit (say, adding a workplace) could now take imported
                # records with it, which nobody asked for: history before the import ends here.
                operations.undo_stack.clear()
            operations.changed.emit()
            parent.last_import = plan  # type: ignore[attr-defined]  # for tests and the status bar
            _show_outcome(parent, plan)

    return operations.in_background(
        _("Importing the worksheet…"),
        lambda w, progress: worksheets.import_sheet(w, source, header, progress.step, text_lang),
        done,
        write=True,
    )


def _show_outcome(parent: QWidget, plan: ImportPlan) -> None:
    summary = plan.summary()
    text = _(
        "Rows read {rows_read}, imported {rows_imported}, skipped {rows_skipped}, warnings "
        "{warnings}.\nAdded {new_workplaces} workplaces, {new_hazards} hazards, {new_measures} "
        "measures; {hazards_already_present} hazards were already in the register."
    ).format(**summary)
    if plan.outcome.adds_nothing:
        text += "\n" + _("Nothing new: everything in this file is already in the register.")
    if getattr(parent, "testing", False) or not parent.isVisible():
        return
    box = QMessageBox(QMessageBox.Icon.Information, _("Import worksheet"), text, parent=parent)
    box.setDetailedText("\n".join(str(warning) for warning in plan.warnings))
    box.exec()


class ImportController(Controller):
    """File → Import worksheet…: pick a file, check the mapping, import in the background."""

    def __init__(self, parent: QWidget, operations: Operations) -> None:
        super().__init__()
        self.parent, self.operations = parent, operations

    def import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Import worksheet"), "", _("Worksheets (*.xlsx *.csv)")
        )
        if path:
            import_worksheet(self.parent, self.operations, Path(path))

    ACTIONS = (
        ActionSpec("import", lambda: _("&Import worksheet…"), import_file, None, Needs.EDITABLE),
    )
