"""The hazard register as a table model that pages rows in from the core as they scroll in."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from wrac_desktop.i18n import _
from wrac_desktop.persistence.queries import HazardFilter, HazardRow, count_hazards, hazard_rows
from wrac_desktop.register import Register

PAGE = 500
Index = QModelIndex | QPersistentModelIndex


class HazardTableModel(QAbstractTableModel):
    COLUMNS = (
        ("workplace", lambda: _("Workplace")),
        ("description", lambda: _("Hazard")),
        ("unwanted_event", lambda: _("Unwanted event")),
        ("initial", lambda: _("Initial risk")),
        ("residual", lambda: _("Residual risk")),
        ("measure_count", lambda: _("Measures")),
    )

    def __init__(self, register: Register | None = None) -> None:
        super().__init__()
        self._register = register
        self._filter = HazardFilter()
        self._rows: list[HazardRow] = []
        self._total = 0

    def set_source(self, register: Register | None, wanted: HazardFilter) -> None:
        self.beginResetModel()
        self._register, self._filter, self._rows = register, wanted, []
        self._total = 0
        if register is not None:
            with register.uow.reading() as session:
                self._total = count_hazards(session, wanted)
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        if self._register is None or parent.isValid():
            return
        with self._register.uow.reading() as session:
            page = hazard_rows(session, self._filter, offset=len(self._rows), limit=PAGE)
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if key in ("initial", "residual"):
            score, band = getattr(row, f"{key}_score"), getattr(row, f"{key}_band")
            return "" if score is None else f"{score:g} · {band}"
        return getattr(row, key)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section][1]()
        return section + 1
