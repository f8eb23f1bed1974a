"""The printed documents: the elimination plan (roadmap measures 1 and 18) and the risk-matrix
heat maps; the risk register is ``pdf_register``'s."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import takewhile
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, KeepTogether, Paragraph, Spacer, Table

from wrac_desktop.reports.columns import (
    PLAN,
    PLAN_COST_COLUMN,
    PLAN_MEASURE_COLUMN,
    Column,
    PlanHeading,
    PlanItem,
    PlanTotal,
    format_cost,
    pdf_columns,
    plan_entries,
    plan_label,
)
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.official import status_as_of
from wrac_desktop.reports.pdf_base import FONT_BOLD, Later, body_height, build, escape, styles
from wrac_desktop.reports.pdf_blocks import legend, title_block, untranslated_note
from wrac_desktop.reports.pdf_cells import (
    GRID_STYLE,
    SITE_FILL,
    WORKPLACE_FILL,
    grid_columns,
    grid_row,
    heading_row,
    wrapped_lines,
)
from wrac_desktop.reports.pdf_grid import Grid, GridRow
from wrac_desktop.reports.pdf_register import register_pdf
from wrac_desktop.reports.pdf_signoff import DEVELOPED, signoff_block
from wrac_desktop.reports.signature_places import SignaturePlace

__all__ = ["matrix_pdf", "plan_pdf", "register_pdf"]

TOTAL_FILLS = {PLAN_COST_COLUMN: "#F4F4F4", PLAN_MEASURE_COLUMN: "#F4F4F4"}  # a total row


# --- elimination plan --------------------------------------------------------------------------
def plan_pdf(data: ReportData, page: str = "A4", out: IO[bytes] | None = None) -> bytes:
    """The plan's PDF bytes, or none: written into ``out`` as it is made."""
    title = label("plan_title", data.lang)
    return build(
        data, title, lambda doc, places: _plan_story(data, doc, title, places), page, out=out
    )


def _plan_story(
    data: ReportData, doc: BaseDocTemplate, title: str, places: list[SignaturePlace]
) -> list[Any]:
    st = styles()
    columns = pdf_columns(PLAN)
    widths, head = grid_columns(doc, data.lang, columns)
    story: list[Any] = [
        *title_block(data, title, st, places),
        Spacer(1, 1.5 * mm),
        Paragraph(escape(status_as_of(data)), st["bold"]),
        Spacer(1, 3 * mm),
    ]

    def rows() -> Iterator[GridRow]:
        for entry in plan_entries(data.plan_stream(), data.generated_on):
            if isinstance(entry, PlanHeading):  # across the table, as the register's
                fill = SITE_FILL if entry.unit else WORKPLACE_FILL
                yield heading_row(entry.text, widths, fill)
            elif isinstance(entry, PlanTotal):
                yield _total_row(columns, entry, data.lang, widths)
            else:
                yield grid_row(columns, entry, data.lang, widths)

    continued = label("continued", data.lang)
    # made once the rows are printed (they stream; the note counts what they printed)
    signoff = Later(lambda: [*untranslated_note(data, st), *signoff_block(data, st, places)])
    # the sign-off never on a page of its own: the last measure and its totals go on with it
    grid = Grid(
        GridRow(head), rows(), widths, GRID_STYLE, body_height(doc), continued, signoff,
        _with_totals,
    )  # fmt: skip
    return [*story, grid, signoff]


def _with_totals(rows: Sequence[GridRow]) -> int:
    """The last measure and the totals after it: the rows that go on with the sign-off."""
    return 1 + sum(1 for _ in takewhile(lambda row: row.fills == TOTAL_FILLS, reversed(rows)))


def _total_row(
    columns: list[Column[PlanItem]], total: PlanTotal, lang: str, widths: list[float]
) -> GridRow:
    """A total: its words in the measure column, the sum in the cost column."""
    cells: list[tuple[str, ...]] = [()] * len(columns)
    words = plan_label(f"total_{total.scope}", lang)
    cells[PLAN_MEASURE_COLUMN] = wrapped_lines(words, widths[PLAN_MEASURE_COLUMN], FONT_BOLD)
    cells[PLAN_COST_COLUMN] = wrapped_lines(format_cost(total.cost), widths[PLAN_COST_COLUMN])
    return GridRow(cells, fills=dict(TOTAL_FILLS))


# --- matrix heat maps --------------------------------------------------------------------------
def matrix_pdf(data: ReportData, page: str = "A4") -> bytes:
    title = label("matrix_title", data.lang)
    return build(data, title, lambda doc, places: _matrix_story(data, doc, title, places), page)


def _matrix_story(
    data: ReportData, doc: BaseDocTemplate, title: str, places: list[SignaturePlace]
) -> list[Any]:
    from wrac_desktop.reports import pdf_matrix

    st = styles()
    half = doc.width / 2 - 4 * mm
    maps = Table(
        [[pdf_matrix.heat_map(data, "initial", half), pdf_matrix.heat_map(data, "residual", half)]],
        hAlign="CENTER",
    )
    note = Paragraph(escape(pdf_matrix.rank_note(data.lang)), st["cell"])
    classes, gap, scales, _gap, national = legend(data, st)
    return [
        *title_block(data, title, st, places),
        Spacer(1, 3 * mm),
        # The classes and the national scale under page 1's header, in the room the maps do
        # not fit in (page 1 was the header alone); on the next page the maps whole, at a size
        # whose labels can be read, the scales they are read on, and the signature.
        classes,
        gap,
        national,
        Spacer(1, 3 * mm),
        KeepTogether([maps, note]),
        Spacer(1, 1.5 * mm),
        scales,
        *signoff_block(data, st, places, (DEVELOPED,)),
    ]
