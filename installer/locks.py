"""The lock files: every dependency pinned, with hashes, one file per supported Python line.

    python installer/locks.py             # `make lock`: after changing pyproject.toml's deps
    python installer/locks.py --upgrade   # `make lock-upgrade`: every pin to its newest release

They are written by ``uv pip compile`` (uv is a dev dependency, so its own version is pinned
too): it resolves for a Python line other than the one running it and for Windows and macOS
as well as Linux in one pass (``--universal``), where pip-compile resolves only for the
interpreter and system it runs on. A pin already in the file is kept unless pyproject.toml no
longer allows it, so adding a dependency changes only what it brings.

``make``, ``.ci/run``, the PyInstaller build and the Windows workflow all install with
``pip install --require-hashes -r requirements/<line>.txt``; tests/unit/test_locks.py fails
when pyproject.toml asks for something the lock does not pin.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"
# Each line: its lock file, the Pythons it covers (the first is uv's lower bound).
LINES = {"py311": ("3.11",), "py312": ("3.12", "3.13", "3.14")}
PLATFORMS = ("linux", "win32", "darwin")
PLATFORM_SYSTEMS = {"linux": "Linux", "win32": "Windows", "darwin": "Darwin"}
REGENERATE = "make lock"  # what the lock's header and the test's failure message tell you to run


@dataclass(frozen=True)
class Pin:
    """One ``name==version ; marker`` entry of a lock file."""

    name: str
    version: str
    marker: str | None


def lock_path(line: str) -> Path:
    return LOCKS / f"{line}.txt"


def line_of(version: tuple[int, int]) -> str:
    """The lock a Python of ``version`` (major, minor) installs from."""
    return "py311" if version < (3, 12) else "py312"


def environments(line: str) -> list[dict[str, str]]:
    """Marker environments a line covers: each of its Pythons on each supported system."""
    return [
        {
            "python_version": python,
            "python_full_version": f"{python}.0",
            "sys_platform": platform,
            "platform_system": PLATFORM_SYSTEMS[platform],
            "os_name": "nt" if platform == "win32" else "posix",
        }
        for python in LINES[line]
        for platform in PLATFORMS
    ]


def blocks(text: str) -> list[list[str]]:
    """The lock split into entries: a requirement line with its hash and ``# via`` lines
    (the header comes first, as a block of its own)."""
    found: list[list[str]] = [[]]
    for row in text.splitlines():
        if row and not row[0].isspace() and not row.startswith("#"):
            found.append([])
        found[-1].append(row)
    return found


PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(text: str) -> list[Pin]:
    result = []
    for block in blocks(text)[1:]:
        found = PIN.match(block[0])
        if not found:
            raise ValueError(f"not a pinned requirement: {block[0]!r}")
        name, version, marker = found.groups()
        result.append(Pin(canonical(name), version, marker))
    return result


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def applies(marker: str | None, line: str) -> bool:
    """Is a pin with this marker installed anywhere on this Python line?"""
    from packaging.markers import Marker

    return marker is None or any(Marker(marker).evaluate(env) for env in environments(line))


def only_this_line(text: str, line: str) -> str:
    """Drop the pins of other Python lines: uv takes the line's Python as a lower bound only,
    so the 3.11 lock also holds 3.12's PySide6, which would never be installed from it."""
    kept = [
        block
        for index, block in enumerate(blocks(text))
        if index == 0 or applies(pins("\n".join(block))[0].marker, line)
    ]
    return "\n".join(row for block in kept for row in block) + "\n"


def compile_lock(line: str, upgrade: bool) -> bool:
    """Rewrite the line's lock; False when nothing changed (the file is left untouched, so
    make does not rebuild the venvs for nothing)."""
    from uv import find_uv_bin

    output = lock_path(line)
    draft = output.with_name(f".{output.name}")  # uv takes the pins it finds there as preferences
    if output.exists():
        draft.write_bytes(output.read_bytes())
    command = [
        find_uv_bin(), "pip", "compile", "pyproject.toml", "--all-extras", "--universal",
        "--python-version", LINES[line][0], "--generate-hashes",
        "--custom-compile-command", REGENERATE, "--quiet", "-o", str(draft.relative_to(ROOT)),
    ]  # fmt: skip
    if upgrade:
        command.append("--upgrade")
    LOCKS.mkdir(exist_ok=True)
    try:
        subprocess.run(command, check=True, cwd=ROOT)  # relative paths: no folder in the header
        text = only_this_line(draft.read_text(encoding="utf-8"), line)
    finally:
        draft.unlink(missing_ok=True)
    if output.exists() and output.read_text(encoding="utf-8") == text:
        return False
    output.write_text(text, encoding="utf-8")
    return True


def main(arguments: list[str]) -> int:
    upgrade = "--upgrade" in arguments
    for line in LINES:
        changed = compile_lock(line, upgrade)
        count = len(pins(lock_path(line).read_text(encoding="utf-8")))
        state = "rewritten" if changed else "unchanged"
        print(f"{lock_path(line).relative_to(ROOT)}: {count} pins, {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
