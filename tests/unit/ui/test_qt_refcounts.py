"""The Qt binding must not over-release Python's None/True/False.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call of a void method and
to True on every signal emit: the window aborted ("Fatal Python error: none_dealloc") after
about fifty refreshes of the register. pyproject.toml and the Makefile choose a Python and
PySide6 pair without the bug; this test fails on a pair that has it.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 120_000  # more than the references None and True hold in a running app

PROGRAM = f"""
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Emitter(QObject):
    changed = Signal()

app = QApplication([])
label, emitter = QLabel("ә"), Emitter()
emitter.changed.connect(lambda: None)
for _ in range({CALLS}):
    label.setVisible(False)  # a void method: returns None
    emitter.changed.emit()  # returns True
print("survived", label.isVisible())
"""


def test_a_long_session_of_qt_calls_does_not_abort_python() -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived False"
