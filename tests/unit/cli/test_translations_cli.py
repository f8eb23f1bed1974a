"""`wrac translations PATH --export/--import FILE.xlsx` and `wrac check`'s translation warnings
(issue 16 item 6): exit codes as the contract says, warnings that leave `check` at 0."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import Sample
from tests.unit.cli.test_cli import run
from wrac_desktop.register import Register

EVENT = "Жарылыстан кейінгі газбен улану"


@pytest.fixture
def register_file(sample_register: tuple[Register, Sample]) -> Path:
    register, _ids = sample_register
    register.close()
    return Path(register.location)


def test_check_lists_missing_translations_per_language_and_still_exits_0(
    register_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(register_file))
    assert (code, err) == (0, "")
    assert "no problems found" in out
    assert "warning: texts with no Russian version: " in out
    assert "warning: texts with no Kazakh version: 2, e.g. “Улы газдар (CO, NO₂)”" in out
    assert "English" not in out  # no English text yet: not nagged about a third language
    assert f"wrac translations {register_file} --export FILE.xlsx" in out


def test_a_demo_with_every_language_checks_without_translation_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(demo), "--workplaces", "2")[0] == 0
    code, out, _err = run(capsys, "check", str(demo))
    assert code == 0 and "warning" not in out


def test_export_fill_import_and_check_again(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet_file = tmp_path / "texts.xlsx"
    code, out, err = run(capsys, "translations", str(register_file), "--export", str(sheet_file))
    assert (code, err) == (0, "")
    assert f"wrote {sheet_file}: " in out and "11 texts; missing kk 2, ru 9, en 11" in out
    book = openpyxl.load_workbook(sheet_file)
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == "kk":
            row[4].value = f"ru: {row[3].value}"
        else:
            row[3].value = f"kk: {row[4].value}"
    book.save(sheet_file)
    code, out, err = run(capsys, "translations", str(register_file), "--import", str(sheet_file),
                         "--dry-run")  # fmt: skip
    assert (code, err) == (0, "") and "would change" in out
    code, out, err = run(capsys, "translations", str(register_file), "--import", str(sheet_file))
    assert (code, err) == (0, "")
    assert f"{sheet.max_row - 1} texts read; changed {sheet.max_row - 1}" in out
    code, out, _err = run(capsys, "check", str(register_file))
    assert code == 0 and "warning" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--export", "{register}"],  # the register itself is never overwritten
        ["--import", "{missing}"],
        ["--export", "{file}", "--dry-run"],
        ["--import", "{register}"],  # a database is not a workbook
    ],
)
def test_user_errors_exit_2_with_one_line(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before = register_file.read_bytes()
    places = {
        "register": register_file,
        "missing": tmp_path / "no.xlsx",
        "file": tmp_path / "t.xlsx",
    }
    argv = [part.format(**places) for part in argv]
    code, out, err = run(capsys, "translations", str(register_file), *argv)
    assert code == 2 and out == ""
    assert err.startswith("wrac: ") and err.count("\n") == 1 and "Traceback" not in err
    assert register_file.read_bytes() == before
