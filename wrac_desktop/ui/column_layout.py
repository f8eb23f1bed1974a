"""The register's and the plan's columns as the officer arranges them: dragged into another
order, shown or hidden from the header's context menu, and the layout kept for the next start;
the columns shown share the table's width (issue 19)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView, QTreeView

from wrac_desktop.i18n import _
from wrac_desktop.ui import settings as setting
from wrac_desktop.ui.settings import Setting, Settings


class ColumnLayout:
    """Kept on ``table``'s horizontal header; saved in ``settings`` under ``kept_as`` as it
    changes (the register's, or the action plan's columns)."""

    def __init__(
        self,
        table: QTableView,
        settings: Settings,
        kept_as: Setting[QByteArray] = setting.REGISTER_COLUMNS,
    ) -> None:
        self.table, self.settings, self.kept_as = table, settings, kept_as
        header = self.header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_menu_requested)
        self.default_state = QByteArray(header.saveState())
        saved = settings.get(self.kept_as)
        if not saved.isEmpty():
            header.restoreState(saved)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # tree order at start
        if header.count() and all(header.isSectionHidden(i) for i in range(header.count())):
            header.restoreState(self.default_state)  # never a register with no column at all
        self.hidden_for_now: set[int] = set()  # by what is shown, not by the officer
        header.sectionMoved.connect(self.save)
        header.sectionResized.connect(self.save)
        self.menu: QMenu | None = None

    def save(self, *_args: object) -> None:
        self.settings.set(self.kept_as, self._kept_state())

    def _kept_state(self) -> QByteArray:
        """The header as the officer left it: a column hidden for now is kept shown."""
        header = self.header
        if not self.hidden_for_now:
            return QByteArray(header.saveState())
        blocker = QSignalBlocker(header)  # shown and hidden again unseen: nothing moves
        for column in self.hidden_for_now:
            header.setSectionHidden(column, False)
        state = QByteArray(header.saveState())
        for column in self.hidden_for_now:
            header.setSectionHidden(column, True)
        blocker.unblock()
        return state

    def hide_for_now(self, column: int, hidden: bool) -> None:
        """Hide a column while what the table shows makes it idle (the workplace when one
        workplace is listed: it repeated one name down the rows), or show it again; one the
        officer hid stays hidden, and the layout kept for the next start is the officer's."""
        header = self.header
        if hidden and not header.isSectionHidden(column):
            self.hidden_for_now.add(column)
            header.setSectionHidden(column, True)
        elif not hidden and column in self.hidden_for_now:
            self.hidden_for_now.discard(column)
            header.setSectionHidden(column, False)

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column; the last one shown stays."""
        header = self.header
        visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        if not shown and visible == [column]:
            return
        self.hidden_for_now.discard(column)  # the officer's choice from now on
        header.setSectionHidden(column, not shown)
        self.save()

    def reset(self) -> None:
        self.hidden_for_now.clear()
        self.header.restoreState(self.default_state)
        self.save()

    def _on_menu_requested(self, position: QPoint) -> None:
        self.build_menu().popup(self.header.mapToGlobal(position))

    def build_menu(self) -> QMenu:
        """A check box per column, in the order shown, and a way back to the first layout."""
        menu = self.menu = QMenu(self.header)
        model = self.table.model()
        header: QHeaderView = self.header
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            # A column headed by an icon is named by its tooltip.
            title = model.headerData(column, Qt.Orientation.Horizontal) or model.headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
            )
            action = menu.addAction(str(title).replace("\n", " "))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.set_shown(c, shown))
        menu.addSeparator()
        menu.addAction(_("Reset the columns"), self.reset)
        return menu


Widths = dict[int, int]  # by column
CELL_MARGIN = 6  # each side of a cell's text, as the style draws it (and a little more)


def lettered_widths(
    view: QTableView | QTreeView,
    letters: Sequence[tuple[int, int]],
    titles: Sequence[str],
    contents: Mapping[int, Iterable[str]] | None = None,
) -> tuple[Widths, Widths]:
    """Each column's least and wanted width (``FittedColumns``) by ``letters`` (the fewest and
    most average letters), never narrower than a word of its title nor than its ``contents``
    (texts kept whole on a line: a status's words, a date), margins included. Letters, not
    pixels: the widths follow the font."""
    cell, heading = view.fontMetrics(), columns_header(view).fontMetrics()
    letter, margins = cell.averageCharWidth(), 2 * CELL_MARGIN
    least, wanted = {}, {}
    for column, (fewest, most) in enumerate(letters):
        needed = [heading.horizontalAdvance(word) for word in titles[column].split()]
        needed += [cell.horizontalAdvance(text) for text in (contents or {}).get(column, ())]
        least[column] = max([fewest * letter, *needed]) + margins
        wanted[column] = max(least[column], most * letter + margins)
    return least, wanted


def share_width(
    room: int, shown: list[int], least: Widths, wanted: Widths, weights: Sequence[float]
) -> Widths:
    """``room`` pixels shared among the ``shown`` columns: each its least width, then toward
    its wanted width as far as the room goes (in proportion), then what is left by weight.
    Below the sum of the least widths each has its least and the table scrolls sideways."""
    floor, want = sum(least[c] for c in shown), sum(wanted[c] for c in shown)
    if room <= want:
        share = max(0.0, (room - floor) / (want - floor)) if want > floor else 0.0
        widths = {c: least[c] + int((wanted[c] - least[c]) * share) for c in shown}
    else:
        weight = sum(weights[c] for c in shown) or 1.0  # none weighed: the last takes it
        widths = {c: wanted[c] + int((room - want) * weights[c] / weight) for c in shown}
    widths[shown[-1]] += max(0, room - sum(widths.values()))  # what rounding left over
    return widths


def columns_header(view: QTableView | QTreeView) -> QHeaderView:
    """A table's or a tree's column header."""
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


class FittedColumns(QObject):
    """Keeps ``table``'s columns shown sharing its width (``share_width``) as the table (or a
    tree) is resized and columns are shown or hidden; ``widths`` gives the least and wanted
    widths (they follow the language and the font). ``fitted`` follows each new fit: rows
    whose text wraps are measured again."""

    fitted = Signal()

    def __init__(
        self,
        table: QTableView | QTreeView,
        widths: Callable[[], tuple[Widths, Widths]],
        weights: Sequence[float],
    ) -> None:
        super().__init__(table)
        self.table, self.widths, self.weights = table, widths, weights
        self._fitting = False
        header = columns_header(table)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)  # the fit fills the width exactly
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        header.sectionResized.connect(self._on_section_resized)
        if isinstance(table, QTableView):
            # Qt workaround: the row numbers' header widening as rows come narrows the
            # viewport with no Resize event for it (seen under X: the import preview fitted
            # to 1,076 pixels of a viewport of 1,062 scrolled sideways); fitted after it.
            later = QTimer(self, singleShot=True, interval=0)
            later.timeout.connect(self.fit)
            table.verticalHeader().geometriesChanged.connect(later.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event first, and the viewport as kept: while the table is being deleted its
        # viewport still has events, and asking the table for it then raises.
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit()
        return super().eventFilter(watched, event)

    def _on_section_resized(self, _column: int, old: int, new: int) -> None:
        if not old or not new:  # a column shown or hidden from the header's menu
            self.fit()

    def fit(self) -> None:
        header = columns_header(self.table)
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not shown or self._fitting:
            return
        least, wanted = self.widths()
        widths = share_width(self.table.viewport().width(), shown, least, wanted, self.weights)
        if all(self.table.columnWidth(c) == width for c, width in widths.items()):
            return
        self._fitting = True
        try:
            for column, width in widths.items():
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False
        self.fitted.emit()
