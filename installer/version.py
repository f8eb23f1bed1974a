"""The one version number, read from pyproject.toml; ``python installer/version.py`` prints it.

The PyInstaller spec, the Windows workflow (for Inno Setup) and the tests read it here, so
nothing in installer/ spells a version out.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def project_version() -> str:
    with PYPROJECT.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` → ``(0, 1, 0, 0)``: Windows file versions are four numbers; tags such as
    ``rc2`` or ``+local`` are dropped."""
    release = re.match(r"\d+(\.\d+)*", version)
    numbers = [int(part) for part in release.group(0).split(".")] if release else []
    first, second, third, fourth = (numbers + [0, 0, 0, 0])[:4]
    return first, second, third, fourth


if __name__ == "__main__":
    print(project_version())
