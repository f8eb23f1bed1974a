"""Every use of ReportLab's internals, in one place: the fast path of the long PDF reports.

ReportLab has no public API for what the 10,000-hazard register needs to stay under 5 s:
text already encoded into an embedded font's subsets, raw page operators, a page count known
before the footer is drawn, and a deflate level of our own. This module is the only one that
reaches past the public API; ``TESTED_WITH`` names the ReportLab versions it was checked with,
and a test fails loudly when another version is installed, so an upgrade is looked at here
before it can garble a document.

Text: ReportLab re-encodes every line it draws into the embedded font's subsets (about 3.9 s
of a 10,000-hazard register, mostly on texts that recur in thousands of rows). A subset code,
once given to a character in a document, never changes, so a cell's encoded operators are
kept and reused for the rest of that document. The operators are the ones ReportLab's own text
objects write: a font switch (Tf) where the subset changes, then "(bytes) Tj T*" per line.
ReportLab writes every subset byte outside printable ASCII as a four-byte octal escape (a
Cyrillic letter "\\021"); a PDF string holds such bytes raw, so in a document deflated by our
filter (which writes page streams byte for byte) they are written raw: 44 % fewer page bytes
to build, keep and deflate.
"""

from __future__ import annotations

import math
import struct
import tempfile
import zlib
from collections.abc import Sequence
from typing import IO, Any

import reportlab
from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCrossReferenceTable,
    PDFDictionary,
    PDFFile,
    PDFIndirectObject,
    PDFName,
    PDFObject,
    PDFResourceDictionary,
    PDFStream,
    PDFString,
    PDFTrailer,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether

from wrac_desktop.i18n import SECOND

# Major.minor versions of ReportLab this module was tested with (the whole report suite).
TESTED_WITH = ("4.4", "5.1")
Lines = tuple[str, ...]
# Encoded cells and lines kept for reuse, at most: a register's cells that recur are library
# texts, statuses, people and dates, a few thousand; the rest (numbers, a hazard's own words)
# grew the cache with every row, 40,000 cells at 20,000 hazards (issue 22).
CELLS_KEPT = 10_000
# A line starting with SECOND is a bilingual document's second language: drawn grey, unmarked.
TEXT_COLOUR, SECOND_COLOUR = "0 0 0 rg", "0.36 0.36 0.36 rg"

__all__ = [
    "TESTED_WITH",
    "Lines",
    "PageStore",
    "add_signature_field",
    "add_signature_form",
    "cell_text",
    "draw_text",
    "fast_flate",
    "fp_str",
    "stacked_height",
    "text_operators",
    "write_document",
]


def installed_version() -> str:
    return str(reportlab.Version)


def is_tested_version(version: str | None = None) -> bool:
    """Whether ``version`` (default: the installed one) is one this module was tested with."""
    parts = (version or installed_version()).split(".")
    return ".".join(parts[:2]) in TESTED_WITH


# The bytes a PDF literal string cannot hold raw: its delimiters, the escape character, and line
# ends (a reader turns a raw CR into LF); NUL is escaped too, for readers that end a string at it.
_RAW_ESCAPES = str.maketrans(
    {"\\": "\\\\", "(": "\\(", ")": "\\)", "\r": "\\r", "\n": "\\n", "\x00": "\\000"}
)


def raw_literal(chunk: bytes) -> str:
    """Font-subset bytes as the inside of a PDF literal string: raw, one character a byte
    (U+0000-U+00FF, written back as that byte by ``_Flate``), escaped only where they must be."""
    return chunk.decode("latin-1").translate(_RAW_ESCAPES)


class CellText:
    """The encoded text of cells for one PDF document (one canvas)."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        # raw bytes only where our filter writes the page streams: ReportLab's own writing
        # encodes a stream's text as PDFDocEncoding, which would change bytes 0x80-0x9F
        filters = getattr(doc, "defaultStreamFilters", None) or ()
        self._escape = raw_literal if any(isinstance(f, _Flate) for f in filters) else escapePDF
        self._cells: dict[tuple[str, float, Lines], str] = {}
        self._switches: dict[tuple[str, float, int], str] = {}
        self._lines: dict[tuple[str, str], tuple[tuple[int, str], ...]] = {}
        # By font: the characters the document's first subset already holds, and their codes.
        self._first_subset: dict[str, tuple[set[str], dict[int, int]]] = {}

    def operators(self, font_name: str, size: float, lines: Lines) -> str:
        """ "Tf (…) Tj T* …" for the lines of one cell, starting with a font switch."""
        key = (font_name, size, lines)
        encoded = self._cells.get(key)
        if encoded is None:
            if len(self._cells) >= CELLS_KEPT:  # start again: the texts that recur come back
                self._cells.clear()
            encoded = self._cells[key] = self._encode(font_name, size, lines)
        return encoded

    def _encode(self, font_name: str, size: float, lines: Lines) -> str:
        font = pdfmetrics.getFont(font_name)
        parts: list[str] = []
        current = -1
        lighter = False
        for line in lines:
            second = line.startswith(SECOND)  # a bilingual document's second language
            if second != lighter:
                parts.append(SECOND_COLOUR if second else TEXT_COLOUR)
                lighter = second
            for subset, shown in self._line(font, font_name, line.removeprefix(SECOND)):
                if subset != current:
                    parts.append(self._switch(font, font_name, size, subset))
                    current = subset
                parts.append(shown)
            parts.append("T*")
        if lighter:
            parts.append(TEXT_COLOUR)  # the next cell, drawn in the same text object, is black
        return " ".join(parts)

    def _line(self, font: Any, font_name: str, line: str) -> tuple[tuple[int, str], ...]:
        """A line's "(bytes) Tj" per font subset: lines recur far more often than whole cells
        (a status, a person, a date in thousands of cells of different neighbours)."""
        key = (font_name, line)
        shown = self._lines.get(key)
        if shown is None:
            if len(self._lines) >= CELLS_KEPT:
                self._lines.clear()
            shown = self._lines[key] = tuple(
                (subset, f"({self._escape(chunk)}) Tj")
                for subset, chunk in self._split(font, font_name, line)
            )
        return shown

    def _split(self, font: Any, font_name: str, line: str) -> list[tuple[int, bytes]]:
        """``font.splitString``: a line whose every character the first subset holds already
        is its codes at once (ReportLab looks each character up in a Python loop); any other
        is ReportLab's, which gives its new characters their codes, noted here after."""
        known, codes = self._first_subset.setdefault(font_name, (set(), {}))
        if line and known.issuperset(line):
            return [(0, line.translate(codes).encode("latin-1"))]
        chunks = font.splitString(line, self._doc)
        assigned = font.state[self._doc].assignments
        for character in set(line):
            code = assigned.get(ord(character))
            if code is not None and code < 256 and character != "\xa0":  # NBSP prints as 32
                known.add(character)
                codes[ord(character)] = code
        return list(chunks)

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


class _Flate:
    """A stream filter like ReportLab's PDFZCompress (FlateDecode), at our own level.
    ReportLab has no setting for the level; a document's ``defaultStreamFilters`` is its hook
    for filters of one's own, used for every stream that names none itself."""

    pdfname = "FlateDecode"

    def __init__(self, level: int) -> None:
        self.level = level

    def encode(self, text: str | bytes) -> bytes:
        # byte for byte: ReportLab's operators are ASCII, and CellText's raw subset bytes are
        # the characters U+0000-U+00FF
        data = text.encode("latin-1") if isinstance(text, str) else text
        return zlib.compress(data, self.level)

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)

    # A page's stream in two parts: its body deflated as soon as the page is finished, so
    # that the document keeps a few kilobytes a page rather than its text (60 MB for a
    # 10,000-hazard register, kept twice while saving), and its footer once the page count is
    # known. Deflate data is a series of blocks: the body's end at a byte boundary (a sync
    # flush, not the final block), the footer's blocks after it, the last one final, and the
    # zlib header and checksum of the two parts' bytes around them make one zlib stream: what
    # ``encode`` makes of the whole page, block boundaries aside.

    def start(self, text: str) -> tuple[bytes, int]:
        """The deflated blocks of a stream's first part, and its Adler-32 checksum."""
        data = text.encode("latin-1")
        compressor = zlib.compressobj(self.level, zlib.DEFLATED, -zlib.MAX_WBITS)
        return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.adler32(data)

    def ending(self, checksum: int, text: str) -> tuple[bytes, bytes]:
        """What goes before and after a stream's first part (``start``'s blocks) to make it,
        followed by ``text``, one zlib stream: the zlib header; the blocks of ``text``, the
        last one final, and the Adler-32 checksum of the two parts' bytes."""
        data = text.encode("latin-1")
        # a footer's few hundred bytes: a small window and hash table, quick to set up
        compressor = zlib.compressobj(self.level, zlib.DEFLATED, -9, 1)
        end = compressor.compress(data) + compressor.flush(zlib.Z_FINISH)
        header = zlib.compress(b"", self.level)[:2]
        return header, end + struct.pack(">I", zlib.adler32(data, checksum))


def _flate_of(canvas: Canvas) -> _Flate | None:
    """Our filter, when the canvas' document deflates its streams with it."""
    filters = getattr(canvas._doc, "defaultStreamFilters", None) or ()
    return next((f for f in filters if isinstance(f, _Flate)), None)


class _SpooledStream(PDFStream):
    """A page's content stream deflated already, its body kept in the canvas' spool file
    until the stream is written (ReportLab writes it as it is): at 100,000 hazards the pages'
    deflated bodies are 110 MB, never held (issue 22)."""

    def __init__(self, spool: IO[bytes], body: tuple[int, int], head: bytes, end: bytes) -> None:
        super().__init__(PDFDictionary({"Filter": PDFArray([PDFName(_Flate.pdfname)])}))
        self._spool, self._body, self._head, self._end = spool, body, head, end

    def format(self, document: Any) -> bytes:
        offset, length = self._body
        self._spool.seek(offset)
        self.content = self._head + self._spool.read(length) + self._end
        try:
            return bytes(super().format(document))
        finally:
            self.content = None  # type: ignore[assignment]  # let go once written


def fast_flate(canvas: Canvas, level: int) -> None:
    """Deflate the canvas' streams at ``level``; the canvas must be made with
    ``pageCompression=0`` so that ReportLab does not compress them a second time."""
    canvas._doc.defaultStreamFilters = [_Flate(level)]


_MISSING = object()  # an attribute a page's state lacks
_FINISHED: tuple[dict[str, Any], None] = ({}, None)  # a kept page drawn: one for all of them


class PageStore(Canvas):
    """A canvas that keeps its pages until saved, so that each page's footer can say how many
    pages there are ("page X of Y"): ReportLab's own recipe, which copies the canvas' state.
    With our filter (``fast_flate``) a page's content is deflated when the page is finished,
    kept in a temporary file, and only the footer's is added at the end (``_Flate.start``);
    the document is written to its file object by object as it is formatted
    (``write_document``), never joined whole in memory."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # each page's state, and where its deflated body is in the spool with its checksum
        self._kept_pages: list[tuple[dict[str, Any], tuple[int, int, int] | None]] = []
        # made with the canvas: a page's saved state, restored to draw its footer, holds it;
        # closed once the document is saved
        self._spool: IO[bytes] = tempfile.TemporaryFile(prefix="wrac-pages-")  # noqa: SIM115
        self._resources: dict[tuple[bool, tuple[str, ...]], Any] = {}
        # The first page's state whole; each page keeps only what differs from it (the same
        # object or not): a copy of the canvas' hundred attributes a page was 75 MB of a
        # 20,000-hazard bilingual register's 15,000 pages (issue 22).
        self._first_state: dict[str, Any] | None = None

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        state = dict(self.__dict__)
        body = None
        flate = _flate_of(self)
        if flate is not None and not self._cropMarks:
            # the stream Canvas.showPage would make, up to the footer: the rest is added after
            strm = [*self._psCommandsBeforePage, self._preamble, *self._code]
            body = self._spooled(*flate.start("\n".join(strm) + "\n"))
            state["_code"] = []
        self._kept_pages.append((self._differing(state), body))
        self._startPage()

    def _spooled(self, blocks: bytes, checksum: int) -> tuple[int, int, int]:
        """``blocks`` written to the spool: where they are, and their checksum."""
        offset = self._spool.tell()
        self._spool.write(blocks)
        return offset, len(blocks), checksum

    def _differing(self, state: dict[str, Any]) -> dict[str, Any]:
        """``state`` as what differs from the first page's: the values that are not the same
        objects, and ``_MISSING`` for the attributes it lacks."""
        first = self._first_state
        if first is None:
            self._first_state = state
            return {}
        changed = {
            key: value for key, value in state.items() if first.get(key, _MISSING) is not value
        }
        changed |= {key: _MISSING for key in first.keys() - state.keys()}
        return changed

    def _state(self, changed: dict[str, Any]) -> dict[str, Any]:
        """A page's whole state again (what ``dict(self.__dict__)`` held, but for attributes
        it lacked: those are left as they are, as updating with the copy left them)."""
        state = {**(self._first_state or {}), **changed}
        return {key: value for key, value in state.items() if value is not _MISSING}

    def save(self) -> None:
        total = len(self._kept_pages)
        flate = _flate_of(self)
        try:
            for index in range(total):
                changed, body = self._kept_pages[index]
                self._kept_pages[index] = _FINISHED  # let go as the page is finished
                self.__dict__.update(self._state(changed))
                self.draw_footer(total)
                self.annotate_page()
                # as Canvas.showPage ends the stream: a space, then what follows every page
                tail = "\n".join([*self._code, " ", *self._psCommandsAfterPage]) + "\n"
                super().showPage()
                page = self._doc.Pages.pages[-1]
                if body is not None and flate is not None:
                    offset, length, checksum = body
                    head, end = flate.ending(checksum, tail)
                    page.Contents = _SpooledStream(self._spool, (offset, length), head, end)
                    page.Resources = self._shared_resources(page)
                _format_early(self._doc, page)
            self._kept_pages = []
            self.before_save()
            if len(self._code):  # as Canvas.save
                self.showPage()
            write_document(self, self._filename)
        finally:
            self._spool.close()

    def _shared_resources(self, page: Any) -> Any:
        """The resources ReportLab would give ``page`` (PDFPage.check_format), written once
        for all the pages that use the same and referred to (4,000 pages of one register
        list the same fonts, procedure sets and draft mark): None, for ReportLab's own,
        where a page uses transparency, colour spaces or shadings."""
        if page.ExtGState or page._colorsUsed or page._shadingUsed:
            return None
        xobjects = page.XObjects
        names = tuple(sorted(xobjects.dict)) if xobjects else ()
        key = (bool(page.hasImages), names)
        shared = self._resources.get(key)
        if shared is None:
            resources = PDFResourceDictionary()
            resources.basicFonts()
            if page.hasImages:
                resources.allProcs()
            if xobjects:
                resources.XObject = xobjects
            shared = self._resources[key] = self._doc.Reference(resources)
        return shared

    @property
    def page_number(self) -> int:
        return int(self._pageNumber)

    @property
    def page_size(self) -> tuple[float, float]:
        width, height = self._pagesize
        return float(width), float(height)

    def draw_footer(self, total: int) -> None:
        """Draw what goes on every page once the page count is known."""

    def annotate_page(self) -> None:
        """Add the page's annotations, once the whole document is laid out."""

    def before_save(self) -> None:
        """Set what the document's catalogue holds, before it is written."""


class _Formatted(PDFObject):
    """A finished page formatted as soon as it was made: its few hundred bytes held until the
    document is written, not ReportLab's objects of it (4 KB a page: 140 MB of a
    100,000-hazard register's 36,000 pages, issue 22)."""

    __RefOnly__ = 1

    def __init__(self, name: str, formatted: bytes) -> None:
        setattr(self, "__InternalName__", name)  # noqa: B010 - ReportLab's registration mark
        self._formatted = formatted

    def format(self, document: Any) -> bytes:
        return self._formatted


def _format_early(doc: Any, page: Any) -> None:
    """``page``, the document's last, formatted now and put in its place; what it refers to
    (its content stream, the page tree) is numbered now and written with the rest."""
    name = page.__InternalName__
    formatted = _Formatted(name, pdfdoc.format(page, doc, toplevel=1))
    doc.Pages.pages[-1] = doc.idToObject[name] = formatted


def write_document(canvas: Canvas, out: IO[bytes]) -> None:
    """The canvas' document written into ``out`` object by object: ReportLab's
    ``PDFDocument.GetPDFData`` and ``format``, with each object written as it is formatted and
    let go after (ReportLab joins the whole file in memory, and a file object's save then
    copies it: three times a 110 MB register). The bytes are ReportLab's own."""
    doc = canvas._doc
    if getattr(doc, "_digiSigs", None):
        raise ValueError("ReportLab's own digital signatures need the whole file")
    for font in doc.delayedFonts:  # GetPDFData's preparation
        font.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    _format_into(doc, out)


def _format_into(doc: Any, out: IO[bytes]) -> None:
    """``PDFDocument.format``, writing into ``out``."""
    doc.encrypt.prepare(doc)
    catalog, info = doc.Catalog, doc.info
    doc.Reference(catalog)
    doc.Reference(info)
    encrypted = doc.encrypt.info()
    encrypt_ref = doc.Reference(encrypted) if encrypted else None
    file = PDFFile(doc._pdfVersion)  # its header is in its list; then it writes into out
    out.write(b"".join(file.strings))
    file.strings, file.write = [], out.write
    doc.__accum__ = file
    ids, number = [], 0
    objects = doc.idToObject
    while (number := number + 1) in doc.numberToId:  # objects may be added while formatting
        oid = doc.numberToId[number]
        formatted = PDFIndirectObject(oid, objects[oid]).format(doc)
        if not rl_config.invariant and rl_config.pdfComments:
            name = objects[oid].__class__.__name__
            file.add(f"% {ascii(oid)}: class {name[:50]} \n")
        doc.idToOffset[oid] = file.add(formatted)
        ids.append(oid)
        if oid not in (catalog.__InternalName__, info.__InternalName__):
            objects[oid] = None  # written: only its number and offset are needed again
    del doc.__accum__
    if number - 1 != len(doc.numberToId):
        raise ValueError(f"{number - 1} objects written of {len(doc.numberToId)}")
    xref = PDFCrossReferenceTable()
    xref.addsection(0, ids)
    start = file.add(xref.format(doc))
    trailer = PDFTrailer(
        startxref=start,
        Size=len(doc.numberToId) + 1,
        Root=doc.Reference(catalog),
        Info=doc.Reference(info),
        Encrypt=encrypt_ref,
        ID=doc.ID(),
    )
    file.add(trailer.format(doc))


def add_signature_field(canvas: Canvas, name: str, person: str, box: tuple[int, ...]) -> None:
    """An empty, visible signature field ``name`` over ``box`` (x1, y1, x2, y2) on the
    canvas' current page, whose tooltip (/TU) names who signs there: the field pyHanko's
    append_signature_field writes, made with the document rather than added to it after
    (loading pyHanko and reading the document back cost 0.4 s of every PDF export)."""
    x1, y1, x2, y2 = box
    appearance = PDFStream(
        PDFDictionary(
            {
                "BBox": PDFArray([0, y2 - y1, x2 - x1, 0]),
                "Resources": PDFDictionary({}),
                "Type": PDFName("XObject"),
                "Subtype": PDFName("Form"),
            }
        ),
        b"",
    )
    field = PDFDictionary(
        {
            "FT": PDFName("Sig"),
            "T": PDFString(name),
            "Type": PDFName("Annot"),
            "Subtype": PDFName("Widget"),
            "F": 132,  # printed, locked
            "Rect": PDFArray(list(box)),
            "P": canvas._doc.thisPageRef(),
            "TU": PDFString(person),
            "AP": PDFDictionary({"N": appearance}),
        }
    )
    canvas._addAnnotation(field, name=name)


def add_signature_form(canvas: Canvas, names: Sequence[str], language: str) -> None:
    """The document's form of the signature fields ``names`` (``add_signature_field``) and
    its language (/Lang: the reason a later signer gives is written in it)."""
    doc = canvas._doc
    if names:
        fields = PDFArray([doc.refAnnotation(name) for name in names])
        doc.Catalog.AcroForm = PDFDictionary({"Fields": fields, "SigFlags": 1})
    doc.Catalog.Lang = PDFString(language)


def draw_text(
    canvas: Any, font: str, size: float, x: float, y: float, text: str, angle: float = 0.0
) -> None:
    """``text`` at (x, y), turned by ``angle`` degrees, in the canvas' current fill colour:
    the canvas' drawString, with the encoding kept for the document (every footer and draft
    mark of a 4,000-page register re-encoded the same words: a second of its time)."""
    canvas.addLiteral(text_operators(canvas, font, size, x, y, text, angle))


def text_operators(
    canvas: Any, font: str, size: float, x: float, y: float, text: str, angle: float = 0.0
) -> str:
    """What ``draw_text`` adds to the page: to be kept and added again, on every page of the
    canvas' document, where the same text stands in the same place (a footer's)."""
    turn = math.radians(angle)
    cos, sin = math.cos(turn), math.sin(turn)
    matrix = fp_str(cos, sin, -sin, cos, x, y)
    return f"BT {matrix} Tm {cell_text(canvas).operators(font, size, (text,))} ET"


def stacked_height(
    canvas: Any, flowables: Sequence[Flowable], width: float, height: float
) -> float:
    """The height ``flowables`` take one under another in a frame ``width`` wide and
    ``height`` high. A KeepTogether answers any wrap with an impossible height, to force its
    own split; its content is measured instead."""
    total = 0.0
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            total += stacked_height(canvas, flowable._content, width, height)
            continue
        total += flowable.wrapOn(canvas, width, height)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total
