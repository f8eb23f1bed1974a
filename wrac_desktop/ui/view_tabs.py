"""The register's views as tabs: the overview (dashboard), the register, the heat map, the
plan, the assessment and its team, the deadlines."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QTabWidget, QWidget

from wrac_desktop.i18n import NC_, _, translated_in

LABELS = (
    NC_("tab", "Overview"), NC_("tab", "Register"), NC_("tab", "Matrix"), NC_("tab", "Plan"),
    NC_("tab", "Assessment"), NC_("tab", "Deadlines"),
)  # fmt: skip


def tab_names() -> list[str]:
    """Each tab's whole name: its tooltip and its entry in the View menu."""
    return [
        _("Dashboard"), _("Hazard register"), _("Risk matrix"), _("Action plan"),
        _("Team and assessment"), _("Deadlines"),
    ]  # fmt: skip


class ViewTabs(QTabWidget):
    def __init__(self, views: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for view in views:
            self.addTab(view, "")
        self.relabel()

    def relabel(self) -> None:
        """Tabs named in a word: the whole names needed scroll arrows at 1,366 pixels with
        the hazard panel open ("Топ және бағалау" was cut), and the word is unmistakable."""
        for index, (label, name) in enumerate(zip(LABELS, tab_names(), strict=True)):
            self.setTabText(index, translated_in(label))
            self.setTabToolTip(index, name)
