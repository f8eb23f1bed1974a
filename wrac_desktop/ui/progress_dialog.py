"""Recording a step of measures from the action plan: the day, who, a note, and the photos or
acts that prove it (attached to the step, kept in the register)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.ui.screen_fit import form_layout


@dataclass(frozen=True)
class StepInput:
    on: date
    by: str
    note: str
    files: tuple[Path, ...]


class StepDialog(QDialog):
    """Asks for a step's day (not after today: done and verified happen on days that came),
    who did it, a note, and files to attach."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("dd.MM.yyyy")
        self.on.setMaximumDate(QDate.currentDate())
        self.by = QLineEdit()
        self.note = QLineEdit()
        self.files = QListWidget()
        self.files.setMaximumHeight(90)
        add = QPushButton(_("Add photos or documents…"))
        add.clicked.connect(self.choose_files)
        form = form_layout()
        form.addRow(_("Date"), self.on)
        form.addRow(_("By"), self.by)
        form.addRow(_("Note"), self.note)
        form.addRow(_("Evidence"), self.files)
        form.addRow("", add)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choose_files(self) -> None:
        for path in ask_for_evidence(self):
            self.add_file(path)

    def add_file(self, path: Path) -> None:
        self.files.addItem(str(path))

    def value(self) -> StepInput:
        paths = tuple(Path(self.files.item(i).text()) for i in range(self.files.count()))
        on: date = self.on.date().toPython()  # type: ignore[assignment]
        return StepInput(on, self.by.text().strip(), self.note.text().strip(), paths)


def ask_step(parent: QWidget | None, title: str) -> StepInput | None:
    dialog = StepDialog(parent, title)
    return dialog.value() if dialog.exec() else None


def ask_for_evidence(parent: QWidget) -> list[Path]:
    """Photos and PDF documents the user picks (checked when they are stored, not here)."""
    paths, _chosen = QFileDialog.getOpenFileNames(
        parent, _("Photos and documents"), "",
        _("Photos and PDF documents") + " (*.jpg *.jpeg *.png *.pdf)",
    )  # fmt: skip
    return [Path(path) for path in paths]
