"""Help → User guide (F1): the short guide shipped in resources/guide/ in the app's language,
followed by every keyboard shortcut the window's actions have.

The pages name commands by their action keys ("{{approve}}"), and each is shown as the menus
name it now ("Assessment → Approve this revision…"): written out by hand, the guides named
menu entries that had since been renamed. "{{how_a_wrac_works}}" is the start screen's page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _, current_language
from wrac_desktop.resources import resource_path
from wrac_desktop.ui.screen_fit import resize_within_screen

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def guide_text(lang: str) -> str:
    """The guide in ``lang``, else in English, its placeholders unfilled."""
    for code in (lang, "en"):
        path = resource_path("guide", f"{code}.html")
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def placeholders(text: str) -> set[str]:
    """The keys a guide names."""
    return set(PLACEHOLDER.findall(text))


def plain(text: str) -> str:
    """A menu text as it reads: no mnemonic ampersand ("&&" is a real one)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_paths(menu_bar: QMenuBar) -> dict[str, str]:
    """Where each action (and submenu) sits, by its key: {"approve": "Assessment → Approve…"}."""
    paths: dict[str, str] = {}
    for top in menu_bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            if action.objectName().startswith("action_"):
                key = action.objectName().removeprefix("action_")
                paths[key] = f"{plain(menu.title())} → {plain(action.text())}"
    return paths


def fill(text: str, paths: Mapping[str, str], pages: Mapping[str, Callable[[], str]]) -> str:
    """The guide with each placeholder replaced by a menu path or a page; one naming nothing
    stays as it is, for a test to find."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in pages:
            return pages[key]()
        return f"<b>{escape(paths[key])}</b>" if key in paths else match.group(0)

    return PLACEHOLDER.sub(replace, text)


def shortcuts_table(actions: Iterable[QAction]) -> str:
    """Each action with a shortcut, as the menus name it, in the order given."""
    rows = []
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            name = escape(plain(action.text()))
            rows.append(f"<tr><td>{name.rstrip('…')}</td><td><b>{escape(keys)}</b></td></tr>")
    how = _(
        "Every menu is also opened with Alt and its underlined letter; Tab moves between fields."
    )
    title = _("Keyboard shortcuts")  # not in the f-string: pybabel does not extract it there
    return (
        f"<h3>{escape(title)}</h3><p>{escape(how)}</p>"
        f"<table cellpadding='3'>{''.join(rows)}</table>"
    )


class GuideDialog(QDialog):
    """``page``: the guide as ``guide_page`` made it."""

    def __init__(self, parent: QWidget | None, page: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("User guide"))
        resize_within_screen(self, 760, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def guide_page(
    menu_bar: QMenuBar, actions: Iterable[QAction], pages: Mapping[str, Callable[[], str]]
) -> str:
    """The guide in the current language for the menus as they are, then the shortcuts."""
    text = fill(guide_text(current_language()), menu_paths(menu_bar), pages)
    return text + shortcuts_table(actions)
