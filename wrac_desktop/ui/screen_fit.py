"""Window sizes that fit the screen: safety engineers work on 1,366 × 768 laptops.

A dialog opened at a fixed 1,100 × 700 did not fit there once the task bar and its own title
bar were counted; sizes asked for are bounded by the screen the window opens on.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFormLayout, QWidget

FRAME = QSize(16, 40)  # the title bar and borders a window manager adds around a window
# Between a form's labels and its fields: the style's 6 pixels set the longest Kazakh label
# ("Қолданыстағы немесе қосымша") against its field's edge.
FORM_GAP = 14


def bounded_size(wanted: QSize, available: QSize) -> QSize:
    """``wanted``, or less: what fits in ``available`` (a screen less its task bar), framed."""
    return wanted.boundedTo(available - FRAME)


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize a window to ``width`` × ``height``, or as much of it as its screen holds."""
    widget.resize(bounded_size(QSize(width, height), widget.screen().availableSize()))


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A form whose labels stand clear of their fields."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setHorizontalSpacing(FORM_GAP)
    return form
