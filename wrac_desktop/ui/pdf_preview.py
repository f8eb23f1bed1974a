"""Preview a PDF report before saving it, and print it.

QtPdf renders pages with a transparent background; the view paints them on white, or
they would show the grey of the widget behind them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from wrac_desktop.i18n import _
from wrac_desktop.ui.screen_fit import resize_within_screen


def preview_file() -> Path:
    """A new temporary file for a preview's PDF (``PdfPreview`` removes it when done)."""
    handle, name = tempfile.mkstemp(prefix="wrac-preview-", suffix=".pdf")
    os.close(handle)
    return Path(name)


class PdfPreview(QDialog):
    """``pdf``: the PDF's bytes, or a file of it (``preview_file``), read as pages are shown
    and removed when the preview closes: a 100,000-hazard register's PDF is 110 MB."""

    def __init__(self, pdf: bytes | Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        resize_within_screen(self, 1000, 760)  # 760 was taller than a 1,280 × 720 screen
        self.document = QPdfDocument(self)
        self._file: Path | None = None
        if isinstance(pdf, Path):
            self._file = pdf
            self.document.load(str(pdf))
            self.finished.connect(self.discard)
        else:
            self._bytes = QByteArray(pdf)
            self._buffer = QBuffer(self._bytes, self)
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, QColor("#808080"))
        self.view.setPalette(palette)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(_("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self._on_print_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)

    def discard(self) -> None:
        """Close the document and remove its file (closed, the preview shows nothing)."""
        if self._file is not None:
            self.document.close()
            self._file.unlink(missing_ok=True)
            self._file = None

    def page_image(self, page: int, width: int = 800) -> QImage:
        """A page rendered on white, as shown and printed."""
        size = self.document.pagePointSize(page)
        height = int(width * size.height() / size.width())
        rendered = self.document.render(page, QSize(width, height))
        image = QImage(rendered.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.drawImage(QPointF(0, 0), rendered)
        painter.end()
        return image

    def _on_print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            print_pages(self, printer)


def print_pages(preview: PdfPreview, printer: QPrinter) -> None:
    """Print every page, each scaled to the printable area."""
    painter = QPainter(printer)
    try:
        area = painter.viewport()
        for page in range(preview.document.pageCount()):
            if page:
                printer.newPage()
            image = preview.page_image(page, width=max(area.width(), 800))
            scaled = image.scaled(area.size(), aspectMode=Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(0, 0, scaled)
    finally:
        painter.end()
