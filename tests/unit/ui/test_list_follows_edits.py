"""Issue 22 item 2: after an edit, an undo or a merge the register's list is patched by what
changed, not read again (0.1 s of the UI thread at 100,000 hazards each time), and a merge
recounts the tree nodes it touched instead of building the tree again (0.4 s)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.unit.ui.test_merge_dialog import describe
from tests.unit.ui.test_tree_follows_edits import built, select_first_hazard, shown
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register
from wrac_desktop.services import hazard_list, structure
from wrac_desktop.services.hazard_list import HazardFilter
from wrac_desktop.services.register_search import RegisterSearch
from wrac_desktop.services.structure import TreeNode
from wrac_desktop.services.work import ChangeSet, Work
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.merge_dialog import MergeDialog


@pytest.fixture
def lists_read(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each read of the hazard list (its ids, in order) asked for since the test began."""
    calls: list[object] = []
    read = RegisterSearch.listed

    def counted(search: RegisterSearch, work: Work, wanted: HazardFilter, **order: Any) -> Any:
        calls.append(wanted)
        return read(search, work, wanted, **order)

    monkeypatch.setattr(RegisterSearch, "listed", counted)
    return calls


def listed(window: MainWindow) -> list[int]:
    return [
        window.register_view.model.hazard_id(row)
        for row in range(window.register_view.model.rowCount())
    ]  # type: ignore[misc]


def read_now(window: MainWindow) -> list[int]:
    ids = window.operations.read(lambda w: hazard_list.hazard_ids(
        w, HazardFilter(), sort="order", descending=False))  # fmt: skip
    return ids or []


def test_deleting_and_undoing_a_hazard_patches_the_list(
    window: MainWindow, lists_read: list[object]
) -> None:
    before = listed(window)
    hazard_id = select_first_hazard(window)
    window.action_map["delete_hazard"].trigger()  # Edit → Delete hazard
    assert hazard_id not in listed(window) and listed(window) == read_now(window)
    window.action_map["undo"].trigger()  # Edit → Undo: the hazard back where it stood
    assert listed(window) == before == read_now(window)
    assert lists_read == []
    description = window.register_view.model.index(0, window.register_view.model.column_of(
        "description"))  # fmt: skip
    assert description.data()  # the rows themselves read again, as the view shows them


def test_a_change_not_known_reads_the_list_again_and_an_approval_reads_nothing(
    window: MainWindow, lists_read: list[object]
) -> None:
    window.operations.announce(ChangeSet())  # no record changed (an approval)
    assert lists_read == []
    window.operations.changed.emit()  # not known: everything read again
    assert len(lists_read) == 1


def test_a_merge_patches_the_list_and_recounts_the_nodes_it_touched(
    demo_file: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    lists_read: list[object],
) -> None:  # fmt: skip
    field_file = tmp_path / "field.wrac"
    shutil.copy(demo_file, field_file)
    with open_register(field_file) as field:
        describe(field, 1, "Көміртек тотығы (далада)")
        with field.uow.transaction() as session:
            session.delete(session.get_one(Hazard, 3))
    window = MainWindow(open_register(demo_file))
    window.show()
    qtbot.addWidget(window)
    told: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(field_file), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    monkeypatch.setattr(MergeDialog, "exec", lambda _dialog: QDialog.DialogCode.Accepted.value)
    trees: list[object] = []
    tree = structure.tree
    monkeypatch.setattr(structure, "tree", lambda *args: trees.append(args) or tree(*args))
    roots = window.tree.tree_model.set_roots

    def set_roots(nodes: list[TreeNode]) -> None:
        trees.append(nodes)
        roots(nodes)

    monkeypatch.setattr(window.tree.tree_model, "set_roots", set_roots)
    before, lists_read[:] = shown(window), []
    window.action_map["merge"].trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert window.merges.last_report is not None and "1 × hazard" in told[-1]
    assert 3 not in listed(window) and listed(window) == read_now(window)
    assert lists_read == [] and trees == []  # neither read again nor built again
    after = shown(window)
    assert after == built(window) and after != before  # the workplace of hazard 3 recounted
    window.set_register(None)
