"""The composition root: builds the register, services and Qt application, then the window.

Only ``run_gui`` touches Qt, and it imports it lazily so the CLI starts without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wrac_desktop.i18n import current_language
from wrac_desktop.paths import demo_register_path
from wrac_desktop.register import Register, open_location


def demo_register() -> Path:
    """The demo register in the user data folder, written on first use."""
    path = demo_register_path()
    if not path.exists():
        from wrac_desktop.services import demo  # its data and writer: for the first start only

        path.parent.mkdir(parents=True, exist_ok=True)
        demo.write_demo(path, workplaces=40, seed=1, lang=current_language())
    return path


def open_for_gui(location: str | Path, read_only: bool) -> Register:
    """Open read-write when possible; a read-only file or server opens read-only with a banner."""
    return open_location(location, read_only=True if read_only else None)


def qt_versions() -> tuple[str, str]:
    """The Qt library's version as loaded, and PySide6's (for `wrac --version --verbose`)."""
    import PySide6
    from PySide6.QtCore import qVersion

    return qVersion(), PySide6.__version__


def run_gui(register: Register | None, *, lang: str | None = None) -> int:
    """Show the main window on ``register`` (already opened, so path errors never reach Qt)."""
    from wrac_desktop.ui.application import create_application, dispose_window
    from wrac_desktop.ui.language import apply_language, startup_language
    from wrac_desktop.ui.main_window import MainWindow
    from wrac_desktop.ui.settings import LANGUAGE, Settings

    app = create_application(sys.argv[:1])
    settings = Settings()
    apply_language(startup_language(lang, settings.get(LANGUAGE)))
    window = MainWindow(register, settings)
    window.show()
    code = app.exec()
    dispose_window(window, app)
    return int(code)
