"""The QApplication: bundled fonts, names, and the one place errors are shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from wrac_desktop import __version__
from wrac_desktop.i18n import _
from wrac_desktop.resources import resource_path

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def create_application(argv: list[str]) -> QApplication:
    # Qt's own file dialogs everywhere, never the desktop's: a GTK dialog spoke the system's
    # language ("Look in:", "Files of type:") inside a Russian app (issue 19, 9).
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("WRAC Desktop")
    app.setOrganizationName("WRAC Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("wrac-desktop")  # ties the window to installer/linux's menu entry
    app.setWindowIcon(QIcon(str(resource_path("icons", "wrac-desktop.png"))))
    register_fonts(app)
    return app


def register_fonts(app: QApplication) -> None:
    """The Qt wheels ship no font: without ours every Kazakh letter could render as a box."""
    families = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.critical(parent, _("WRAC Desktop"), message)


def dispose_window(window: QWidget, app: QCoreApplication) -> None:
    """The main window closed for good before the interpreter ends: its register closed
    (folding its WAL into the file), its jobs stopped (Qt aborts when a thread is destroyed
    running) and the window deleted now. ``deleteLater`` alone left it alive, as
    ``processEvents`` runs no deferred deletion: at exit PySide then deleted it and its
    dialogs one by one in no set order, and a dialog deleted after its window crashed the
    process («QObject: shared QObject was deleted directly», SIGSEGV; 3 of 4 full stall_bench
    runs, at 36fd5ac too)."""
    from wrac_desktop.ui.background import stop_jobs

    set_register = getattr(window, "set_register", None)
    if set_register is not None:
        set_register(None)
    stop_jobs(window)
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
