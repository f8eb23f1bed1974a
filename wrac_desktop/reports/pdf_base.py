"""What every PDF report shares: embedded fonts, styles, the page with "page X of Y", the
footer and, until the document is approved, the draft mark (blocks: ``pdf_blocks``).

Everything is set in DejaVu Sans, embedded from resources/fonts: ReportLab's built-in fonts
have no Kazakh letters and fail silently (blanks or boxes, no error).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import SECOND, _, first_language, in_each, inline
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.fingerprint import short
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.official import revision_text
from wrac_desktop.reports.reportlab_adapter import (
    PageStore,
    add_signature_field,
    add_signature_form,
    draw_text,
    fast_flate,
    text_operators,
)
from wrac_desktop.reports.signature_places import SignaturePlace
from wrac_desktop.resources import resource_path

# Binary page streams, as every PDF writer makes them: ReportLab's ASCII85 armour made the
# 10,000-hazard register a quarter larger (9.0 MB instead of 7.3 MB) for no reader's benefit.
rl_config.useA85 = 0
# Streams deflated at zlib level 1, not ReportLab's 6. Once page strings were written as raw
# bytes (reportlab_adapter.CellText) levels 1-4 made files within 5 % of each other: a
# 10,000-hazard kk+ru register's pages deflated in 0.63 s at level 1 (22.4 MB), 0.84 s at
# level 4 (21.2 MB); level 6 took twice as long again.
FLATE_LEVEL = 1

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
DRAFT_FORM = "wrac-draft-mark"
DRAFT_COLOUR = colors.HexColor("#F6E1E1")  # dark red at 13 % on white, under the text
PAGE_SIZES = {"A4": A4, "A3": A3}
FRAME_PADDING = 6.0  # ReportLab's default, named because the grid needs the usable height
_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    _registered = True


SECOND_GREY = "#5C5C5C"  # as reportlab_adapter.SECOND_COLOUR draws it


def styles(size: float = 7.5) -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("cell", fontName=FONT, fontSize=size, leading=size * 1.2)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            alignment=1,
            spaceAfter=6,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=10, leading=13, alignment=1, spaceAfter=6
        ),
        "text": ParagraphStyle("text", parent=base, fontSize=9, leading=11.5),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "bold": ParagraphStyle("bold", parent=base, fontName=FONT_BOLD, fontSize=9, leading=11.5),
    }


def escape(text: Any) -> str:
    """A text as Paragraph markup; a bilingual document's second language lighter."""
    value = "" if text is None else str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = [
        f'<font color="{SECOND_GREY}">{line[1:]}</font>' if line.startswith(SECOND) else line
        for line in value.split("\n")
    ]
    return "<br/>".join(lines)


def _footer_left(assessment: Any, lang: str) -> str:
    """ "Документ № ОПР-2026/01 · Редакция 1 · ПРОЕКТ"; no number yet: no "Документ №"."""
    number = assessment.document_number.strip()
    parts = [f"{label('document', lang)} {number}" if number else "",
             revision_text(assessment.revision, lang),
             label("draft_word", lang).upper() if assessment.is_draft else ""]  # fmt: skip
    return " · ".join(part for part in parts if part)


def numbered_canvas(
    data: ReportData, title: str, places: Sequence[SignaturePlace] = ()
) -> type[Canvas]:
    """A canvas that knows the page count, for "page X of Y" and the fingerprint footer,
    and puts an empty signature field on each of ``places`` (recorded as the signature lines
    were drawn) once the document is laid out."""

    lang, a = data.lang, data.assessment
    left = in_each(lang, lambda one, _half: _footer_left(a, one))
    right = f"SHA-256 {short(data.fingerprint)}"
    # by page width: the operators that draw ``left`` and ``right``, the same on every page
    fixed: dict[float, tuple[list[str], list[str]]] = {}

    def at_left(_width: float) -> float:
        return 12 * mm

    def place(text: str, x_of: Callable[[float], float]) -> list[tuple[float, float, str]]:
        """Each line of a footer text with where it is drawn."""
        lines = text.split("\n")
        return [
            (x_of(stringWidth(line.removeprefix(SECOND), FONT, 7)), y, line)
            for row, line in enumerate(lines)
            for y in [7 * mm + (len(lines) - 1 - row) * 8.5]
        ]

    class NumberedCanvas(PageStore):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # ReportLab's own compression off, ours on: pages, fonts and their maps are
            # streams that name no filter of their own, so all get our deflate level.
            super().__init__(*args, **(kwargs | {"pageCompression": 0}))
            fast_flate(self, FLATE_LEVEL)

        def draw_footer(self, total: int) -> None:
            """Document, revision, draft; page X of Y; the checksum. A bilingual document's
            on two lines, the second language under the first."""
            width, _height = self.page_size
            page = label("page_of", lang).format(page=self.page_number, pages=total)
            self.setFillColor(colors.black)
            if width not in fixed:  # the document's and its checksum: placed once (4,000 pages)
                fixed[width] = (
                    [text_operators(self, FONT, 7, x, y, t) for x, y, t in place(left, at_left)],
                    [
                        text_operators(self, FONT, 7, x, y, t)
                        for x, y, t in place(right, lambda w: width - 12 * mm - w)
                    ],
                )
            left_operators, right_operators = fixed[width]
            for operators in left_operators:
                self.addLiteral(operators)
            for x, y, line in place(page, lambda w: (width - w) / 2):  # its page's number
                self.addLiteral(text_operators(self, FONT, 7, x, y, line, once=True))
            for operators in right_operators:
                self.addLiteral(operators)

        def annotate_page(self) -> None:
            page = self.page_number - 1
            for place in places:
                if place.page == page:
                    add_signature_field(self, place.field, place.person, place.int_box())

        def before_save(self) -> None:
            add_signature_form(self, [p.field for p in places], first_language(lang))

        def draft_mark(self, word: str) -> None:
            """The word across the page, under its content and pale enough to read the page
            through it: drawn once as a form that every page shows."""
            if not self.hasForm(DRAFT_FORM):
                self.beginForm(DRAFT_FORM)
                self._draw_draft_mark(word)
                self.endForm()
            self.doForm(DRAFT_FORM)

        def _draw_draft_mark(self, word: str) -> None:
            width, height = self.page_size
            size, angle = min(width, height) / 5, 35 if width > height else 55
            length = stringWidth(word, FONT_BOLD, size)
            turn = math.radians(angle)
            # the word's middle on the page's middle, its baseline a little below
            x = width / 2 - length / 2 * math.cos(turn) + size / 3 * math.sin(turn)
            y = height / 2 - length / 2 * math.sin(turn) - size / 3 * math.cos(turn)
            self.setFillColor(DRAFT_COLOUR)
            draw_text(self, FONT_BOLD, size, x, y, word, angle)

    return NumberedCanvas


def document(
    buffer: IO[bytes],
    page: str,
    portrait: bool = False,
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
) -> BaseDocTemplate:
    """A document of one page template; ``on_page`` draws on each page before its content."""
    if page not in PAGE_SIZES:
        raise UserError(_("page size must be A4 or A3"))
    size = PAGE_SIZES[page] if portrait else landscape(PAGE_SIZES[page])
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
    )
    pad = FRAME_PADDING
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=pad,
        rightPadding=pad,
        topPadding=pad,
        bottomPadding=pad,
        id="body",
    )
    template = PageTemplate(id="page", frames=[frame])
    if on_page is not None:
        template = PageTemplate(id="page", frames=[frame], onPage=on_page)
    doc.addPageTemplates([template])
    return doc


def _draft_mark(data: ReportData) -> Callable[[Canvas, BaseDocTemplate], None] | None:
    """What marks every page of a draft ("ЖОБА" / "ПРОЕКТ" / "DRAFT"); nothing once approved."""
    if not data.assessment.is_draft:
        return None
    word = inline(label("draft_mark", data.lang))
    return lambda canvas, _doc: canvas.draft_mark(word)  # type: ignore[attr-defined]


def body_height(doc: BaseDocTemplate) -> float:
    """The height a fresh page offers to the story."""
    return float(doc.height) - 2 * FRAME_PADDING


class Later:
    """Flowables of a story made when the layout reaches them, once (the same ones for a grid
    that measures them as its tail): a note that counts what the rows before it printed."""

    def __init__(self, make: Callable[[], Iterable[Flowable]]) -> None:
        self._make: Callable[[], Iterable[Flowable]] | None = make
        self._made: list[Flowable] = []

    def __call__(self) -> list[Flowable]:
        if self._make is not None:
            self._made, self._make = list(self._make()), None
        return self._made

    def expand(self) -> list[Any]:
        return self()


class Pieces:
    """Flowables of a story made a piece at a time as the layout reaches them (a sheet per
    workplace: 10,000 of them at 100,000 hazards, never all held)."""

    def __init__(self, pieces: Iterable[list[Flowable]]) -> None:
        self._pieces = iter(pieces)

    def expand(self) -> list[Any]:
        piece = next(self._pieces, None)
        return [] if piece is None else [*piece, self]


class LazyStory(list[Any]):
    """A story whose ``Later`` and ``Pieces`` are made into flowables as ReportLab reaches
    them: its layout reads the list's front (and a few after, to keep flowables together)."""

    def _expand(self, upto: int) -> None:
        index = 0
        while index <= upto and index < list.__len__(self):
            item = list.__getitem__(self, index)
            if isinstance(item, (Later, Pieces)):
                list.__setitem__(self, slice(index, index + 1), item.expand())
            else:
                index += 1

    def __len__(self) -> int:
        self._expand(0)
        return list.__len__(self)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            self._expand(list.__len__(self) if index.stop is None else index.stop - 1)
        else:
            self._expand(index if index >= 0 else list.__len__(self))
        return list.__getitem__(self, index)

    def __bool__(self) -> bool:
        return len(self) > 0


def build(
    data: ReportData,
    title: str,
    story_of: Callable[[BaseDocTemplate, list[SignaturePlace]], list[Any]],
    page: str = "A4",
    portrait: bool = False,
    out: IO[bytes] | None = None,
) -> bytes:
    """Render ``story_of``'s story to PDF bytes, with an empty signature field on every place
    its signature lines record in the list they are given, as they are drawn; written into
    ``out`` as it is made when given (then no bytes are returned)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = document(buffer if out is None else out, page, portrait, _draft_mark(data))
    doc.title, doc.author = title, data.organisation.legal_name
    places: list[SignaturePlace] = []
    story = LazyStory(story_of(doc, places))
    doc.build(story, canvasmaker=numbered_canvas(data, title, places))
    return b"" if out is not None else buffer.getvalue()
