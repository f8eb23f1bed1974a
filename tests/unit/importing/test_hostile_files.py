"""Issue 23 items 10, 11, 12 and 15: hostile worksheets are refused (exit 2), not read.

Each runs ``wrac import`` in a child process, because the failures being guarded against
killed the process (SIGABRT) or took gigabytes, which a test in-process would share.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Sample
from tests.unit.importing import hostile
from tests.unit.importing.content import content
from tests.unit.importing.worksheets import write_csv
from wrac_desktop.importing import xlsx_limits
from wrac_desktop.importing.reading import ImportFileError, open_rows, read_sheet
from wrac_desktop.register import Register, open_register

Registered = tuple[Register, Sample]


@pytest.fixture
def register_file(sample_register: Registered) -> Path:
    register, _ids = sample_register
    register.close()
    return Path(register.location)


def wrac(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "WRAC_LANG": "en", "LANGUAGE": "en"}
    return subprocess.run(
        [sys.executable, "-m", "wrac_desktop", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )


def refused_by_cli(register_file: Path, worksheet: Path, *fragments: str) -> str:
    with open_register(register_file) as register:
        before = content(register)
    result = wrac("import", str(register_file), str(worksheet))
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    message = result.stderr.strip()
    assert message.count("\n") == 0 and "Traceback" not in message
    for fragment in (str(worksheet), *fragments):
        assert fragment in message
    with open_register(register_file) as register:
        assert content(register) == before
    return message


def test_a_value_at_xfd1048576_is_refused_not_an_abort(register_file: Path, tmp_path: Path) -> None:
    worksheet = hostile.far_cell(tmp_path / "far.xlsx")
    refused_by_cli(register_file, worksheet, "sheet “Реестр”", "XFD1048576")


def test_a_value_far_to_the_right_is_refused(tmp_path: Path) -> None:
    worksheet = hostile.far_cell(tmp_path / "wide.xlsx", "XFD1300")  # 21 million cells
    with pytest.raises(ImportFileError, match=r"XFD1300.*1,300 rows × 16,384 columns"):
        read_sheet(worksheet)


def test_a_wide_but_small_sheet_is_still_read(tmp_path: Path) -> None:
    worksheet = hostile.far_cell(tmp_path / "wide.xlsx", "ZZ30")
    assert read_sheet(worksheet).rows[0][:2] == ("Workplace", "Hazard")


def test_a_zip_bomb_is_refused_from_its_directory(register_file: Path, tmp_path: Path) -> None:
    worksheet = hostile.zip_bomb(tmp_path / "bomb.xlsx")
    assert worksheet.stat().st_size < 1_000_000
    refused_by_cli(register_file, worksheet, "xl/worksheets/sheet1.xml", "zip bomb")


def test_an_archive_too_large_in_all_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worksheet = hostile.far_cell(tmp_path / "fine.xlsx", "F2")
    monkeypatch.setattr(xlsx_limits, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(ImportFileError, match="refused unread: it would inflate"):
        read_sheet(worksheet)


def shared_strings_workbook(path: Path) -> Path:
    """Texts as Excel saves them: in the shared strings part, named by number from the sheet
    (one of them rich text, with a phonetic reading that is no part of it)."""
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Workplace'
        "</t></si><si><t>Hazard</t></si><si><r><t>Drill</t></r><r><t>er</t></r><rPh><t>x</t>"
        "</rPh></si><si><t>Dust_x000D_</t></si></sst>"
    )
    body = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
    )

    def parts(archive: zipfile.ZipFile) -> None:
        archive.writestr("xl/worksheets/sheet1.xml", hostile.SHEET_START.format(
            doctype="", dimension="") + body + hostile.SHEET_END)  # fmt: skip
        archive.writestr("xl/sharedStrings.xml", strings)

    return hostile.write_workbook(path, parts)


def test_shared_strings_are_read_and_have_their_own_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet streams, so the archive may inflate to a gigabyte; the strings it names by
    number are held whole, and stay under the limit the whole archive had before."""
    worksheet = shared_strings_workbook(tmp_path / "shared.xlsx")
    assert read_sheet(worksheet).rows == [("Workplace", "Hazard"), ("Driller", "Dust\r")]
    monkeypatch.setattr(xlsx_limits, "MAX_SHARED_STRINGS", 10)
    with pytest.raises(ImportFileError, match="refused unread: it would inflate"):
        read_sheet(worksheet)


@pytest.mark.parametrize("maker", [hostile.xxe, hostile.billion_laughs])
def test_entity_tricks_are_refused_or_left_unexpanded(tmp_path: Path, maker: object) -> None:
    worksheet = maker(tmp_path / "entities.xlsx")  # type: ignore[operator]
    try:
        rows = read_sheet(worksheet).rows
    except ImportFileError:
        return
    assert "root:" not in repr(rows) and "hahaha" not in repr(rows)


def test_a_csv_cell_over_the_csv_limit_names_row_and_column(
    register_file: Path, tmp_path: Path
) -> None:
    worksheet = hostile.long_csv_cell(tmp_path / "long.csv")
    refused_by_cli(register_file, worksheet, "row 3", "column D", "131,072")


def test_a_csv_line_without_end_is_refused_not_read_whole(
    register_file: Path, tmp_path: Path
) -> None:
    """A line was read whole, as text and as a list of its cells: one 180 MB line of short
    cells took 898 MB for a dry run (and was then imported). Refused at the line limit,
    naming the row and the column the limit falls in (its 349,518th cell, column SVZZ: counted
    from the cells before it, the quoted comma not among them)."""
    worksheet = hostile.endless_csv_line(tmp_path / "endless.csv")
    refused_by_cli(register_file, worksheet, "row 3, column ", "1,048,576 characters")
    with pytest.raises(ImportFileError, match="row 3, column SVZZ:"):
        list(open_rows(worksheet).rows())


@pytest.mark.parametrize("tail", [10, 30_000])
def test_an_unterminated_quote_names_row_and_column(
    register_file: Path, tmp_path: Path, tail: int
) -> None:
    worksheet = hostile.unterminated_quote_csv(tmp_path / "quote.csv", tail)
    refused_by_cli(register_file, worksheet, "row 3", "column B", "quote")


def test_loose_quotes_inside_a_cell_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "inches.csv"
    path.write_text('Workplace,Hazard\nFitter,Pipe 2" wide\nWelder,"Fumes" again\n')
    assert read_sheet(path).rows[1:] == [("Fitter", 'Pipe 2" wide'), ("Welder", "Fumes again")]


def test_utf16_unicode_text_from_excel_is_read(tmp_path: Path) -> None:
    rows = [hostile.HEADER, ("Бұрғылаушы", "Шу", "Естудің нашарлауы", 2, 2, "Құлаққап")]
    path = write_csv(tmp_path / "unicode.txt", rows, encoding="utf-16", delimiter="\t")
    assert path.read_bytes()[:2] == b"\xff\xfe"  # Excel's "Unicode text": BOM, tabs
    assert read_sheet(path).rows[1] == (
        "Бұрғылаушы",
        "Шу",
        "Естудің нашарлауы",
        "2",
        "2",
        "Құлаққап",
    )


def test_direction_overrides_are_stripped_with_a_warning(
    register_file: Path, tmp_path: Path
) -> None:
    """U+202E shows «\u202eзаГ» as «Газ»: the register would print one text and sign another."""
    rows = [hostile.HEADER, ("Driller", "\u202eзаГ", "Улану\u2066", 2, 2, "Muffs")]
    result = wrac("import", str(register_file), str(write_csv(tmp_path / "bidi.csv", rows)))
    assert result.returncode == 0, result.stderr
    assert "row 2, column B: direction-override characters removed (1)" in result.stdout
    assert "row 2, column C: direction-override characters removed (1)" in result.stdout
    with open_register(register_file) as register:
        texts = repr(content(register)["hazard"])
    assert "заГ" in texts and "Улану" in texts
    assert "\\u202e" not in texts and "\\u2066" not in texts


def test_control_characters_are_stripped_with_a_warning_and_xlsx_export_works(
    register_file: Path, tmp_path: Path
) -> None:
    rows = [hostile.HEADER, ("Driller", "Noise\x01 level\x7f", "Hearing\x0b loss", 2, 2, "Muffs")]
    worksheet = write_csv(tmp_path / "controls.csv", rows)
    result = wrac("import", str(register_file), str(worksheet))
    assert result.returncode == 0, result.stderr
    assert "row 2, column B: control characters removed" in result.stdout
    assert "row 2, column C: control characters removed" in result.stdout
    with open_register(register_file) as register:
        texts = [row for row in content(register)["hazard"] if "Noise" in repr(row)]
    assert texts and "Noise level" in repr(texts) and "\\x01" not in repr(texts)
    for report in ("register", "plan"):
        out = tmp_path / f"{report}.xlsx"
        result = wrac(
            "export", str(register_file), "--report", report, "--format", "xlsx", "-o", str(out)
        )
        assert result.returncode == 0, result.stderr


def _after_good_rows(path: Path, row: str, good: int = 30_000, tail: str = "Fitter,Noise") -> Path:
    """``row`` after ``good`` sound rows, then a few more: the CSV streams, so a fault is met
    after rows were read, and must still be named where it is."""
    lines = ["Workplace,Hazard", *[f"Driller {n},Noise" for n in range(good)], row, *[tail] * 5]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_fault_far_into_a_streamed_csv_names_its_row_and_column(tmp_path: Path) -> None:
    for row, said in (
        ('Welder,"Fumes', "row 30002, column B: a quote opens here and is never closed"),
        ("Welder," + "x" * 140_000, "row 30002, column B: the cell is longer than"),
    ):
        path = _after_good_rows(tmp_path / "late.csv", row, tail="a,b")
        with pytest.raises(ImportFileError, match=said):
            list(open_rows(path).rows())


def test_loose_quotes_far_into_a_streamed_csv_are_read_as_excel_reads_them(
    tmp_path: Path,
) -> None:
    path = _after_good_rows(tmp_path / "late.csv", 'Fitter,Pipe 2" wide')
    rows = list(open_rows(path).rows())
    assert len(rows) == 1 + 30_000 + 1 + 5
    assert rows[30_000] == ("Driller 29999", "Noise")
    assert rows[30_001:] == [("Fitter", 'Pipe 2" wide'), *[("Fitter", "Noise")] * 5]
