"""What `wrac --version --verbose` prints: the program's version and those of what it runs on.

A support request needs them, and they show which lock a build was made from
(requirements/*.txt): two bundles built from one lock print the same list. Each library is
asked for its own version attribute rather than its package metadata, which a frozen bundle
does not carry. Importing them takes a second: plain ``wrac --version`` never gets here.
"""

from __future__ import annotations

import importlib
import platform
from collections.abc import Callable

# (name shown, module, attribute holding the version)
LIBRARIES = (
    ("SQLAlchemy", "sqlalchemy", "__version__"),
    ("Alembic", "alembic", "__version__"),
    ("ReportLab", "reportlab", "Version"),
    ("openpyxl", "openpyxl", "__version__"),
    ("pyHanko", "pyhanko.version", "__version__"),
    ("cryptography", "cryptography", "__version__"),
    ("pypdf", "pypdf", "__version__"),
    ("psycopg", "psycopg", "__version__"),
)
NOT_INSTALLED = "not installed"


def library_version(module_name: str, attribute: str) -> str:
    try:
        module = importlib.import_module(module_name)
    except ImportError:  # psycopg is an extra of a source install (wrac-desktop[server])
        return NOT_INSTALLED
    return str(getattr(module, attribute, "unknown"))


def component_versions(qt_versions: Callable[[], tuple[str, str]]) -> list[tuple[str, str]]:
    """(component, version) pairs: Python, Qt, PySide6, then the libraries; ``qt_versions``
    gives Qt's and PySide6's (asked of the Qt layer: the core imports no Qt)."""
    qt, pyside = qt_versions()
    pairs = [("Python", platform.python_version()), ("Qt", qt), ("PySide6", pyside)]
    return pairs + [(name, library_version(module, attr)) for name, module, attr in LIBRARIES]
