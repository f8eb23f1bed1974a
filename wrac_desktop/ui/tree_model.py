"""The organisation tree as a Qt model over plain ``TreeNode`` data.

Indexes carry integer keys, never Python objects or QStandardItems: nested QStandardItems
created from Python were freed under the view (a crash in QTreeView.scrollTo).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from wrac_desktop.services.structure import TreeNode
from wrac_desktop.ui.icons import node_icon
from wrac_desktop.ui.language import italic, shown_elsewhere

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = 0
Index = QModelIndex | QPersistentModelIndex
Node = tuple[str, int]  # (kind, id)


class SiteTreeModel(QAbstractItemModel):
    def __init__(self) -> None:
        super().__init__()
        self._nodes: dict[int, TreeNode] = {}
        self._children: dict[int, list[int]] = {ROOT: []}
        self._parent: dict[int, int] = {}
        self._keys: dict[Node, int] = {}

    def set_roots(self, roots: list[TreeNode]) -> None:
        self.beginResetModel()
        self._nodes, self._children, self._parent, self._keys = {}, {ROOT: []}, {}, {}
        for node in roots:
            self._add(node, ROOT)
        self.endResetModel()

    def _add(self, node: TreeNode, parent: int) -> None:
        key = len(self._nodes) + 1
        self._nodes[key] = node
        self._parent[key] = parent
        self._children[key] = []
        self._children[parent].append(key)
        self._keys[(node.kind, node.id)] = key
        for child in node.children:
            self._add(child, key)

    def set_counts(self, counts: dict[int, int]) -> None:
        """New hazard counts of workplaces (by id); their units and organisation follow."""
        for workplace_id, count in counts.items():
            key = self._keys.get(("workplace", workplace_id))
            if key is None:
                continue
            change = count - self._nodes[key].hazard_count
            while change and key != ROOT:
                self._nodes[key].hazard_count += change
                index = self._index_for_key(key)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
                key = self._parent[key]

    def keys(self) -> list[int]:
        return list(self._nodes)

    def index_of(self, node: Node) -> QModelIndex:
        key = self._keys.get(node)
        return self._index_for_key(key) if key is not None else QModelIndex()

    def _index_for_key(self, key: int) -> QModelIndex:
        siblings = self._children[self._parent[key]]
        return self.createIndex(siblings.index(key), 0, key)

    def index_for_key(self, key: int) -> QModelIndex:
        return self._index_for_key(key) if key in self._nodes else QModelIndex()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_key = parent.internalId() if parent.isValid() else ROOT
        children = self._children.get(parent_key, [])
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_key = self._parent.get(index.internalId(), ROOT)
        return QModelIndex() if parent_key == ROOT else self._index_for_key(parent_key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        if parent.isValid() and parent.column() != 0:
            return 0
        key = parent.internalId() if parent.isValid() else ROOT
        return len(self._children.get(key, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._nodes.get(index.internalId()) if index.isValid() else None
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.name}  ({node.hazard_count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.name if node.shown_in is None else shown_elsewhere(node.name, node.shown_in)
        if role == Qt.ItemDataRole.FontRole and node.shown_in is not None:
            return italic()
        if role == Qt.ItemDataRole.DecorationRole:
            return node_icon(node.kind)
        if role == NODE_ROLE:
            return (node.kind, node.id)
        return None
