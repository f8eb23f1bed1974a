"""The register's columns as the officer arranges them: dragged into another order, shown or
hidden from the header's context menu, and the layout kept for the next start (issue 19)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

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
        header.sectionMoved.connect(self.save)
        header.sectionResized.connect(self.save)
        self.menu: QMenu | None = None

    def save(self, *_args: object) -> None:
        self.settings.set(self.kept_as, QByteArray(self.header.saveState()))

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column; the last one shown stays."""
        header = self.header
        visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        if not shown and visible == [column]:
            return
        header.setSectionHidden(column, not shown)
        self.save()

    def reset(self) -> None:
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
            title = model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(title).replace("\n", " "))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.set_shown(c, shown))
        menu.addSeparator()
        menu.addAction(_("Reset the columns"), self.reset)
        return menu
