"""Tab in the order a form reads (issue 19, keyboard)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget


def tab_through_buttons(box: QDialogButtonBox) -> None:
    """Tab through ``box``'s buttons left to right, as its layout placed them: Qt tabs in the
    order they were made, and a button added to the standard ones (Preview…, Import) made
    Tab go from Cancel back to OK. Call it once the buttons are all added."""
    layout = box.layout()
    assert layout is not None  # a button box lays out its buttons itself
    buttons: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QAbstractButton):
            buttons.append(widget)
    for before, after in zip(buttons, buttons[1:], strict=False):
        QWidget.setTabOrder(before, after)
