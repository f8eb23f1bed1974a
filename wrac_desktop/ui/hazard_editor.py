"""The detail panel of one hazard: every field, both ratings and the control measures.

Each change is committed on its own as the officer leaves a field or clicks the matrix, so
nothing typed is lost and every change is one step on the undo stack.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.hazards.model import GOST_GROUPS, gost_group_label
from wrac_desktop.i18n import _, current_language
from wrac_desktop.languages import TEXT_LANGUAGES
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import hazard_panel
from wrac_desktop.services.hazard_panel import HazardDetail, MeasureDraft, MeasureLine
from wrac_desktop.services.hazards import Stage
from wrac_desktop.services.record_texts import needs_attention, record_texts
from wrac_desktop.ui.language import LANGUAGE_NAMES, Retranslating
from wrac_desktop.ui.measure_dialog import MeasureDialog
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.panel_measures import PanelMeasures
from wrac_desktop.ui.rating_box import RatingBox
from wrac_desktop.ui.text_fields import GrowingTextEdit
from wrac_desktop.ui.translations_dialog import TranslationsDialog, mark_field

# A field's height in lines, from its least to its most (more scrolls): each grows to its
# text. The one-line ones keep one paragraph (issue 19: a long Kazakh hazard was cut).
ONE_LINE, MULTI_LINE = (1, 5), (2, 8)
TEXT_FIELDS = (
    ("description", lambda: _("Hazard"), False),
    ("unwanted_event", lambda: _("Unwanted event"), False),
    ("causes", lambda: _("Causes"), True),
    ("people_exposed", lambda: _("People exposed"), False),
    ("consequence", lambda: _("Maximum reasonable consequence"), True),
    ("existing_controls", lambda: _("Existing controls"), True),
    ("notes", lambda: _("Notes"), True),
)


class HazardEditor(Retranslating, QScrollArea):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.hazard_id: int | None = None
        self.shown: HazardDetail | None = None  # as the user sees it; edits check its version
        self._fields: dict[str, GrowingTextEdit] = {}
        self.setWidgetResizable(True)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#B00020;font-weight:bold;")
        self.measures = PanelMeasures()
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
        self._layout.addLayout(self._languages_row())
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
        least, most = MULTI_LINE if multi_line else ONE_LINE
        widget = GrowingTextEdit(least, most, one_line=not multi_line)
        widget.committed.connect(lambda n=name: self._commit_field(n))
        widget.setObjectName(f"field_{name}")
        self._fields[name] = widget
        return widget

    def _languages_row(self) -> QHBoxLayout:
        """The language the fields show and edit (the interface's unless the officer picks
        another: the compact "kk | ru" switch of issue 16 item 3), "Languages…" for all three
        side by side, and how many kk/ru texts are missing or need checking."""
        self.text_language = QComboBox()
        for lang in TEXT_LANGUAGES:
            self.text_language.addItem(lang, lang)
        self.text_language.setCurrentIndex(TEXT_LANGUAGES.index(current_language()))
        self.text_language.currentIndexChanged.connect(self.reload)
        self.languages_button = QPushButton()
        self.languages_button.clicked.connect(
            lambda: self._edit_languages("hazard", self.hazard_id)
        )
        self.languages_marker = QLabel()
        self.languages_marker.setWordWrap(True)
        self.languages_marker.setStyleSheet("color:#8A5A00;")
        row = QHBoxLayout()
        row.addWidget(self.text_language)
        row.addWidget(self.languages_button)
        row.addWidget(self.languages_marker, 1)
        return row

    def _edit_languages(self, table: str, record_id: int | None) -> None:
        if record_id is not None:
            TranslationsDialog(self.operations, table, record_id, self).exec()

    def _show_languages_marker(self, hazard_id: int) -> None:
        texts = self.operations.read(lambda w: record_texts(w, "hazard", hazard_id)) or []
        count = needs_attention(texts)
        self.languages_marker.setText(
            _("{count} texts have no Kazakh or Russian version or need checking").format(
                count=count
            )
            if count
            else ""
        )

    def _measures_group(self) -> QGroupBox:
        group = self._measures_box = QGroupBox()
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
        self.measure_languages_button = QPushButton()
        self.measure_languages_button.clicked.connect(
            lambda: self._edit_languages("control_measure", self._current_measure_id())
        )
        buttons.addWidget(self.measure_languages_button, 1, 1)
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
        titles = [_("Measure"), _("Hierarchy level"), _("Responsible"), _("Deadline"), _("Status")]
        # On two lines: «Иерархия деңгейі» as narrow as the levels under it.
        self.measures.setHorizontalHeaderLabels([t.replace(" ", "\n", 1) for t in titles])
        self.add_measure_button.setText(_("Add measure…"))
        self.suggested_button.setText(_("Suggested controls"))
        self.delete_measure_button.setText(_("Delete measure"))
        self.languages_button.setText(_("Languages…"))
        self.text_language.blockSignals(True)  # the new interface language, by default
        self.text_language.setCurrentIndex(TEXT_LANGUAGES.index(current_language()))
        self.text_language.blockSignals(False)
        for index, lang in enumerate(TEXT_LANGUAGES):
            self.text_language.setItemData(index, LANGUAGE_NAMES[lang], Qt.ItemDataRole.ToolTipRole)
        self.text_language.setToolTip(_("The language the texts below are shown and edited in"))
        self.measure_languages_button.setText(_("Measure languages…"))
        for box in (self.initial, self.residual):  # rebuilt by reload, in the new language
            if box is not None:
                box.deleteLater()
        self.initial = self.residual = None
        self.reload()

    # showing ----------------------------------------------------------------------------
    def show_hazard(self, hazard_id: int | None) -> None:
        """Show a hazard, or (None) nothing: never a hazard other than the one selected."""
        self.hazard_id = hazard_id
        self.reload()

    def reload(self) -> None:
        hazard_id = self.hazard_id
        hazard = None
        if hazard_id is not None:
            lang = self.text_lang
            hazard = self.operations.read(lambda w: hazard_panel.hazard_detail(w, hazard_id, lang))
        self.shown = hazard
        self._body.setEnabled(hazard is not None and self.operations.editable)
        # No hazard: no ratings or measures either (they showed the last hazard's before).
        for part in (self.initial, self.residual, self._measures_box):
            if part is not None:
                part.setVisible(hazard is not None)
        if hazard is None:
            self._show_nothing()
        else:
            self._show(hazard)

    def _show_nothing(self) -> None:
        self.hazard_id = None
        self.heading.setText(_("Select a hazard in the register, or add one."))
        for widget in self._fields.values():
            widget.blockSignals(True)
            widget.setPlainText("")
            widget.blockSignals(False)
            widget.fit_height()
            widget.setStyleSheet("")  # no language marks either
            widget.setPlaceholderText("")
            widget.setToolTip("")
        self.category.blockSignals(True)
        self.category.setCurrentIndex(-1)  # the last hazard's category is not this one's
        self.category.setEditText("")
        self.category.blockSignals(False)
        self.measures.setRowCount(0)
        self.warning.clear()
        self.languages_marker.clear()

    def _show(self, hazard: HazardDetail) -> None:
        self.heading.setText(f"<b>{hazard.workplace}</b>")
        for name, widget in self._fields.items():
            value = hazard.texts[name]
            if widget.toPlainText() != value:
                widget.blockSignals(True)
                widget.setPlainText(value)
                widget.blockSignals(False)
                widget.fit_height()  # its signals were blocked
            if name in hazard.languages:
                mark_field(widget, hazard.languages[name], hazard.lang)
        self._ensure_rating_boxes(hazard.matrix)
        assert self.initial is not None and self.residual is not None
        self.initial.show_rating(hazard.initial)
        self.residual.show_rating(hazard.residual)
        warnings = []
        if hazard.relies_on_weak_controls:
            warnings.append(
                _(
                    "Warning: this risk is not tolerable and relies only on administrative "
                    "controls and PPE. Add elimination, substitution or engineering controls."
                )
            )
        if hazard.residual_above_initial:
            warnings.append(
                _(
                    "Warning: the residual risk is rated higher than the initial risk. Controls "
                    "lower a risk: check both ratings."
                )
            )
        self.warning.setText("\n".join(warnings))
        self._show_measures(hazard.measures)
        self.category.blockSignals(True)
        self.category.setCurrentText(gost_group_label(hazard.category))
        self.category.blockSignals(False)
        self.suggested_button.setEnabled(bool(hazard.library_id))
        self._show_languages_marker(hazard.id)

    def _ensure_rating_boxes(self, matrix: Matrix) -> None:
        if self.initial is not None and self.initial.matrix == matrix:
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

    def _show_measures(self, rows: tuple[MeasureLine, ...]) -> None:
        self.measures.setRowCount(len(rows))
        for row, line in enumerate(rows):
            for column, text in enumerate(line.cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                item.setToolTip(text)  # whole, where three lines end in "…"
                self.measures.setItem(row, column, item)
        self.measures.show_lines()

    # editing ----------------------------------------------------------------------------
    def _commit_field(self, name: str) -> None:
        self._edit_fields({name: self._fields[name].toPlainText().strip()})

    def _on_category_activated(self) -> None:
        text = self.category.currentText().strip()
        index = self.category.findText(text)
        self._edit_fields({"category": self.category.itemData(index) if index >= 0 else text})

    def _edit_fields(self, values: dict[str, str]) -> None:
        """Store what differs from the hazard as shown; the services check it (a hazard keeps
        its description) and refuse to overwrite another user's change unseen."""
        shown = self.shown
        if shown is None:
            return
        stored = shown.texts | {"category": shown.category}
        changed = {name: value for name, value in values.items() if stored[name] != value}
        if not changed:
            return
        labels = {field: label() for field, label, _multi_line in TEXT_FIELDS}
        saved = self.operations.run_versioned(
            _("Edit hazard"),
            lambda w, version: hazard_panel.edit_hazard(w, shown.id, changed, version, shown.lang),
            shown.row_version,
            labels | {"category": _("Category")},
        )
        if saved is None:
            self.reload()  # refused: show what is stored again, not the refused text

    def _rate(self, stage: Stage, likelihood: float, severity: float, exposure: Any) -> None:
        shown = self.shown
        if shown is None:
            return
        text = _("Rate initial risk") if stage == "initial" else _("Rate residual risk")
        rating = (likelihood, severity, exposure)
        self.operations.run_versioned(
            text,
            lambda w, version: hazard_panel.rate(w, shown.id, stage, rating, version),
            shown.row_version,
        )

    def _override(self, stage: Stage, band: str | None, reason: str) -> None:
        hazard_id = self.hazard_id
        if hazard_id is not None:
            self.operations.run(
                _("Override risk class"),
                lambda w: hazard_panel.override(w, hazard_id, stage, band, reason),
            )

    def _on_add_measure_clicked(self) -> None:
        dialog = MeasureDialog(self)
        if dialog.exec():
            self.add_measure(dialog.values())

    def add_measure(self, draft: MeasureDraft) -> None:
        hazard_id = self.hazard_id
        if hazard_id is not None:
            self.operations.run(
                _("Add measure"), lambda w: hazard_panel.add_measure(w, hazard_id, draft)
            )

    def _on_measures_double_clicked(self) -> None:
        measure_id = self._current_measure_id()
        if measure_id is None:
            return
        lang = self.text_lang
        stored = self.operations.read(lambda w: hazard_panel.stored_measure(w, measure_id, lang))
        if stored is None:
            return
        dialog = MeasureDialog(self, stored.draft, stored)
        if dialog.exec():
            draft = dialog.values()
            self.operations.run_versioned(
                _("Edit measure"),
                lambda w, seen: hazard_panel.edit_measure(w, measure_id, draft, seen, lang),
                stored.row_version,  # as shown when the dialog opened: others may edit meanwhile
            )

    def _on_delete_measure_clicked(self) -> None:
        measure_id = self._current_measure_id()
        if measure_id is not None:
            self.operations.run(
                _("Delete measure"), lambda w: hazard_panel.delete_measure(w, measure_id)
            )

    @property
    def text_lang(self) -> str:
        """The language the fields show and edit."""
        return str(self.text_language.currentData() or current_language())

    def _current_measure_id(self) -> int | None:
        item = self.measures.item(self.measures.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_suggested_about_to_show(self) -> None:
        menu = self.suggested_button.menu()
        menu.clear()
        library_id = self.shown.library_id if self.shown else None
        drafts = self.operations.read(lambda w: hazard_panel.suggested_measures(w, library_id))
        menu.setToolTipsVisible(True)
        # Elided to half the screen, the whole text in the tooltip: long recommendations ran
        # off a laptop screen (issue 19, 6).
        width = self.screen().availableGeometry().width() // 2
        for draft in drafts or []:
            label = hazard_panel.suggestion_label(draft)
            shown = menu.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, width)
            action = menu.addAction(shown.replace("&", "&&"))
            action.setToolTip(label)
            action.triggered.connect(lambda _c=False, d=draft: self.add_measure(d))
