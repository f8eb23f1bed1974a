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
from array import array
from collections.abc import Sequence
from typing import IO, Any

import reportlab
from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFFile,
    PDFIndirectObject,
    PDFName,
    PDFResourceDictionary,
    PDFStream,
    PDFString,
    PDFTrailer,
)
from reportlab.pdfgen.canvas import Canvas, ExtGState
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

    def operators(self, font_name: str, size: float, lines: Lines, *, once: bool = False) -> str:
        """ "Tf (…) Tj T* …" for the lines of one cell, starting with a font switch; not kept
        for ``once``: a text the document shows once (a page's number: 30,000 of them in a
        100,000-hazard register, each kept until the cache was full, issue 22)."""
        if once:
            return self._encode(font_name, size, lines, once=True)
        key = (font_name, size, lines)
        encoded = self._cells.get(key)
        if encoded is None:
            if len(self._cells) >= CELLS_KEPT:  # start again: the texts that recur come back
                self._cells.clear()
            encoded = self._cells[key] = self._encode(font_name, size, lines)
        return encoded

    def _encode(self, font_name: str, size: float, lines: Lines, *, once: bool = False) -> str:
        font = pdfmetrics.getFont(font_name)
        parts: list[str] = []
        current = -1
        lighter = False
        for line in lines:
            second = line.startswith(SECOND)  # a bilingual document's second language
            if second != lighter:
                parts.append(SECOND_COLOUR if second else TEXT_COLOUR)
                lighter = second
            text = line.removeprefix(SECOND)
            for subset, shown in self._line(font, font_name, text, once=once):
                if subset != current:
                    parts.append(self._switch(font, font_name, size, subset))
                    current = subset
                parts.append(shown)
            parts.append("T*")
        if lighter:
            parts.append(TEXT_COLOUR)  # the next cell, drawn in the same text object, is black
        return " ".join(parts)

    def _line(
        self, font: Any, font_name: str, line: str, *, once: bool = False
    ) -> tuple[tuple[int, str], ...]:
        """A line's "(bytes) Tj" per font subset: lines recur far more often than whole cells
        (a status, a person, a date in thousands of cells of different neighbours)."""
        key = (font_name, line)
        shown = self._lines.get(key)
        if shown is None:
            shown = tuple(
                (subset, f"({self._escape(chunk)}) Tj")
                for subset, chunk in self._split(font, font_name, line)
            )
            if not once:
                if len(self._lines) >= CELLS_KEPT:
                    self._lines.clear()
                self._lines[key] = shown
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
# A page's state compared with the first page's by value: fresh but equal lists, dicts and
# graphics states are made for every page (a kilobyte of a page kept until the footers are
# drawn: 40 MB of a 100,000-hazard register's 30,000 pages, issue 22).
_BY_VALUE = (list, dict, tuple, str, int, float, bool, type(None))


def _same(first: Any, value: Any) -> bool:
    """Whether ``value`` may be restored as a copy of ``first``."""
    if first is value:
        return True
    if type(first) is not type(value):
        return False
    if isinstance(value, ExtGState):
        return vars(first) == vars(value)
    return type(value) in _BY_VALUE and bool(first == value)


def _fresh(value: Any) -> Any:
    """A copy of a value of the first page's state that drawing a footer may change."""
    if type(value) is list:
        return list(value)
    if type(value) is dict:
        return dict(value)
    if isinstance(value, ExtGState):
        copy = ExtGState()
        copy._d, copy._c = dict(value._d), dict(value._c)
        return copy
    return value


class _Bodies:
    """Where each kept page's deflated body is in the spool, with its checksum: three numbers
    a page in arrays (a tuple of them was 150 bytes); a length of -1 for a page kept whole."""

    def __init__(self) -> None:
        self._offsets, self._lengths, self._checksums = array("q"), array("q"), array("Q")

    def append(self, body: tuple[int, int, int] | None) -> None:
        offset, length, checksum = body or (0, -1, 0)
        self._offsets.append(offset)
        self._lengths.append(length)
        self._checksums.append(checksum)

    def __len__(self) -> int:
        return len(self._lengths)

    def __getitem__(self, index: int) -> tuple[int, int, int] | None:
        if self._lengths[index] < 0:
            return None
        return self._offsets[index], self._lengths[index], self._checksums[index]


class PageStore(Canvas):
    """A canvas that keeps its pages until saved, so that each page's footer can say how many
    pages there are ("page X of Y"): ReportLab's own recipe, which copies the canvas' state.
    With our filter (``fast_flate``) a page's content is deflated when the page is finished,
    kept in a temporary file, and only the footer's is added at the end (``_Flate.start``).
    Saving, each page is written into the file object as soon as its footer is drawn; the
    rest of the document after it, object by object (``write_document``), never joined whole
    in memory. What a page keeps until then is a few numbers (issue 22)."""

    # What the canvas keeps for all its pages, not restored with a page's state.
    _OWN = frozenset({"_bodies", "_changes", "_first_state", "_spool", "_resources"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bodies = _Bodies()
        # made with the canvas: a page's saved state, restored to draw its footer, holds it;
        # closed once the document is saved
        self._spool: IO[bytes] = tempfile.TemporaryFile(prefix="wrac-pages-")  # noqa: SIM115
        self._resources: dict[tuple[bool, tuple[str, ...]], Any] = {}
        # The first page's state whole; a page whose state differs from it (by value: see
        # ``_same``) keeps what differs, by its index.
        self._first_state: dict[str, Any] | None = None
        self._changes: dict[int, dict[str, Any]] = {}

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        state = {key: value for key, value in self.__dict__.items() if key not in self._OWN}
        body = None
        flate = _flate_of(self)
        if flate is not None and not self._cropMarks:
            # the stream Canvas.showPage would make, up to the footer: the rest is added after
            strm = [*self._psCommandsBeforePage, self._preamble, *self._code]
            body = self._spooled(*flate.start("\n".join(strm) + "\n"))
            state["_code"] = []
        index = len(self._bodies)
        changed = self._differing(state, index)
        if changed:
            self._changes[index] = changed
        self._bodies.append(body)
        self._startPage()

    def _spooled(self, blocks: bytes, checksum: int) -> tuple[int, int, int]:
        """``blocks`` written to the spool: where they are, and their checksum."""
        offset = self._spool.tell()
        self._spool.write(blocks)
        return offset, len(blocks), checksum

    def _differing(self, state: dict[str, Any], index: int) -> dict[str, Any]:
        """``state`` as what differs from the first page's: the values not ``_same``, and
        ``_MISSING`` for the attributes it lacks; the page number where it is not the page's
        place in the document."""
        first = self._first_state
        if first is None:
            self._first_state = state
            return {}
        changed = {
            key: value
            for key, value in state.items()
            if not _same(first.get(key, _MISSING), value)
            and (key != "_pageNumber" or value != index + 1)
        }
        changed |= {key: _MISSING for key in first.keys() - state.keys()}
        return changed

    def _state(self, index: int) -> dict[str, Any]:
        """A page's whole state again (what its state held, but for attributes it lacked:
        those are left as they are, as updating with the copy left them)."""
        state = {key: _fresh(value) for key, value in (self._first_state or {}).items()}
        state["_pageNumber"] = index + 1
        state |= self._changes.pop(index, {})  # let go as the page is finished
        return {key: value for key, value in state.items() if value is not _MISSING}

    def save(self) -> None:
        total = len(self._bodies)
        flate = _flate_of(self)
        output = _Output(self._filename)
        try:
            output.write(b"".join(PDFFile(self._doc._pdfVersion).strings))
            for index in range(total):
                self.__dict__.update(self._state(index))
                self.draw_footer(total)
                self.annotate_page()
                # as Canvas.showPage ends the stream: a space, then what follows every page
                tail = "\n".join([*self._code, " ", *self._psCommandsAfterPage]) + "\n"
                super().showPage()
                page = self._doc.Pages.pages[-1]
                body = self._bodies[index]
                if body is not None and flate is not None:
                    offset, length, checksum = body
                    head, end = flate.ending(checksum, tail)
                    page.Contents = _SpooledStream(self._spool, (offset, length), head, end)
                    page.Resources = self._shared_resources(page)
                _write_page(self._doc, page, output)
            self._bodies = _Bodies()
            self.before_save()
            if len(self._code):  # as Canvas.save
                self.showPage()
            write_document(self, output)
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


class _Output:
    """The document's file as it is written: how many bytes so far, and where each object
    written went, by its number (-1: not written yet)."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self.size = 0
        self.offsets = array("q")
        self.page_numbers = array("q")  # the pages' object numbers, in order: the page tree

    def write(self, data: bytes) -> int:
        """Write ``data``; where it starts."""
        start = self.size
        self._out.write(data)
        self.size += len(data)
        return start

    def put(self, doc: Any, name: str, obj: Any) -> int:
        """The object ``name`` formatted and written, as ReportLab's ``format`` writes each;
        its number."""
        number = doc.idToObjectNumberAndVersion[name][0]
        formatted = PDFIndirectObject(name, obj).format(doc)
        if not rl_config.invariant and rl_config.pdfComments:
            self.write(pdfdoc.pdfdocEnc(f"% {ascii(name)}: class {type(obj).__name__[:50]} \n"))
        if len(self.offsets) <= number:
            self.offsets.extend([-1] * (number + 1 - len(self.offsets)))
        self.offsets[number] = self.write(formatted)
        return int(number)

    def written(self, number: int) -> bool:
        return number < len(self.offsets) and self.offsets[number] >= 0


class _PageReference(int):
    """A page in the page tree's kids, by its object number: formatted as a reference
    (ReportLab formats an object that is no PDFObject nor a number by its text)."""

    def __str__(self) -> str:
        return f"{int(self)} 0 R"


def _write_page(doc: Any, page: Any, output: _Output) -> None:
    """``page``, the document's last, and its content stream written now; ReportLab keeps
    of them only what later objects refer to: the page's number where an annotation names
    its page (a signature field), nothing else (4 KB a page kept until the document was
    written: 45 MB of a 100,000-hazard register's 30,000 pages, issue 22)."""
    name = page.__InternalName__
    doc.Pages.pages.pop()
    output.page_numbers.append(output.put(doc, name, page))
    contents = page.Contents
    _forget(doc, contents.__InternalName__, output.put(doc, contents.__InternalName__, contents))
    if page.Annots:
        doc.idToObject[name] = None
    else:
        _forget(doc, name, output.page_numbers[-1])


def _forget(doc: Any, name: str, number: int) -> None:
    """A written object left out of ReportLab's tables of objects."""
    del doc.idToObject[name], doc.idToObjectNumberAndVersion[name], doc.numberToId[number]


def write_document(canvas: Canvas, output: _Output) -> None:
    """The canvas' document written into ``output`` after its pages, object by object:
    ReportLab's ``PDFDocument.GetPDFData`` and ``format``, with each object written as it is
    formatted and let go after (ReportLab joins the whole file in memory, and a file object's
    save then copies it: three times a 110 MB register)."""
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
    doc.Pages.pages = [_PageReference(number) for number in output.page_numbers]
    _format_into(doc, output)


def _format_into(doc: Any, output: _Output) -> None:
    """``PDFDocument.format`` for the objects not written yet, then the cross-reference
    table of all of them."""
    doc.encrypt.prepare(doc)
    catalog, info = doc.Catalog, doc.info
    doc.Reference(catalog)
    doc.Reference(info)
    encrypted = doc.encrypt.info()
    encrypt_ref = doc.Reference(encrypted) if encrypted else None
    number = 0
    objects = doc.idToObject
    while (number := number + 1) <= doc.objectcounter:  # objects may be added while formatting
        if output.written(number):
            continue
        oid = doc.numberToId[number]
        output.put(doc, oid, objects[oid])
        if oid not in (catalog.__InternalName__, info.__InternalName__):
            objects[oid] = None  # written: only its number and offset are needed again
    last = number - 1
    start = _write_cross_references(output, last)
    trailer = PDFTrailer(
        startxref=start,
        Size=last + 1,
        Root=doc.Reference(catalog),
        Info=doc.Reference(info),
        Encrypt=encrypt_ref,
        ID=doc.ID(),
    )
    output.write(trailer.format(doc))


_XREF_LINES = 4096  # cross-reference lines joined and written at a time


def _write_cross_references(output: _Output, last: int) -> int:
    """The cross-reference table of objects 1 to ``last`` written as ReportLab writes it, a
    few thousand lines at a time; where it starts."""
    offsets = output.offsets
    missing = [number for number in range(1, last + 1) if offsets[number] < 0]
    if missing:
        raise ValueError(f"objects {missing[:10]} not written of {last}")
    start = output.write(f"xref\n0 {last + 1}\n0000000000 65535 f \n".encode("ascii"))
    for first in range(1, last + 1, _XREF_LINES):
        numbers = range(first, min(first + _XREF_LINES, last + 1))
        output.write("".join(f"{offsets[n]:010d} 00000 n \n" for n in numbers).encode("ascii"))
    return start


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
    canvas: Any,
    font: str,
    size: float,
    x: float,
    y: float,
    text: str,
    angle: float = 0.0,
    *,
    once: bool = False,
) -> str:
    """What ``draw_text`` adds to the page: to be kept and added again, on every page of the
    canvas' document, where the same text stands in the same place (a footer's). A text
    shown ``once`` (a page's number) is encoded without being kept (``CellText.operators``)."""
    turn = math.radians(angle)
    cos, sin = math.cos(turn), math.sin(turn)
    matrix = fp_str(cos, sin, -sin, cos, x, y)
    encoded = cell_text(canvas).operators(font, size, (text,), once=once)
    return f"BT {matrix} Tm {encoded} ET"


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
