"""Actions declared as a table (as qutebrowser registers its commands): each feature's
controller lists what it offers, with words, shortcut and when it may be used; the main
window only places the actions in its menus by key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


class Needs(Enum):
    """When an action can be used."""

    NOTHING = "nothing"  # always
    REGISTER = "register"  # a register is open
    EDITABLE = "editable"  # the register and its current revision can be changed


@dataclass(frozen=True)
class ActionSpec:
    key: str  # how menus, tests and the guide name it
    text: Callable[[], str]  # the words, looked up when the menus are (re)built
    handler: Callable[[Any], object]  # the controller's method, handed the controller
    shortcut: QKeySequence.StandardKey | str | None = None
    needs: Needs = Needs.NOTHING


@dataclass(frozen=True)
class RegisterState:
    """What the enabled state of actions depends on."""

    has_register: bool
    editable: bool

    def allows(self, needs: Needs) -> bool:
        if needs is Needs.REGISTER:
            return self.has_register
        if needs is Needs.EDITABLE:
            return self.editable
        return True


def build_action(parent: QObject, spec: ActionSpec, owner: object) -> QAction:
    action = QAction(spec.text(), parent)
    if spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
    action.setObjectName(f"action_{spec.key}")
    action.triggered.connect(lambda _checked=False: spec.handler(owner))
    return action


class Controller:
    """A feature's actions and what they do; handed its collaborators, never the window."""

    ACTIONS: ClassVar[Sequence[ActionSpec]] = ()

    def __init__(self) -> None:
        self.actions: dict[str, QAction] = {}

    def build_actions(self, parent: QObject) -> dict[str, QAction]:
        """The actions in the current language (called again after a language switch)."""
        self.actions = {spec.key: build_action(parent, spec, self) for spec in self.ACTIONS}
        return self.actions

    def apply_state(self, state: RegisterState) -> None:
        """Enable each action as its table entry says; ``can`` may refuse more."""
        for spec in self.ACTIONS:
            self.actions[spec.key].setEnabled(state.allows(spec.needs) and self.can(spec.key))

    def can(self, _key: str) -> bool:
        """A feature's own condition for an action beyond its ``needs``."""
        return True
