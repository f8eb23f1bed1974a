"""WRAC Desktop: workplace risk assessment and control registers, offline.

The package outside ``wrac_desktop.ui`` is the Qt-free core that the CLI, the GUI and the
tests all drive.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    """``__version__``, looked up on first use: importlib.metadata costs 40 ms of a start that
    `wrac --help` must finish in 200 (issue 22)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("wrac-desktop")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        version = "0.0.0+source"
    globals()["__version__"] = version
    return version
