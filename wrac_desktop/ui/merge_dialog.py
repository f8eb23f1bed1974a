"""File → Merge register…: what another copy would bring, its conflicts, and the user's choice.

The dialog shows the preview (added, updated, deleted) and one row per conflicting record
with both values; the user keeps this register's value or takes the other one, record by
record or for all at once. The merge itself then runs in one transaction.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.domain.field_titles import field_title
from wrac_desktop.i18n import _
from wrac_desktop.paths import user_data_dir
from wrac_desktop.register import Register
from wrac_desktop.services import merge
from wrac_desktop.services.merge_plan import Choice, Conflict, ConflictKind, shown
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.background import Cancelled, Progress
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.screen_fit import resize_within_screen

_CHOICE_COLUMN = 3
# Conflicts listed one by one, each with its choice; the rest follow one choice for them all.
# A row with its own combo box costs the UI thread about a millisecond: two copies that
# drifted apart on 100,000 hazards would have frozen the window building the dialog.
SHOWN_CONFLICTS = 200


class MergeDialog(QDialog):
    """The preview of a merge; ``choices()`` after ``exec()`` says how to settle each conflict."""

    def __init__(self, parent: QWidget | None, report: merge.MergeReport) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Merge register"))
        resize_within_screen(self, 980, 560)
        self.conflicts = report.plan.conflicts
        self.summary = QLabel(_summary_text(report))
        self.summary.setWordWrap(True)
        self.shown = self.conflicts[:SHOWN_CONFLICTS]
        self.table = self._conflict_table()
        self.combos: list[QComboBox] = []
        self.rest = _choice_box()  # for the conflicts beyond the ones listed
        self._fill_table()
        self._build_layout()

    def _conflict_table(self) -> QTableWidget:
        columns = [_("Record"), _("Here (this register)"), _("There (the other register)")]
        columns.append(_("Keep"))
        table = QTableWidget(len(self.shown), len(columns))
        table.setHorizontalHeaderLabels(columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # The choice, "менікі (мұнда)", was cut short in a default-width column.
        header.setSectionResizeMode(_CHOICE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        table.setColumnWidth(0, 260)
        return table

    def _fill_table(self) -> None:
        for row, conflict in enumerate(self.shown):
            here, there = _values(conflict)
            for column, text in enumerate((conflict.describe(), here, there)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            combo = _choice_box()
            self.table.setCellWidget(row, _CHOICE_COLUMN, combo)
            self.combos.append(combo)
        self.table.resizeRowsToContents()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if self.conflicts:
            layout.addWidget(
                QLabel(_("Both registers changed these records; choose which to keep:"))
            )
            layout.addWidget(self.table)
            if len(self.conflicts) > len(self.shown):
                layout.addLayout(self._rest_row())
            layout.addLayout(self._all_buttons())
        else:
            self.table.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _all_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.keep_all = QPushButton(_("Keep mine for all"))
        self.take_all = QPushButton(_("Take theirs for all"))
        self.keep_all.clicked.connect(lambda: self.choose_all(Choice.MINE))
        self.take_all.clicked.connect(lambda: self.choose_all(Choice.THEIRS))
        row.addWidget(self.keep_all)
        row.addWidget(self.take_all)
        row.addStretch(1)
        return row

    def _rest_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        hidden = len(self.conflicts) - len(self.shown)
        row.addWidget(QLabel(_("The other {count} conflicts:").format(count=hidden)))
        row.addWidget(self.rest)
        row.addStretch(1)
        return row

    def choose_all(self, choice: Choice) -> None:
        for combo in (*self.combos, self.rest):
            combo.setCurrentIndex(combo.findData(choice))

    def choices(self) -> dict[uuid.UUID, Choice]:
        listed = zip(self.shown, self.combos, strict=True)
        chosen = {conflict.uuid: Choice(combo.currentData()) for conflict, combo in listed}
        rest = Choice(self.rest.currentData())
        return chosen | {conflict.uuid: rest for conflict in self.conflicts[len(self.shown) :]}


def _choice_box() -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("mine (here)"), Choice.MINE)
    combo.addItem(_("theirs (there)"), Choice.THEIRS)
    return combo


def _summary_text(report: merge.MergeReport) -> str:
    lines = [_("From {path}:").format(path=report.plan.theirs.location)]
    lines += report.counts.lines(done=False)
    return "\n".join(lines)


def _values(conflict: Conflict) -> tuple[str, str]:
    """Both sides of a conflict as text, one field a line."""
    if conflict.kind is ConflictKind.DELETED_HERE:
        return _("deleted"), _("changed")
    if conflict.kind is ConflictKind.DELETED_THERE:
        return _("changed"), _("deleted")
    here = "\n".join(f"{field_title(diff.name)}: {shown(diff.mine)}" for diff in conflict.fields)
    there = "\n".join(f"{field_title(diff.name)}: {shown(diff.theirs)}" for diff in conflict.fields)
    return here, there


# the action -------------------------------------------------------------------------------
def ask_for_other_register(parent: QWidget) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Merge register"), str(user_data_dir()), _("WRAC registers (*.wrac)")
    )
    return path or None


def _tell(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, _("Merge register"), text)


class MergeController(Controller):
    """File → Merge register…: another copy's work brought into the open register.

    Reading both copies for the preview and writing the merge run off the UI thread with
    progress and Cancel (on large registers each took seconds with the window frozen; Cancel
    during the merge writes nothing); the officer decides the conflicts in between. The
    other copy stays open, read-only, until the end."""

    def __init__(self, parent: QWidget, operations: Operations) -> None:
        super().__init__()
        self.parent, self.operations = parent, operations
        self.last_report: merge.MergeReport | None = None  # what the last merge wrote

    def merge_other(self) -> None:
        location = ask_for_other_register(self.parent)
        if location is not None:
            self.merge_from(location)

    ACTIONS = (
        ActionSpec("merge", lambda: _("&Merge register…"), merge_other, None, Needs.EDITABLE),
    )

    def merge_from(self, location: str) -> None:
        """Preview, ask, merge; every failure reaches the user as a dialog. The other copy is
        opened in the background too: opening checks its soundness (0.3 s at 100,000
        hazards on the UI thread)."""
        target = self.operations.register
        if target is None:
            return
        opened: list[Register] = []  # the other copy, once open: closed whatever happens

        def read(progress: Progress) -> merge.MergeReport:
            opened.append(merge.open_location(location, for_writing=False))
            return merge.preview(target, opened[0], progress.step)

        def previewed(report: merge.MergeReport | None, error: BaseException | None) -> None:
            if error is not None or report is None:
                if opened:
                    opened[0].close()
                self._failed(error)
                return
            source = opened[0]
            if report.plan.is_empty:
                source.close()
                _tell(self.parent, _("{path} has nothing new for this register.").format(
                    path=source.location))  # fmt: skip
                return
            self._ask_and_merge(target, source, report)

        self.operations.start(_("Comparing the registers…"), read, previewed)

    def _ask_and_merge(self, target: Register, source: Register, report: merge.MergeReport) -> None:
        dialog = MergeDialog(self.parent, report)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            source.close()
            return
        choices = dialog.choices()

        def merged(done: merge.MergeReport | None, error: BaseException | None) -> None:
            source.close()
            if self._failed(error) or done is None:
                return
            self.last_report = done
            self.operations.undo_stack.clear()  # earlier edits may not undo cleanly over it
            self.operations.announce(done.changes)  # views follow what it changed
            lines = [_("Merged {path}.").format(path=source.location),
                     *done.counts.lines(done=True)]  # fmt: skip
            _tell(self.parent, "\n".join(lines))

        def run(progress: Progress) -> merge.MergeReport:
            # the preview's plan, not built again while neither register moved
            return merge.merge(target, source, choices, previewed=report, progress=progress.step)

        self.operations.start(_("Merging the registers…"), run, merged)

    def _failed(self, error: BaseException | None) -> bool:
        """Shows the error when there is one (Cancel is none)."""
        if error is None:
            return False
        if not isinstance(error, Cancelled):
            self.operations.report(error)
        return True
