"""Issue 22 item 4: an edit changes the counts of the tree nodes it touched; the tree is built
again only when its nodes or their names may have changed (0.54 s at 100,000 hazards)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.unit.ui.conftest import Answers
from wrac_desktop.i18n import current_language
from wrac_desktop.services import hazard_panel, structure
from wrac_desktop.services.structure import TreeNode
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.tree_model import NODE_ROLE


@pytest.fixture
def rebuilt(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the tree was built from the register since the test began."""
    model, calls = window.tree.tree_model, []
    build = model.set_roots

    def counted(roots: list[TreeNode]) -> None:
        calls.append(len(roots))
        build(roots)

    monkeypatch.setattr(model, "set_roots", counted)
    return calls


def shown(window: MainWindow) -> dict[tuple[str, int], str]:
    """Every node of the tree as it reads, "name  (count)"."""
    model, found = window.tree.tree_model, {}
    for key in model.keys():  # noqa: SIM118 - a model, not a dict
        index = model.index_for_key(key)
        found[index.data(NODE_ROLE)] = index.data()
    return found


def built(window: MainWindow) -> dict[tuple[str, int], str]:
    """The tree as a build from the register now would show it."""
    roots = window.operations.read(lambda w: structure.tree(w, current_language())) or []
    return {(n.kind, n.id): f"{n.name}  ({n.hazard_count})" for n in _walk(roots)}


def select_first_hazard(window: MainWindow) -> int:
    view = window.register_view
    view.table.selectRow(0)
    hazard_id = view.selected_hazard_id()
    assert hazard_id is not None
    return hazard_id


def _walk(nodes: list[TreeNode]) -> Iterator[TreeNode]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def test_deleting_and_undoing_a_hazard_recounts_its_nodes_without_a_rebuild(
    window: MainWindow, rebuilt: list[int]
) -> None:
    hazard_id = select_first_hazard(window)
    workplace = window.operations.read(lambda w: structure.workplace_of_hazard(w, hazard_id))
    before = shown(window)
    window.action_map["delete_hazard"].trigger()  # Edit → Delete hazard
    after = shown(window)
    assert rebuilt == [] and after == built(window)
    changed = {node for node in before if before[node] != after[node]}
    assert ("workplace", workplace) in changed and ("organisation", 1) in changed
    window.operations.undo_stack.undo()  # the hazard back, by its change set
    assert rebuilt == [] and shown(window) == before


def test_editing_a_hazards_text_leaves_the_tree_as_it_is(
    window: MainWindow, rebuilt: list[int]
) -> None:
    hazard_id = select_first_hazard(window)
    before = shown(window)
    window.operations.run(
        "Edit", lambda w: hazard_panel.edit_hazard(w, hazard_id, {"notes": "тексерілді"}, None)
    )
    assert rebuilt == [] and shown(window) == before


def test_renaming_a_workplace_builds_the_tree_again(
    window: MainWindow, rebuilt: list[int], answers: Answers
) -> None:
    window.tree.select_node(("workplace", 1))
    answers.texts.append("Жаңа атау")
    window.action_map["rename"].trigger()
    assert rebuilt and shown(window) == built(window)
    named = window.operations.read(lambda w: structure.name_of(w, ("workplace", 1)))
    assert named is not None and named[0] == "Жаңа атау"
