"""The frozen ``wrac-gui`` opens a real window (Xvfb), and a bad file gets a dialog."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.x11_window import virtual_display, wait_for_window
from tests.dist.conftest import Run, clean_environment, program

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(sys.platform != "linux", reason="Xvfb exists on Linux only"),
]


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    with virtual_display() as name:
        yield name


def start_gui(display: str, home: Path, *args: str) -> subprocess.Popen[bytes]:
    env = clean_environment(home) | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    return subprocess.Popen(
        [str(program("wrac-gui")), *args], cwd=home, env=env, stderr=subprocess.PIPE
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(20)


def test_a_register_opens_in_a_window(display: str, frozen: Run, home: Path) -> None:
    assert frozen("demo", "site.wrac", "--workplaces", "4").returncode == 0
    process = start_gui(display, home, str(home / "site.wrac"))
    try:
        title = wait_for_window(display, "site.wrac", process)
    finally:
        stop(process)
    assert title.startswith("WRAC Desktop")


def test_a_missing_file_is_explained_in_a_dialog(display: str, home: Path) -> None:
    process = start_gui(display, home, str(home / "nowhere.wrac"))
    try:
        title = wait_for_window(display, "WRAC Desktop", process)
    finally:
        stop(process)
    assert title == "WRAC Desktop"  # the error box, not a main window with a register
    assert b"nowhere.wrac" in process.stderr.read()  # type: ignore[union-attr]
