"""Watch an X server (Xvfb) for a program's window: how a user sees that the app is up.

Used by the frozen bundle's benchmark and its smoke test; needs ``Xvfb`` and ``xwininfo``
(packages xvfb, x11-utils).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "(.*)":', re.MULTILINE)


@contextmanager
def virtual_display() -> Iterator[str]:
    """A private Xvfb server for the duration of the block; yields its DISPLAY.

    Xvfb picks a free display number itself (``-displayfd``): other test runs on the same
    machine may hold any number we could guess.
    """
    for tool in ("Xvfb", "xwininfo"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is missing: `make test` installs it")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    try:
        yield f":{read_display_number(read_end, server)}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(10)


def read_display_number(read_end: int, server: subprocess.Popen[bytes]) -> int:
    """The number Xvfb writes once it accepts connections."""
    with os.fdopen(os.dup(read_end), "rb") as pipe:
        line = pipe.readline()
    if not line.strip().isdigit():
        raise RuntimeError(f"Xvfb did not start (exit code {server.poll()})")
    return int(line)


def viewable_window(display: str, title_part: str) -> str | None:
    """The title of a mapped (viewable) window whose title contains ``title_part``, if any."""
    tree = subprocess.run(_xwininfo(display, "-root", "-tree"), capture_output=True, text=True)
    for window_id, title in WINDOW_LINE.findall(tree.stdout):
        if title_part in title and _is_viewable(display, window_id):
            return title
    return None


def wait_for_window(
    display: str, title_part: str, process: subprocess.Popen[bytes], timeout: float = 60
) -> str:
    """Poll until a window titled ``*title_part*`` is viewable; returns its title."""
    deadline = time.monotonic() + timeout
    while (title := viewable_window(display, title_part)) is None:
        if process.poll() is not None:
            said = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"the program exited ({process.returncode}) with no window: {said}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"no window titled *{title_part}* within {timeout} s")
        time.sleep(0.01)
    return title


def _is_viewable(display: str, window_id: str) -> bool:
    info = subprocess.run(_xwininfo(display, "-id", window_id), capture_output=True, text=True)
    return "Map State: IsViewable" in info.stdout


def _xwininfo(display: str, *args: str) -> list[str]:
    # Titles hold "—" and Kazakh letters: in the C locale xwininfo prints "failure in
    # conversion from UTF8_STRING" instead of the title (the tests clear the locale).
    return ["env", "LC_ALL=C.UTF-8", "xwininfo", "-display", display, *args]
