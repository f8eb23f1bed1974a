"""The organisation tree: organisation → sites and divisions → workplaces, with counts."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from wrac_desktop.persistence.queries import TreeNode, site_tree
from wrac_desktop.ui.operations import Operations

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
Node = tuple[str, int]  # (kind, id)


class TreePanel(QTreeView):
    node_selected = Signal(object)  # Node or None

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.tree_model = QStandardItemModel(self)
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.selectionModel().currentChanged.connect(self._on_current_changed)

    def refresh(self) -> None:
        """Rebuild from the register, keeping what was expanded and selected."""
        expanded = self._expanded_nodes()
        current = self.current_node()
        roots = self.operations.read(site_tree) or []
        self.blockSignals(True)
        self.tree_model.clear()
        for node in roots:
            self.tree_model.appendRow(_item(node))
        self.blockSignals(False)
        if not expanded:
            self.expandToDepth(0)
        for node in expanded:
            index = self.index_of(node)
            if index is not None:
                self.expand(index)
        if current is not None and self.index_of(current) is not None:
            self.select_node(current)

    def current_node(self) -> Node | None:
        index = self.currentIndex()
        return index.data(NODE_ROLE) if index.isValid() else None

    def select_node(self, node: Node) -> None:
        index = self.index_of(node)
        if index is not None:
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def index_of(self, node: Node) -> QModelIndex | None:
        # Qt workaround: QAbstractItemModel.match() cannot compare Python tuples stored as
        # item data (it never finds them), so walk the tree ourselves.
        for index in self._all_indexes():
            if index.data(NODE_ROLE) == node:
                return index
        return None

    def _all_indexes(self) -> Iterator[QModelIndex]:
        stack = [self.tree_model.index(r, 0) for r in range(self.tree_model.rowCount())]
        while stack:
            index = stack.pop()
            yield index
            stack += [
                self.tree_model.index(r, 0, index) for r in range(self.tree_model.rowCount(index))
            ]

    def _expanded_nodes(self) -> list[Node]:
        nodes = []
        stack = [self.tree_model.index(r, 0) for r in range(self.tree_model.rowCount())]
        while stack:
            index = stack.pop()
            if self.isExpanded(index):
                nodes.append(index.data(NODE_ROLE))
                stack += [
                    self.tree_model.index(r, 0, index)
                    for r in range(self.tree_model.rowCount(index))
                ]
        return nodes

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.node_selected.emit(current.data(NODE_ROLE) if current.isValid() else None)


def _item(node: TreeNode) -> QStandardItem:
    item = QStandardItem(f"{node.name}  ({node.hazard_count})")
    item.setEditable(False)
    item.setData((node.kind, node.id), NODE_ROLE)
    item.setToolTip(node.name)
    for child in node.children:
        item.appendRow(_item(child))
    return item
