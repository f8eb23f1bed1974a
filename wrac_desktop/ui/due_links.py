"""Where a row of the Due view opens: a measure selected in the action plan, a flagged hazard
on its row of the register (the hazard panel showing it), a review in the revision where it is
done. The tree moves to the row's workplace first, so every view shows the same place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from wrac_desktop.i18n import _
from wrac_desktop.services import reminders
from wrac_desktop.services.reminders import Place
from wrac_desktop.ui.action_plan import ActionPlanView
from wrac_desktop.ui.approval_ui import ApprovalController
from wrac_desktop.ui.due_view import DueView
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.register_view import RegisterView
from wrac_desktop.ui.tree_panel import TreePanel


class DueLinks:
    """Follows the Due view's requests; handed the views it moves between, not the window."""

    def __init__(
        self,
        due: DueView,
        operations: Operations,
        tabs: QTabWidget,
        tree: TreePanel,
        views: tuple[RegisterView, ActionPlanView],
        approval: ApprovalController,
        tell: Callable[[str], None],
    ) -> None:
        self.operations, self.tabs, self.tree = operations, tabs, tree
        self.register_view, self.action_plan = views
        self.approval, self.tell = approval, tell
        due.measure_requested.connect(self.show_measure)
        due.hazard_requested.connect(self.show_hazard)
        due.review_requested.connect(self.start_review)

    def show_measure(self, measure_id: int) -> None:
        place = self.operations.read(lambda w: reminders.place_of_measure(w, measure_id))
        if place is None:
            return
        self._go_to(place, self.action_plan)
        if not self.action_plan.show_measure(measure_id):  # not in the tree's scope after all
            self.action_plan.set_scope(None, None)
            self.action_plan.show_measure(measure_id)

    def show_hazard(self, hazard_id: int) -> None:
        place = self.operations.read(lambda w: reminders.place_of_hazard(w, hazard_id))
        if place is None:
            return
        view = self.register_view
        self._go_to(place, view)
        if view.model.row_of(hazard_id) is None:  # a search or class filter hides it
            for chip in view.active_filters():
                chip.remove()
            view.apply_filter()
        view.select_hazard(hazard_id)
        row = view.model.row_of(hazard_id)
        if row is not None:
            view.table.scrollTo(view.model.index(row, 0))
            view.table.setFocus()

    def _go_to(self, place: Place, view: QWidget) -> None:
        self.tree.select_node(("workplace", place.workplace_id))
        self.tabs.setCurrentWidget(view)

    def start_review(self) -> None:
        """A review is done in a new revision of the approved one, approved with the next
        review date: offered here; with a draft already open, that draft is shown."""
        if self.approval.can("new_revision"):
            answer = QMessageBox.question(
                self.tabs,
                _("Review the assessment"),
                _(
                    "A review is done in a new revision: it starts as a copy of the approved "
                    "one, is edited, then approved with the next review date. Start it now?"
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.approval.new_revision()
        elif self.operations.editable:
            self.tabs.setCurrentWidget(self.register_view)
            self.tell(_("Review the draft revision, then approve it with the next review date."))
        else:
            self.tell(_("This register is open read-only: a review cannot be started here."))
