"""The main window: the organisation tree beside the hazard register of the selected node.

A minimal first version: issue 4 grows it into the whole WRAC workflow.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop import __version__
from wrac_desktop.errors import WracError
from wrac_desktop.i18n import _
from wrac_desktop.persistence.queries import HazardFilter, TreeNode, site_tree
from wrac_desktop.register import Register, open_for_reading
from wrac_desktop.ui.application import show_error
from wrac_desktop.ui.hazard_table import HazardTableModel

NODE_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    def __init__(self, register: Register | None) -> None:
        super().__init__()
        self.register: Register | None = None
        self.resize(1200, 760)
        self._banner = QLabel()
        self._banner.setStyleSheet("background:#fff3cd;color:#6b4e00;padding:6px;")
        self._tree_model = QStandardItemModel()
        self._tree = QTreeView()
        self._tree.setModel(self._tree_model)
        self._tree.setHeaderHidden(True)
        self._tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self._table_model = HazardTableModel()
        self._table = QTableView()
        self._table.setModel(self._table_model)
        self._table.setWordWrap(False)
        self._build_layout()
        self._build_menus()
        self.set_register(register)

    def _build_layout(self) -> None:
        splitter = QSplitter()
        splitter.addWidget(self._tree)
        splitter.addWidget(self._table)
        splitter.setStretchFactor(1, 3)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._banner)
        layout.addWidget(splitter)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        open_action = QAction(
            _("&Open…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Open)
        )
        open_action.triggered.connect(self._on_open_triggered)
        quit_action = QAction(
            _("&Quit"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit)
        )
        quit_action.triggered.connect(self.close)
        file_menu.addActions([open_action, quit_action])

    def set_register(self, register: Register | None) -> None:
        if self.register is not None:
            self.register.close()
        self.register = register
        title = register.location if register else _("no register open")
        self.setWindowTitle(f"WRAC Desktop {__version__} — {title}")
        self._banner.setVisible(bool(register and register.read_only))
        self._banner.setText(_("This register is open read-only: editing is disabled."))
        self._fill_tree()
        self._table_model.set_source(register, HazardFilter())

    def _fill_tree(self) -> None:
        self._tree_model.clear()
        if self.register is None:
            return
        with self.register.uow.reading() as session:
            roots = site_tree(session)
        for node in roots:
            self._tree_model.appendRow(_tree_item(node))
        self._tree.expandToDepth(1)

    def _on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = current.data(NODE_ROLE)
        wanted = HazardFilter()
        if node is not None and node[0] == "workplace":
            wanted = HazardFilter(workplace_id=node[1])
        elif node is not None and node[0] in ("site", "division"):
            wanted = HazardFilter(unit_id=node[1])
        self._table_model.set_source(self.register, wanted)

    def _on_open_triggered(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open register"), "", _("WRAC registers (*.wrac)")
        )
        if not path:
            return
        try:
            self.set_register(open_for_reading(path))  # type: ignore[arg-type]
        except WracError as error:
            show_error(self, error.message)


def _tree_item(node: TreeNode) -> QStandardItem:
    item = QStandardItem(f"{node.name}  ({node.hazard_count})")
    item.setEditable(False)
    item.setData((node.kind, node.id), NODE_ROLE)
    for child in node.children:
        item.appendRow(_tree_item(child))
    return item
