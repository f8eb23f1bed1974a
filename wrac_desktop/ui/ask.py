"""Short questions (a name, a choice from a list) in dialogs wide enough for their answers.

QInputDialog's static getText gave a field of about 175 pixels: a Kazakh site or workplace
name ("Жерасты электр слесары, № 2 бригада") did not fit while it was typed (issue 19, 6).
Tests replace ``text`` and ``item`` to answer as a user would.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QWidget

FIELD_WIDTH = 460  # a long Kazakh name; fits a 1,280-pixel screen with room to spare


def text(
    parent: QWidget | None,
    title: str,
    label: str,
    text: str = "",
    echo: QLineEdit.EchoMode = QLineEdit.EchoMode.Normal,
) -> tuple[str, bool]:
    """What was typed, and whether OK was pressed."""
    dialog = _dialog(parent, title, label)
    dialog.setTextEchoMode(echo)
    dialog.setTextValue(text)
    _widen(dialog, QLineEdit)
    accepted = bool(dialog.exec())
    value = dialog.textValue()
    dialog.deleteLater()
    return value, accepted


def item(
    parent: QWidget | None, title: str, label: str, items: list[str], current: int = 0
) -> tuple[str, bool]:
    """The entry chosen from ``items``, and whether OK was pressed."""
    dialog = _dialog(parent, title, label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    if 0 <= current < len(items):
        dialog.setTextValue(items[current])
    _widen(dialog, QComboBox)
    accepted = bool(dialog.exec())
    value = dialog.textValue()
    dialog.deleteLater()
    return value, accepted


def _dialog(parent: QWidget | None, title: str, label: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    return dialog


def _widen(dialog: QInputDialog, field: type[QWidget]) -> None:
    # Qt workaround: QInputDialog's layout fixes the dialog's size to the layout's
    # (SetMinAndMaxSize), so the dialog's own minimum width is lost; the field's is kept.
    for widget in dialog.findChildren(field):
        widget.setMinimumWidth(FIELD_WIDTH)
