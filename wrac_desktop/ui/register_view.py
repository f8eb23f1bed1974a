"""The hazard register: a filter bar above the paged, SQL-sorted table."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.hazards.model import GOST_GROUPS, gost_group_label
from wrac_desktop.i18n import _, pick
from wrac_desktop.register import Register
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import hazard_list, work
from wrac_desktop.services.hazard_list import HazardFilter
from wrac_desktop.services.work import ChangeSet
from wrac_desktop.ui.column_layout import CELL_MARGIN, FittedColumns
from wrac_desktop.ui.filter_chips import Chip, FilterChips
from wrac_desktop.ui.hazard_table import HazardTableModel
from wrac_desktop.ui.icons import SIZE as ICON_SIZE
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.register_rows import ContentRows
from wrac_desktop.ui.risk_chip import CHIP_PADDING, SEPARATOR, RiskChipDelegate
from wrac_desktop.ui.wrapping import line_height

# From this many hazards the list of a register just opened is read off the UI thread.
READ_BEHIND_FROM = 20_000
SEARCH_DELAY_MS = 150  # wait for a pause in typing before querying
PREPARE_DELAY_MS = 500  # the search's texts read behind once the rows are drawn
# Around a search box's text: its frame and margins, and its clear button's room (kept for
# it while the box is empty too).
SEARCH_BOX_MARGINS = 40


class RegisterView(Retranslating, QWidget):
    hazard_selected = Signal(object)  # hazard id or None
    # By column (HazardTableModel.COLUMNS): the least and wanted widths in pixels of the text
    # columns (the risk columns: their chips'), and how what is left over is shared. The
    # texts wrap onto up to LINES lines: the hazard first, then its event, then the workplace
    # (the tree names it too).
    LEAST = (64, 0, 0, 110, 70, 0)
    WANTED = (150, 0, 0, 300, 260, 0)
    WEIGHTS = (1.0, 0.0, 0.0, 3.0, 2.0, 0.0)
    # A row's height in lines at most (ContentRows measures the rows on screen, from one
    # line up); a longer text ends in "…", whole in its tooltip and the panel. On three, 9
    # rows of the demo stood in the table at 1,366 × 768 (offscreen; 11 under X), on two 13
    # (15): a register is scanned down its risks, and read whole in the panel. A row not yet
    # on screen stands this high.
    LINES = 2
    CHIP_LINE = 16  # letters: a longer chip stands on two lines, the score over the class

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("register")
        self.model = HazardTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        # Qt workaround: enabling sorting sorts by column 0 at once; the register should open
        # in tree order, so clear the indicator first.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # Up to LINES lines a row, each text wrapped in its column and ending in "…" when
        # longer (whole in the tooltip): on one line the hazard showed 20 letters at 1,366.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(line_height(self.table, self.LINES))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The columns shown share the table's width (issue 19): the risk classes as wide as
        # their chips, the workplace and the texts narrowing as far as LEAST when the room is
        # short, so the hazard's words stand beside its risk on a laptop with the panel open.
        self._chips = RiskChipDelegate(self.table)
        self.fitted = FittedColumns(self.table, self.column_widths, self.WEIGHTS)
        self.rows = ContentRows(self.table, self._chips, self.LINES)
        for key in ("initial", "residual"):
            self.table.setItemDelegateForColumn(self.model.column_of(key), self._chips)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.band = QComboBox()
        self.category = QComboBox()
        self._matrix: Matrix | None = None
        self._scope = HazardFilter()
        self._announced: int | None = None  # the hazard last named by ``hazard_selected``
        self._kept: int | None = None  # the hazard selected before the list was reloaded
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._apply_typed_filter)
        self.chips = FilterChips()
        # View → Group by site and division (issue 19): checked, the rows of each site ›
        # division stand under its heading, in the tree's order.
        self.group_action = QAction(self)
        self.group_action.setObjectName("action_group_by_unit")
        self.group_action.setCheckable(True)
        self.group_action.setText(_("&Group by site and division"))
        self.group_action.toggled.connect(self._on_group_action_toggled)
        # View → Compact rows (issue 19): a row a line, its texts ending in "…" (whole in the
        # tooltip and the panel), for twice the rows of three-line ones on a laptop.
        self.compact_action = QAction(self)
        self.compact_action.setObjectName("action_compact_rows")
        self.compact_action.setCheckable(True)
        self.compact_action.setText(_("&Compact rows"))
        self.compact_action.toggled.connect(self._on_compact_action_toggled)
        self._build()

    def _build(self) -> None:
        bar = QHBoxLayout()
        # The filters as wide as their longest entry ("Тәуекелдің барлық сыныптары" was cut
        # at 1,366 pixels with the panel open); the search box takes what is left.
        for combo in (self.band, self.category):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._word_search()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.band)
        bar.addWidget(self.category)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.chips)
        layout.addWidget(self.table)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.installEventFilter(self)  # focused: the search's texts are read behind
        self.band.activated.connect(self.apply_filter)
        self.category.activated.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.modelReset.connect(self._span_headings)
        header = self.table.horizontalHeader()
        header.sectionMoved.connect(self._span_headings)
        header.sectionResized.connect(self._on_section_resized)
        self.category.addItem(_("All categories"), None)
        for group in GOST_GROUPS:
            self.category.addItem(gost_group_label(group), group)

    def retranslate(self) -> None:
        self.group_action.setText(_("&Group by site and division"))
        self.compact_action.setText(_("&Compact rows"))
        self._word_search()
        self.category.setItemText(0, _("All categories"))
        for index, group in enumerate(GOST_GROUPS, start=1):
            self.category.setItemText(index, gost_group_label(group))
        self.band.setItemText(0, _("All risk classes"))
        for index, band in enumerate(self._matrix.bands if self._matrix else (), start=1):
            self.band.setItemText(index, pick(band.name))
        self.model.retranslate()
        self._fit_risk_columns()
        self._show_chips()

    def _word_search(self) -> None:
        """A short placeholder the box shows whole, the long form in its tooltip: at 1,280
        pixels «Қауіптерді іздеу (кез келген тілде)…» read «Қауіптерді іздеу (кез …»."""
        search = self.search
        search.setPlaceholderText(_("Search hazards…"))
        search.setToolTip(_("Finds hazards by any words of their texts, in any language"))
        words = search.fontMetrics().horizontalAdvance(search.placeholderText())
        search.setMinimumWidth(words + SEARCH_BOX_MARGINS)

    def set_matrix(self, matrix: Matrix | None) -> None:
        self._matrix = matrix
        self.band.clear()
        self.band.addItem(_("All risk classes"), None)
        for band in matrix.bands if matrix else ():
            self.band.addItem(pick(band.name), band.key)
        self.model.set_matrix(matrix)  # the rows are read again by set_scope, not twice
        self._fit_risk_columns()

    def _fit_risk_columns(self) -> None:
        """The columns fitted again: the risk chips' words change with the matrix and the
        language ("21 · Значительный" was cut to "21 · Значите…" in Russian)."""
        self.fitted.fit()

    def column_widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """The least and wanted width of each column (``FittedColumns``): a risk column as
        wide as its longest chip, the measures' count as its heading, the texts by LEAST and
        WANTED (they wrap and end in "…", the whole text in the tooltip)."""
        heading = self.table.horizontalHeader().fontMetrics()
        chip = self._chip_width()
        least, wanted = {}, {}
        for column, (key, _sort, _title) in enumerate(self.model.COLUMNS):
            lines = str(self.model.headerData(column, Qt.Orientation.Horizontal)).split("\n")
            words = max(heading.horizontalAdvance(line) for line in lines) + 16
            if key in ("initial", "residual"):
                least[column] = wanted[column] = max(chip, words)
            elif key == "measure_count":  # headed by an icon: as wide as it, or two digits
                digits = self.table.fontMetrics().horizontalAdvance("88") + 2 * CELL_MARGIN
                least[column] = wanted[column] = max(ICON_SIZE + 2 * CELL_MARGIN, digits)
            else:  # never narrower than its heading's lines
                least[column] = max(self.LEAST[column], words)
                wanted[column] = max(self.WANTED[column], words)
        return least, wanted

    def _chip_width(self) -> int:
        """The width of the longest risk chip: its score and class on one line, or stacked
        when that line would be longer than CHIP_LINE letters (Russian's «Значительный»)."""
        metrics = self.table.fontMetrics()
        names = [pick(band.name) for band in (self._matrix.bands if self._matrix else ())]
        one_line = max((metrics.horizontalAdvance(f"888{SEPARATOR}{name}") for name in names),
                       default=80) + CHIP_PADDING  # fmt: skip
        self._chips.stacked = one_line > self.CHIP_LINE * metrics.averageCharWidth()
        if not self._chips.stacked:
            return one_line
        return max(metrics.horizontalAdvance(text) for text in ("888", *names)) + CHIP_PADDING

    def _on_group_action_toggled(self, grouped: bool) -> None:
        self.model.grouped = grouped
        self.apply_filter()

    def _on_compact_action_toggled(self, compact: bool) -> None:
        lines = 1 if compact else self.LINES
        self._chips.one_line = compact
        self.table.setWordWrap(not compact)  # one line ends in "…" at the cell's end, not a word's
        self.rows.lines = lines
        self.table.verticalHeader().setDefaultSectionSize(line_height(self.table, lines))
        self._span_headings()  # the default size set every row's height, headings' too
        self.rows.schedule()

    def _on_section_resized(self, _column: int, old: int, new: int) -> None:
        if not old or not new:  # a column hidden or shown
            self._span_headings()

    def _span_headings(self) -> None:
        """Each heading across the whole row, from the first column shown, as the header
        has them now (columns move and hide)."""
        table, header = self.table, self.table.horizontalHeader()
        table.clearSpans()
        shown = [header.logicalIndex(v) for v in range(header.count())]
        shown = [column for column in shown if not header.isSectionHidden(column)]
        if not shown:
            return
        across = header.count() - header.visualIndex(shown[0])
        rows, heading_height = table.verticalHeader(), line_height(table, 1) + 8
        for row in self.model.heading_rows():
            table.setSpan(row, shown[0], 1, across)
            rows.resizeSection(row, heading_height)  # one line, not a hazard's three

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.search and event.type() == QEvent.Type.FocusIn:
            self.model.prepare_search(self)
        return False

    def prepare_search_soon(self) -> None:
        """A register opened: what a search needs is read behind once its rows are drawn."""
        QTimer.singleShot(PREPARE_DELAY_MS, self, lambda: self.model.prepare_search(self))

    def open_register(self, register: Register | None, hazards: int) -> None:
        """The list of a register just opened, of ``hazards`` hazards: read at once, or from
        READ_BEHIND_FROM off the UI thread, shown when it is in (its ids took 0.1 s of the UI
        thread at 100,000)."""
        if register is None or hazards < READ_BEHIND_FROM:
            self.set_scope(register, HazardFilter())
            return
        self.clear_selection()
        self._scope = HazardFilter()
        self.model.set_source_behind(register, self._filter(), self._show_chips, self)

    def set_scope(self, register: Register | None, scope: HazardFilter) -> None:
        """Show the hazards of a tree node (and everything under it); clears a cell filter.

        Another node (or register) is another context: no hazard stays selected, nor in the
        panel. The same scope again (the tree taking focus names its first node) keeps it."""
        model = self.model
        if scope != self._scope or register is not model._register:  # noqa: SLF001
            self.clear_selection()
        self._scope = scope
        wanted = self._filter()
        # The same list again (the tree naming its node once more after a refresh) is not
        # read again: at 100,000 hazards each read is a pause. Edits reload by apply_filter.
        same = register is model._register and wanted == model._filter  # noqa: SLF001
        if not same or register is None:  # a list being read for ``wanted`` comes in itself
            model.set_source(register, wanted)
        self._show_chips()

    def show_cell(self, cell: tuple[str, float, float] | None) -> None:
        """List the hazards of one heat-map cell (within the current tree scope)."""
        self._scope = replace(self._scope, cell=cell)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._timer.stop()  # the search typed is applied now, not again after the pause
        self.model.set_source(self.model._register, self._filter())  # noqa: SLF001
        self._show_chips()

    def follow(self, changes: ChangeSet | None) -> None:
        """After an edit: the list patched by what it changed (``changes``; None: not known),
        or read again (at 100,000 hazards reading it is 0.1 s of the UI thread)."""
        model = self.model
        same = self._filter() == model._filter  # noqa: SLF001 - no search typed meanwhile
        if changes is not None and same and model.follow(changes):
            self._show_chips()  # "n of N"
        else:
            self.apply_filter()

    def _apply_typed_filter(self) -> None:
        """The search typed, read off the UI thread: the keys typed meanwhile are not held
        up by it (issue 22 item 2); the chips follow when the list is in."""
        register = self.model._register  # noqa: SLF001
        self.model.set_source_behind(register, self._filter(), self._show_chips, self)

    def active_filters(self) -> list[Chip]:
        """The filters narrowing the tree node's hazards now, each with how to drop it."""
        chips = []
        if self._scope.cell is not None:
            chips.append(Chip(self._cell_words(self._scope.cell), self._drop_cell))
        if self.search.text():
            chips.append(Chip(f"“{self.search.text()}”", self.search.clear))
        for combo in (self.band, self.category):
            if combo.currentIndex() > 0:
                chips.append(Chip(combo.currentText(), partial(self._reset, combo)))
        return chips

    def _cell_words(self, cell: tuple[str, float, float]) -> str:
        stage, likelihood, severity = cell
        title = _("Initial risk") if stage == "initial" else _("Residual risk")
        return _("{title}: likelihood {likelihood:g} × severity {severity:g}").format(
            title=title, likelihood=likelihood, severity=severity
        )

    def _drop_cell(self) -> None:
        self._scope = replace(self._scope, cell=None)
        self.apply_filter()

    def _reset(self, combo: QComboBox) -> None:
        combo.setCurrentIndex(0)
        self.apply_filter()

    def _show_chips(self) -> None:
        register, scope = self.model._register, self._scope  # noqa: SLF001
        chips = self.active_filters()
        total = self.model.total
        if chips and register is not None:
            whole = replace(scope, cell=None)  # the tree node's hazards, no filter
            total = work.read(register, lambda w: hazard_list.hazard_count(w, whole))
        self.chips.show_filters(chips, self.model.total, total)

    def _filter(self) -> HazardFilter:
        return replace(
            self._scope,
            text=self.search.text() or None,
            band=self.band.currentData(),
            category=self.category.currentData(),
        )

    def select_hazard(self, hazard_id: int) -> None:
        row = self.model.row_of(hazard_id)
        if row is not None:
            self.table.selectRow(row)

    def clear_selection(self) -> None:
        """Select no hazard (the panel then shows none)."""
        self.table.setCurrentIndex(QModelIndex())
        self.table.clearSelection()

    def selected_hazard_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.hazard_id(index.row()) if index.isValid() else None

    def _on_model_about_to_be_reset(self) -> None:
        self._kept = self.selected_hazard_id()

    def _on_model_reset(self) -> None:
        """A reload (edit, filter, sort, another tree node) keeps the hazard selected if it is
        still listed; otherwise nothing is selected, and the panel is told so."""
        if self._kept is not None:
            self.select_hazard(self._kept)
        self._announce_selection()

    def _on_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._announce_selection()

    def _announce_selection(self) -> None:
        """Name the selected hazard (or None) whenever it changes, also when the list is
        reloaded: a model reset drops the selection without ``currentRowChanged``, and the
        hazard panel went on showing, editable, a hazard no longer listed (issue 19, 1)."""
        selected = self.selected_hazard_id()
        if selected != self._announced:
            self._announced = selected
            self.hazard_selected.emit(selected)
