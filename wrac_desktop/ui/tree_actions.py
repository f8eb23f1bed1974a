"""What the officer does to the organisation tree and its hazards; each is one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _, current_language
from wrac_desktop.services import structure
from wrac_desktop.ui import ask
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.library_picker import LibraryPicker
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.translations_dialog import TranslationsDialog
from wrac_desktop.ui.tree_panel import Node, TreePanel


class TreeActions(Controller):
    """The Edit menu: the organisation tree and the hazards of its workplaces."""

    def __init__(
        self,
        parent: QWidget,
        operations: Operations,
        tree: TreePanel,
        selected_hazard: Callable[[], int | None] = lambda: None,
        show_hazard: Callable[[int], None] = lambda _id: None,
    ) -> None:
        """``selected_hazard``: the hazard selected in the register; ``show_hazard``: select
        and show a hazard just added."""
        super().__init__()
        self.parent, self.operations, self.tree = parent, operations, tree
        self._selected_hazard, self._show_hazard = selected_hazard, show_hazard
        self.clipboard: tuple[str, int] | None = None  # ("copy" | "cut", workplace id)

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = ask.text(self.parent, title, label, text=text)
        return value.strip() if ok and value.strip() else None

    def _unit_id(self) -> int | None:
        """The unit new things go into: the selected unit, or the selected workplace's."""
        node = self.tree.current_node()
        return self.operations.read(lambda w: structure.unit_of(w, node))

    def _named_node(self) -> Node | None:
        """The selected site, division or workplace (the organisation has no name to edit)."""
        node = self.tree.current_node()
        return None if node is None or node[0] == "organisation" else node

    def add_site(self) -> None:
        name = self._ask(_("Add site"), _("Name of the site:"))
        if name is not None:
            self._select(self.operations.run(_("Add site"), lambda w: structure.add_site(w, name)))

    def add_division(self) -> None:
        parent_id = self._unit_id()
        name = self._ask(_("Add division"), _("Name of the division:")) if parent_id else None
        if parent_id is None or name is None:
            return
        self._select(
            self.operations.run(
                _("Add division"), lambda w: structure.add_division(w, parent_id, name)
            )
        )

    def add_workplace(self) -> None:
        unit_id = self._unit_id()
        if unit_id is None:
            self.operations.report(UserError(_("select a site or division first")))
            return
        name = self._ask(_("Add workplace"), _("Workplace (job and place):"))
        if name is not None:
            self._select(
                self.operations.run(
                    _("Add workplace"), lambda w: structure.add_workplace(w, unit_id, name)
                )
            )

    def rename(self) -> None:
        node = self._named_node()
        named = self.operations.read(lambda w: structure.name_of(w, node)) if node else None
        if node is None or named is None:
            return
        current, version = named
        name = self._ask(_("Rename"), _("New name:"), current)
        if name is not None and name != current:
            self.operations.run_versioned(
                _("Rename"),
                lambda w, seen: structure.rename(w, node, name, seen),
                version,
                {"name": _("Name")},
            )

    def languages(self) -> None:
        """The selected node's name (the organisation's printed details) in kk, ru and en."""
        node = self.tree.current_node()
        if node is not None:
            table = {"organisation": "organisation", "workplace": "workplace"}.get(
                node[0], "org_unit"
            )
            TranslationsDialog(self.operations, table, node[1], self.parent).exec()

    def delete(self) -> None:
        node = self._named_node()
        if node is None:
            return
        answer = QMessageBox.question(
            self.parent,
            _("Delete"),
            _("Delete the selected item with everything under it? You can undo this."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.operations.run(_("Delete"), lambda w: structure.delete(w, node))

    def copy(self, cut: bool = False) -> None:
        node = self.tree.current_node()
        if node is not None and node[0] == "workplace":
            self.clipboard = ("cut" if cut else "copy", node[1])

    def paste(self) -> None:
        unit_id = self._unit_id()
        if self.clipboard is None or unit_id is None:
            return
        mode, workplace_id = self.clipboard
        self._select(
            self.operations.run(
                _("Paste workplace"),
                lambda w: structure.paste_workplace(w, workplace_id, unit_id, move=mode == "cut"),
            )
        )
        if mode == "cut":
            self.clipboard = None

    def duplicate(self) -> None:
        node = self.tree.current_node()
        if node is None or node[0] != "workplace":
            return
        suffix = " " + _("(copy)")
        self._select(
            self.operations.run(
                _("Duplicate workplace"),
                lambda w: structure.duplicate_workplace(w, node[1], suffix),
            )
        )

    def cut(self) -> None:
        self.copy(cut=True)

    def add_hazard_here(self) -> None:
        """Add a hazard to the selected workplace (or the selected hazard's) and show it."""
        hazard_id = self.add_hazard(self._workplace_in_view())
        if hazard_id is not None:
            self._show_hazard(hazard_id)

    def delete_selected_hazard(self) -> None:
        self.delete_hazard(self._selected_hazard())

    def _workplace_in_view(self) -> int | None:
        node = self.tree.current_node()
        if node is not None and node[0] == "workplace":
            return node[1]
        hazard_id = self._selected_hazard()
        if hazard_id is None:
            return None
        return self.operations.read(lambda w: structure.workplace_of_hazard(w, hazard_id))

    def add_hazard(self, workplace_id: int | None) -> int | None:
        """Pick from the library (or write a custom hazard) and add it to a workplace."""
        if workplace_id is None:
            self.operations.report(UserError(_("select a workplace first")))
            return None
        register_library = self.operations.read(structure.hazard_library)
        if register_library is None:
            return None
        picker = LibraryPicker(self.parent, register_library)
        if not picker.exec():
            return None
        entry, text, lang = picker.chosen(), picker.custom_text(), current_language()
        return self.operations.run(  # type: ignore[no-any-return]
            _("Add hazard"), lambda w: structure.add_hazard(w, workplace_id, entry, text, lang)
        )

    def delete_hazard(self, hazard_id: int | None) -> None:
        if hazard_id is not None:
            self.operations.run(_("Delete hazard"), lambda w: structure.delete_hazard(w, hazard_id))

    def _select(self, node: Node | None) -> None:
        if node is not None:  # Operations.run has refreshed the tree through `changed`
            self.tree.select_node(node)


_KEYS = QKeySequence.StandardKey
TreeActions.ACTIONS = (
    ActionSpec("add_site", lambda: _("Add &site…"), TreeActions.add_site, "Ctrl+Shift+N",
               Needs.EDITABLE),
    ActionSpec("add_division", lambda: _("Add d&ivision…"), TreeActions.add_division,
               "Ctrl+Shift+D", Needs.EDITABLE),
    ActionSpec("add_workplace", lambda: _("Add &workplace…"), TreeActions.add_workplace,
               "Ctrl+Shift+W", Needs.EDITABLE),
    ActionSpec("add_hazard", lambda: _("Add &hazard…"), TreeActions.add_hazard_here,
               "Ctrl+Shift+H", Needs.EDITABLE),
    ActionSpec("rename", lambda: _("&Rename…"), TreeActions.rename, "F2", Needs.EDITABLE),
    ActionSpec("name_languages", lambda: _("Name in other &languages…"), TreeActions.languages,
               "Shift+F2", Needs.EDITABLE),
    ActionSpec("cut", lambda: _("Cu&t workplace"), TreeActions.cut, _KEYS.Cut, Needs.EDITABLE),
    ActionSpec("copy", lambda: _("&Copy workplace"), TreeActions.copy, _KEYS.Copy),
    ActionSpec("paste", lambda: _("&Paste workplace"), TreeActions.paste, _KEYS.Paste,
               Needs.EDITABLE),
    ActionSpec("duplicate", lambda: _("D&uplicate workplace"), TreeActions.duplicate, "Ctrl+D",
               Needs.EDITABLE),
    ActionSpec("delete", lambda: _("&Delete…"), TreeActions.delete, _KEYS.Delete,
               Needs.EDITABLE),
    ActionSpec("delete_hazard", lambda: _("Delete ha&zard"), TreeActions.delete_selected_hazard,
               "Ctrl+Shift+Del", Needs.EDITABLE),
)  # fmt: skip
