"""The Due view and the reminder shown on opening a register: measures overdue or due within
30 days, reviews coming due within 60 days, hazards flagged for re-assessment. A row opened
(double-click or Enter) asks to be shown where it is worked on (``ui/due_links.py``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _, current_language
from wrac_desktop.services.reminders import Reminders, reminders
from wrac_desktop.services.work import Work
from wrac_desktop.ui.background import BackgroundJob
from wrac_desktop.ui.column_layout import FittedColumns, lettered_widths
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.wrapping import WrappingDelegate

# What a row is: (kind, id) under this role; kinds as the signals below.
ROW_ROLE = Qt.ItemDataRole.UserRole
MEASURE, HAZARD, REVIEW = "measure", "hazard", "review"
OVERDUE_TEXT, OVERDUE_BACKGROUND = QColor("#B00020"), QColor("#FDECEA")
DUE_SOON_BACKGROUND = QColor("#FFF4D6")
NOTICE_STYLE = "background:#FFF4D6;color:#664D03;padding:6px;"
# By column (due, workplace, what, responsible): least and wanted widths in average letters,
# and how the width left over is shared (``FittedColumns``).
LETTERS = ((0, 0), (11, 18), (22, 60), (10, 16))
WEIGHTS = (0.0, 0.0, 1.0, 0.0)


class DueView(Retranslating, QWidget):
    """A tab listing what is due; ``notice`` is the line shown above the window's views on
    opening (a link brings this tab up: ``show_requested``). Opening a row asks for the
    measure in the action plan, the hazard in the register, or the revision's review."""

    show_requested = Signal()
    measure_requested = Signal(int)  # a measure's id
    hazard_requested = Signal(int)  # a hazard's id
    review_requested = Signal()

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("due-view")
        self.operations = operations
        self.found = Reminders(date.today())
        self.job: BackgroundJob | None = None  # the reminders being read off the UI thread
        self._asked: str | None = None  # the language of the rows last asked for (None: none)
        self._generation = 0  # an answer to an earlier request is dropped
        self.notice = QLabel()
        self.notice.setObjectName("due-notice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.notice.linkActivated.connect(lambda _link: self.show_requested.emit())
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(False)
        # The columns share the view's width (they scrolled sideways at 1,366 pixels with the
        # hazard panel open, issue 19): the date as wide as a date, the workplace and the
        # person a little wider than their longest words, and what is due, the text the
        # officer reads, the rest; each wraps onto up to three lines, whole in its tooltip.
        self.tree.setItemDelegate(WrappingDelegate(self.tree, lines=3))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.fitted = FittedColumns(self.tree, self.column_widths, WEIGHTS)
        self.fitted.fitted.connect(self.tree.scheduleDelayedItemsLayout)
        self.tree.itemActivated.connect(self._on_item_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        operations.changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        # On two lines: "Жауапты орындаушылар" as narrow as the names under it.
        self.tree.setHeaderLabels([title.replace(" ", "\n", 1) for title in self.titles()])
        self.refresh()
        self.fitted.fit()

    @staticmethod
    def titles() -> list[str]:
        return [_("Due"), _("Workplace"), _("What"), _("Responsible")]

    def column_widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """The least and wanted width of each column (``lettered_widths``); the date's whole,
        after a row's indent (its group's and its own)."""
        dates = [format_date(date(2026, month, 28)) for month in range(1, 13)]
        least, wanted = lettered_widths(self.tree, LETTERS, self.titles(), {0: dates})
        indent = 2 * self.tree.indentation()
        least[0] = wanted[0] = least[0] + indent
        return least, wanted

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._asked != current_language():  # read for the notice alone, or another language
            self.refresh()

    def refresh(self, *_args: object) -> None:
        """Read what is due off the UI thread, also while hidden (the notice on opening needs
        the counts); its rows are put in the interface's language only for the tab shown. On
        the UI thread, opening a register of 100,000 hazards spent 4.1 s here, 2.5 s of it
        translating rows of a tab nobody had opened (issue 22)."""
        self._generation += 1
        if self.operations.register is None:
            self.job, self._asked = None, current_language()
            self._show_found(Reminders(date.today()))
            return
        generation = self._generation
        lang = self._asked = current_language() if self.isVisible() else None

        def read(work: Work, _progress: object) -> Reminders:
            return reminders(work, lang=lang)

        def done(found: Reminders | None, error: BaseException | None) -> None:
            if generation != self._generation:
                return  # a newer read was asked for meanwhile
            self.job = None
            if error is not None:
                self.operations.report(error)
            elif found is not None:
                self._show_found(found)

        self.job = self.operations.in_background("", read, done, write=False, quiet=True)

    def _show_found(self, found: Reminders) -> None:
        self.found = found
        self._show_notice()
        if self.isVisible():
            if self._asked is None:
                self.refresh()  # shown meanwhile: its rows are wanted in the language
            else:
                self._fill()

    def _show_notice(self) -> None:
        found = self.found
        counts = found.counts_line()
        # Not in the f-string: pybabel does not extract a _() there (it showed in English).
        due, show = _("Due:"), _("show")
        self.notice.setText(f"{due} {counts} — <a href='due'>{show}</a>" if counts else "")
        self.notice.setVisible(bool(counts))

    def _fill(self) -> None:
        found = self.found
        self.tree.clear()
        groups = (
            (_("Overdue measures"), found.overdue, True),
            (_("Measures due within 30 days"), found.due_soon, False),
        )
        for title, rows, overdue in groups:
            group = self._group(title, len(rows))
            for row in rows:
                item = QTreeWidgetItem(
                    [format_date(row.due_date), row.workplace, row.description, row.responsible]
                )
                self._tooltips(item)
                item.setData(0, ROW_ROLE, (MEASURE, row.id))
                for column in range(4):
                    if overdue:
                        item.setForeground(column, QBrush(OVERDUE_TEXT))
                    item.setBackground(
                        column, QBrush(OVERDUE_BACKGROUND if overdue else DUE_SOON_BACKGROUND)
                    )
                group.addChild(item)
        reviews = self._group(_("Reviews due within 60 days"), len(found.reviews))
        for line in found.reviews:
            item = QTreeWidgetItem(["", "", line, ""])
            self._tooltips(item)
            item.setData(0, ROW_ROLE, (REVIEW, 0))
            reviews.addChild(item)
        flagged = self._group(_("Hazards flagged for re-assessment"), len(found.flagged))
        for hazard in found.flagged:
            item = QTreeWidgetItem([
                format_date(hazard.flagged_at.date()), hazard.workplace,
                f"{hazard.hazard}: {hazard.reason}" if hazard.reason else hazard.hazard, "",
            ])  # fmt: skip
            self._tooltips(item)
            item.setData(0, ROW_ROLE, (HAZARD, hazard.hazard_id))
            flagged.addChild(item)
        self.tree.expandAll()

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        """Double-click or Enter on a row: show it where it is worked on (a group: nothing)."""
        kind, row_id = item.data(0, ROW_ROLE) or (None, None)
        if kind == MEASURE:
            self.measure_requested.emit(row_id)
        elif kind == HAZARD:
            self.hazard_requested.emit(row_id)
        elif kind == REVIEW:
            self.review_requested.emit()

    @staticmethod
    def _tooltips(item: QTreeWidgetItem) -> None:
        """Each text whole in its tooltip: a long one ends in "…" after three lines."""
        for column in range(item.columnCount()):
            item.setToolTip(column, item.text(column))

    def _group(self, title: str, count: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem([f"{title} ({count})"])
        group.setFirstColumnSpanned(True)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        self.tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        return group
