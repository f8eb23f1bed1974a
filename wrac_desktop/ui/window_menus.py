"""The main window's menus and toolbar, as tables of action keys: the controllers own the
actions, the window hands them over and these place them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar, QToolBar, QWidget

from wrac_desktop.i18n import _, current_language
from wrac_desktop.ui.language import LANGUAGE_NAMES

RECENT, LANGUAGES = "recent", "languages"  # submenus placed among the actions
HAZARD_PANEL = "hazard_panel"  # the dock's own show/hide action
GROUPED = "group_by_unit"  # the register view's own: rows under site › division headings
COMPACT = "compact_rows"  # the register view's own: a row a line
START_ACTIONS = ("new", "open", "open_demo", "connect")  # the start screen's buttons
# The day's actions on the toolbar (None: a separator), by action key (issue 19).
TOOLBAR = ("add_hazard", "add_measure", None, "approve", "export", None, "undo", "redo")
# The menus by action key (None: a separator); the controllers own the actions themselves.
MENUS: tuple[tuple[Callable[[], str], tuple[str | None, ...]], ...] = (
    (lambda: _("&File"), ("new", "new_demo", "open", "open_demo", "connect", "save_copy", None,
                          "import", "merge", "export", None, RECENT, None, "quit")),
    (lambda: _("&Edit"), ("undo", "redo", None, "add_site", "add_division", "add_workplace",
                          "add_hazard", "add_measure", None, "rename", "name_languages", "cut",
                          "copy", "paste", "duplicate", "delete", "delete_hazard")),
    (lambda: _("&View"), ("find", None, "tab0", "tab1", "tab2", "tab3", "tab4", "tab5", None,
                          GROUPED, COMPACT, HAZARD_PANEL, None, LANGUAGES)),
    (lambda: _("&Assessment"), ("approve", "new_revision", "compare", "print_revision", None,
                                "audit", "verify", "sign", None, "library_refresh")),
    (lambda: _("Eve&nts"), ("record_event", "near_miss", None, "reconcile")),  # issue 18
    (lambda: _("&Help"), ("guide", None, "about")),
)  # fmt: skip


def fill_menus(
    menu_bar: QMenuBar,
    actions: Mapping[str, QAction],
    submenus: Mapping[str, Callable[[QMenu], None]],
) -> None:
    """The menus as MENUS lists them; ``submenus`` adds the submenu of its key to a menu."""
    for title, keys in MENUS:
        menu = menu_bar.addMenu(title())
        for key in keys:
            if key is None:
                menu.addSeparator()
            elif key in submenus:
                submenus[key](menu)
            else:
                menu.addAction(actions[key])


def fill_toolbar(toolbar: QToolBar, actions: Mapping[str, QAction]) -> None:
    """The toolbar holds the menus' own actions: rebuilt with them. Undo and Redo stand there
    by their short names: the stack's actions carry the command ("Отменить Оценить остаточный
    риск"), and the toolbar grew and shifted with every edit."""
    toolbar.setWindowTitle(_("Toolbar"))
    for action in toolbar.actions():  # clear() deleted the old undo actions under us
        toolbar.removeAction(action)
        if action.parent() is toolbar:  # separators and short twins made here
            action.deleteLater()
    short_names = {"undo": _("Undo"), "redo": _("Redo")}
    for key in TOOLBAR:
        if key is None:
            toolbar.addSeparator()
        elif key in short_names:
            toolbar.addAction(short_twin(actions[key], short_names[key], toolbar))
        else:
            toolbar.addAction(actions[key])


def short_twin(action: QAction, text: str, parent: QWidget) -> QAction:
    """``action`` under a fixed short ``text``: it triggers ``action``, follows its enabled
    state and shows its whole text as the tooltip."""
    twin = QAction(text, parent)
    twin.setObjectName(action.objectName())

    def follow() -> None:
        twin.setEnabled(action.isEnabled())
        twin.setToolTip(action.text().replace("&", ""))

    action.changed.connect(follow)
    twin.triggered.connect(action.trigger)
    follow()
    return twin


def undo_actions(parent: QWidget, stack: QUndoStack) -> dict[str, QAction]:
    undo = stack.createUndoAction(parent, _("Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(parent, _("Redo"))
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    undo.setObjectName("action_undo")
    redo.setObjectName("action_redo")
    return {"undo": undo, "redo": redo}


def panel_toggle(dock: QDockWidget) -> QAction:
    """The dock's own show/hide action, named: a closed Hazard panel could be reopened only
    from the menu bar's context menu (issue 19, 4)."""
    toggle = dock.toggleViewAction()
    toggle.setText(_("&Hazard panel"))
    toggle.setObjectName(f"action_{HAZARD_PANEL}")
    # Not Ctrl+Shift+H: Add hazard has it, and a key two actions share does nothing.
    toggle.setShortcut(QKeySequence("Ctrl+Shift+P"))
    return toggle


def add_language_menu(
    view: QMenu, parent: QWidget, switch: Callable[[str], None]
) -> dict[str, QAction]:
    """View → Language: one checkable action per language, ``switch`` called with its code."""
    menu = view.addMenu(_("&Language"))
    menu.menuAction().setObjectName(f"action_{LANGUAGES}")  # the guide's name for it
    group = QActionGroup(menu)
    actions = {}
    for lang, name in LANGUAGE_NAMES.items():
        action = QAction(name, parent)
        action.triggered.connect(lambda _c=False, lg=lang: switch(lg))
        action.setObjectName(f"action_lang_{lang}")
        action.setCheckable(True)
        action.setChecked(lang == current_language())
        group.addAction(action)
        menu.addAction(action)
        actions[f"lang_{lang}"] = action
    return actions
