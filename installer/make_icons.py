"""Render resources/icons/wrac-desktop.svg into the PNG and the Windows .ico beside it.

Run ``python installer/make_icons.py`` after editing the SVG and commit the results: the
build reads the committed files, so it needs neither this script nor a display.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "wrac-desktop.svg"
ICO_SIZES = [(size, size) for size in (16, 24, 32, 48, 64, 128, 256)]


def render_png(size: int) -> bytes:
    """The SVG drawn by Qt at ``size``×``size`` pixels, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def main() -> None:
    (ICONS / "wrac-desktop.png").write_bytes(render_png(256))
    big = Image.open(io.BytesIO(render_png(256)))
    big.save(ICONS / "wrac-desktop.ico", format="ICO", sizes=ICO_SIZES)
    print(f"wrote {ICONS / 'wrac-desktop.png'} and {ICONS / 'wrac-desktop.ico'}")


if __name__ == "__main__":
    main()
