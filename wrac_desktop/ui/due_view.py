"""The Due view and the reminder shown on opening a register: measures overdue or due within
30 days, reviews coming due within 60 days, hazards flagged for re-assessment."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.services.reminders import Reminders, reminders
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations

OVERDUE_TEXT, OVERDUE_BACKGROUND = QColor("#B00020"), QColor("#FDECEA")
DUE_SOON_BACKGROUND = QColor("#FFF4D6")
NOTICE_STYLE = "background:#FFF4D6;color:#664D03;padding:6px;"


class DueView(Retranslating, QWidget):
    """A tab listing what is due; ``notice`` is the line shown above the window's views on
    opening (a link brings this tab up: ``show_requested``)."""

    show_requested = Signal()

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("due-view")
        self.operations = operations
        self.found = Reminders(date.today())
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
        for column, width in enumerate((140, 200, 420)):  # the date after the indent
            self.tree.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        operations.changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([_("Due"), _("Workplace"), _("What"), _("Responsible")])
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Read what is due (also while hidden: the notice on opening needs it)."""
        self.found = self.operations.read(reminders) or Reminders(date.today())
        self._show_notice()
        if self.isVisible():
            self._fill()

    def _show_notice(self) -> None:
        found = self.found
        counts = found.counts_line()
        self.notice.setText(
            f"{_('Due:')} {counts} — <a href='due'>{_('show')}</a>" if counts else ""
        )
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
                item.setData(0, Qt.ItemDataRole.UserRole, row.id)
                for column in range(4):
                    if overdue:
                        item.setForeground(column, QBrush(OVERDUE_TEXT))
                    item.setBackground(
                        column, QBrush(OVERDUE_BACKGROUND if overdue else DUE_SOON_BACKGROUND)
                    )
                group.addChild(item)
        reviews = self._group(_("Reviews due within 60 days"), len(found.reviews))
        for line in found.reviews:
            reviews.addChild(QTreeWidgetItem(["", "", line, ""]))
        flagged = self._group(_("Hazards flagged for re-assessment"), len(found.flagged))
        for hazard in found.flagged:
            flagged.addChild(QTreeWidgetItem([
                format_date(hazard.flagged_at.date()), hazard.workplace,
                f"{hazard.hazard}: {hazard.reason}" if hazard.reason else hazard.hazard, "",
            ]))  # fmt: skip
        self.tree.expandAll()

    def _group(self, title: str, count: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem([f"{title} ({count})"])
        group.setFirstColumnSpanned(True)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        self.tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        return group
