"""The detail panel of one hazard: every field, both ratings and the control measures.

Each change is committed on its own as the officer leaves a field or clicks the matrix, so
nothing typed is lost and every change is one step on the undo stack.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.hazards.model import GOST_GROUPS, gost_group_label
from wrac_desktop.i18n import _, current_language, pick
from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.services import editing, hazards, library, measures
from wrac_desktop.services.hazards import Stage
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.measure_dialog import MeasureDialog, MeasureValues
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.rating_box import RatingBox
from wrac_desktop.vocabulary import ControlLevel, MeasureKind, MeasureStatus

TEXT_FIELDS = (
    ("description", lambda: _("Hazard"), False),
    ("unwanted_event", lambda: _("Unwanted event"), False),
    ("causes", lambda: _("Causes"), True),
    ("people_exposed", lambda: _("People exposed"), False),
    ("consequence", lambda: _("Maximum reasonable consequence"), True),
    ("existing_controls", lambda: _("Existing controls"), True),
    ("notes", lambda: _("Notes"), True),
)


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that says when the user leaves it."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()


class HazardEditor(Retranslating, QScrollArea):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.hazard_id: int | None = None
        self._row_version: int | None = None  # of the hazard shown, for optimistic locking
        self._fields: dict[str, QLineEdit | CommitTextEdit] = {}
        self.setWidgetResizable(True)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#B00020;font-weight:bold;")
        self.measures = QTableWidget(0, 5)
        self.measures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.measures.doubleClicked.connect(self._on_measures_double_clicked)
        self.initial: RatingBox | None = None
        self.residual: RatingBox | None = None
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._build()
        self.setWidget(self._body)
        operations.changed.connect(self.reload)
        self.retranslate()  # sets the texts, then shows no hazard yet

    # layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self._layout.addWidget(self.heading)
        form = self._form = QFormLayout()
        # Each label above its field: the dock is narrow on a laptop, and the long Kazakh and
        # Russian labels beside the fields left the texts a sliver (or widened the window).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.category = QComboBox()
        self.category.setEditable(True)  # GOST groups offered; the officer may type another
        for group in GOST_GROUPS:
            self.category.addItem(gost_group_label(group), group)
        self.category.activated.connect(self._on_category_activated)
        line = self.category.lineEdit()
        assert line is not None  # the combo is editable
        line.editingFinished.connect(self._on_category_activated)
        form.addRow(_("Hazard category"), self.category)
        for name, label, multi_line in TEXT_FIELDS:
            widget = self._text_field(name, multi_line)
            form.addRow(label(), widget)
        self._layout.addLayout(form)
        self._ratings_row = QVBoxLayout()  # stacked: each matrix needs the dock's full width
        self._layout.addLayout(self._ratings_row)
        self._layout.addWidget(self.warning)
        self._layout.addWidget(self._measures_group())
        self._layout.addStretch(1)

    def _text_field(self, name: str, multi_line: bool) -> QWidget:
        widget: QLineEdit | CommitTextEdit
        if multi_line:
            widget = CommitTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(60)
            widget.committed.connect(lambda n=name: self._commit_field(n))
        else:
            widget = QLineEdit()
            widget.editingFinished.connect(lambda n=name: self._commit_field(n))
        widget.setObjectName(f"field_{name}")
        self._fields[name] = widget
        return widget

    def _measures_group(self) -> QGroupBox:
        group = self._measures_box = QGroupBox()
        self.measures.horizontalHeader().setStretchLastSection(True)
        self.measures.setColumnWidth(0, 240)
        self.add_measure_button = QPushButton()
        self.add_measure_button.clicked.connect(self._on_add_measure_clicked)
        self.suggested_button = QPushButton()
        self.suggested_button.setMenu(QMenu(self.suggested_button))
        self.suggested_button.menu().aboutToShow.connect(self._on_suggested_about_to_show)
        self.delete_measure_button = QPushButton()
        self.delete_measure_button.clicked.connect(self._on_delete_measure_clicked)
        buttons = QGridLayout()  # two rows: three buttons side by side overfilled the dock
        buttons.addWidget(self.add_measure_button, 0, 0)
        buttons.addWidget(self.suggested_button, 0, 1)
        buttons.addWidget(self.delete_measure_button, 1, 0)
        buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(group)
        layout.addWidget(self.measures)
        layout.addLayout(buttons)
        return group

    def retranslate(self) -> None:
        labels: list[tuple[QWidget, str]] = [(self.category, _("Hazard category"))]
        labels += [(self._fields[name], label()) for name, label, _m in TEXT_FIELDS]
        for field, text in labels:
            label_widget = self._form.labelForField(field)
            if isinstance(label_widget, QLabel):
                label_widget.setText(text)
        for index, group in enumerate(GOST_GROUPS):
            self.category.setItemText(index, gost_group_label(group))
        self._measures_box.setTitle(_("Control measures"))
        self.measures.setHorizontalHeaderLabels(
            [_("Measure"), _("Hierarchy level"), _("Responsible"), _("Deadline"), _("Status")]
        )
        self.add_measure_button.setText(_("Add measure…"))
        self.suggested_button.setText(_("Suggested controls"))
        self.delete_measure_button.setText(_("Delete measure"))
        for box in (self.initial, self.residual):  # rebuilt by reload, in the new language
            if box is not None:
                box.deleteLater()
        self.initial = self.residual = None
        self.reload()

    # showing ----------------------------------------------------------------------------
    def show_hazard(self, hazard_id: int | None) -> None:
        self.hazard_id = hazard_id
        self.reload()

    def reload(self) -> None:
        hazard = self._load()
        self._body.setEnabled(hazard is not None and self.operations.editable)
        # No hazard: no ratings or measures either (they showed the last hazard's before).
        for part in (self.initial, self.residual, self._measures_box):
            if part is not None:
                part.setVisible(hazard is not None)
        if hazard is None:
            self.hazard_id = None
            self.heading.setText(_("Select a hazard in the register, or add one."))
            for widget in self._fields.values():
                widget.blockSignals(True)
                widget.clear() if isinstance(widget, QLineEdit) else widget.setPlainText("")
                widget.blockSignals(False)
            self.measures.setRowCount(0)
            self.warning.clear()
            return
        self._show(hazard)

    def _load(self) -> dict[str, Any] | None:
        if self.hazard_id is None:
            return None

        def read(session: Session) -> dict[str, Any] | None:
            hazard = session.get(Hazard, self.hazard_id)
            if hazard is None:
                return None
            matrix = hazards.hazard_matrix(hazard)
            return {
                "fields": {name: getattr(hazard, name) for name, _l, _m in TEXT_FIELDS},
                "category": hazard.category,
                "workplace": hazard.workplace.name,
                "matrix": matrix,
                "initial": hazards.read_rating(hazard, "initial"),
                "residual": hazards.read_rating(hazard, "residual"),
                "weak": measures.relies_only_on_weak_controls(hazard, matrix),
                "measures": [_measure_row(m) for m in hazard.measures],
                "library_id": hazard.library_id,
                "row_version": hazard.row_version,
            }

        return self.operations.read(read)  # type: ignore[no-any-return]

    def _show(self, hazard: dict[str, Any]) -> None:
        self.heading.setText(f"<b>{hazard['workplace']}</b>")
        for name, widget in self._fields.items():
            value = hazard["fields"][name] or ""
            if (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()) != value:
                widget.blockSignals(True)
                if isinstance(widget, QLineEdit):
                    widget.setText(value)
                    widget.setCursorPosition(0)  # show the start of a long text, not its end
                else:
                    widget.setPlainText(value)
                widget.blockSignals(False)
        self._ensure_rating_boxes(hazard["matrix"])
        assert self.initial is not None and self.residual is not None
        self.initial.show_rating(hazard["initial"])
        self.residual.show_rating(hazard["residual"])
        self.warning.setText(
            _(
                "Warning: this risk is not tolerable and relies only on administrative controls "
                "and PPE. Add elimination, substitution or engineering controls."
            )
            if hazard["weak"]
            else ""
        )
        self._show_measures(hazard["measures"])
        self._library_id = hazard["library_id"]
        self._row_version = hazard["row_version"]  # what the user sees: edits check it
        self.category.blockSignals(True)
        self.category.setCurrentText(gost_group_label(hazard["category"] or ""))
        self.category.blockSignals(False)
        self.suggested_button.setEnabled(bool(self._library_id))

    def _ensure_rating_boxes(self, matrix: Any) -> None:
        if self.initial is not None and self.initial._matrix == matrix:  # noqa: SLF001
            return
        for box in (self.initial, self.residual):
            if box is not None:
                box.deleteLater()
        self.initial = RatingBox(_("Initial risk"), matrix)
        self.residual = RatingBox(_("Residual risk (after additional controls)"), matrix)
        boxes: tuple[tuple[Stage, RatingBox], ...] = (
            ("initial", self.initial),
            ("residual", self.residual),
        )
        for stage, box in boxes:
            box.rated.connect(lambda lik, sev, exp, st=stage: self._rate(st, lik, sev, exp))
            box.overridden.connect(lambda b, r, st=stage: self._override(st, b, r))
            self._ratings_row.addWidget(box)

    def _show_measures(self, rows: list[tuple[Any, ...]]) -> None:
        self.measures.setRowCount(len(rows))
        for row, (measure_id, cells) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, measure_id)
                self.measures.setItem(row, column, item)

    # editing ----------------------------------------------------------------------------
    def _commit_field(self, name: str) -> None:
        widget = self._fields[name]
        value = (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()).strip()
        hazard_id = self.hazard_id
        if hazard_id is None:
            return
        current = self.operations.read(lambda s: getattr(s.get(Hazard, hazard_id), name, None))
        if current is None or current == value:
            return
        if name == "description" and not value:
            self.operations.report(UserError(_("a hazard needs a description")))
            self.reload()
            return
        self._edit_fields(hazard_id, {name: value})

    def _edit_fields(self, hazard_id: int, values: dict[str, Any]) -> None:
        labels = {field: label() for field, label, _multi_line in TEXT_FIELDS}
        self.operations.run_versioned(
            _("Edit hazard"),
            lambda s, version: editing.set_fields(
                s, "hazard", hazard_id, expected_version=version, **values
            ),
            self._row_version,
            labels | {"category": _("Category")},
        )

    def _on_category_activated(self) -> None:
        text = self.category.currentText().strip()
        index = self.category.findText(text)
        value = self.category.itemData(index) if index >= 0 else text
        hazard_id = self.hazard_id
        current = self.operations.read(
            lambda s: getattr(s.get(Hazard, hazard_id), "category", None)
        )
        if hazard_id is not None and value != current:
            self._edit_fields(hazard_id, {"category": value})

    def _rate(self, stage: Stage, likelihood: float, severity: float, exposure: Any) -> None:
        hazard_id = self.hazard_id
        text = _("Rate initial risk") if stage == "initial" else _("Rate residual risk")
        if hazard_id is None:
            return
        self.operations.run_versioned(
            text,
            lambda s, version: editing.rate_hazard(
                s, hazard_id, stage, (likelihood, severity, exposure), version
            ),
            self._row_version,
        )

    def _override(self, stage: str, band: str | None, reason: str) -> None:
        hazard_id = self.hazard_id

        def change(session: Session) -> None:
            hazard = session.get_one(Hazard, hazard_id)
            if band is None:
                hazards.clear_override(hazard, stage)  # type: ignore[arg-type]
            else:
                hazards.override(hazard, stage, band, reason)  # type: ignore[arg-type]

        self.operations.run(_("Override risk class"), change)

    def _on_add_measure_clicked(self) -> None:
        dialog = MeasureDialog(self)
        if dialog.exec():
            self.add_measure(dialog.values())

    def add_measure(self, values: MeasureValues) -> None:
        hazard_id = self.hazard_id
        self.operations.run(_("Add measure"), lambda s: _save_measure(s, hazard_id, None, values))

    def _on_measures_double_clicked(self) -> None:
        measure_id = self._current_measure_id()
        if measure_id is None:
            return
        measure = self.operations.read(lambda s: s.get(ControlMeasure, measure_id))
        dialog = MeasureDialog(self, measure)
        if dialog.exec():
            values = dialog.values()
            hazard_id = self.hazard_id
            self.operations.run_versioned(
                _("Edit measure"),
                lambda s, seen: _save_measure(s, hazard_id, measure_id, values, seen),
                measure.row_version,  # as shown when the dialog opened: others may edit meanwhile
            )

    def _on_delete_measure_clicked(self) -> None:
        measure_id = self._current_measure_id()
        if measure_id is not None:
            self.operations.run(
                _("Delete measure"),
                lambda s: editing.delete_subtree(
                    s, editing.get_record(s, "control_measure", measure_id)
                ),
            )

    def _current_measure_id(self) -> int | None:
        item = self.measures.item(self.measures.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_suggested_about_to_show(self) -> None:
        menu = self.suggested_button.menu()
        menu.clear()
        wanted = self._library_id

        def entry_of(session: Session) -> Any:
            merged = library.register_library(session)
            return merged.get(wanted) if wanted in merged else None

        entry = self.operations.read(entry_of)
        for control in entry.controls if entry else ():
            action = menu.addAction(f"{ControlLevel(control.level).label()}: {pick(control.text)}")
            action.triggered.connect(
                lambda _c=False, c=control: self.add_measure(
                    MeasureValues(
                        pick(c.text, current_language()),
                        c.level.value,
                        MeasureKind.ADDITIONAL.value,
                        "",
                        "",
                        MeasureStatus.PLANNED.value,
                        None,
                        "",
                        "",
                        "",
                    )
                )
            )


def _measure_row(measure: ControlMeasure) -> tuple[int, tuple[str, ...]]:
    return measure.id, (
        measure.description,
        f"{ControlLevel(measure.level).label()} · {MeasureKind(measure.kind).label()}",
        measure.responsible,
        measure.due_text,
        MeasureStatus(measure.status).label(),
    )


def _save_measure(
    session: Session,
    hazard_id: int | None,
    measure_id: int | None,
    values: MeasureValues,
    expected_version: int | None = None,
) -> None:
    hazard = session.get_one(Hazard, hazard_id)
    if measure_id is None:
        measure = measures.add_measure(
            session,
            hazard,
            values.description,
            values.level,
            kind=values.kind,
            due=values.due,
            cost=values.cost,
            responsible=values.responsible,
            funding_source=values.funding_source,
            completion_form=values.completion_form,
        )
    else:
        if not values.description:
            raise UserError(_("a control measure needs a description"))
        measure = session.get_one(ControlMeasure, measure_id)
        editing.set_fields(
            session,
            "control_measure",
            measure_id,
            expected_version=expected_version,
            description=values.description,
            level=values.level,
            kind=values.kind,
            responsible=values.responsible,
            funding_source=values.funding_source,
            completion_form=values.completion_form,
            cost=measures.parse_cost(values.cost),
        )
        measures.set_due(measure, values.due)
    measures.set_status(measure, values.status, values.completed_on)
