"""The risk-matrix heat maps: hazards per cell before and after additional controls.

Each cell shows its count and, in its corner, the rank (score) the matrix gives it; the axes
carry their titles and every level's code and name, wrapped into the room there is (a cut
"Катастрофиче" or two names run together is no label at all).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from wrac_desktop.i18n import NC_, pick, translated_in
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.pdf_base import FONT, FONT_BOLD
from wrac_desktop.risk.matrix import Level, Matrix, format_number

LABEL_SIZE = 6.0  # points: level names
CODE_SIZE = 7.0
TITLE_SIZE = 10.0
TOTAL = NC_("report", "Hazards rated: {rated}; not rated: {unrated}")
RANK_NOTE = NC_("report", "In each cell: the number of hazards; in its corner, the risk rank.")


@dataclass(frozen=True)
class Geometry:
    """Sizes of one heat map, in points."""

    cell: float
    left: float  # room for the likelihood axis title and level names
    bottom: float  # room for the severity level names and axis title
    top: float  # room for the map's title and its total


def _lines(text: str, width: float, size: float = LABEL_SIZE, most: int = 3) -> list[str]:
    """``text`` wrapped to ``width``; words longer than the room are split, never dropped."""
    lines = simpleSplit(text, FONT, size, width)
    fitted: list[str] = []
    for line in lines:
        while stringWidth(line, FONT, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut] + "-", FONT, size) > width:
                cut -= 1
            fitted.append(line[:cut] + "-")
            line = line[cut:]
        fitted.append(line)
    if len(fitted) > most:  # shrink rather than hide: the caller lowers the size
        return []
    return fitted


def _fitting(text: str, width: float, most: int = 3) -> tuple[list[str], float]:
    """The wrapped lines of ``text`` and the largest size up to LABEL_SIZE at which they fit."""
    for whole_words in (True, False):  # a smaller size before a hyphen inside a word
        size = LABEL_SIZE
        while size >= (4.0 if whole_words else 3.5):
            lines = _lines(text, width, size, most)
            if lines and (not whole_words or not any(line.endswith("-") for line in lines)):
                return lines, size
            size -= 0.5
    return _lines(text, width, 3.5, 99), 3.5  # more lines rather than lost letters


def geometry(matrix: Matrix, width: float) -> Geometry:
    """Cells as large as ``width`` allows (10 to 15.5 mm: both maps, the scales they are read on
    and the signature on one page, their labels readable) beside a label column."""
    left = 40 * mm
    columns = len(matrix.severity.levels)
    cell = max(10 * mm, min(15.5 * mm, (width - left) / columns))
    return Geometry(cell=cell, left=left, bottom=18 * mm, top=11 * mm)


def heat_map(data: ReportData, stage: str, width: float) -> Drawing:
    """One heat map of ``stage`` ("initial" or "residual") at most ``width`` points wide."""
    matrix, lang = data.matrix, data.lang
    g = geometry(matrix, width)
    rows = list(reversed(matrix.likelihood.levels))
    columns = matrix.severity.levels
    height = g.bottom + g.cell * len(rows) + g.top
    drawing = Drawing(g.left + g.cell * len(columns) + 2, height)
    counts = Counter(
        (
            getattr(r, stage).likelihood,
            getattr(r, stage).severity,
            getattr(r, stage).score is not None,
        )
        for r in data.rows
    )  # one pass: the rows are read as they come
    _title(drawing, counts, len(data.rows), stage, lang, g, height)
    exposure = matrix.exposure.levels[-1].value if matrix.exposure else None
    for r, likelihood in enumerate(rows):
        y = g.bottom + g.cell * (len(rows) - r - 1)
        _row_label(drawing, likelihood, lang, g, y)
        for c, severity in enumerate(columns):
            score = matrix.score(likelihood.value, severity.value, exposure)
            count = sum(
                counts.get((likelihood.value, severity.value, rated), 0) for rated in (True, False)
            )
            _cell(drawing, matrix, score, count, g.left + c * g.cell, y, g.cell)
    for c, severity in enumerate(columns):
        _column_label(drawing, severity, lang, g, g.left + c * g.cell)
    _axis_titles(drawing, matrix, lang, g, len(rows), len(columns))
    return drawing


def _title(
    drawing: Drawing,
    counts: Counter[tuple[float | None, float | None, bool]],
    hazards: int,
    stage: str,
    lang: str,
    g: Geometry,
    height: float,
) -> None:
    title = label("initial_risk" if stage == "initial" else "residual_risk", lang)
    drawing.add(String(g.left, height - 12, title, fontName=FONT_BOLD, fontSize=TITLE_SIZE))
    rated = sum(count for (_likelihood, _severity, scored), count in counts.items() if scored)
    total = translated_in(TOTAL, lang).format(rated=rated, unrated=hazards - rated)
    drawing.add(String(g.left, height - 22, total, fontName=FONT, fontSize=7))


def _cell(
    drawing: Drawing, matrix: Matrix, score: float, count: int, x: float, y: float, cell: float
) -> None:
    band = matrix.band(score)
    fill = colors.HexColor(band.colour)
    drawing.add(Rect(x, y, cell - 1, cell - 1, strokeWidth=0.3, fillColor=fill))
    drawing.add(
        String(x + 2, y + cell - 8, format_number(score), fontName=FONT, fontSize=5.5)
    )  # the rank, in the corner
    drawing.add(
        String(x + cell / 2, y + cell / 2 - 5, str(count), textAnchor="middle",
               fontName=FONT_BOLD if count else FONT, fontSize=11 if count else 9)
    )  # fmt: skip


def _row_label(drawing: Drawing, level: Level, lang: str, g: Geometry, y: float) -> None:
    room = g.left - 12 * mm  # the axis title and a gap take the rest
    lines, size = _fitting(pick(level.label, lang), room - 8)
    middle = y + g.cell / 2
    drawing.add(String(g.left - 3, middle - 2.5, level.code, fontName=FONT_BOLD,
                       fontSize=CODE_SIZE, textAnchor="end"))  # fmt: skip
    first = middle + (len(lines) - 1) * size * 0.6 - size / 3
    for n, line in enumerate(lines):
        drawing.add(String(g.left - 12, first - n * size * 1.2, line, fontName=FONT,
                           fontSize=size, textAnchor="end"))  # fmt: skip


def _column_label(drawing: Drawing, level: Level, lang: str, g: Geometry, x: float) -> None:
    centre = x + g.cell / 2
    drawing.add(String(centre, g.bottom - 9, level.code, fontName=FONT_BOLD, fontSize=CODE_SIZE,
                       textAnchor="middle"))  # fmt: skip
    lines, size = _fitting(pick(level.label, lang), g.cell - 3)
    for n, line in enumerate(lines):
        drawing.add(String(centre, g.bottom - 17 - n * size * 1.2, line, fontName=FONT,
                           fontSize=size, textAnchor="middle"))  # fmt: skip


def _axis_titles(
    drawing: Drawing, matrix: Matrix, lang: str, g: Geometry, rows: int, columns: int
) -> None:
    severity = pick(matrix.severity.name, lang)
    drawing.add(String(g.left + g.cell * columns / 2, 3, f"{severity} →", fontName=FONT_BOLD,
                       fontSize=8, textAnchor="middle"))  # fmt: skip
    likelihood = String(0, 0, f"{pick(matrix.likelihood.name, lang)} →", fontName=FONT_BOLD,
                        fontSize=8, textAnchor="middle")  # fmt: skip
    turned = Group(likelihood)
    turned.transform = (0, 1, -1, 0, 8, g.bottom + g.cell * rows / 2)  # 90° anticlockwise
    drawing.add(turned)


def rank_note(lang: str) -> str:
    """The sentence under the maps that says what the two numbers in a cell are."""
    return translated_in(RANK_NOTE, lang)
