"""Hostile and malformed worksheets, made on the fly (no binaries in the repository).

The corpus of issue 23: a value at XFD1048576 (the reader aborted allocating 512 GiB), a zip
bomb (4 GB of memory, 100 s), XXE and billion-laughs workbooks, over-long and unterminated CSV
cells, control characters, UTF-16 text. The fuzz target replays every one of them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}<workbook xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/>'
    "</sheets></workbook>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>'
)
SHEET_END = "</sheetData></worksheet>"
HEADER = ("Workplace", "Hazard", "Unwanted event", "Likelihood", "Consequence", "Measure")


def inline_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(
    cells: Sequence[tuple[int, str, str]], *, dimension: str = "", doctype: str = ""
) -> str:
    """A sheet of inline-text cells given as (row, reference, text)."""
    rows: dict[int, list[str]] = {}
    for row, reference, text in cells:
        rows.setdefault(row, []).append(inline_cell(reference, text))
    body = "".join(f'<row r="{row}">{"".join(cells)}</row>' for row, cells in sorted(rows.items()))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return SHEET_START.format(doctype=doctype, dimension=dim) + body + SHEET_END


def write_workbook(
    path: Path, sheet: str | Callable[[zipfile.ZipFile], None], *, workbook_doctype: str = ""
) -> Path:
    """A minimal .xlsx by hand (openpyxl cannot write what Excel would not)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml", WORKBOOK.format(doctype=workbook_doctype, name="Реестр")
        )
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        if isinstance(sheet, str):
            archive.writestr("xl/worksheets/sheet1.xml", sheet)
        else:
            sheet(archive)
    return path


def header_cells() -> list[tuple[int, str, str]]:
    return [(1, f"{chr(ord('A') + i)}1", title) for i, title in enumerate(HEADER)]


def far_cell(path: Path, reference: str = "XFD1048576") -> Path:
    """One value at Excel's last cell: the reader's grid would need 512 GiB."""
    row = int("".join(char for char in reference if char.isdigit()))
    cells = [*header_cells(), (row, reference, "x")]
    return write_workbook(path, sheet_xml(cells, dimension=f"A1:{reference}"))


def zip_bomb(path: Path, megabytes: int = 64) -> Path:
    """A sheet part that inflates ~1,000 times: whitespace inside the sheet data."""

    def write(archive: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            stream.write(SHEET_START.format(doctype="", dimension="").encode())
            block = b" " * 2**20
            for _ in range(megabytes):
                stream.write(block)
            stream.write(SHEET_END.encode())

    return write_workbook(path, write)


XXE = '<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">'
    '<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>'
)


def xxe(path: Path) -> Path:
    """A sheet cell that would hold /etc/passwd if external entities were resolved."""
    cells = [*header_cells(), (2, "A2", "Driller"), (2, "B2", "&xxe;")]
    return write_workbook(path, sheet_xml(cells, doctype=XXE), workbook_doctype=XXE)


def billion_laughs(path: Path) -> Path:
    cells = [*header_cells(), (2, "A2", "Driller"), (2, "B2", "&i;")]
    return write_workbook(path, sheet_xml(cells, doctype=LAUGHS), workbook_doctype=LAUGHS)


def long_csv_cell(path: Path, length: int = 140_000) -> Path:
    rows = [",".join(HEADER), "Driller,Noise,,2,2,ok", "Driller,Dust,," + "x" * length + ",2,"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def endless_csv_line(path: Path, cells: int = 700_000) -> Path:
    """A third row of short cells that never ends: no line break for 2.8 MB (quoted cells,
    one with a doubled quote and a comma inside, so its column is counted outside quotes)."""
    endless = 'Driller,"Dust ""fine"", wet",' + "ab," * cells
    rows = [",".join(HEADER), "Driller,Noise,,2,2,ok", endless]
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


def unterminated_quote_csv(path: Path, tail: int = 10) -> Path:
    rows = [",".join(HEADER), "Driller,Noise,,2,2,ok", 'Driller,"Dust', *(["a,b,c"] * tail)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


HOSTILE_XLSX: dict[str, Callable[[Path], Path]] = {
    "far_cell": far_cell,
    "zip_bomb": zip_bomb,
    "xxe": xxe,
    "billion_laughs": billion_laughs,
}
HOSTILE_CSV: dict[str, Callable[[Path], Path]] = {
    "long_cell": long_csv_cell,
    "unterminated_quote": unterminated_quote_csv,
    "unterminated_long": lambda path: unterminated_quote_csv(path, 30_000),
}
