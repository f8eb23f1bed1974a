"""The File menu's registers: new (by the wizard, or the demo), open, recent, save a copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from wrac_desktop.errors import RegisterDamaged, WracError
from wrac_desktop.i18n import _, current_language
from wrac_desktop.paths import demo_register_path, user_data_dir
from wrac_desktop.register import Register, is_database_url, open_location, save_copy
from wrac_desktop.server_login import with_saved_password
from wrac_desktop.services import hazard_list, revisions, work
from wrac_desktop.services.hazard_list import HazardFilter
from wrac_desktop.services.setup import create_new_register
from wrac_desktop.services.work import Work
from wrac_desktop.ui import settings as setting
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.background import Cancelled, Progress
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.settings import Settings
from wrac_desktop.ui.wizard import NewRegisterWizard


def _first_reads(handle: Work) -> None:
    """What the window reads on the UI thread as it shows a register, read once before on a
    new server connection: SQLAlchemy compiles each statement anew for each engine (and
    configures its mappers once), 0.1 s of the UI thread's CPU at 10,000 hazards; read
    again it is only the server's answer."""
    revisions.is_current_frozen(handle)
    hazard_list.current_matrix(handle)
    hazard_list.hazard_count(handle, HazardFilter())


def register_files_filter() -> str:
    return _("WRAC registers (*.wrac)")


class RegisterFilesController(Controller):
    def __init__(
        self,
        parent: QWidget,
        operations: Operations,
        settings: Settings,
        show: Callable[[Register | None], None],
    ) -> None:
        """``show``: make a register the open one (the window closes the one before)."""
        super().__init__()
        self.parent, self.operations, self.settings = parent, operations, settings
        self._show = show

    def new_register(self) -> None:
        wizard = NewRegisterWizard(self.parent)
        if not wizard.exec():
            return
        try:
            self._show(create_new_register(wizard.spec()))
        except WracError as error:
            self.operations.report(error)

    def new_demo(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self.parent,
            _("New demo register"),
            str(user_data_dir() / "demo-copy.wrac"),
            register_files_filter(),
        )
        if path:
            self.write_demo_in_background(Path(path), workplaces=40)

    def write_demo_in_background(self, path: Path, workplaces: int) -> None:
        def task(progress: Progress) -> Path:
            # the demo's data and writer, imported off the UI thread when a demo is asked for
            from wrac_desktop.services.demo import write_demo

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

    def open_demo(self) -> None:
        """The demo register in the data folder, written first if it is not there yet."""
        path = demo_register_path()
        if path.is_file():
            self.open_path(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.write_demo_in_background(path, workplaces=40)

    def open_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Open register"), str(user_data_dir()), register_files_filter()
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path | str) -> None:
        """Open a .wrac file or a server register (a remembered one with its saved password).

        SQLite's check of the file's every page is not waited for: it runs behind once the
        rows are shown (``ApprovalController.check_on_open``), and nothing is written before
        it has found the file sound."""
        location = with_saved_password(str(path))
        if is_database_url(location):
            self._open_on_server(location)
            return
        try:
            register = open_location(location, check_storage=False)
        except WracError as error:
            self.operations.report(error)
            return
        self._show_opened(register)

    def _open_on_server(self, location: str) -> None:
        """A server register is connected to off the UI thread: the driver's import, the
        login, the schema's check and the first statements froze the window 0.3-0.5 s of CPU
        (more in wall time, waiting for the server) at 100,000 hazards (stall_bench)."""

        def task(progress: Progress) -> Register:
            register = open_location(location, check_storage=False)
            try:
                work.read(register, _first_reads)
                progress.check()  # Cancel pressed while it connected: nothing stays open
            except BaseException:
                register.close()
                raise
            return register

        def done(register: Register | None, error: BaseException | None) -> None:
            if error is not None and not isinstance(error, Cancelled):
                self.operations.report(error)
            elif register is not None:
                self._show_opened(register)

        self.operations.start(_("Connecting to the server…"), task, done)

    def _show_opened(self, register: Register) -> None:
        try:
            self._show(register)
        except RegisterDamaged as error:  # a page the first rows are on cannot be read
            self._show(None)
            self.operations.report(error)

    def save_copy(self) -> None:
        register = self.operations.register
        if register is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self.parent, _("Save a copy"), str(user_data_dir()), register_files_filter()
        )
        if path:
            try:
                save_copy(register, Path(path))
            except WracError as error:
                self.operations.report(error)

    ACTIONS = (
        ActionSpec("new", lambda: _("&New register…"), new_register, QKeySequence.StandardKey.New),
        ActionSpec("new_demo", lambda: _("New &demo register…"), new_demo),
        ActionSpec("open_demo", lambda: _("Open the demo re&gister"), open_demo),
        ActionSpec("open", lambda: _("&Open…"), open_file, QKeySequence.StandardKey.Open),
        ActionSpec("save_copy", lambda: _("Save a &copy…"), save_copy, "Ctrl+Shift+S",
                   Needs.REGISTER),
    )  # fmt: skip

    # recent registers ---------------------------------------------------------------------
    def recent_registers(self) -> list[str]:
        recent: tuple[str, ...] = self.settings.get(setting.RECENT_REGISTERS)
        return list(recent)

    def add_recent_menu(self, parent: QMenu) -> QMenu:
        """File → Open recent, filled each time it opens."""
        menu = parent.addMenu(_("Open &recent"))
        menu.aboutToShow.connect(lambda: self._fill_recent(menu))
        return menu

    def _fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        for location in self.recent_registers():
            action = menu.addAction(location)
            action.triggered.connect(lambda _c=False, p=location: self.open_path(p))
        menu.setEnabled(True)
