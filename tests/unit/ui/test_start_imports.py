"""Issue 22 item 5: the window opens a register without loading the PDF and spreadsheet libraries.

ReportLab, openpyxl, pyHanko and pypdf cost about 0.5 s of CPU to import (ReportLab's platypus
alone 0.29 s), a third of the frozen app's time to a visible window, and the window needs none of
them until a report is written, checked or signed. The start is driven as `wrac-gui FILE` does
it, in a child process, with the event loop left as soon as it has run once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.cli.test_cli import run

LOADED_WHEN_NEEDED = ("reportlab", "openpyxl", "pyhanko", "pypdf", "PIL", "lxml")
# The app's own modules behind a menu command, and SQLAlchemy's PostgreSQL dialect (every
# driver's module with it), which a register in a file never needs: together about 0.1 s
# of the start's CPU on this machine (issue 22 item 5).
OWN_LOADED_WHEN_NEEDED = (
    "wrac_desktop.services.exporting",  # File → Export, Preview, Sign
    "wrac_desktop.services.worksheets",  # File → Import worksheet
    "wrac_desktop.importing.reading",
    "wrac_desktop.services.demo",  # File → New demo register
    "sqlalchemy.dialects.postgresql",
)

START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def exec_once(*_args):
    QTimer.singleShot(0, QApplication.quit)
    return QApplication.processEvents() or 0

QApplication.exec = exec_once
from wrac_desktop.launcher import main
code = main([sys.argv[1]])
wanted = set(sys.argv[2:])
loaded = set(sys.modules) | {name.split(".")[0] for name in sys.modules}
print(sorted(loaded & wanted))
sys.exit(code)
"""


def test_the_window_opens_a_register_without_the_report_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(register), "--workplaces", "2", "--seed", "3")[0] == 0
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "WRAC_DATA_DIR": str(tmp_path / "data"),
        "WRAC_CONFIG_DIR": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", START, str(register), *LOADED_WHEN_NEEDED,
         *OWN_LOADED_WHEN_NEEDED],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_the_probe_sees_a_library_the_window_loads() -> None:
    """The check above can fail: the same probe names a library once something imports it."""
    code = START.replace(
        "from wrac_desktop.launcher import main",
        "import openpyxl, wrac_desktop.services.demo\nmain = len",
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "x", *LOADED_WHEN_NEEDED, *OWN_LOADED_WHEN_NEEDED],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "'openpyxl'" in done.stdout, done.stdout + done.stderr
    assert "'wrac_desktop.services.demo'" in done.stdout, done.stdout + done.stderr
