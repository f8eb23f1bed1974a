"""The Events menu (issue 18): record an event at a workplace (a near miss straight from the
workplace's context menu in the tree), and reconcile the medical post's journal with the
event log, with the findings printable as a PDF.

An event is not an edit of the register: it is recorded in a transaction of its own, off the
undo stack (it is withdrawn with a reason, never undone), and it lies outside the signed
revision, so it can be recorded while the current revision is approved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.files import write_atomically
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _, current_language
from wrac_desktop.services import events, reconcile
from wrac_desktop.services.events import HazardChoice
from wrac_desktop.services.reconcile import Reconciliation
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.progress_dialog import ask_for_evidence
from wrac_desktop.ui.screen_fit import form_layout, resize_within_screen
from wrac_desktop.ui.tree_panel import TreePanel
from wrac_desktop.ui.wrapping import wrap_list
from wrac_desktop.vocabulary import EventKind, InvestigationStatus


class EventDialog(QDialog):
    """What happened, when, to whom, and which of the workplace's hazards it concerns; whether
    it was reported to the inspectorate (on what day, under what reference) and where its
    investigation stands."""

    def __init__(
        self, parent: QWidget | None, workplace: str, hazards: list[HazardChoice], kind: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record an event"))
        resize_within_screen(self, 620, 640)
        self.kind = QComboBox()
        for choice in EventKind:
            self.kind.addItem(choice.label(), choice.value)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setMaximumDateTime(QDateTime.currentDateTime())
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.hazards = wrap_list(QListWidget())
        self.hazards.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for hazard in hazards:
            item = QListWidgetItem(hazard.description)
            item.setToolTip(hazard.description)
            item.setData(Qt.ItemDataRole.UserRole, hazard.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.hazards.addItem(item)
        self.person, self.position, self.number = QLineEdit(), QLineEdit(), QLineEdit()
        self.consent = QLineEdit()
        self.consent.setPlaceholderText(_("e.g. agreed orally on 12.03.2026"))
        self.description = QPlainTextEdit()
        self.cause = QLineEdit()
        self.days_lost = QSpinBox()
        self.days_lost.setRange(0, 3650)
        # Made in the order they stand in the form: Tab follows the order widgets were made in.
        self.reported = QCheckBox(_("Reported to the inspectorate on"))
        self.reported_on = QDateEdit(QDate.currentDate())
        self.reported_on.setCalendarPopup(True)
        self.reported_on.setDisplayFormat("dd.MM.yyyy")
        self.reported_on.setMaximumDate(QDate.currentDate())
        self.reported_on.setEnabled(False)
        self.reported.toggled.connect(self.reported_on.setEnabled)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("The inspectorate's reference"))
        self.reported.toggled.connect(self.reference.setEnabled)
        self.reference.setEnabled(False)
        self.investigation = QComboBox()
        for status in InvestigationStatus:
            self.investigation.addItem(status.label(), status.value)
        self.files: list[Path] = []
        self.files_label = QLabel(_("none"))
        self.files_label.setWordWrap(True)
        self.attach = QPushButton(_("Attach photos or documents…"))
        self.attach.clicked.connect(self.choose_files)
        self._build(workplace)

    def _build(self, workplace: str) -> None:
        form = form_layout()  # labels clear of their fields (they touched in Russian)
        form.addRow(_("Workplace:"), QLabel(workplace))
        form.addRow(_("What happened:"), self.kind)
        form.addRow(_("When:"), self.when)
        form.addRow(_("Hazards of the register it concerns:"), self.hazards)
        form.addRow(_("Person involved:"), self.person)
        form.addRow(_("Position:"), self.position)
        form.addRow(_("Personnel number:"), self.number)
        form.addRow(_("Consent to keep the name:"), self.consent)
        form.addRow(_("Description:"), self.description)
        form.addRow(_("Immediate cause:"), self.cause)
        form.addRow(_("Working days lost:"), self.days_lost)
        report = QHBoxLayout()
        report.addWidget(self.reported_on)
        report.addWidget(self.reference, 1)
        form.addRow(self.reported, report)
        form.addRow(_("Investigation:"), self.investigation)
        form.addRow(self.attach, self.files_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choose_files(self) -> None:
        paths = ask_for_evidence(self)
        if paths:
            self.set_files(paths)

    def set_files(self, paths: list[Path]) -> None:
        """The files to attach (checked when the event is recorded: a bad one records nothing)."""
        self.files = paths
        self.files_label.setText(", ".join(path.name for path in paths) or _("none"))

    def check_hazard(self, hazard_id: int) -> None:
        for row in range(self.hazards.count()):
            item = self.hazards.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == hazard_id:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen_hazards(self) -> list[int]:
        return [
            int(self.hazards.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.hazards.count())
            if self.hazards.item(row).checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> tuple[str, datetime, list[int], dict[str, Any]]:
        """(kind, when, hazard ids, the other fields and the files) as ``services.events``
        takes them."""
        reported = self.reported.isChecked()
        details = {
            "person_name": self.person.text().strip(),
            "person_position": self.position.text().strip(),
            "personnel_no": self.number.text().strip(),
            "consent_note": self.consent.text().strip(),
            "description": self.description.toPlainText().strip(),
            "immediate_cause": self.cause.text().strip(),
            "days_lost": self.days_lost.value(),
            "reported_on": self.reported_on.date().toPython() if reported else None,
            "report_reference": self.reference.text().strip() if reported else "",
            "investigation": self.investigation.currentData(),
            "files": list(self.files),
        }
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        return self.kind.currentData(), when.replace(second=0, microsecond=0), \
            self.chosen_hazards(), details  # fmt: skip


class FindingsDialog(QDialog):
    """The reconciliation's findings, one row each, with Save as PDF for the file."""

    def __init__(self, parent: QWidget | None, result: Reconciliation, kept: int) -> None:
        super().__init__(parent)
        self.reconciliation = result
        self.setWindowTitle(_("Reconciliation with medical visits"))
        resize_within_screen(self, 900, 560)
        self.summary = QLabel("\n".join(reconcile.summary_lines(result, kept)))
        self.summary.setWordWrap(True)
        self.table = self._table()
        self.save_pdf = QPushButton(_("Save as PDF…"))
        self.save_pdf.clicked.connect(self.ask_and_save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_pdf, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(result.source))
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def _table(self) -> QTableWidget:
        found = self.reconciliation.findings
        rows = [
            (_("Visit with no event"), visit.day, visit.person, visit.personnel_no, visit.diagnosis)
            for visit in found.hidden
        ] + [
            (_("Event with no medical record"), event.day, event.person, event.personnel_no,
             EventKind(event.kind).label())
            for event in found.unrecorded
        ]  # fmt: skip
        headers = [_("Finding"), _("Date"), _("Person"), _("Personnel number"), _("What")]
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                text = format_date(value) if isinstance(value, date) else str(value)
                table.setItem(row, column, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        return table

    def ask_and_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), "reconciliation.pdf", _("PDF files (*.pdf)")
        )
        if path:
            self.save(Path(path))

    def save(self, path: Path) -> None:
        try:
            write_atomically(path, reconcile.findings_file(self.reconciliation, "pdf"))
        except Exception as error:  # a full disk, a folder without rights: said, not raised
            QMessageBox.warning(self, _("Save as PDF"), str(error))


class EventsController(Controller):
    """The Events menu and the near miss of a workplace's context menu."""

    def __init__(self, parent: QWidget, operations: Operations, tree: TreePanel) -> None:
        super().__init__()
        self.parent, self.operations, self.tree = parent, operations, tree
        self.last_event: str | None = None  # the UUID of the event recorded last (tests)
        self.last_findings: FindingsDialog | None = None

    def record_event(self) -> None:
        self.record_at_selected_workplace(EventKind.FIRST_AID.value)

    def record_near_miss(self) -> None:
        self.record_at_selected_workplace(EventKind.NEAR_MISS.value)

    def reconcile_visits(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Reconcile with medical visits"), "",
            _("Medical visits (*.xlsx *.csv)"),
        )  # fmt: skip
        if path:
            self.reconcile_file(Path(path))

    ACTIONS = (
        ActionSpec("record_event", lambda: _("&Record an event…"), record_event, None,
                   Needs.REGISTER),
        ActionSpec("near_miss", lambda: _("Record a &near miss here…"), record_near_miss, None,
                   Needs.REGISTER),
        ActionSpec("reconcile", lambda: _("Reconcile with &medical visits…"), reconcile_visits,
                   None, Needs.REGISTER),
    )  # fmt: skip

    def can(self, _key: str) -> bool:
        """Events are kept beside the revision: an approved one does not stop them, a register
        opened read-only does."""
        return self.operations.register is not None and self.operations.register.writable

    def record_at_selected_workplace(self, kind: str, hazard_id: int | None = None) -> None:
        node = self.tree.current_node()
        if node is None or node[0] != "workplace":
            QMessageBox.information(
                self.parent, _("Record an event"),
                _("Select the workplace where it happened in the tree first."),
            )  # fmt: skip
            return
        workplace_id = node[1]
        found = self.operations.read(lambda w: events.workplace_of(w, workplace_id))
        if found is None:
            return
        dialog = EventDialog(self.parent, found[0], found[1], kind)
        if hazard_id is not None:
            dialog.check_hazard(hazard_id)
        if self.ask(dialog) != QDialog.DialogCode.Accepted:
            return
        kind, when, hazards, details = dialog.values()

        def recorded(new: str | None, error: BaseException | None) -> None:
            if error is not None:
                self.operations.report(error)
                return
            self.last_event = new
            self.operations.changed.emit()  # the register view shows the flags raised

        self.operations.in_background(
            _("Recording the event…"),
            lambda w, _p: events.record_event(
                w, kind, when, workplace_id, hazards, text_lang=current_language(), **details
            ),
            recorded,
            write=True,
            quiet=True,
        )

    def ask(self, dialog: QDialog) -> int:
        """The dialog's answer (tests replace this)."""
        return dialog.exec()

    def reconcile_file(self, path: Path) -> None:
        def done(found: tuple[Reconciliation, int] | None, error: BaseException | None) -> None:
            if error is not None:
                self.operations.report(error)
                return
            if found is None:
                return
            self.operations.changed.emit()  # indicator 42 on the dashboard
            self.last_findings = FindingsDialog(self.parent, *found)
            self.show_findings(self.last_findings)

        self.operations.in_background(
            _("Reconciling with medical visits…"),
            lambda w, _p: reconcile.reconcile_and_keep(w, path),
            done,
            write=True,
        )

    def show_findings(self, dialog: FindingsDialog) -> None:
        """Shows the findings (tests replace this)."""
        dialog.exec()

    def install_tree_menu(
        self, tree: TreePanel, actions: Callable[[], list[QAction | None]]
    ) -> None:
        """The tree's context menu: ``actions()`` (the Edit menu's, by the window's choice, as
        they are after a language switch; None a separator), then at a workplace its near miss
        and event."""
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        def show_menu(point: QPoint) -> None:
            index = tree.indexAt(point)
            if index.isValid():
                tree.setCurrentIndex(index)
            menu = QMenu(tree)
            for action in actions():
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
            node = tree.current_node()
            if node is not None and node[0] == "workplace":
                menu.addSeparator()
                menu.addAction(self.actions["near_miss"])
                menu.addAction(self.actions["record_event"])
            self.pop_up(menu, tree.viewport().mapToGlobal(point))

        tree.customContextMenuRequested.connect(show_menu)

    def pop_up(self, menu: QMenu, where: QPoint) -> None:
        """Shows a context menu until it is closed (tests replace this)."""
        menu.exec(where)
        menu.deleteLater()
