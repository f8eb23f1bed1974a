"""The main window: tree | register views | hazard detail. A thin shell over small widgets."""

from __future__ import annotations

import functools
import gc
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop import __version__
from wrac_desktop.i18n import _
from wrac_desktop.paths import log_file, user_data_dir
from wrac_desktop.register import Register
from wrac_desktop.services import hazard_list, team
from wrac_desktop.services.hazard_list import HazardFilter
from wrac_desktop.ui import settings as setting
from wrac_desktop.ui.action_plan import ActionPlanView
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs, RegisterState, build_action
from wrac_desktop.ui.approval_ui import ApprovalController
from wrac_desktop.ui.background import close_jobs, open_jobs, stop_jobs
from wrac_desktop.ui.column_layout import ColumnLayout
from wrac_desktop.ui.connect_dialog import ServerController
from wrac_desktop.ui.dashboard_view import DashboardView
from wrac_desktop.ui.due_links import DueLinks
from wrac_desktop.ui.due_view import DueView
from wrac_desktop.ui.events_ui import EventsController
from wrac_desktop.ui.export_controller import ExportController
from wrac_desktop.ui.guide import GuideDialog, guide_page
from wrac_desktop.ui.hazard_editor import HazardEditor
from wrac_desktop.ui.import_dialog import ImportController
from wrac_desktop.ui.language import Retranslating, apply_language
from wrac_desktop.ui.library_refresh import LibraryRefreshController
from wrac_desktop.ui.matrix_view import MatrixView
from wrac_desktop.ui.merge_dialog import MergeController
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.register_files import RegisterFilesController
from wrac_desktop.ui.register_view import RegisterView
from wrac_desktop.ui.screen_fit import bounded_size
from wrac_desktop.ui.settings import Settings
from wrac_desktop.ui.start_screen import StartScreen, how_a_wrac_works
from wrac_desktop.ui.status_bar import RegisterStatusBar
from wrac_desktop.ui.team_panel import TeamPanel
from wrac_desktop.ui.tree_actions import TreeActions
from wrac_desktop.ui.tree_panel import TreePanel
from wrac_desktop.ui.view_tabs import ViewTabs, tab_names
from wrac_desktop.ui.window_menus import (
    COMPACT,
    GROUPED,
    HAZARD_PANEL,
    LANGUAGES,
    RECENT,
    START_ACTIONS,
    add_language_menu,
    fill_menus,
    fill_toolbar,
    panel_toggle,
    undo_actions,
)

# Widths that keep the window within a 1,366-pixel laptop screen (1,280 too), in every language:
# the tree and the hazard editor at their narrowest, the register taking what is left. The
# tree starts at a fifth of the screen (273 pixels at 1,366, its names wrapped onto a second
# line where they are longer), then as the officer drags it.
TREE_MIN_WIDTH, TREE_SHARE, TREE_MAX_WIDTH = 200, 0.2, 400
EDITOR_MIN_WIDTH, EDITOR_WIDTH = 400, 400
KEYS = QKeySequence.StandardKey
# The tree's context menu (issue 18 adds a workplace's near miss after these).
TREE_MENU = ("add_division", "add_workplace", "add_hazard", None, "rename", "cut", "copy", "paste",
             "duplicate", "delete")  # fmt: skip


@functools.cache
def freeze_startup_objects() -> None:
    """Once, with the first window built: the program's own objects (modules, classes, Qt
    wrappers: 57,000) are left out of the cyclic collector's full collections from then on.
    At 100,000 hazards each full collection took 190-220 ms (300,000 objects), some of them
    on the UI thread: the worst stall left on opening a register (stall_bench, issue 22)."""
    gc.collect()  # nothing that is garbage now is kept for ever
    gc.freeze()


def opening_size(available: QSize) -> QSize:
    """A comfortable size, but never larger than the screen (1400 × 860 overflowed laptops)."""
    return bounded_size(QSize(1400, 860), available)


def tree_width(screen_width: int) -> int:
    """The tree's width at the first start on a screen ``screen_width`` pixels wide."""
    return max(TREE_MIN_WIDTH, min(TREE_MAX_WIDTH, round(TREE_SHARE * screen_width)))


class MainWindow(Retranslating, QMainWindow):
    """The composition root of the UI: builds the widgets and the feature controllers, hands
    each what it needs, and places their actions in the menus."""

    def __init__(self, register: Register | None, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.settings = settings or Settings()
        self.operations = Operations(self)
        self.tree = TreePanel(self.operations)
        self.tree.setMinimumWidth(TREE_MIN_WIDTH)
        self.register_view = RegisterView()
        self.columns = ColumnLayout(self.register_view.table, self.settings)
        self.editor = HazardEditor(self.operations)
        self.panel_columns = ColumnLayout(
            self.editor.measures, self.settings, setting.PANEL_COLUMNS
        )
        self.matrix_view = MatrixView(self.operations)
        self.action_plan = ActionPlanView(self.operations)
        self.plan_columns = ColumnLayout(
            self.action_plan.table, self.settings, setting.PLAN_COLUMNS
        )
        self.team_panel = TeamPanel(self.operations)
        self.due_view = DueView(self.operations)  # issue 17: reminders
        self.dashboard = DashboardView(self.operations)  # issue 18: the first tab
        views = (
            self.dashboard, self.register_view, self.matrix_view, self.action_plan,
            self.team_panel, self.due_view,
        )  # fmt: skip
        self.tabs = ViewTabs(views)
        self.tabs.setCurrentWidget(self.register_view)  # where the work is; one click away
        self.start_screen = StartScreen(self.open_path)
        self._on_start_screen: bool | None = None  # not yet decided
        self._closed = False
        self._dock_was_open = True
        self._opening = False  # set_register shows the new register's views itself
        self._build_controllers()
        self.action_map: dict[str, QAction] = {}
        self._build_layout()
        self._build_menus()
        self.events.install_tree_menu(
            self.tree, lambda: [None if k is None else self.action_map[k] for k in TREE_MENU]
        )
        self._connect()
        self._fit_to_screen()
        self._restore_window_state()
        freeze_startup_objects()
        self.set_register(register)

    def _build_controllers(self) -> None:
        ops = self.operations
        self.tree_actions = TreeActions(
            self, ops, self.tree, self.register_view.selected_hazard_id, self._show_new_hazard
        )
        self.files = RegisterFilesController(self, ops, self.settings, self.set_register)
        self.exports = ExportController(self, ops, self._unit_in_view, self._tell, self.settings)
        self.approval = ApprovalController(self, ops, self._on_lifecycle_changed)
        self.imports = ImportController(self, ops)
        self.merges = MergeController(self, ops)
        self.server = ServerController(self, self.settings, self.files.open_path)
        self.events = EventsController(self, ops, self.tree)  # issue 18
        self.library_refresh = LibraryRefreshController(self, ops, self._tell)  # issue 16
        self.controllers: tuple[Controller, ...] = (
            self.files, self.tree_actions, self.exports, self.approval, self.imports, self.merges,
            self.server, self.events, self.library_refresh,
        )  # fmt: skip

    @property
    def register(self) -> Register | None:
        return self.operations.register

    @property
    def testing(self) -> bool:
        return self.exports.testing

    @testing.setter
    def testing(self, value: bool) -> None:
        """Tests set it: no modal "open folder" question, no preview window, no import summary."""
        self.exports.testing = value

    # layout -----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        splitter = self.splitter = QSplitter()
        splitter.setObjectName("TreeSplitter")
        splitter.addWidget(self.tree)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 4)  # the register gets what the window gains
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        approval = self.approval
        notices = (approval.banner, approval.checking, approval.warning, approval.reviews)
        for notice in (*notices, self.due_view.notice, self.library_refresh.bar):
            layout.addWidget(notice)
        layout.addWidget(splitter, 1)  # the notices above take only the height they need
        plan_layout = self.action_plan.layout()
        assert isinstance(plan_layout, QVBoxLayout)
        plan_layout.insertWidget(0, self.approval.plan_reviews)
        # With no register the start screen is shown instead (issue 19).
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_screen)
        self.pages.addWidget(central)
        self.register_page = central
        self.setCentralWidget(self.pages)
        dock = QDockWidget(_("Hazard"), self)
        dock.setObjectName("HazardDock")
        dock.setWidget(self.editor)
        self.editor.setMinimumWidth(EDITOR_MIN_WIDTH)  # its contents fit that, then scroll down
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [EDITOR_WIDTH], Qt.Orientation.Horizontal)
        self.editor_dock = dock
        self.status_bar = RegisterStatusBar()
        self.setStatusBar(self.status_bar)
        self.toolbar = QToolBar()  # filled with the menus' actions by ``_fill_toolbar``
        self.toolbar.setObjectName("MainToolBar")  # its place is kept with the window's state
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _fit_to_screen(self) -> None:
        """The first start's size and tree; the ones the user left are restored after."""
        available = self.screen().availableSize()
        self.resize(opening_size(available))
        tree = tree_width(available.width())
        self.splitter.setSizes([tree, max(0, self.width() - tree - EDITOR_WIDTH)])

    @property
    def banner(self) -> QLabel:
        return self.approval.banner

    # actions and menus ------------------------------------------------------------------
    def _own_actions(self) -> tuple[ActionSpec, ...]:
        """The window's own: quitting, finding, the tabs, the guide."""
        tabs = tuple(self._tab_action(i) for i in range(self.tabs.count()))
        return (
            ActionSpec("quit", lambda: _("&Quit"), MainWindow.close, KEYS.Quit),
            ActionSpec("find", lambda: _("&Find…"), MainWindow.find_hazards, KEYS.Find),
            ActionSpec("add_measure", lambda: _("Add &measure…"), MainWindow.add_measure,
                       "Ctrl+M", Needs.EDITABLE),
            *tabs,
            ActionSpec("guide", lambda: _("User &guide"), MainWindow.show_guide, KEYS.HelpContents),
            ActionSpec("about", lambda: _("&About WRAC Desktop"), MainWindow.about),
        )  # fmt: skip

    def _tab_action(self, index: int) -> ActionSpec:
        def show(window: MainWindow) -> None:
            window.tabs.setCurrentIndex(index)

        return ActionSpec(f"tab{index}", lambda: tab_names()[index], show, f"Ctrl+{index + 1}")

    def _build_menus(self) -> None:
        actions = undo_actions(self, self.operations.undo_stack)
        actions |= {s.key: build_action(self, s, self) for s in self._own_actions()}
        for controller in self.controllers:
            actions |= controller.build_actions(self)
        actions[HAZARD_PANEL] = panel_toggle(self.editor_dock)
        actions[GROUPED] = self.register_view.group_action
        actions[COMPACT] = self.register_view.compact_action
        self.action_map = actions
        submenus = {RECENT: self._add_recent_menu, LANGUAGES: self._add_language_menu}
        fill_menus(self.menuBar(), actions, submenus)
        self.start_screen.set_actions([actions[key] for key in START_ACTIONS])
        fill_toolbar(self.toolbar, actions)

    def _add_recent_menu(self, file_menu: QMenu) -> None:
        self.recent_menu = self.files.add_recent_menu(file_menu)
        self.recent_menu.menuAction().setObjectName(f"action_{RECENT}")  # the guide's name

    def _add_language_menu(self, view_menu: QMenu) -> None:
        self.action_map |= add_language_menu(view_menu, self, self.switch_language)

    def switch_language(self, lang: str) -> None:
        """Show the app in ``lang`` from now on, this window included; remembered."""
        self.settings.set(setting.LANGUAGE, lang)
        apply_language(lang)

    def retranslate(self) -> None:
        """Tabs, dock and notices re-labelled; the menus rebuilt, as their actions hold words."""
        self.start_screen.retranslate()
        self.tabs.relabel()
        self.editor_dock.setWindowTitle(_("Hazard"))
        # The dock's and the register view's own actions are kept, only renamed.
        view = self.register_view
        kept = (self.editor_dock.toggleViewAction(), view.group_action, view.compact_action)
        old_actions = [a for a in self.action_map.values() if a not in kept]
        old_menus = self.menuBar().findChildren(QMenu)
        self.menuBar().clear()
        self._build_menus()
        for stale in (*old_actions, *old_menus):
            stale.deleteLater()
        self._show_register_state()

    def _connect(self) -> None:
        self.tree.node_selected.connect(self._on_tree_node_selected)
        self.register_view.hazard_selected.connect(self.editor.show_hazard)
        self.register_view.hazard_selected.connect(self._on_hazard_shown)  # after the panel
        self.register_view.model.modelReset.connect(self._show_status)
        self.register_view.table.doubleClicked.connect(self._on_table_double_clicked)
        self.operations.changed.connect(self._on_operations_changed)
        self.operations.writable_changed.connect(self._on_writable_changed)
        self.matrix_view.cell_clicked.connect(self._on_matrix_cell_clicked)
        self.due_view.show_requested.connect(lambda: self.tabs.setCurrentWidget(self.due_view))
        self.due_links = DueLinks(self.due_view, self.operations, self.tabs, self.tree, (
            self.register_view, self.action_plan), self.approval, self._tell)  # fmt: skip
        self.register_view.group_action.toggled.connect(
            lambda grouped: self.settings.set(setting.REGISTER_GROUPED, grouped)
        )
        self.register_view.compact_action.toggled.connect(
            lambda compact: self.settings.set(setting.REGISTER_COMPACT, compact)
        )

    # register -----------------------------------------------------------------------------
    def set_register(self, register: Register | None) -> None:
        # Work still running may be reading or writing the register closed here.
        stop_jobs(self)
        self.approval.wait_for_open_check()
        self.dashboard.wait()
        if self.register is not None:
            self.register.close()
        # The list let go first: the views reload on the change below, and read the register
        # just closed again (100,000 ids, to be replaced at once) (issue 22).
        self.register_view.set_scope(None, HazardFilter())
        self._opening = True
        try:
            self.operations.set_register(register)
        finally:
            self._opening = False
        matrix = self.operations.read(hazard_list.current_matrix)
        self.register_view.set_matrix(matrix)
        self.matrix_view.set_matrix(matrix)
        hazards = self.operations.read(lambda w: hazard_list.hazard_count(w, HazardFilter()))
        self.register_view.open_register(register, hazards or 0)
        self.register_view.prepare_search_soon()
        self.tree.show_register(hazards or 0)  # its rows first, at 100,000
        self.approval.refresh([])
        self._show_register_state()
        if register is not None:
            self.settings.remember_recent(register.location)
        self.approval.check_on_open()  # the rows are shown first, the check runs behind
        self.library_refresh.check_on_open()  # a library update offers its texts (issue 16)

    def _show_register_state(self) -> None:
        """The title names the register; actions only where they can be used; the banner says
        why editing is off. Called again when the language changes: the menus are rebuilt."""
        register = self.register
        title = register.location if register else _("no register open")
        self.setWindowTitle(f"WRAC Desktop {__version__} — {title}")
        # With no register the search box and tabs looked live and did nothing (issue 19, 7).
        for part in (self.tree, self.tabs):
            part.setEnabled(register is not None)
        self._show_start_screen(register is None)
        self.apply_editable()
        self.approval.show_banner()
        self._show_status()

    def _show_start_screen(self, shown: bool) -> None:
        """The start screen with no register, the register otherwise; the hazard panel is
        put away meanwhile and comes back as the officer left it."""
        if shown and not self._closed:  # not read for a window that has gone
            self.start_screen.show_recent(self.files.recent_registers())
        else:
            self.start_screen.stop_reading()
        if shown == self._on_start_screen:
            return
        self._on_start_screen = shown
        if shown:
            self._dock_was_open = self.editor_dock.isVisible() or not self.isVisible()
            self.editor_dock.hide()
            self.pages.setCurrentWidget(self.start_screen)
        else:
            self.pages.setCurrentWidget(self.register_page)
            if self._dock_was_open:
                self.editor_dock.show()

    def apply_editable(self) -> None:
        """Enable each action as its table says, for the register and revision now shown."""
        state = RegisterState(self.register is not None, self.operations.editable)
        for spec in self._own_actions():
            self.action_map[spec.key].setEnabled(state.allows(spec.needs))
        for controller in self.controllers:
            controller.apply_state(state)
        self._on_hazard_shown()

    def _on_hazard_shown(self, *_args: object) -> None:
        """Add measure needs a hazard in the panel, as the panel's own button does."""
        editor = self.editor
        self.action_map["add_measure"].setEnabled(
            self.operations.editable and editor.shown is not None
        )

    def _on_lifecycle_changed(self) -> None:
        """A revision froze or a new one became current: other actions apply, and the hazard
        shown belonged to the revision before."""
        self.apply_editable()
        self.register_view.clear_selection()

    def _on_writable_changed(self) -> None:
        """The file's check on opening ended: what may be edited now is enabled (or, found
        damaged, stays off), the hazard shown too; nothing was read again but the panels."""
        self.apply_editable()
        self.editor.reload()
        self.team_panel.refresh()
        self.action_plan.apply_writable()
        self.library_refresh.check_on_open()  # it offers nothing to a register not writable

    def _on_table_double_clicked(self, _index: object) -> None:
        """A double-clicked hazard is shown: the panel opens (and comes up) if it was closed."""
        self.editor_dock.show()
        self.editor_dock.raise_()

    def _on_operations_changed(self) -> None:
        if self._opening:  # the tree was built twice on opening (1.5 s at 100,000 hazards)
            return
        changes = self.operations.changes
        if changes is None or changes:  # empty: no record changed (an approval)
            self.tree.follow(changes)
            self.register_view.follow(changes)
        self._show_status()

    def _show_status(self) -> None:
        """The status bar: where the register is, its revision and state, hazards listed."""
        register = self.register
        self.status_bar.show_register(
            register.location if register is not None else None,
            self.operations.read(team.assessment_sheet),
            self.register_view.model.total if register is not None else None,
        )

    def _on_tree_node_selected(self, node: tuple[str, int] | None) -> None:
        scope = HazardFilter()
        if node is not None and node[0] == "workplace":
            scope = HazardFilter(workplace_id=node[1])
        elif node is not None and node[0] in ("site", "division"):
            scope = HazardFilter(unit_id=node[1])
        self.register_view.set_scope(self.register, scope)
        workplace = self.register_view.model.column_of("workplace")  # one name down the rows
        self.columns.hide_for_now(workplace, scope.workplace_id is not None)
        self.matrix_view.set_unit(scope.unit_id)
        self.action_plan.set_scope(scope.unit_id, scope.workplace_id)

    def _on_matrix_cell_clicked(self, stage: str, likelihood: float, severity: float) -> None:
        self.register_view.show_cell((stage, likelihood, severity))
        self.tabs.setCurrentWidget(self.register_view)

    def _unit_in_view(self) -> int | None:
        node = self.tree.current_node()
        return node[1] if node is not None and node[0] in ("site", "division") else None

    def _tell(self, text: str) -> None:
        self.status_bar.showMessage(text, 10_000)

    def _show_new_hazard(self, hazard_id: int) -> None:
        self.register_view.select_hazard(hazard_id)
        self.editor.show_hazard(hazard_id)

    # the window's own actions -------------------------------------------------------------
    def find_hazards(self) -> None:
        self.tabs.setCurrentWidget(self.register_view)
        self.register_view.search.setFocus()
        self.register_view.search.selectAll()

    def add_measure(self) -> None:
        """Edit → Add measure: the hazard panel's own dialog, the panel shown if it was shut."""
        self.editor_dock.show()
        self.editor.add_measure_button.click()

    def open_path(self, path: Path | str) -> None:
        """Open a .wrac file or a server register (File → Open recent's way)."""
        self.files.open_path(path)

    def show_guide(self) -> None:
        """F1: the user guide, with the shortcuts of the actions as they are now."""
        self.guide = GuideDialog(self, self.guide_page())
        self.guide.show()  # not modal: read beside the window

    def guide_page(self) -> str:
        """The guide in the current language, naming the menus and shortcuts as they are."""
        pages = {"how_a_wrac_works": how_a_wrac_works}
        return guide_page(self.menuBar(), self.action_map.values(), pages)

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About WRAC Desktop"),
            _(
                "WRAC Desktop {version}\nWorkplace risk assessment and control.\n\n"
                "Your registers: {data}\nLog file: {log}"
            ).format(version=__version__, data=user_data_dir(), log=log_file()),
        )

    # window state -----------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        self.register_view.group_action.setChecked(self.settings.get(setting.REGISTER_GROUPED))
        self.register_view.compact_action.setChecked(self.settings.get(setting.REGISTER_COMPACT))
        geometry = self.settings.get(setting.WINDOW_GEOMETRY)
        state = self.settings.get(setting.WINDOW_STATE)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get(setting.WINDOW_SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        self.splitter.splitterMoved.connect(
            lambda *_args: self.settings.set(setting.WINDOW_SPLITTER, self.splitter.saveState())
        )

    def showEvent(self, event: QShowEvent) -> None:
        self._closed = False
        open_jobs(self)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Work still running is cancelled and waited for: Qt aborts the app when a running
        thread's window is deleted, and a write is rolled back or committed whole. No job
        starts after it: a timer or a queued call that fires later is refused."""
        self._closed = True
        close_jobs(self)
        self.settings.set(setting.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(setting.WINDOW_STATE, self.saveState())
        super().closeEvent(event)
