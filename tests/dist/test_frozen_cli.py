"""Smoke test of the frozen ``wrac``: version, demo, check and the two printed formats."""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.dist.conftest import Run, program

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))
from locks import line_of, lock_path, pins  # noqa: E402
from version import project_version  # noqa: E402

KAZAKH_LETTERS = set("әғқңөұүі")  # all but һ, which no demo text happens to use


@pytest.fixture
def register(frozen: Run, home: Path) -> Path:
    result = frozen("--lang", "kk", "demo", "demo.wrac", "--workplaces", "6")
    assert result.returncode == 0, result.stderr
    return home / "demo.wrac"


def test_version_is_the_one_in_pyproject(frozen: Run) -> None:
    result = frozen("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"WRAC Desktop {project_version()}"


def test_the_version_list_is_the_locks_and_ships_in_the_bundle(frozen: Run, bundle: Path) -> None:
    """`--version --verbose` names the libraries as locked; versions.txt (in the installer
    too) is that list, so two bundles built from one lock are told apart by nothing."""
    result = frozen("--version", "--verbose")
    assert result.returncode == 0, result.stderr
    assert (bundle / "versions.txt").read_text(encoding="utf-8") == result.stdout
    shown = dict(line.split(": ", 1) for line in result.stdout.splitlines()[1:])
    assert shown["Python"] == platform.python_version()  # built in the venv these tests run in
    lock = lock_path(line_of(sys.version_info[:2])).read_text(encoding="utf-8")
    locked = {pin.name: pin.version for pin in pins(lock)}
    for name, distribution in [
        ("PySide6", "pyside6-essentials"),
        ("SQLAlchemy", "sqlalchemy"),
        ("ReportLab", "reportlab"),
        ("openpyxl", "openpyxl"),
        ("pyHanko", "pyhanko"),
        ("psycopg", "psycopg"),  # the installer keeps the server driver
    ]:
        assert shown[name] == locked[distribution], name
    assert shown["Qt"].split(".")[:2] == shown["PySide6"].split(".")[:2]


def test_both_programs_are_in_the_bundle(bundle: Path) -> None:
    assert program("wrac").is_file()
    assert program("wrac-gui").is_file()


def test_demo_then_check_finds_no_problem(frozen: Run, register: Path) -> None:
    assert register.stat().st_size > 0
    result = frozen("check", str(register))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout


def test_check_reports_a_broken_file_as_a_user_error(frozen: Run, home: Path) -> None:
    (home / "broken.wrac").write_bytes(b"not a database at all" * 100)
    result = frozen("check", "broken.wrac")
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr


def test_pdf_register_prints_kazakh_letters(frozen: Run, register: Path, home: Path) -> None:
    out = home / "register.pdf"
    args = ("export", str(register), "--report", "register", "--format", "pdf")
    result = frozen(*args, "--lang", "kk", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make test` installs it (package poppler-utils)")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Кәсіптік тәуекелдер тізілімі" in text
    assert KAZAKH_LETTERS <= set(text)


def test_xlsx_plan_opens_with_its_rows(frozen: Run, register: Path, home: Path) -> None:
    out = home / "plan.xlsx"
    args = ("export", str(register), "--report", "plan", "--format", "xlsx", "--lang", "kk")
    result = frozen(*args, "-o", str(out))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out).worksheets[0]
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert sheet.max_row > 10
    assert "Жұмыс орны" in cells  # the workplace column's heading, in Kazakh


def test_hazard_library_data_is_bundled(frozen: Run) -> None:
    result = frozen("library", "search", "метан")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_hazard_library_catalogues_are_bundled(frozen: Run) -> None:
    # "құлаққап" is a Kazakh keyword of the noise entry: found only through wrac_library.mo
    result = frozen("--lang", "kk", "library", "search", "құлаққап")
    assert result.returncode == 0, result.stderr
    assert "noise\tШу" in result.stdout.splitlines()
