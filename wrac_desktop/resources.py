"""Find bundled resources (fonts, icons, translations) from source and from a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The folder that holds ``resources/``: the source tree, or PyInstaller's bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resource_root().joinpath(*parts)


def package_path(*parts: str) -> Path:
    """The path of a data file shipped inside the ``wrac_desktop`` package."""
    return Path(__file__).resolve().parent.joinpath(*parts)
