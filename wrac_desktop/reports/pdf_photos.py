"""The register's appendix of photos (``--with-photos``): after the register, per hazard (by
its number in the register), its photos and those of its measures' progress, two in a row,
each with its file name, what it belongs to and the day it was attached."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wrac_desktop.reports.data import Photo, ReportData
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.pdf_base import escape, styles

GAP = 4 * mm
MAX_PHOTO_HEIGHT = 80 * mm


def photo_appendix(data: ReportData, doc: BaseDocTemplate) -> list[Flowable]:
    if not data.photos:
        return []
    st = styles()
    story: list[Flowable] = [PageBreak(), Paragraph(escape(label("photo_appendix", data.lang)),
                                                     st["title"])]  # fmt: skip
    cell = (float(doc.width) - GAP) / 2
    for group in data.photos:
        heading = Paragraph(
            escape(f"{group.number}. {group.workplace}: {group.hazard}"), st["bold"]
        )
        cells: list[list[Any]] = [
            [_photo(photo, cell, st["small"]) for photo in group.photos[i : i + 2]]
            for i in range(0, len(group.photos), 2)
        ]
        if len(cells[-1]) == 1:
            cells[-1].append("")
        grid = Table(cells, colWidths=[cell, cell], hAlign="LEFT")
        grid.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), GAP / 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), GAP),
        ]))  # fmt: skip
        story += [Spacer(1, 3 * mm), KeepTogether([heading, Spacer(1, 2 * mm), grid])]
    return story


def _photo(photo: Photo, width: float, style: object) -> list[Flowable]:
    image = Image(io.BytesIO(photo.data))
    scale = min(width / image.imageWidth, MAX_PHOTO_HEIGHT / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    image.hAlign = "LEFT"
    return [image, Paragraph(escape(photo.caption), style)]  # type: ignore[arg-type]
