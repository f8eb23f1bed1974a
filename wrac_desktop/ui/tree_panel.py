"""The organisation tree: organisation → sites and divisions → workplaces, with counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from wrac_desktop.i18n import current_language
from wrac_desktop.services import structure
from wrac_desktop.services.work import ChangeSet
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.tree_model import NODE_ROLE, Node, SiteTreeModel
from wrac_desktop.ui.wrapping import WrappingDelegate, relayout_on_resize

__all__ = ["NODE_ROLE", "Node", "TreePanel"]


class TreePanel(Retranslating, QTreeView):
    node_selected = Signal(object)  # Node or None

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.tree_model = SiteTreeModel()
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setIndentation(14)  # four levels deep: the workplace names need the room
        # A long name wraps onto a second line rather than ending in "…" (whole in the
        # tooltip too): «Бұрғылау қондырғысының машинисі, № 1 бригада» at the tree's width.
        self.setItemDelegate(WrappingDelegate(self, lines=4))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        relayout_on_resize(self)

        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self._announced: Node | None = None  # the node last named by ``node_selected``

    def retranslate(self) -> None:
        """The names in the new language (each as its translations give it)."""
        self.refresh()

    def refresh(self, *, keep_state: bool = True) -> None:
        """Rebuild from the register, keeping what was expanded and selected.

        ``keep_state=False`` is for another register: nodes are database ids, and the same
        id names an unrelated site there.
        """
        expanded = self._expanded_nodes() if keep_state else []
        current = self.current_node() if keep_state else None
        if not keep_state:
            self._announced = None
        self.blockSignals(True)
        lang = current_language()
        self.tree_model.set_roots(self.operations.read(lambda w: structure.tree(w, lang)) or [])
        self.blockSignals(False)
        if not expanded:
            self.expandToDepth(0)
        for node in expanded:
            index = self.tree_model.index_of(node)
            if index.isValid():
                self.expand(index)
        if current is not None and self.tree_model.index_of(current).isValid():
            self.select_node(current)

    def follow(self, changes: ChangeSet | None) -> None:
        """After an edit: the counts of the workplaces it touched and of the units above
        them, when counts are all it changed; otherwise (or ``changes`` unknown) rebuilt."""
        counts = None
        if changes is not None:
            counts = self.operations.read(lambda w: structure.recounted(w, changes))
        if counts is None:
            self.refresh()
        else:
            self.tree_model.set_counts(counts)

    def current_node(self) -> Node | None:
        index = self.currentIndex()
        return index.data(NODE_ROLE) if index.isValid() else None

    def select_node(self, node: Node) -> None:
        index = self.tree_model.index_of(node)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(self.tree_model.index_of(node))  # fresh: selecting may refresh

    def index_of(self, node: Node) -> QModelIndex | None:
        index = self.tree_model.index_of(node)
        return index if index.isValid() else None

    def _expanded_nodes(self) -> list[Node]:
        indexes = (self.tree_model.index_for_key(key) for key in self.tree_model.keys())  # noqa: SIM118 - a model, not a dict
        return [index.data(NODE_ROLE) for index in indexes if self.isExpanded(index)]

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Named once per choice: a refresh after an edit selects the same node again, and
        that must not reset the register view (and the hazard selected in it)."""
        node = current.data(NODE_ROLE) if current.isValid() else None
        if node != self._announced:
            self._announced = node
            self.node_selected.emit(node)
