"""The library adapters: each reaches into one library's internals, so each must be looked at
again before the reports run on a library version it was never tested with."""

from __future__ import annotations

import ast
from pathlib import Path

import openpyxl
import reportlab

import wrac_desktop.reports
from wrac_desktop.reports import openpyxl_adapter, reportlab_adapter

REPORTS = Path(wrac_desktop.reports.__file__).parent


def test_installed_reportlab_is_one_the_adapter_was_tested_with() -> None:
    assert reportlab_adapter.is_tested_version(), (
        f"ReportLab {reportlab.Version} is installed, but wrac_desktop/reports/"
        f"reportlab_adapter.py was tested with {reportlab_adapter.TESTED_WITH} only: check its "
        "uses of ReportLab's internals against this version, then add it to TESTED_WITH"
    )


def test_installed_openpyxl_is_one_the_adapter_was_tested_with() -> None:
    assert openpyxl_adapter.is_tested_version(), (
        f"openpyxl {openpyxl.__version__} is installed, but wrac_desktop/reports/"
        f"openpyxl_adapter.py was tested with {openpyxl_adapter.TESTED_WITH} only: check the "
        "markup it splices against this version, then add it to TESTED_WITH"
    )


def test_the_version_check_refuses_a_version_never_tested() -> None:
    assert not reportlab_adapter.is_tested_version("3.6.13")
    assert not reportlab_adapter.is_tested_version("99.0.0")
    assert not openpyxl_adapter.is_tested_version("3.2.0b1")
    assert openpyxl_adapter.is_tested_version("3.1.99")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _reaching(modules: set[str], prefixes: tuple[str, ...]) -> set[str]:
    return {m for m in modules if m.startswith(prefixes)}


def test_only_the_adapters_import_library_internals() -> None:
    internals = ("reportlab.lib.rl_accel", "openpyxl.cell.cell", "openpyxl.utils.datetime")
    users = {path.name for path in REPORTS.glob("*.py") if _reaching(_imports(path), internals)}
    assert users <= {"reportlab_adapter.py", "openpyxl_adapter.py"}


def test_report_writers_read_nothing_themselves() -> None:
    """Reports only write: no module of the package imports the services or opens a session
    (the fingerprint, which the tamper checks compute from the register, aside)."""
    upward = ("wrac_desktop.services", "wrac_desktop.ui", "wrac_desktop.cli")
    for path in REPORTS.glob("*.py"):
        imported = _imports(path)
        assert not _reaching(imported, upward), path.name
        if path.name not in ("fingerprint.py", "fingerprint_formats.py"):
            assert not _reaching(imported, ("sqlalchemy", "wrac_desktop.persistence")), path.name
