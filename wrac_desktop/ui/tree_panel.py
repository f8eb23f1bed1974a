"""The organisation tree: organisation → sites and divisions → workplaces, with counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from wrac_desktop.i18n import current_language
from wrac_desktop.services import structure, work
from wrac_desktop.services.structure import TreeNode
from wrac_desktop.services.work import ChangeSet
from wrac_desktop.ui.background import BackgroundJob, run_in_background
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.tree_model import NODE_ROLE, Node, SiteTreeModel
from wrac_desktop.ui.wrapping import WrappingDelegate, relayout_on_resize

__all__ = ["NODE_ROLE", "Node", "TreePanel"]

# From this many hazards the tree of a register just opened is read off the UI thread: it
# took 0.2 s of the first rows' 0.8 s of UI-thread CPU at 100,000; the rows come first.
READ_BEHIND_FROM = 20_000


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
        self._behind: BackgroundJob | None = None  # the tree being read off the UI thread

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
        self._behind = None  # a tree still being read is older than this one
        lang = current_language()
        self._show(self.operations.read(lambda w: structure.tree(w, lang)) or [], expanded, current)

    def show_register(self, hazards: int) -> None:
        """The tree of the register just opened, of ``hazards`` hazards: read at once, or
        from READ_BEHIND_FROM off the UI thread (empty until it is in)."""
        if hazards < READ_BEHIND_FROM:
            self.refresh(keep_state=False)
            return
        self._announced = None
        self._show([], [], None)
        self._read_behind()

    def _read_behind(self) -> None:
        register, lang, job = self.operations.register, current_language(), None
        if register is None:
            return

        def read(_progress: object) -> list[TreeNode]:
            return work.read(register, lambda w: structure.tree(w, lang))

        def done(roots: list[TreeNode] | None, error: BaseException | None) -> None:
            if self._behind is not job or self.operations.register is not register:
                return  # superseded, or another register opened meanwhile
            self._behind = None
            if error is not None:
                self.operations.report(error)
            self._show(roots or [], self._expanded_nodes(), self.current_node())

        self._behind = job = run_in_background(self, "", read, done, quiet=True)

    def _show(self, roots: list[TreeNode], expanded: list[Node], current: Node | None) -> None:
        self.blockSignals(True)
        self.tree_model.set_roots(roots)
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
        if self._behind is not None:  # the tree being read may not hold the edit: again
            self._read_behind()
            return
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
