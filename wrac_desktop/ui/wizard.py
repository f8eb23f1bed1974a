"""New-register wizard: where the file goes, the organisation (BIN checked), a first site and
the risk matrix, with a preview of each preset."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wrac_desktop.domain.bin import bin_problem
from wrac_desktop.i18n import _, pick
from wrac_desktop.paths import user_data_dir
from wrac_desktop.risk.presets import PRESETS
from wrac_desktop.services.setup import NewRegister
from wrac_desktop.ui.matrix_widget import MatrixWidget
from wrac_desktop.ui.screen_fit import form_layout


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = form_layout(self)


class NewRegisterWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New register"))
        self.resize(760, 620)
        self.path = QLineEdit(str(free_path(user_data_dir(), "register")))
        self.legal_name = QLineEdit()
        self.bin = QLineEdit()
        self.bin.setMaxLength(12)
        self.bin_message = QLabel()
        self.bin_message.setStyleSheet("color:#B00020;")
        self.bin_message.setWordWrap(True)  # a long Kazakh message ran past the dialog's edge
        self.region = QLineEdit()
        self.address = QLineEdit()
        self.industry = QLineEdit()
        self.oked = QLineEdit()
        self.kato = QLineEdit()
        self.order_number = QLineEdit()
        self.order_date = _optional_date()
        self.site = QLineEdit()
        self.title_edit = QLineEdit()
        self.assessed_on = QDateEdit(QDate.currentDate())
        self.assessed_on.setCalendarPopup(True)
        self.assessed_on.setDisplayFormat("dd.MM.yyyy")
        self.matrix = QComboBox()
        self.preview = MatrixWidget(next(iter(PRESETS.values())))
        self.preview_text = QLabel()
        self.preview_text.setWordWrap(True)
        for page in (
            self._file_page(),
            self._organisation_page(),
            self._site_page(),
            self._matrix_page(),
        ):
            self.addPage(page)

    def _file_page(self) -> QWizardPage:
        page = FilePage(self)
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        page.form.addRow(_("File"), row)
        # Not a mandatory field ("path*"): QWizard takes a mandatory field as filled only once
        # it differs from its first value, so Next stayed off on the suggested path.
        page.registerField("path", self.path)
        self.path.textChanged.connect(page.completeChanged)
        return page

    def _organisation_page(self) -> QWizardPage:
        page = OrganisationPage(self)
        for label, widget in (
            (_("Legal name"), self.legal_name),
            (_("BIN"), self.bin),
            ("", self.bin_message),
            (_("Region"), self.region),
            (_("Address"), self.address),
            (_("Industry"), self.industry),
            (_("Activity code (OKED)"), self.oked),
            (_("Region code (KATO)"), self.kato),
            (_("Order setting up the commission"), self.order_number),
            (_("Date of the order setting up the commission"), self.order_date),
        ):
            page.form.addRow(label, widget)
        page.registerField("legal_name*", self.legal_name)
        page.registerField("bin*", self.bin)
        self.bin.textChanged.connect(page.completeChanged)
        return page

    def _site_page(self) -> QWizardPage:
        page = _Page(
            _("First site and assessment"),
            _("A site is a mine, a pit, a plant or a workshop; add more later."),
        )
        page.form.addRow(_("First site"), self.site)
        page.form.addRow(_("Assessment title"), self.title_edit)
        page.form.addRow(_("Date of assessment"), self.assessed_on)
        page.registerField("site*", self.site)
        return page

    def _matrix_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(_("Risk matrix"))
        page.setSubTitle(
            _(
                "How risks are scored. You can edit it later; approved work keeps "
                "the version it was scored with."
            )
        )
        for key, matrix in PRESETS.items():
            self.matrix.addItem(pick(matrix.name), key)
        self.matrix.currentIndexChanged.connect(self._on_matrix_current_index_changed)
        layout = QVBoxLayout(page)
        layout.addWidget(self.matrix)
        layout.addWidget(self.preview_text)
        layout.addWidget(self.preview, 1)
        self._on_matrix_current_index_changed()
        return page

    def _on_browse_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("New register"), self.path.text(), _("WRAC registers (*.wrac)")
        )
        if path:
            self.path.setText(path if path.endswith(".wrac") else f"{path}.wrac")

    def _on_matrix_current_index_changed(self) -> None:
        matrix = PRESETS[self.matrix.currentData()]
        self.preview.set_matrix(matrix)
        bands = ", ".join(f"{pick(b.name)} ≥ {b.lower:g}" for b in matrix.bands)
        self.preview_text.setText(f"{pick(matrix.description)}\n{bands}")

    def spec(self) -> NewRegister:
        return NewRegister(
            path=Path(self.path.text().strip()),
            legal_name=self.legal_name.text().strip(),
            bin=self.bin.text().strip(),
            first_site=self.site.text().strip(),
            matrix_key=self.matrix.currentData(),
            assessment_title=self.title_edit.text().strip(),
            assessed_on=self.assessed_on.date().toPython(),  # type: ignore[arg-type]
            region=self.region.text().strip(),
            address=self.address.text().strip(),
            industry=self.industry.text().strip(),
            oked=self.oked.text().strip(),
            kato=self.kato.text().strip(),
            commission_order=self.order_number.text().strip(),
            commission_order_on=_chosen_date(self.order_date),
        )


def free_path(folder: Path, stem: str) -> Path:
    """``folder/stem.wrac``, or ``stem-2.wrac``…: a suggestion that does not name a register
    already there."""
    candidate, number = folder / f"{stem}.wrac", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}.wrac"
    return candidate


def _optional_date() -> QDateEdit:
    """A date field that may stay empty: its lowest date is shown as "—" and means none."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setSpecialValueText("—")
    edit.setDate(edit.minimumDate())
    return edit


def _chosen_date(edit: QDateEdit) -> date | None:
    if edit.date() == edit.minimumDate():
        return None
    return edit.date().toPython()  # type: ignore[return-value]


class FilePage(_Page):
    """Next is enabled whenever a file is named, the suggested one included."""

    def __init__(self, wizard: NewRegisterWizard) -> None:
        super().__init__(_("Register file"), _("Where the new register is saved."))
        self._wizard = wizard

    def isComplete(self) -> bool:
        return bool(self._wizard.path.text().strip())


class OrganisationPage(_Page):
    """Next is enabled only with a BIN that passes its check digit."""

    def __init__(self, wizard: NewRegisterWizard) -> None:
        super().__init__(_("Organisation"), _("The legal entity whose workplaces are assessed."))
        self._wizard = wizard

    def isComplete(self) -> bool:
        text = self._wizard.bin.text().strip()
        problem = bin_problem(text) if text else None
        self._wizard.bin_message.setText(problem or "")
        return super().isComplete() and bool(text) and problem is None
