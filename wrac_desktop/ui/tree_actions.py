"""What the officer does to the organisation tree and its hazards; each is one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _, current_language
from wrac_desktop.persistence.models import Hazard, OrgUnit, Workplace
from wrac_desktop.services import assessments, editing, hazards, library, organisation
from wrac_desktop.ui.library_picker import LibraryPicker
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.tree_panel import Node, TreePanel
from wrac_desktop.vocabulary import UnitKind


class TreeActions:
    def __init__(self, parent: QWidget, operations: Operations, tree: TreePanel) -> None:
        self.parent, self.operations, self.tree = parent, operations, tree
        self.clipboard: tuple[str, int] | None = None  # ("copy" | "cut", workplace id)

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.parent, title, label, text=text)
        return value.strip() if ok and value.strip() else None

    def _unit_id(self) -> int | None:
        """The unit new things go into: the selected unit, or the selected workplace's."""
        node = self.tree.current_node()
        if node is None or node[0] == "organisation":
            return None
        if node[0] == "workplace":
            return self.operations.read(lambda s: s.get_one(Workplace, node[1]).unit_id)
        return node[1]

    def add_site(self) -> None:
        name = self._ask(_("Add site"), _("Name of the site:"))
        if name is None:
            return

        def add(session: Session) -> Node:
            org = organisation.the_organisation(session)
            if org is None:
                raise UserError(_("the register has no organisation yet"))
            return ("site", organisation.add_unit(session, org, name).id)

        self._select(self.operations.run(_("Add site"), add))

    def add_division(self) -> None:
        parent_id = self._unit_id()
        name = self._ask(_("Add division"), _("Name of the division:")) if parent_id else None
        if parent_id is None or name is None:
            return

        def add(session: Session) -> Node:
            parent = session.get_one(OrgUnit, parent_id)
            unit = organisation.add_unit(
                session, parent.organisation, name, parent=parent, kind=UnitKind.DIVISION
            )
            return ("division", unit.id)

        self._select(self.operations.run(_("Add division"), add))

    def add_workplace(self) -> None:
        unit_id = self._unit_id()
        if unit_id is None:
            self.operations.report(UserError(_("select a site or division first")))
            return
        name = self._ask(_("Add workplace"), _("Workplace (job and place):"))
        if name is not None:
            self._select(
                self.operations.run(
                    _("Add workplace"),
                    lambda s: (
                        "workplace",
                        organisation.add_workplace(s, s.get_one(OrgUnit, unit_id), name).id,
                    ),
                )
            )

    def rename(self) -> None:
        node = self.tree.current_node()
        if node is None or node[0] == "organisation":
            return
        table = "workplace" if node[0] == "workplace" else "org_unit"
        record = self.operations.read(lambda s: editing.unit_or_workplace(s, table, node[1]))
        current, version = record.name, record.row_version
        name = self._ask(_("Rename"), _("New name:"), current)
        if name is not None and name != current:
            self.operations.run_versioned(
                _("Rename"),
                lambda s, seen: editing.set_fields(
                    s, table, node[1], expected_version=seen, name=name
                ),
                version,
                {"name": _("Name")},
            )

    def delete(self) -> None:
        node = self.tree.current_node()
        if node is None or node[0] == "organisation":
            return
        answer = QMessageBox.question(
            self.parent,
            _("Delete"),
            _("Delete the selected item with everything under it? You can undo this."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            table = "workplace" if node[0] == "workplace" else "org_unit"
            self.operations.run(
                _("Delete"),
                lambda s: editing.delete_subtree(s, editing.get_record(s, table, node[1])),
            )

    def copy(self, cut: bool = False) -> None:
        node = self.tree.current_node()
        if node is not None and node[0] == "workplace":
            self.clipboard = ("cut" if cut else "copy", node[1])

    def paste(self) -> None:
        unit_id = self._unit_id()
        if self.clipboard is None or unit_id is None:
            return
        mode, workplace_id = self.clipboard

        def paste(session: Session) -> Node:
            workplace = session.get_one(Workplace, workplace_id)
            unit = session.get_one(OrgUnit, unit_id)
            if mode == "cut":
                editing.move_workplace(session, workplace, unit)
                return ("workplace", workplace.id)
            return ("workplace", editing.duplicate_workplace(session, workplace, unit).id)

        self._select(self.operations.run(_("Paste workplace"), paste))
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
                lambda s: (
                    "workplace",
                    editing.duplicate_workplace(s, s.get_one(Workplace, node[1]), suffix=suffix).id,
                ),
            )
        )

    def add_hazard(self, workplace_id: int | None) -> int | None:
        """Pick from the library (or write a custom hazard) and add it to a workplace."""
        if workplace_id is None:
            self.operations.report(UserError(_("select a workplace first")))
            return None
        register_library = self.operations.read(library.register_library)
        picker = LibraryPicker(self.parent, register_library)
        if not picker.exec():
            return None
        entry, text = picker.chosen(), picker.custom_text()

        def add(session: Session) -> int:
            assessment = assessments.current_assessment(session)
            if assessment is None:
                raise UserError(_("the register has no assessment yet"))
            workplace = session.get_one(Workplace, workplace_id)
            if entry is None:
                return hazards.add_hazard(session, assessment, workplace, text).id
            return hazards.add_from_library(
                session, assessment, workplace, entry, current_language()
            ).id

        return self.operations.run(_("Add hazard"), add)  # type: ignore[no-any-return]

    def delete_hazard(self, hazard_id: int | None) -> None:
        if hazard_id is not None:
            self.operations.run(
                _("Delete hazard"),
                lambda s: editing.delete_subtree(s, s.get_one(Hazard, hazard_id)),
            )

    def _select(self, node: Node | None) -> None:
        if node is not None:  # Operations.run has refreshed the tree through `changed`
            self.tree.select_node(node)
