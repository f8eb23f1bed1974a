"""A long PDF keeps almost nothing per page until it is saved (issue 22): its pages' footers
say "page X of Y", so every page waits for the last. Each page kept a copy of the canvas'
changed state (fresh lists, dictionaries and a graphics state: a kilobyte), and each finished
page stayed in ReportLab's tables of objects until the whole document was written (2 KB more):
45 MB of a 100,000-hazard register's 30,000 pages; and each page's number was kept as
encoded text for reuse, as a cell's is (6 MB). Now a page keeps three numbers until its footer
is drawn and is written into the file then."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from types import SimpleNamespace

from reportlab.lib.pagesizes import A4, landscape

from wrac_desktop.reports.pdf_base import FONT, numbered_canvas, register_fonts
from wrac_desktop.reports.reportlab_adapter import draw_text

# Bytes a page may add to the peak of making a document: 3,000 bytes before.
BYTES_A_PAGE = 250
# What the footer of a report prints (``pdf_base.numbered_canvas``): its document, revision
# and draft, "page X of Y" and the checksum, in both languages.
_DATA = SimpleNamespace(
    lang="kk+ru",
    assessment=SimpleNamespace(document_number="ОПР-2026/01", revision=2, is_draft=True),
    fingerprint="5e" * 32,
)


def _peak(path: Path, pages: int) -> int:
    """The peak of Python objects making a document of ``pages`` pages into ``path``."""
    register_fonts()
    footed = numbered_canvas(_DATA, "Тізілім")  # type: ignore[arg-type]
    tracemalloc.start()
    try:
        with path.open("wb") as out:
            canvas = footed(out, pagesize=landscape(A4))
            for _page in range(pages):
                draw_text(canvas, FONT, 9, 60, 500, "Қауіп: құлау, биіктікте жұмыс")
                canvas.showPage()
            canvas.save()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_page_adds_almost_nothing_to_the_peak_of_a_long_document(tmp_path: Path) -> None:
    _peak(tmp_path / "warm.pdf", 5)  # fonts loaded, encodings made
    few, many = _peak(tmp_path / "few.pdf", 300), _peak(tmp_path / "many.pdf", 3300)
    per_page = (many - few) / 3000
    assert per_page < BYTES_A_PAGE, f"{per_page:.0f} bytes a page ({few} → {many})"
    content = (tmp_path / "many.pdf").read_bytes()
    assert content.count(b"/Type /Page\n") == 3300 and content.rstrip().endswith(b"%%EOF")
