"""Cells of the fast grid (``pdf_grid``): texts wrapped once into lines, the grid's style, and
a row or a header made from a report's column definitions (``columns``)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate

from wrac_desktop.i18n import SECOND, both, pair_of
from wrac_desktop.reports.columns import Column, T, as_text, in_languages
from wrac_desktop.reports.pdf_base import FONT, FONT_BOLD
from wrac_desktop.reports.pdf_grid import GridRow, GridStyle

CELL_FONT_SIZE, CELL_LEADING = 7.0, 8.4
GRID_STYLE = GridStyle(FONT, FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING)
SITE_FILL, WORKPLACE_FILL = "#DCDCDC", "#F4F4F4"  # heading rows across the table


def fills(colours: dict[int, str | None]) -> dict[int, str]:
    return {column: colour for column, colour in colours.items() if colour}


# Wrapped texts kept, at most: those that recur (library texts, statuses, people, dates) stay;
# 50,000 of each held 28 MB of a 100,000-hazard register PDF's once its own texts filled them.
WRAPPED_KEPT = 10_000


@lru_cache(maxsize=WRAPPED_KEPT)  # the same tuple for the same text, so encoded cells are reused
def wrapped_lines(text: str, width: float, font: str = FONT) -> tuple[str, ...]:
    return tuple(wrapped(text, width, font).split("\n"))


@lru_cache(maxsize=WRAPPED_KEPT)  # library-derived texts recur in thousands of rows
def wrapped(text: str, width: float, font: str = FONT) -> str:
    """Text broken into lines that fit ``width``: plain strings in table cells are drawn far
    faster than Paragraphs (31.8 s with Paragraphs for a 10,000-hazard register)."""
    lines: list[str] = []
    for part in (text or "").split("\n"):
        # A line of a bilingual document's second language keeps its mark on every line it
        # is broken into: each is drawn lighter (``reportlab_adapter.CellText``).
        mark = SECOND if part.startswith(SECOND) else ""
        for line in simpleSplit(part.removeprefix(SECOND), font, CELL_FONT_SIZE, width - 5) or [""]:
            lines += [mark + piece for piece in _broken(line, font, width - 5)]
    return "\n".join(lines)


@lru_cache(maxsize=4096)
def split_text(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """``text`` in lines no wider than ``width`` at ``size`` (for text outside the grid); a
    second language's line keeps its mark on each line it is broken into."""
    lines: list[str] = []
    for part in text.split("\n"):
        mark = SECOND if part.startswith(SECOND) else ""
        lines += [mark + line for line in simpleSplit(part.removeprefix(SECOND), font, size, width)]
    return tuple(lines) or ("",)


def _broken(line: str, font: str, width: float) -> list[str]:
    """A line whose one word is wider than the column, broken with a hyphen (simpleSplit
    leaves it whole, and it was drawn over the next column): where a syllable may end if
    there is one that fits ("Жаксылыко-ва", not "Жаксылыков-а"), else between any letters."""
    pieces: list[str] = []
    while stringWidth(line, font, CELL_FONT_SIZE) > width and len(line) > 1:
        cut = len(line) - 1
        while cut > 1 and stringWidth(line[:cut] + "-", font, CELL_FONT_SIZE) > width:
            cut -= 1
        cut = _syllable_end(line, cut)
        pieces.append(line[:cut] if line[cut - 1] == " " else f"{line[:cut]}-")
        line = line[cut:].lstrip()
    return [*pieces, line]


VOWELS = frozenset("аеёиоуыэюяәөұүіaeiouy" + "АЕЁИОУЫЭЮЯӘӨҰҮІAEIOUY")
NO_LINE_START = frozenset("ьъйЬЪЙ")


def _syllable_end(line: str, cut: int) -> int:
    """The last break at or before ``cut`` a reader accepts: two letters at least on each
    side, a vowel on each side, no line starting with ь, ъ or й, and never a consonant torn
    from the vowel after it. ``cut`` itself when there is none."""
    for at in range(cut, 1, -1):
        before, after = line[:at], line[at:]
        if line[at - 1] == " ":
            return at
        if len(after) < 2 or not line[at - 2].isalpha() or not after[:2].isalpha():
            continue
        if not (VOWELS & set(before)) or not (VOWELS & set(after)) or after[0] in NO_LINE_START:
            continue
        if before[-1] not in VOWELS and after[0] in VOWELS:
            continue
        return at
    return cut


def grid_row(columns: list[Column[T]], item: T, lang: str, widths: list[float]) -> GridRow:
    """One item's cells as wrapped lines, with the columns' background colours."""
    items = in_languages(item, lang)
    cells = [
        wrapped_lines(cell_text(column, items, lang), width)
        for column, width in zip(columns, widths, strict=True)
    ]
    return GridRow(cells, fills=fills({n: c.fill(item) for n, c in enumerate(columns)}))


def cell_text(column: Column[T], items: list[T], lang: str) -> str:
    """A column's text for an item (``in_languages``): a bilingual document makes each
    language's text whole (a hazard's group, the hazard, who is exposed) and prints the second
    under the first, rather than interleaving the two languages' lines."""
    pair = pair_of(lang)
    if pair is None:
        return as_text(column.value(items[0], lang), lang)
    first, second = (as_text(column.value(i, one), one) for i, one in zip(items, pair, strict=True))
    return both(first, second)


def heading_row(text: str, widths: list[float], fill: str) -> GridRow:
    """A line across the table (a site, a workplace), in bold."""
    lines = wrapped_lines(text, sum(widths), FONT_BOLD)
    level = 1 if fill == WORKPLACE_FILL else 0
    return GridRow([lines] + [()] * (len(widths) - 1), span_fill=fill, level=level)


def grid_columns(
    doc: BaseDocTemplate, lang: str, columns: list[Column[T]]
) -> tuple[list[float], list[tuple[str, ...]]]:
    """Column widths scaled to the page, and the header cells as wrapped lines (the grid sets
    them in bold and repeats them on every page)."""
    scale = doc.width / (sum(column.pdf_mm for column in columns) * mm)
    widths = [column.pdf_mm * mm * scale for column in columns]
    head = [
        wrapped_lines(column.heading(lang), width, FONT_BOLD)
        for column, width in zip(columns, widths, strict=True)
    ]
    return widths, head
