"""Open the app on a demo register in a real window and save screenshots to artifacts/.

Run under an X server (the Xvfb test does this): python scripts/screenshots.py OUT_DIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.ui.application import create_application
from wrac_desktop.ui.language import apply_language
from wrac_desktop.ui.main_window import MainWindow


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def main(out: Path, lang: str = "ru") -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    apply_language(lang)  # our words and Qt's
    register_path = Path(tempfile.mkdtemp()) / "demo.wrac"
    write_demo(register_path, workplaces=40, seed=1, lang=lang)
    window = MainWindow(open_register(register_path))
    window.resize(1600, 1000)
    window.show()
    window.tree.expandAll()
    window.register_view.table.selectRow(3)
    settle(app)
    shots = {"main-window": window, "hazard-editor": window.editor}
    for name, widget in shots.items():
        widget.grab().save(str(out / f"{lang}-{name}.png"))
    for index in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(app)
        name = window.tabs.widget(index).objectName() or f"tab{index}"
        window.grab().save(str(out / f"{lang}-{name}.png"))
    window.close()
    window.set_register(None)
    window.deleteLater()  # Qt workaround: a window alive at interpreter exit aborts PySide
    settle(app)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), *(sys.argv[2:3] or ["ru"])))
