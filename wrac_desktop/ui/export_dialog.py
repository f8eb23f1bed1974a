"""Export a report: which one, in which format and language, and where to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from wrac_desktop.errors import UserError
from wrac_desktop.files import check_output_path
from wrac_desktop.i18n import _, current_language
from wrac_desktop.paths import user_data_dir
from wrac_desktop.reports.export import BILINGUAL_FORMATS, FORMATS
from wrac_desktop.ui.keyboard import tab_through_buttons
from wrac_desktop.ui.language import LANGUAGE_NAMES
from wrac_desktop.ui.screen_fit import form_layout

REPORT_NAMES = {
    "register": lambda: _("Risk register"),
    "plan": lambda: _("Elimination plan"),
    "matrix": lambda: _("Risk matrix"),
    "summary": lambda: _("Summary for the inspectorate"),
    "dashboard": lambda: _("Dashboard"),
}
# The reports that show the measures' progress: they can show it as it stood on an earlier day
# (``wrac export --as-of``; issue 17 item 5). The matrix counts risks, not progress.
AS_OF_REPORTS = ("register", "plan", "summary", "dashboard")


def suggested_folder(last_used: str, registers: Sequence[str]) -> Path:
    """Where a report is suggested: the folder exported to last, else the register's own
    folder, else the data folder (it was always the data folder: issue 19, defect 8)."""
    for candidate in (last_used, *(str(Path(r).parent) for r in registers if "://" not in r)):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return user_data_dir()


class ExportDialog(QDialog):
    """``registers``: the open register(s), which the chosen file must not overwrite;
    ``last_folder``: the folder the officer exported to last ("" if none)."""

    def __init__(
        self, parent: QWidget | None = None, registers: Sequence[str] = (), last_folder: str = ""
    ) -> None:
        super().__init__(parent)
        self.registers = tuple(registers)
        self.folder = suggested_folder(last_folder, self.registers)
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #b00020")
        self.refusal.hide()
        self.setWindowTitle(_("Export"))
        self.report, self.format, self.lang = QComboBox(), QComboBox(), QComboBox()
        self.page_size = QComboBox()
        self.page_size.addItem(_("A4 landscape"), "A4")
        self.page_size.addItem(_("A3 landscape"), "A3")
        for key, name in REPORT_NAMES.items():
            self.report.addItem(name(), key)
        for code, language in LANGUAGE_NAMES.items():
            self.lang.addItem(language, code)
        for first, second in (("kk", "ru"), ("ru", "kk")):  # a document in both (issue 16)
            names = f"{LANGUAGE_NAMES[first]} + {LANGUAGE_NAMES[second]}"
            self.lang.addItem(names, f"{first}+{second}")
        self.lang.setCurrentIndex(self.lang.findData(current_language()))
        self.with_photos = QCheckBox(_("Add the attached photos as an appendix"))
        # Unticked: today's states. Ticked: the states of that day, as the signed plan of a
        # past inspection showed them.
        self.earlier = QCheckBox(_("Progress as it stood on"))
        self.as_of_date = QDateEdit(QDate.currentDate())
        self.as_of_date.setCalendarPopup(True)
        self.as_of_date.setDisplayFormat("dd.MM.yyyy")
        self.as_of_date.setMaximumDate(QDate.currentDate())
        self.as_of_date.setEnabled(False)
        self.earlier.toggled.connect(self._update_as_of)
        self.path = QLineEdit()
        self.path.setMinimumWidth(360)  # a folder and the file's name, not just its tail
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = form_layout(self)
        form.addRow(_("Report"), self.report)
        form.addRow(_("Format"), self.format)
        form.addRow(_("Language"), self.lang)
        form.addRow(_("Page"), self.page_size)
        form.addRow("", self.with_photos)  # the register PDF's (issue 17)
        form.addRow(self.earlier, self.as_of_date)
        form.addRow(_("File"), row)
        form.addRow(self.refusal)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.preview_button = buttons.addButton(
            _("Preview…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_requested = False
        self.preview_button.clicked.connect(self._on_preview_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        tab_through_buttons(buttons)
        self.report.currentIndexChanged.connect(self._on_report_current_index_changed)
        self.format.currentIndexChanged.connect(self._one_language_for_one_language_files)
        self.lang.currentIndexChanged.connect(self._one_language_for_one_language_files)
        self.format.currentIndexChanged.connect(self._suggest_path)
        self.format.currentIndexChanged.connect(self._update_preview_button)
        self._on_report_current_index_changed()

    def _update_as_of(self) -> None:
        shows_progress = self.report.currentData() in AS_OF_REPORTS
        self.earlier.setEnabled(shows_progress)
        self.as_of_date.setEnabled(shows_progress and self.earlier.isChecked())

    def _on_report_current_index_changed(self) -> None:
        self._update_as_of()
        self.format.blockSignals(True)
        self.format.clear()
        for fmt in FORMATS[self.report.currentData()]:
            self.format.addItem(fmt.upper(), fmt)
        self.format.blockSignals(False)
        self._suggest_path()
        self._update_preview_button()

    def _one_language_for_one_language_files(self) -> None:
        """A CSV or JSON file holds one language: "kk+ru" becomes its first language there."""
        lang = str(self.lang.currentData())
        if "+" in lang and self.format.currentData() not in BILINGUAL_FORMATS:
            self.lang.setCurrentIndex(self.lang.findData(lang.partition("+")[0]))

    def _on_preview_clicked(self) -> None:
        self.preview_requested = True
        self.accept()

    def _update_preview_button(self) -> None:
        is_pdf = self.format.currentData() == "pdf"
        self.preview_button.setEnabled(is_pdf)
        self.page_size.setEnabled(is_pdf)
        self.with_photos.setEnabled(is_pdf and self.report.currentData() == "register")

    def _suggest_path(self) -> None:
        folder = Path(self.path.text()).parent if self.path.text() else self.folder
        name = f"{self.report.currentData()}-{self.lang.currentData()}.{self.format.currentData()}"
        self.path.setText(str(folder / name))

    def _on_browse_clicked(self) -> None:
        fmt = self.format.currentData()
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export"), self.path.text(), f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.path.setText(path)

    def accept(self) -> None:
        """Close only on a file the core's output rule allows (the CLI's rule, exactly)."""
        try:
            check_output_path(self.choice()[3], registers=self.registers)
        except UserError as error:
            self.preview_requested = False
            self.refusal.setText(error.message)
            self.refusal.show()
            return
        super().accept()

    def page(self) -> str:
        """The PDF page size chosen, "A4" or "A3" (the register's issue asks for both)."""
        return str(self.page_size.currentData())

    def as_of(self) -> date | None:
        """The day whose progress the report shows; None: today's."""
        if not (self.earlier.isEnabled() and self.earlier.isChecked()):
            return None
        chosen = self.as_of_date.date().toPython()
        assert isinstance(chosen, date)
        return chosen

    def photos(self) -> bool:
        """The register PDF with its appendix of attached photos."""
        return self.with_photos.isEnabled() and self.with_photos.isChecked()

    def choice(self) -> tuple[str, str, str, Path]:
        return (
            self.report.currentData(),
            self.format.currentData(),
            self.lang.currentData(),
            Path(self.path.text().strip()),
        )
