"""The fast paths behind the long reports: XLSX rows written as XML, PDF cell text encoded once.

Each is checked the way a reader meets it: openpyxl reading the workbook back, pdftotext
reading the PDF.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import from_excel
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import SECOND
from wrac_desktop.register import open_register
from wrac_desktop.reports import notes as report_notes
from wrac_desktop.reports import openpyxl_adapter as adapter
from wrac_desktop.reports.openpyxl_adapter import SheetRows, splice
from wrac_desktop.reports.pdf_base import FONT, FONT_BOLD, register_fonts
from wrac_desktop.reports.pdf_grid import Grid, GridRow, GridStyle
from wrac_desktop.reports.reportlab_adapter import fast_flate
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export
from wrac_desktop.services.report_data import build_report_data


def _workbook_with(rows: list[list[object]]) -> Workbook:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Тізілім")
    ws.append(["a", "b", "c"])
    body = SheetRows(ws.title)
    try:
        for row in rows:
            body.append((value, 0) for value in row)
    finally:
        ws.close()  # as workbook_bytes does when it gives up
    buffer = io.BytesIO()
    wb.save(buffer)
    data = splice(buffer.getvalue(), {ws.path.lstrip("/"): body})
    return load_workbook(io.BytesIO(data))


def test_rows_read_back_with_their_values_and_types() -> None:
    rows: list[list[object]] = [
        [1, 2.5, "қауіп & <бақылау>"],
        [None, "", "  leading and trailing spaces  "],
        [True, date(2027, 3, 31), "line one\nline two"],
        ["=1+1", "+7", "@SUM(A1)"],
    ]
    sheet = _workbook_with(rows).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0] == [1, 2.5, "қауіп & <бақылау>"]
    assert values[1] == [None, None, "  leading and trailing spaces  "]
    assert values[2][0] is True and values[2][2] == "line one\nline two"
    assert from_excel(values[2][1]) == datetime(2027, 3, 31)  # a serial day number (unstyled)
    assert values[3] == ["=1+1", "+7", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in sheet[5])  # text, never a formula


def test_long_sheets_rows_go_to_disk_and_stream_into_the_workbook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16's kk+ru register held its rows as strings (542 MB at 10,000 hazards): they are
    spooled as UTF-8, on disk past a size, and the text caches stay bounded."""
    monkeypatch.setattr(adapter, "ROWS_IN_MEMORY", 2_000)
    monkeypatch.setattr(adapter, "CACHE_LIMIT", 10)
    body = SheetRows("Тізілім", [20.0, 20.0])
    rows = [[f"Қауіп № {n}", f"Шара № {n}\n{SECOND}Мера № {n}"] for n in range(300)]
    for row in rows:
        body.append((value, 0) for value in row)
        assert len(body._markup) <= 11 and len(body._line_counts) <= 11  # noqa: SLF001
    assert body._rows._rolled  # type: ignore[attr-defined]  # noqa: SLF001 - on disk
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Тізілім")
    ws.append(["a", "b"])
    ws.close()
    buffer = io.BytesIO()
    wb.save(buffer)
    book = load_workbook(io.BytesIO(splice(buffer.getvalue(), {ws.path.lstrip("/"): body})))
    values = [[c.value for c in row] for row in book.worksheets[0].iter_rows(min_row=2)]
    assert len(values) == 300 and values[299][0] == "Қауіп № 299"
    assert values[5][1] == "Шара № 5\nМера № 5"  # the second language's run, unmarked
    body.close()


def test_a_control_character_is_shown_as_its_picture_with_a_note_naming_the_cell() -> None:
    """One stored before the program refused them (issue 23 item 15): the report is written,
    the character visible as ␇, a note names the cell."""
    with report_notes.collecting() as notes:
        sheet = _workbook_with([["ok", "ok", "ok"], ["ok", "ok", "bell\a"]]).worksheets[0]
    assert sheet["C3"].value == "bell\u2407"
    assert len(notes) == 1 and "cell C3 of sheet “Тізілім”" in notes[0] and "U+0007" in notes[0]


def test_text_longer_than_a_cell_holds_is_refused_not_cut() -> None:
    with pytest.raises(UserError, match="cell A2 .* more than 32767 characters"):
        _workbook_with([["x" * 32_768]])


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fast") / "demo.wrac"
    write_demo(path, workplaces=3, seed=2, lang="kk")
    return path


def test_register_xlsx_filters_the_whole_table(small_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    with open_register(small_demo, read_only=True) as register:
        export(register, "register", "xlsx", "kk", out)
        with register.uow.reading() as session:
            rows = list(build_report_data(session, "kk", with_fingerprint=False).rows)
    sheet = load_workbook(out).worksheets[0]
    lines = sum(max(1, len(row.additional)) for row in rows)  # a line per measure
    assert sheet.auto_filter.ref == f"A1:Z{sheet.max_row}" and sheet.max_row == 1 + lines


def test_rows_of_wrapped_text_are_given_their_height(small_demo: Path, tmp_path: Path) -> None:
    """LibreOffice keeps rows one line high unless told: long cells printed over others."""
    out = tmp_path / "register.xlsx"
    with open_register(small_demo, read_only=True) as register:
        export(register, "register", "xlsx", "kk", out)
    sheet = load_workbook(out).worksheets[0]
    assert (sheet.row_dimensions[1].height or 15) > 15  # "Бастапқы тәуекел: Нәтиже" wraps
    for row in sheet.iter_rows(min_row=2):
        lines = max(str(c.value).count("\n") + 1 for c in row if c.value is not None)
        assert (sheet.row_dimensions[row[0].row].height or 15) >= 15 * lines


def test_control_character_stored_in_a_register_is_exported_with_a_note(
    small_demo: Path, tmp_path: Path
) -> None:
    """The program refuses to save one now; a register written before may hold one (put here
    as the sqlite3 tool would): the workbook is written, the note names the cell."""
    copy = tmp_path / "copy.wrac"
    shutil.copy(small_demo, copy)
    with sqlite3.connect(copy) as connection:
        connection.execute(
            "UPDATE hazard SET description = 'бір' || char(11) || 'екі' WHERE id = 1"
        )
    out = tmp_path / "register.xlsx"
    notes: list[str] = []
    with open_register(copy) as register:
        export(register, "register", "xlsx", "en", out, notes=notes)
    assert any("U+000B" in note and "\u240b" in note for note in notes), notes
    sheets = load_workbook(out).worksheets
    texts = {v for sheet in sheets for row in sheet.iter_rows(values_only=True) for v in row}
    assert any(isinstance(text, str) and text.endswith("бір\u240bекі") for text in texts)


def _drawn_and_read(canvas: Canvas, grid: Grid, out: Path) -> str:
    """``grid`` drawn on a page of ``canvas`` (saved to ``out``), read back by pdftotext."""
    grid.wrapOn(canvas, 600, 500)
    grid.drawOn(canvas, 20, 20)
    canvas.save()
    return subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_grid_text_survives_many_font_subsets(tmp_path: Path) -> None:
    """Over 256 distinct characters spill into a second font subset: cached cells must switch
    subsets as ReportLab would, and repeated cells must print the same text."""
    register_fonts()
    alphabet = "".join(chr(c) for c in range(0x0410, 0x0450)) + "әғқңөұүһі" + "ΑΒΓΔΕΖΗΘ"
    alphabet += "".join(chr(c) for c in range(0x0100, 0x0180)) + "0123456789"
    alphabet += "".join(chr(c) for c in range(0x0391, 0x03A2)) + "".join(
        map(chr, range(0x0180, 0x01C0))
    )
    lines = tuple(alphabet[i : i + 40] for i in range(0, len(alphabet), 40))
    style = GridStyle(FONT, FONT_BOLD, 7, 8.4)
    rows = [GridRow([lines, ("повтор",)]) for _ in range(3)]
    out = tmp_path / "grid.pdf"
    canvas = Canvas(str(out), pagesize=landscape(A4))
    grid = Grid(GridRow([("head",), ("бас",)]), rows, [500.0, 100.0], style, 500)
    text = _drawn_and_read(canvas, grid, out)
    assert len(set(alphabet)) > 256
    assert text.count(lines[-1]) == 3 and text.count("повтор") == 3
    assert all(line in text for line in lines) and "\ufffd" not in text


def test_grid_text_is_written_as_raw_subset_bytes_and_reads_back_whole(tmp_path: Path) -> None:
    """A letter of an embedded font's subset is one byte of the page stream, not a four-byte
    octal escape (ReportLab's way: 44 % of a 10,000-hazard register's page bytes); the bytes
    a PDF string cannot hold raw are still escaped, so brackets, backslashes and every code a
    subset gives still read back."""
    import re
    import zlib

    register_fonts()
    tricky = "(қ) \\ әғ ) ( \\n ңөұүһі"
    alphabet = "".join(chr(c) for c in range(0x0410, 0x0450)) + "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
    lines = (tricky, *(alphabet[i : i + 30] for i in range(0, len(alphabet), 30)))
    out = tmp_path / "raw.pdf"
    canvas = Canvas(str(out), pagesize=landscape(A4), pageCompression=0)
    fast_flate(canvas, 4)  # as every report's canvas (pdf_base.numbered_canvas)
    style = GridStyle(FONT, FONT_BOLD, 7, 8.4)
    grid = Grid(GridRow([("head",)]), [GridRow([lines])], [500.0], style, 500)
    text = _drawn_and_read(canvas, grid, out)
    assert all(line in text for line in lines), text
    streams = re.findall(rb"stream\r?\n(.*?)endstream", out.read_bytes(), re.S)
    page = b"".join(
        inflated
        for inflated in (zlib.decompressobj().decompress(body) for body in streams)
        if b" Tj" in inflated
    )
    shown = b"".join(re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", page, re.S))
    assert shown and not re.search(rb"\\[0-7]{3}", shown), shown[:200]
    assert b"\r" not in shown and b"\n" not in shown  # a line end is escaped: \\r, \\n


def _page_texts(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def test_grid_rows_move_to_the_next_page_whole_and_the_header_repeats_once(
    tmp_path: Path,
) -> None:
    """Below a half-page block, rows of 6 to 30 lines: none may be cut, since each fits a
    page; the only cut row is the one taller than a page. One header row per page."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

    register_fonts()
    out = tmp_path / "paging.pdf"
    doc = BaseDocTemplate(str(out), pagesize=landscape(A4))
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    heights = [6 + (n * 7) % 25 for n in range(40)] + [120, 8]  # row 41 fits no page
    rows = [
        GridRow([tuple(f"r{n}-line{i}" for i in range(h)), (f"r{n}",)])
        for n, h in enumerate(heights, start=1)
    ]
    style = GridStyle(FONT, FONT_BOLD, 7, 8.4)
    grid = Grid(GridRow([("HEADCELL",), ("second",)]), rows, [300.0, 100.0], style, doc.height - 12)
    doc.build([Spacer(1, doc.height / 2), grid])
    pages = _page_texts(out)
    assert len(pages) > 5
    assert all(page.count("HEADCELL") == 1 for page in pages)
    for n, h in enumerate(heights, start=1):
        first = [i for i, page in enumerate(pages) if f"r{n}-line0\n" in page]
        last = [i for i, page in enumerate(pages) if f"r{n}-line{h - 1}\n" in page]
        assert len(first) == len(last) == 1, n
        assert (first == last) == (n != 41), n  # only the over-tall row spans pages


def test_a_heading_row_is_never_left_alone_at_the_foot_of_a_page(tmp_path: Path) -> None:
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    out = tmp_path / "headings.pdf"
    doc = BaseDocTemplate(str(out), pagesize=landscape(A4))
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    rows = []
    for group in range(30):
        rows.append(GridRow([(f"HEADING{group}",), ()], span_fill="#F4F4F4"))
        rows += [
            GridRow([tuple(f"g{group}r{n}l{i}" for i in range(3 + n)), ("x",)]) for n in range(4)
        ]
    style = GridStyle(FONT, FONT_BOLD, 7, 8.4)
    doc.build(
        [Grid(GridRow([("HEAD",), ("second",)]), rows, [300.0, 100.0], style, doc.height - 12)]
    )
    pages = _page_texts(out)
    assert len(pages) > 3
    for page in pages:
        assert not page.strip().splitlines()[-1].startswith("HEADING")


@pytest.mark.parametrize("above", [0.0, 0.3, 0.55, 0.62, 0.7, 0.8])
def test_what_follows_a_grid_never_stands_on_a_page_of_its_own(
    tmp_path: Path, above: float
) -> None:
    """A sign-off under the grid goes on with the grid's last rows when it does not fit under
    them, wherever the grid ends (the space above it moves the end down the page); the totals
    under the last row go along, and the rows before stay where they fit."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        KeepTogether,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    register_fonts()
    out = tmp_path / "tail.pdf"
    doc = BaseDocTemplate(str(out), pagesize=landscape(A4))
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    rows = [GridRow([(f"row{n}", "more"), ("x",)]) for n in range(12)]
    rows += [GridRow([("TOTAL-A",), ("",)]), GridRow([("TOTAL-B",), ("",)])]
    style = GridStyle(FONT, FONT_BOLD, 7, 8.4)
    signoff = [KeepTogether([Spacer(1, 60), Paragraph("SIGNOFF", getSampleStyleSheet()["Normal"])])]
    grid = Grid(
        GridRow([("HEAD",), ("second",)]), rows, [300.0, 100.0], style, doc.height - 12,
        tail=signoff, tail_rows=3,
    )  # fmt: skip
    doc.build([Spacer(1, doc.height * above), grid, *signoff])
    pages = _page_texts(out)
    signed = next(page for page in pages if "SIGNOFF" in page)
    assert "row11" in signed and "TOTAL-A" in signed and "TOTAL-B" in signed
    everything = "".join(pages)
    assert all(everything.count(f"row{n}\n") == 1 for n in range(12))
    assert "row0\n" in pages[0]  # the rows that fit stay on page 1
    assert len(pages) == (1 if above == 0.0 else 2)  # room for all on page 1, or a page more


def test_every_pdf_stream_is_deflated_and_inflates(small_demo: Path, tmp_path: Path) -> None:
    """Page streams, embedded fonts and their maps go through our faster Flate filter."""
    import re
    import zlib

    out = tmp_path / "register.pdf"
    with open_register(small_demo, read_only=True) as register:
        export(register, "register", "pdf", "kk", out)
    data = out.read_bytes()
    streams = re.findall(rb"<<((?:(?!>>\s*stream).)*)>>\s*stream\r?\n(.*?)endstream", data, re.S)
    assert len(streams) > 3
    pages = 0
    for dictionary, body in streams:
        if b"/Length 0" in dictionary:
            continue  # an empty signature field's appearance: nothing to deflate
        assert b"/FlateDecode" in dictionary, dictionary[-200:]
        inflated = zlib.decompressobj().decompress(body)  # a line end may follow the data
        pages += b" Tf" in inflated and b"BT" in inflated
    assert pages >= 2  # text-drawing page streams among them


def test_the_cycle_collector_is_paused_while_a_report_is_made_and_restored(
    small_demo: Path,
) -> None:
    import gc

    from wrac_desktop.services import exporting as export_module

    seen: list[bool] = []
    with (
        open_register(small_demo, read_only=True) as register,
        register.uow.reading() as session,
    ):
        export_module.render(
            session, "matrix", "pdf", "en", progress=lambda *_: seen.append(gc.isenabled())
        )
        assert seen and not any(seen) and gc.isenabled()
        gc.disable()
        try:
            export_module.render(session, "matrix", "xlsx", "en")
            assert not gc.isenabled()  # left off, as the caller had it
        finally:
            gc.enable()


def test_a_word_wider_than_its_column_breaks_where_a_syllable_may_end() -> None:
    """A name one letter too wide for the responsible column printed as "Жаксылыков-" over
    "а"; it breaks where a reader expects, and no letter is lost."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from wrac_desktop.reports.pdf_cells import CELL_FONT_SIZE, _broken

    register_fonts()
    cases = {
        "Жаксылыкова": ["Жаксылыко-", "ва"],
        "Незначительные": ["Незначи-", "тельные"],
        "Катастрофические": ["Катастро-", "фические"],
    }
    for word, expected in cases.items():
        room = stringWidth(word[:-1] + "-", FONT, CELL_FONT_SIZE) + 0.1  # all but one letter
        if word != "Жаксылыкова":
            room = stringWidth(expected[0], FONT, CELL_FONT_SIZE) + 1
        assert _broken(word, FONT, room) == expected
    narrow = _broken("Қызметкерлер", FONT, 5)  # no syllable fits: between any letters
    assert "".join(piece.rstrip("-") for piece in narrow) == "Қызметкерлер"


@pytest.mark.parametrize("level", [1, 4, 9])
def test_a_stream_deflated_in_two_parts_inflates_to_both(level: int) -> None:
    """A page's body is deflated when the page is finished and its footer at the end: the
    joined stream is one zlib stream of the two, checksum and all."""
    import random
    import zlib

    from wrac_desktop.reports.reportlab_adapter import _Flate

    flate = _Flate(level)
    rng = random.Random(level)
    for body_size, tail_size in [(0, 0), (1, 300), (50_000, 0), (200_000, 2_000)]:
        body = "".join(chr(rng.choice([32, 40, 92, 200, 255, 10, rng.randrange(256)]))
                       for _ in range(body_size))  # fmt: skip
        tail = "".join(chr(rng.randrange(256)) for _ in range(tail_size))
        blocks, checksum = flate.start(body)
        head, end = flate.ending(checksum, tail)
        joined = head + blocks + end
        assert zlib.decompress(joined) == (body + tail).encode("latin-1")
        assert zlib.decompressobj().decompress(joined + b"\n") == (body + tail).encode("latin-1")


def test_a_line_is_encoded_as_reportlab_encodes_it() -> None:
    """Lines whose characters the first subset holds are looked up at once: the same bytes as
    ReportLab's splitString for known and new characters, a second subset, a no-break space
    and a character the font lacks, in any order."""
    from reportlab.pdfbase import pdfmetrics

    from wrac_desktop.reports.reportlab_adapter import CellText

    register_fonts()
    font = pdfmetrics.getFont(FONT)
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    cells = CellText(ours._doc)
    alphabet = "".join(chr(c) for c in range(0x0410, 0x0450)) + "әғқңөұүһі"
    alphabet += "".join(chr(c) for c in range(0x0100, 0x0180)) + "ΑΒΓΔΕΖΗΘ\u00a0\U0001f600"
    lines = [
        "",
        "Шум",
        "шум и пыль",
        "Шу\u00a0м",
        *(alphabet[i : i + 37] for i in range(0, 300, 7)),
    ]
    lines += ["Қауіп 1", "ΑΒΓ Шум", "\U0001f600 ә"]
    for line in lines * 2:
        assert cells._split(font, FONT, line) == font.splitString(line, theirs._doc), line


def test_a_report_is_made_with_its_signature_fields_without_loading_pyhanko(
    small_demo: Path, tmp_path: Path
) -> None:
    """The empty signature fields are part of the document ReportLab writes: an export does
    not load pyHanko (0.3 s) nor read the document back to add them."""
    import sys

    from wrac_desktop.reports import signing

    out = tmp_path / "register.pdf"
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from wrac_desktop.register import open_register\n"
        "from wrac_desktop.services.exporting import export\n"
        f"with open_register(Path({str(small_demo)!r}), read_only=True) as register:\n"
        f"    export(register, 'register', 'pdf', 'kk', Path({str(out)!r}))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('pyhanko')}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    content = out.read_bytes()
    assert content.count(b"%%EOF") == 1  # one writing, no update appended
    fields = signing.signature_fields(content)
    assert [f.name for f in fields][:2] == ["WRAC-Approver", "WRAC-Member-1"]
    assert all(not f.signed and f.person for f in fields)
    assert signing.document_language(content) == "kk"


def _reportlab_saves(canvas: Canvas, output: object) -> None:
    """What ReportLab's own save writes: the whole file joined in memory, written instead of
    the pages written as they were finished (none are, with ``_write_page`` held)."""
    out = output._out  # type: ignore[attr-defined]
    out.seek(0)
    out.truncate()
    out.write(canvas._doc.GetPDFData(canvas))  # type: ignore[attr-defined]


def _written(data: object, report: str) -> bytes:
    from wrac_desktop.reports.export import write_document

    out = io.BytesIO()
    write_document(data, report, "pdf", out)  # type: ignore[arg-type]
    return out.getvalue()


def _pages(content: bytes) -> list[tuple[bytes, list[str], list[str]]]:
    """Each page as a reader meets it: its content, its fonts and its signature fields."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(content)).pages:
        fields = [str(a.get_object().get("/T")) for a in page.get("/Annots") or []]
        fonts = sorted(page["/Resources"]["/Font"].keys())
        pages.append((page.get_contents().get_data(), fonts, fields))
    return pages


@pytest.mark.parametrize(("report", "lang"), [("register", "kk"), ("plan", "ru")])
def test_a_long_pdf_written_as_it_is_made_is_reportlabs_own_file(
    small_demo: Path, monkeypatch: pytest.MonkeyPatch, report: str, lang: str
) -> None:
    """Pages kept in a temporary file, each written as soon as its footer is drawn, and the
    rest of the document object by object (issue 22): the same pages, fonts and signature
    fields as ReportLab writing every page at the end made."""
    from reportlab import rl_config

    from wrac_desktop.reports import reportlab_adapter

    monkeypatch.setattr(rl_config, "invariant", 1)
    with open_register(small_demo, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, lang, as_of=date(2026, 12, 7))
        streamed = _written(data, report)
        monkeypatch.setattr(reportlab_adapter, "write_document", _reportlab_saves)
        monkeypatch.setattr(reportlab_adapter, "_write_page", lambda _doc, _page, _out: None)
        written_at_the_end = _written(data, report)
    pages = _pages(streamed)
    assert len(pages) > 3 and pages == _pages(written_at_the_end)
    assert any(fields for _content, _fonts, fields in pages)  # the signature lines' fields


def test_the_plan_read_in_its_own_order_is_the_plan_sorted_in_memory(small_demo: Path) -> None:
    """The plan's rows come from SQL workplace by workplace in the plan's order (issue 22):
    the same lines, register numbers and all, as sorting every row of the register."""
    with open_register(small_demo, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, "ru", with_fingerprint=False)
        streamed = data.plan_lines()
        data.plan_rows, data.rows = None, list(data.rows)
    assert streamed == data.plan_lines() and len(streamed) > 20
    assert [line.row.number for line in streamed if line.row] != sorted(
        line.row.number for line in streamed if line.row
    )  # not the register's order: highest risk first
