"""The hazard panel's text fields: they wrap and grow to their text (issue 19: at 1,366 pixels
a one-line field showed «Бұзылған жолда немесе тиегіш шұңқырға түскенде» without its end, and
the Causes box three lines of a longer text behind a scroll bar).

A field is as high as its text wrapped in its width, from ``least`` lines to ``most`` (past
that it scrolls). A one-line field (a hazard's name, its event) keeps one paragraph: Enter
saves it, as in a line edit, and a pasted line break becomes a space. Leaving a field saves it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2029": " ", "\u2028": " "})


class GrowingTextEdit(QPlainTextEdit):
    """A text field as high as its wrapped text; ``committed`` when the user leaves it (or,
    ``one_line``, presses Enter)."""

    committed = Signal()

    def __init__(
        self, least: int, most: int, one_line: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.least, self.most, self.one_line = least, most, one_line
        self.setTabChangesFocus(True)  # Tab goes on to the next field, as in a form
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.textChanged.connect(self.fit_height)
        self.fit_height()

    def lines_needed(self) -> int:
        """The lines the text takes wrapped in the field's width, as the field lays it out."""
        return self._laid_out()[0]

    def _laid_out(self) -> tuple[int, float]:
        """The text's lines wrapped in the field's width and the height of one, as the field's
        own layout has them (its font's line is 16 pixels where QFontMetrics says 15)."""
        width = self.viewport().width() - 2 * self.document().documentMargin()
        option = QTextOption()
        option.setWrapMode(self.wordWrapMode())
        count, height = 0, 0.0
        for paragraph in self.toPlainText().split("\n"):
            layout = QTextLayout(paragraph, self.font())
            layout.setTextOption(option)
            layout.beginLayout()
            while (line := layout.createLine()).isValid():
                line.setLineWidth(max(1.0, width))
                count, height = count + 1, max(height, line.height() + max(0.0, line.leading()))
            layout.endLayout()
        return max(count, 1), height or self.fontMetrics().lineSpacing()

    def fit_height(self) -> None:
        needed, line = self._laid_out()
        lines = min(max(needed, self.least), self.most)
        margins = self.contentsMargins()
        # The text's block is laid out below the document's top margin, and QPlainTextEdit
        # shows its scroll bar unless the viewport holds one margin and a pixel more below it
        # (QPlainTextEditPrivate::adjustScrollbars): two lines in two lines' room scrolled.
        room = math.ceil(lines * line) + 2 * self.document().documentMargin() + 1
        self.setFixedHeight(int(room) + margins.top() + margins.bottom())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # wrapped anew
            self.fit_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.one_line and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.committed.emit()  # saved, as a line edit's Enter does; no line break
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        if self.one_line and source.hasText():
            self.insertPlainText(source.text().translate(BREAKS))
            return
        super().insertFromMimeData(source)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.committed.emit()
