"""Help → User guide (F1): the short guide shipped in resources/guide/ in the app's language,
followed by every keyboard shortcut the window's actions have, read from the actions
themselves so the list cannot fall behind them."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from wrac_desktop.i18n import _, current_language
from wrac_desktop.resources import resource_path
from wrac_desktop.ui.screen_fit import resize_within_screen


def guide_text(lang: str) -> str:
    """The guide in ``lang``, else in English."""
    for code in (lang, "en"):
        path = resource_path("guide", f"{code}.html")
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def shortcuts_table(actions: Iterable[QAction]) -> str:
    """Each action with a shortcut, as the menus name it, in the order given."""
    rows = []
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            name = escape(action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
            rows.append(f"<tr><td>{name.rstrip('…')}</td><td><b>{escape(keys)}</b></td></tr>")
    how = _(
        "Every menu is also opened with Alt and its underlined letter; Tab moves between fields."
    )
    return (
        f"<h3>{escape(_('Keyboard shortcuts'))}</h3><p>{escape(how)}</p>"
        f"<table cellpadding='3'>{''.join(rows)}</table>"
    )


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None, actions: Iterable[QAction]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("User guide"))
        resize_within_screen(self, 760, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(guide_text(current_language()) + shortcuts_table(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
