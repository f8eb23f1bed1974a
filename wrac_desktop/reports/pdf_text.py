"""PDF text operators for grid cells, encoded once per (font, size, lines) in each document.

ReportLab re-encodes every line it draws into the embedded font's subsets (about 3.9 s of a
10,000-hazard register, mostly on texts that recur in thousands of rows). A subset code, once
given to a character in a document, never changes, so a cell's encoded operators can be kept
and reused for the rest of that document. The operators are the ones ReportLab's own text
objects write: a font switch (Tf) where the subset changes, then "(bytes) Tj T*" per line.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics

Lines = tuple[str, ...]


class CellText:
    """The encoded text of cells for one PDF document (one canvas)."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._cells: dict[tuple[str, float, Lines], str] = {}
        self._switches: dict[tuple[str, float, int], str] = {}

    def operators(self, font_name: str, size: float, lines: Lines) -> str:
        """ "Tf (…) Tj T* …" for the lines of one cell, starting with a font switch."""
        key = (font_name, size, lines)
        encoded = self._cells.get(key)
        if encoded is None:
            encoded = self._cells[key] = self._encode(font_name, size, lines)
        return encoded

    def _encode(self, font_name: str, size: float, lines: Lines) -> str:
        font = pdfmetrics.getFont(font_name)
        parts: list[str] = []
        current = -1
        for line in lines:
            for subset, chunk in font.splitString(line, self._doc):
                if subset != current:
                    parts.append(self._switch(font, font_name, size, subset))
                    current = subset
                parts.append(f"({escapePDF(chunk)}) Tj")
            parts.append("T*")
        return " ".join(parts)

    def _switch(self, font: Any, font_name: str, size: float, subset: int) -> str:
        key = (font_name, size, subset)
        if key not in self._switches:
            name = font.getSubsetInternalName(subset, self._doc)
            self._switches[key] = f"{name} {fp_str(size)} Tf"
        return self._switches[key]


def cell_text(canvas: Any) -> CellText:
    """The cache of the canvas' document, made on first use."""
    cache = getattr(canvas, "_wrac_cell_text", None)
    if cache is None or cache._doc is not canvas._doc:
        cache = CellText(canvas._doc)
        canvas._wrac_cell_text = cache
    return cache
