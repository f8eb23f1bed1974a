"""The layers hold: the import-linter contracts in pyproject.toml pass on the code, and each
one fails when an import that breaks it is planted in a copy of the package."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "wrac_desktop"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# contract id → (module planted in the copy, its source): an import only that contract forbids
PLANTED = {
    "layers": ("persistence/planted.py", "from wrac_desktop.services import editing\n"),
    "qt": ("services/planted.py", "from PySide6.QtCore import Qt\n"),
    "pure-core": ("domain/planted.py", "import sqlalchemy\n"),
    "ui-on-services": ("ui/planted.py", "from wrac_desktop.persistence import models\n"),
    "cli-on-services": ("cli/planted.py", "from sqlalchemy.orm import Session\n"),
    "reports-only-write": ("reports/planted.py", "from wrac_desktop.persistence import models\n"),
    "importing-reads-only": ("importing/planted.py", "from wrac_desktop import register\n"),
    "no-cycles": ("domain/planted.py", "from wrac_desktop.domain import costs\n"),
}
# no-cycles needs the other half of its cycle: costs.py importing the planted module back
CYCLE_BACK = ("domain/costs.py", "from wrac_desktop.domain import planted\n")


def imported_modules(path: Path) -> set[str]:
    """The modules a source file imports, at any depth (tests/unit/ui uses it too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def lint_imports(where: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on the package found in ``where`` (its pyproject.toml's contracts)."""
    limit = [arg for contract in contracts for arg in ("--contract", contract)]
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *limit],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(
        PACKAGE,
        tmp_path / "wrac_desktop",
        ignore=shutil.ignore_patterns("__pycache__", "*.toml", "*.md"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def plant(package_root: Path, module: str, source: str) -> None:
    path = package_root / "wrac_desktop" / module
    path.write_text(path.read_text(encoding="utf-8") + source if path.exists() else source)


def test_the_code_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_contract_has_a_planted_violation() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["id"] for c in config["tool"]["importlinter"]["contracts"]}
    assert contracts == set(PLANTED)


@pytest.mark.parametrize("contract", PLANTED)
def test_each_contract_fails_on_a_planted_violation(contract: str, tmp_path: Path) -> None:
    copy = copy_of_the_package(tmp_path)
    assert lint_imports(copy, contract).returncode == 0  # the copy itself is clean
    plant(copy, *PLANTED[contract])
    if contract == "no-cycles":
        plant(copy, *CYCLE_BACK)
    result = lint_imports(copy, contract)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout and "planted" in result.stdout


def test_imported_modules_sees_both_forms_and_nested_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import Qt\nimport os\ndef f():\n    import json\n")
    assert imported_modules(sample) == {"PySide6.QtCore", "os", "json"}


def test_core_imports_without_qt_loaded() -> None:
    """At run time too: the CLI and the services start without PySide6 in sys.modules."""
    code = (
        "import sys, wrac_desktop.cli.main, wrac_desktop.services.checks;"
        "import wrac_desktop.services.demo;"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# All SQL lives in persistence/ (issue 20). Outside it, code may hold a session, an engine or a
# connection, inspect a record's state and catch the database's errors, but never build or run
# a statement. Import-linter sees only the top package (sqlalchemy), so this is read from the
# code: the names taken from SQLAlchemy and the calls that run a statement.
SQL_FREE_IMPORTS = {
    "sqlalchemy": {"Engine", "inspect"},
    "sqlalchemy.orm": {"Session"},
    "sqlalchemy.engine": {"Connection", "URL"},
}
RUNS_SQL = {"execute", "exec_driver_sql", "query", "scalar", "scalars"}


def sql_outside_persistence(package: Path) -> list[str]:
    """Where a module outside persistence/ builds or runs SQL: "path:line what"."""
    found = []
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package).as_posix()
        if not where.startswith("persistence/"):
            found += [f"{where}:{line} {what}" for line, what in _sql_in(path)]
    return found


def _sql_in(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, f"import {alias.name}") for alias in node.names
                      if alias.name.split(".")[0] == "sqlalchemy"]  # fmt: skip
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            module = str(node.module)
            if module.startswith("sqlalchemy.exc"):  # the database's errors, to catch
                continue
            allowed = SQL_FREE_IMPORTS.get(module, set())
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names
                      if alias.name not in allowed]  # fmt: skip
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) in RUNS_SQL:
            found.append((node.lineno, f".{getattr(node.func, 'attr', '')}()"))
    return found


def test_all_sql_lives_in_persistence() -> None:
    assert sql_outside_persistence(PACKAGE) == []


def test_sql_planted_in_a_service_is_found(tmp_path: Path) -> None:
    copy = copy_of_the_package(tmp_path) / "wrac_desktop"
    plant(copy.parent, "services/planted.py", "from sqlalchemy import select\n")
    plant(copy.parent, "reports/planted.py", "def rows(session):\n    return session.scalars(1)\n")
    assert sql_outside_persistence(copy) == [
        "reports/planted.py:2 .scalars()",
        "services/planted.py:1 sqlalchemy.select",
    ]
