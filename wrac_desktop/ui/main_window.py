"""The main window: tree | register views | hazard detail. A thin shell over small widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop import __version__
from wrac_desktop.errors import WracError
from wrac_desktop.i18n import _, current_language
from wrac_desktop.paths import log_file, user_config_dir, user_data_dir
from wrac_desktop.register import Register, open_location
from wrac_desktop.services import hazard_list, report_files, structure
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.hazard_list import HazardFilter
from wrac_desktop.services.setup import create_new_register
from wrac_desktop.services.work import Work
from wrac_desktop.ui.action_plan import ActionPlanView
from wrac_desktop.ui.approval_ui import ApprovalActions
from wrac_desktop.ui.background import Cancelled, Progress
from wrac_desktop.ui.export_dialog import ExportDialog
from wrac_desktop.ui.hazard_editor import HazardEditor
from wrac_desktop.ui.import_dialog import import_worksheet
from wrac_desktop.ui.language import LANGUAGE_KEY, LANGUAGE_NAMES, Retranslating, apply_language
from wrac_desktop.ui.matrix_view import MatrixView
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.pdf_preview import PdfPreview
from wrac_desktop.ui.register_view import RegisterView
from wrac_desktop.ui.screen_fit import bounded_size
from wrac_desktop.ui.team_panel import TeamPanel
from wrac_desktop.ui.tree_actions import TreeActions
from wrac_desktop.ui.tree_panel import TreePanel
from wrac_desktop.ui.wizard import NewRegisterWizard

RECENT_KEY, MAX_RECENT = "recent_registers", 8
# Widths that keep the window within a 1,366-pixel laptop screen (1,280 too), in every language:
# the tree and the hazard editor at their narrowest, the register taking what is left.
TREE_MIN_WIDTH, TREE_WIDTH, EDITOR_MIN_WIDTH, EDITOR_WIDTH = 200, 230, 400, 420


def opening_size(available: QSize) -> QSize:
    """A comfortable size, but never larger than the screen (1400 × 860 overflowed laptops)."""
    return bounded_size(QSize(1400, 860), available)


def settings_store() -> QSettings:
    """Window state and recent files, in our config folder (WRAC_CONFIG_DIR overrides it)."""
    return QSettings(str(user_config_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, register: Register | None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.operations = Operations(self)
        self.tree = TreePanel(self.operations)
        self.tree.setMinimumWidth(TREE_MIN_WIDTH)
        self.register_view = RegisterView()
        self.editor = HazardEditor(self.operations)
        self.tree_actions = TreeActions(self, self.operations, self.tree)
        self.tabs = QTabWidget()
        self.matrix_view = MatrixView(self.operations)
        self.action_plan = ActionPlanView(self.operations)
        self.team_panel = TeamPanel(self.operations)
        self.banner = QLabel(_("This register is open read-only: editing is disabled."))
        self.banner.setStyleSheet("background:#FFF3CD;color:#6B4E00;padding:6px;")
        self.banner.setWordWrap(True)  # one line of it was wider than a laptop screen in kk
        self.action_map: dict[str, QAction] = {}
        self.approval_actions = ApprovalActions(self)
        self.last_export: Path | None = None
        self.testing = False  # tests set this: no modal "open folder" question
        self.report_revision: int | None = None  # an older revision to print; None: current
        self._build_layout()
        self._build_menus()
        self._connect()
        self._fit_to_screen()
        self._restore_window_state()
        self.set_register(register)

    @property
    def register(self) -> Register | None:
        return self.operations.register

    # layout -----------------------------------------------------------------------------
    def _tab_titles(self) -> list[str]:
        return [_("Hazard register"), _("Risk matrix"), _("Action plan"), _("Team and assessment")]

    def _build_layout(self) -> None:
        tabs = (self.register_view, self.matrix_view, self.action_plan, self.team_panel)
        for tab, title in zip(tabs, self._tab_titles(), strict=True):
            self.tabs.addTab(tab, title)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([TREE_WIDTH, 1400 - TREE_WIDTH - EDITOR_WIDTH])  # the register gets most
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.approval_actions.warning)
        layout.addWidget(self.approval_actions.reviews)
        layout.addWidget(splitter, 1)  # the notices above take only the height they need
        plan_layout = self.action_plan.layout()
        assert isinstance(plan_layout, QVBoxLayout)
        plan_layout.insertWidget(0, self.approval_actions.plan_reviews)
        self.setCentralWidget(central)
        dock = QDockWidget(_("Hazard"), self)
        dock.setObjectName("HazardDock")
        dock.setWidget(self.editor)
        self.editor.setMinimumWidth(EDITOR_MIN_WIDTH)  # its contents fit that, then scroll down
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [EDITOR_WIDTH], Qt.Orientation.Horizontal)
        self.editor_dock = dock

    def _fit_to_screen(self) -> None:
        """The first start's size; the size the user left the window at is restored after."""
        self.resize(opening_size(self.screen().availableSize()))

    def _action(self, key: str, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.action_map[key] = action
        return action

    def _build_menus(self) -> None:
        stack = self.operations.undo_stack
        undo = stack.createUndoAction(self, _("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, _("Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.action_map |= {"undo": undo, "redo": redo}
        t, keys = self.tree_actions, QKeySequence.StandardKey
        menus: dict[str, list[QAction | None]] = {
            _("&File"): [
                self._action("new", _("&New register…"), self._on_new_triggered, keys.New),
                self._action("new_demo", _("New &demo register…"), self._on_new_demo_triggered),
                self._action("open", _("&Open…"), self._on_open_triggered, keys.Open),
                self._action("connect", _("Connect to &server…"), self.connect_to_server),
                self._action(
                    "save_copy", _("Save a &copy…"), self._on_save_copy_triggered, "Ctrl+Shift+S"
                ),
                self._action("import", _("&Import worksheet…"), self._on_import_triggered),
                self._action("merge", _("&Merge register…"), self._on_merge_triggered),
                None,
                self._action("quit", _("&Quit"), self.close, keys.Quit),
            ],
            _("&Edit"): [
                undo,
                redo,
                None,
                self._action("add_site", _("Add &site…"), t.add_site, "Ctrl+Shift+N"),
                self._action("add_division", _("Add d&ivision…"), t.add_division, "Ctrl+Shift+D"),
                self._action(
                    "add_workplace", _("Add &workplace…"), t.add_workplace, "Ctrl+Shift+W"
                ),
                self._action(
                    "add_hazard", _("Add &hazard…"), self._on_add_hazard_triggered, "Ctrl+Shift+H"
                ),
                None,
                self._action("rename", _("&Rename…"), t.rename, "F2"),
                self._action("cut", _("Cu&t workplace"), lambda: t.copy(cut=True), keys.Cut),
                self._action("copy", _("&Copy workplace"), t.copy, keys.Copy),
                self._action("paste", _("&Paste workplace"), t.paste, keys.Paste),
                self._action("duplicate", _("D&uplicate workplace"), t.duplicate, "Ctrl+D"),
                self._action("delete", _("&Delete…"), t.delete, keys.Delete),
                self._action(
                    "delete_hazard", _("Delete ha&zard"), self._on_delete_hazard, "Ctrl+Shift+Del"
                ),
            ],
            _("&View"): [
                self._action("find", _("&Find…"), self._on_find_triggered, keys.Find),
                None,
                *(
                    self._action(
                        f"tab{i}",
                        self.tabs.tabText(i),
                        lambda _c=False, i=i: self.tabs.setCurrentIndex(i),
                        f"Ctrl+{i + 1}",
                    )
                    for i in range(self.tabs.count())
                ),
            ],
            _("&Assessment"): self.approval_actions.actions(),
            _("&Help"): [
                self._action("about", _("&About WRAC Desktop"), self._on_about_triggered),
            ],
        }
        built = {}
        for title, items in menus.items():
            menu = built[title] = self.menuBar().addMenu(title)
            for item in items:
                menu.addSeparator() if item is None else menu.addAction(item)
            if not hasattr(self, "recent_menu"):  # the first menu is File
                self.recent_menu = menu.addMenu(_("Open &recent"))
                self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        self._add_language_menu(built[_("&View")])

    def _add_language_menu(self, view: QMenu) -> None:
        view.addSeparator()
        menu = view.addMenu(_("&Language"))
        group = QActionGroup(menu)
        for lang, name in LANGUAGE_NAMES.items():
            action = self._action(
                f"lang_{lang}", name, lambda _c=False, lg=lang: self.switch_language(lg)
            )
            action.setCheckable(True)
            action.setChecked(lang == current_language())
            group.addAction(action)
            menu.addAction(action)

    def switch_language(self, lang: str) -> None:
        """Show the app in ``lang`` from now on, this window included; remembered."""
        settings_store().setValue(LANGUAGE_KEY, lang)
        apply_language(lang)

    def retranslate(self) -> None:
        """Tabs, dock and banner re-labelled; the menus rebuilt, as their actions hold words."""
        for index, title in enumerate(self._tab_titles()):
            self.tabs.setTabText(index, title)
        self.editor_dock.setWindowTitle(_("Hazard"))
        self.banner.setText(_("This register is open read-only: editing is disabled."))
        old_actions, old_menus = list(self.action_map.values()), self.menuBar().findChildren(QMenu)
        self.menuBar().clear()
        del self.recent_menu
        self._build_menus()
        for stale in (*old_actions, *old_menus):
            stale.deleteLater()
        self._show_register_state()

    def _connect(self) -> None:
        self.tree.node_selected.connect(self._on_tree_node_selected)
        self.register_view.hazard_selected.connect(self.editor.show_hazard)
        self.operations.changed.connect(self._on_operations_changed)
        self.matrix_view.cell_clicked.connect(self._on_matrix_cell_clicked)

    # register -----------------------------------------------------------------------------
    def set_register(self, register: Register | None) -> None:
        if self.register is not None:
            self.register.close()
        self.operations.set_register(register)
        matrix = self.operations.read(hazard_list.current_matrix)
        self.register_view.set_matrix(matrix)
        self.matrix_view.set_matrix(matrix)
        self.register_view.set_scope(register, HazardFilter())
        self.tree.refresh(keep_state=False)  # node ids of another register mean nothing here
        self.approval_actions.refresh()
        self._show_register_state()
        if register is not None:
            self._remember_recent(register.location)
            self.approval_actions.notify_on_open()

    def _show_register_state(self) -> None:
        """The title names the register; editing actions only where it can be changed.

        Called again when the language changes: the menus are rebuilt then."""
        register = self.register
        title = register.location if register else _("no register open")
        self.setWindowTitle(f"WRAC Desktop {__version__} — {title}")
        self.apply_editable()

    def apply_editable(self) -> None:
        """Enable the editing actions only when the register and the revision can change."""
        for key in (
            "add_site",
            "add_division",
            "add_workplace",
            "add_hazard",
            "rename",
            "cut",
            "paste",
            "duplicate",
            "delete",
            "delete_hazard",
            "import",
            "merge",
        ):
            self.action_map[key].setEnabled(self.operations.editable)

    def _on_operations_changed(self) -> None:
        self.tree.refresh()
        self.register_view.apply_filter()

    def _on_tree_node_selected(self, node: tuple[str, int] | None) -> None:
        scope = HazardFilter()
        if node is not None and node[0] == "workplace":
            scope = HazardFilter(workplace_id=node[1])
        elif node is not None and node[0] in ("site", "division"):
            scope = HazardFilter(unit_id=node[1])
        self.register_view.set_scope(self.register, scope)
        self.matrix_view.set_unit(scope.unit_id)
        self.action_plan.set_scope(scope.unit_id, scope.workplace_id)

    def _on_matrix_cell_clicked(self, stage: str, likelihood: float, severity: float) -> None:
        self.register_view.show_cell((stage, likelihood, severity))
        self.tabs.setCurrentWidget(self.register_view)

    def _on_new_triggered(self) -> None:
        wizard = NewRegisterWizard(self)
        if not wizard.exec():
            return
        try:
            self.set_register(create_new_register(wizard.spec()))
        except WracError as error:
            self.operations.report(error)

    def _on_new_demo_triggered(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("New demo register"),
            str(user_data_dir() / "demo-copy.wrac"),
            _("WRAC registers (*.wrac)"),
        )
        if path:
            self.write_demo_in_background(Path(path), workplaces=40)

    def write_demo_in_background(self, path: Path, workplaces: int) -> None:
        def task(progress: Progress) -> Path:
            write_demo(
                path,
                workplaces=workplaces,
                lang=current_language(),
                overwrite=True,
                progress=progress.step,
            )
            return path

        def done(result: Path | None, error: BaseException | None) -> None:
            if error is not None and not isinstance(error, Cancelled):
                self.operations.report(error)
            elif result is not None:
                self.open_path(result)

        self.operations.start(_("Writing the demo register…"), task, done)

    def _on_import_triggered(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import worksheet"), "", _("Worksheets (*.xlsx *.csv)")
        )
        if path:
            import_worksheet(self, self.operations, Path(path))

    def _on_export_triggered(self) -> None:
        dialog = ExportDialog(self)
        if self.register is None or not dialog.exec():
            return
        if dialog.preview_requested:
            self.preview_report(*dialog.choice()[:3], page=dialog.page())
        else:
            self.export_report(*dialog.choice(), page=dialog.page())

    def preview_report(self, report: str, fmt: str, lang: str, *, page: str = "A4") -> None:
        """Render a PDF report off the UI thread and show it, with Print."""
        revision = self.report_revision

        def task(work: Work, progress: Progress) -> bytes:
            return report_files.preview(
                work, report, fmt, lang, page=page, revision=revision, progress=progress.step
            )

        def done(result: bytes | None, error: BaseException | None) -> None:
            if error is not None and not isinstance(error, Cancelled):
                self.operations.report(error)
            elif result is not None:
                self.preview = PdfPreview(result, _("Preview"), self)
                if not self.testing:
                    self.preview.exec()

        self.operations.in_background(_("Preparing the preview…"), task, done, write=False)

    def export_report(
        self, report: str, fmt: str, lang: str, path: Path, *, page: str = "A4"
    ) -> None:
        """Write a report off the UI thread; offer to open its folder when done."""
        node = self.tree.current_node()
        unit_id = node[1] if node is not None and node[0] in ("site", "division") else None
        register = self.register
        assert register is not None
        revision = self.report_revision

        def task(progress: Progress) -> Path:
            # progress.step raises Cancelled between stages: then no file is written.
            return report_files.export(
                register, report, fmt, lang, path, unit_id=unit_id, page=page,
                revision=revision, progress=progress.step,
            )  # fmt: skip

        def done(result: Path | None, error: BaseException | None) -> None:
            if error is not None and not isinstance(error, Cancelled):
                self.operations.report(error)
            elif result is not None:
                self.last_export = result
                self.statusBar().showMessage(_("Wrote {path}").format(path=result), 10_000)
                if self.isVisible() and not self.testing:
                    self._offer_folder(result)

        self.operations.start(_("Writing the report…"), task, done)

    def _offer_folder(self, path: Path) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Export"),
            _("Wrote {path}").format(path=path),
            parent=self,
        )
        open_folder = box.addButton(_("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _current_workplace_id(self) -> int | None:
        node = self.tree.current_node()
        if node is not None and node[0] == "workplace":
            return node[1]
        hazard_id = self.register_view.selected_hazard_id()
        if hazard_id is None:
            return None
        return self.operations.read(lambda w: structure.workplace_of_hazard(w, hazard_id))

    def _on_add_hazard_triggered(self) -> None:
        hazard_id = self.tree_actions.add_hazard(self._current_workplace_id())
        if hazard_id is not None:
            self.register_view.select_hazard(hazard_id)
            self.editor.show_hazard(hazard_id)

    def _on_delete_hazard(self) -> None:
        self.tree_actions.delete_hazard(self.register_view.selected_hazard_id())

    def _on_find_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.register_view)
        self.register_view.search.setFocus()
        self.register_view.search.selectAll()

    def _on_open_triggered(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open register"), str(user_data_dir()), _("WRAC registers (*.wrac)")
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path | str) -> None:
        """Open a .wrac file or a server register (a remembered one with its saved password)."""
        from wrac_desktop.server_login import with_saved_password

        try:
            self.set_register(open_location(with_saved_password(str(path))))
        except WracError as error:
            self.operations.report(error)

    def connect_to_server(self) -> None:
        from wrac_desktop.ui.connect_dialog import ConnectDialog

        dialog = ConnectDialog(settings_store(), self)
        if dialog.exec() == ConnectDialog.DialogCode.Accepted:
            dialog.remember_login()
            self.open_path(dialog.location())

    def _on_save_copy_triggered(self) -> None:
        if self.register is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy"), str(user_data_dir()), _("WRAC registers (*.wrac)")
        )
        if path:
            from wrac_desktop.register import save_copy

            try:
                save_copy(self.register, Path(path))
            except WracError as error:
                self.operations.report(error)

    def _on_merge_triggered(self) -> None:
        from wrac_desktop.ui.merge_dialog import ask_for_other_register, merge_into_open_register

        location = ask_for_other_register(self)
        if location is not None:
            merge_into_open_register(self, self.operations, location)

    def _on_about_triggered(self) -> None:
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
        settings = settings_store()
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def recent_registers(self) -> list[str]:
        stored = settings_store().value(RECENT_KEY) or []
        return [str(p) for p in (stored if isinstance(stored, list) else [stored])]

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        for location in self.recent_registers():
            action = self.recent_menu.addAction(location)
            action.triggered.connect(lambda _c=False, p=location: self.open_path(p))
        self.recent_menu.setEnabled(True)

    def _remember_recent(self, location: str) -> None:
        settings = settings_store()
        stored = settings.value(RECENT_KEY) or []
        recent = [p for p in (stored if isinstance(stored, list) else [stored]) if p != location]
        settings.setValue(RECENT_KEY, [location, *recent][:MAX_RECENT])

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = settings_store()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
