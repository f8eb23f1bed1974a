"""`wrac --version` answers at once; `--version --verbose` names what the build runs on."""

from __future__ import annotations

import platform
import subprocess
import sys
from importlib import metadata

import pytest

from tests.unit.cli.test_cli import run
from wrac_desktop import __version__
from wrac_desktop.cli.main import global_options
from wrac_desktop.versions import NOT_INSTALLED

HEAVY = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "openpyxl", "pyhanko")


def test_plain_version_loads_neither_qt_nor_the_libraries() -> None:
    code = (
        "import sys; from wrac_desktop.cli.main import main; code = main(['--version']);"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r});"
        "print(heavy, file=sys.stderr); sys.exit(code or bool(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr.strip()) == (0, "[]")
    assert done.stdout == f"WRAC Desktop {__version__}\n"


@pytest.mark.parametrize("command", [[], ["export"], ["approve"], ["merge"], ["import"]])
def test_help_loads_no_library_either(command: list[str]) -> None:
    """`wrac --help` (and a command's) builds the whole parser: every command module is
    imported, and none may import SQLAlchemy, Qt or a report library to do it (issue 22: the
    help answered in 0.73 s CPU, 0.12 s without them). A command imports them when it runs."""
    code = (
        "import sys; from wrac_desktop.cli.main import main\n"
        f"try: main([*{command!r}, '--help'])\n"
        "except SystemExit as done: code = done.code\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r});"
        "print(heavy, file=sys.stderr); sys.exit(code or bool(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr.strip()) == (0, "[]")
    assert "wrac" in done.stdout


def test_the_version_option_in_the_help_still_answers() -> None:
    """The parser's own --version (looked up only when asked) prints what the fast path does."""
    from wrac_desktop.cli.main import build_parser

    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["--verbose", "--version"])
    assert done.value.code == 0


def verbose(capsys: pytest.CaptureFixture[str], *before: str) -> dict[str, str]:
    code, out, err = run(capsys, *before, "--version", "--verbose")
    assert (code, err) == (0, "")
    first, *others = out.splitlines()
    assert first == f"WRAC Desktop {__version__}"
    return dict(line.split(": ", 1) for line in others)


def test_verbose_version_names_python_qt_and_the_libraries(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from PySide6.QtCore import qVersion

    shown = verbose(capsys)
    assert shown["Python"] == platform.python_version()
    assert shown["Qt"] == qVersion()
    for name, distribution in [
        ("PySide6", "PySide6-Essentials"),
        ("SQLAlchemy", "SQLAlchemy"),
        ("ReportLab", "reportlab"),
        ("openpyxl", "openpyxl"),
        ("pyHanko", "pyHanko"),
        ("psycopg", "psycopg"),
    ]:
        assert shown[name] == metadata.version(distribution), name


def test_the_version_is_found_among_the_options_before_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert verbose(capsys, "--lang", "kk")["Python"] == platform.python_version()
    assert global_options(["--lang", "kk", "--version", "export", "--verbose"]) == [
        "--lang",
        "--version",
    ]
    assert run(capsys, "--lang=ru", "--version") == (0, f"WRAC Desktop {__version__}\n", "")


def test_a_source_install_without_the_server_extra_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` now fails
    assert verbose(capsys)["psycopg"] == NOT_INSTALLED
