"""The app in a real X server (Xvfb): it starts, paints, and its screenshots are saved.

The screen is a 1,366 × 768 laptop's, the window maximised on it. The pictures land in
artifacts/ for a person to look at; the test checks they are real renderings (right size,
many colours), not blank windows, and that the window stayed within the screen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"
SCREEN = (1366, 768)
WINDOWS = (
    "screen", "main-window", "dashboard", "register", "matrix-view", "action-plan", "team",
    "approved", "filtered", "grouped", "compact",
)  # fmt: skip
DIALOGS = (
    "export", "connect", "approve", "measure", "audit", "import", "merge", "diff", "library",
    "languages", "step", "event", "conflict", "file", "about", "preview", "guide", "wizard",
    "wizard-organisation", "wizard-matrix",
)  # fmt: skip
SMALL = ("dialog-about",)  # a few lines: under 150 pixels high
SHOTS = (*WINDOWS, "hazard-editor", *(f"dialog-{name}" for name in DIALOGS))


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: `make test` installs it (package xvfb)")
    display = f":{90 + os.getpid() % 500}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "{}x{}x24".format(*SCREEN), "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    assert server.poll() is None, "Xvfb did not start"
    yield display
    server.terminate()
    server.wait(10)


def distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 120)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.mark.xvfb
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_real_window_screenshots(x_display: str, lang: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISPLAY": x_display,
        "QT_QPA_PLATFORM": "xcb",
        "WRAC_DATA_DIR": str(tmp_path / "data"),
        "WRAC_CONFIG_DIR": str(tmp_path / "cfg"),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(ARTIFACTS), lang],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for shot in SHOTS:
        image = QImage(str(ARTIFACTS / f"{lang}-{shot}.png"))
        assert not image.isNull() and image.width() >= 300, shot
        assert image.height() >= (100 if shot in SMALL else 150), shot
        if shot != "hazard-editor":  # that is its whole body, scrolled in the window
            assert image.width() <= SCREEN[0] and image.height() <= SCREEN[1], shot
        assert distinct_colours(image) > 30, f"{shot} looks blank"
    for shot in WINDOWS:  # maximised: the whole screen, and no wider after a notice showed
        image = QImage(str(ARTIFACTS / f"{lang}-{shot}.png"))
        assert (image.width(), image.height()) == SCREEN, shot
