"""Add or edit one control measure: hierarchy level, kind, who, when, status, money, form."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.services.hazard_panel import MeasureDraft, StoredMeasure
from wrac_desktop.ui.screen_fit import form_layout
from wrac_desktop.ui.translations_dialog import mark_field
from wrac_desktop.vocabulary import (
    CompletionForm,
    ControlLevel,
    FundingSource,
    MeasureKind,
    MeasureStatus,
)

MINIMUM_WIDTH = 680


def _combo(enum: type, current: str) -> QComboBox:
    combo = QComboBox()
    for member in enum:  # type: ignore[attr-defined]
        combo.addItem(member.label(), member.value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _wording_combo(enum: type, current: str) -> QComboBox:
    """The roadmap's fixed wordings to pick from (kept as their key, so each report prints
    them in its own language), and any other text typed in."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItem("", "")
    for member in enum:  # type: ignore[attr-defined]
        combo.addItem(member.label(), member.value)
    found = combo.findData(current)
    if found >= 0:
        combo.setCurrentIndex(found)
    else:
        combo.setEditText(current)
    return combo


def _chosen_wording(combo: QComboBox) -> str:
    text = combo.currentText().strip()
    found = combo.findText(text)
    return str(combo.itemData(found)) if found > 0 else text


class MeasureDialog(QDialog):
    """``stored``: the measure being edited, its texts shown in ``stored.lang`` and marked
    where that language's version is missing or needs checking (issue 16 item 3)."""

    def __init__(
        self,
        parent: QWidget | None,
        measure: MeasureDraft | None = None,
        stored: StoredMeasure | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Control measure"))
        # Fields wide enough for a deadline's example ("мысалы, 31.12.2026, 2026 ж. IV
        # тоқсан, тұрақты") and a position with a name beside it.
        self.setMinimumWidth(MINIMUM_WIDTH)
        shown = measure or MeasureDraft("")  # a new measure starts from the defaults
        self.description = QPlainTextEdit(shown.description)
        self.description.setTabChangesFocus(True)
        self.level = _combo(ControlLevel, shown.level)
        self.kind = _combo(MeasureKind, shown.kind)
        self.responsible = QLineEdit(shown.responsible)
        self.responsible.setPlaceholderText(_("e.g. Chief mechanic"))
        self.responsible_name = QLineEdit(shown.responsible_name)
        self.responsible_name.setPlaceholderText(_("e.g. Akhmetov S.B."))
        self.due = QLineEdit(shown.due)
        self.due.setPlaceholderText(_("e.g. 31.12.2026, IV квартал 2026 г., permanently"))
        self.status = _combo(MeasureStatus, shown.status)
        self.completed = QDateEdit(QDate.currentDate())
        self.completed.setCalendarPopup(True)
        self.completed.setDisplayFormat("dd.MM.yyyy")
        if shown.completed_on:
            done = shown.completed_on  # QDate(date) is not in PySide6 6.11's stubs (Python 3.11)
            self.completed.setDate(QDate(done.year, done.month, done.day))
        self.cost = QLineEdit(shown.cost)
        self.funding = _wording_combo(FundingSource, shown.funding_source)
        self.form = _wording_combo(CompletionForm, shown.completion_form)
        self._layout()
        if stored is not None:
            fields: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {
                "description": self.description, "responsible": self.responsible,
                "funding_source": self.funding, "completion_form": self.form,
            }  # fmt: skip
            for name, widget in fields.items():
                mark_field(widget, stored.languages[name], stored.lang)
        self.status.currentIndexChanged.connect(self._on_status_current_index_changed)
        self._on_status_current_index_changed()

    def _layout(self) -> None:
        form = form_layout(self)
        rows = (
            (_("Measure"), self.description), (_("Hierarchy level"), self.level),
            (_("Existing or additional"), self.kind),
            (_("Responsible: position"), self.responsible),
            (_("Responsible: name"), self.responsible_name),
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

    def values(self) -> MeasureDraft:
        done = not MeasureStatus(self.status.currentData()).is_open
        return MeasureDraft(
            description=self.description.toPlainText().strip(),
            level=self.level.currentData(),
            kind=self.kind.currentData(),
            responsible=self.responsible.text().strip(),
            responsible_name=self.responsible_name.text().strip(),
            due=self.due.text().strip(),
            status=self.status.currentData(),
            completed_on=self.completed.date().toPython() if done else None,  # type: ignore[arg-type]
            cost=self.cost.text().strip(),
            funding_source=_chosen_wording(self.funding),
            completion_form=_chosen_wording(self.form),
        )
