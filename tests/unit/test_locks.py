"""requirements/*.txt (installer/locks.py) pin what pyproject.toml asks for, and are installed.

The lock is what make, CI, the PyInstaller build and the Windows workflow install; a lock that
no longer satisfies pyproject.toml would let each of them install something else (or fail).
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
from locks import (  # noqa: E402
    LINES,
    REGENERATE,
    Pin,
    applies,
    environments,
    line_of,
    lock_path,
    only_this_line,
    pins,
)

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
STALE = f"requirements/*.txt disagree with pyproject.toml: run `{REGENERATE}`"


def project_requirements() -> list[Requirement]:
    """Every requirement of pyproject.toml, the extras' too (the lock holds them all)."""
    listed = PYPROJECT["dependencies"] + sum(PYPROJECT["optional-dependencies"].values(), [])
    return [Requirement(text) for text in listed]


def locked(line: str) -> list[Pin]:
    return pins(lock_path(line).read_text(encoding="utf-8"))


def unsatisfied(requirements: list[Requirement], lock: list[Pin], line: str) -> list[str]:
    """Requirements that some environment of ``line`` needs and no pin for it satisfies."""
    missing = []
    for requirement in requirements:
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        for env in environments(line):
            if requirement.marker and not requirement.marker.evaluate(env):
                continue
            candidates = [
                pin
                for pin in lock
                if pin.name == name and (pin.marker is None or Marker(pin.marker).evaluate(env))
            ]
            if not any(requirement.specifier.contains(pin.version) for pin in candidates):
                missing.append(
                    f"{requirement} (Python {env['python_version']}, {env['sys_platform']})"
                )
                break
    return missing


@pytest.mark.parametrize("line", LINES)
def test_the_lock_pins_every_requirement_of_pyproject(line: str) -> None:
    assert unsatisfied(project_requirements(), locked(line), line) == [], STALE


@pytest.mark.parametrize("line", LINES)
def test_the_lock_pins_nothing_pyproject_dropped(line: str) -> None:
    """A pin that only pyproject.toml wanted, for a requirement no longer there."""
    text = lock_path(line).read_text(encoding="utf-8")
    wanted = {re.sub(r"[-_.]+", "-", req.name).lower() for req in project_requirements()}
    direct = re.findall(
        r"^([a-z0-9-]+)==[^\n]*\n(?:    --hash[^\n]*\n)*    # via wrac-desktop", text, re.M
    )
    assert set(direct) - wanted == set(), STALE


@pytest.mark.parametrize("line", LINES)
def test_every_pin_has_hashes_and_belongs_to_its_python_line(line: str) -> None:
    text = lock_path(line).read_text(encoding="utf-8")
    for block in re.split(r"\n(?=[a-z0-9])", text.split("\n", 2)[2]):
        assert "--hash=sha256:" in block, block.splitlines()[0]
    assert all(applies(pin.marker, line) for pin in locked(line))
    assert f"#    {REGENERATE}\n" in text  # the header says how to regenerate it


def test_the_lines_differ_where_pyproject_says_they_must() -> None:
    """PySide6 6.12 over-releases None on 3.11 (pyproject.toml): 3.11's lock has 6.11."""
    versions = {
        line: {pin.version for pin in locked(line) if pin.name == "pyside6-essentials"}
        for line in LINES
    }
    assert {v.split(".")[:2] == ["6", "11"] for v in versions["py311"]} == {True}
    assert {v.split(".")[:2] == ["6", "12"] for v in versions["py312"]} == {True}


def test_this_environment_has_the_locked_versions() -> None:
    """What the tests run on is what the lock says (`make` reinstalls when the lock changes)."""
    line = line_of(sys.version_info[:2])
    wrong = []
    for pin in locked(line):
        if pin.marker and not Marker(pin.marker).evaluate():
            continue
        try:
            installed = metadata.version(pin.name)
        except metadata.PackageNotFoundError:
            installed = "missing"
        if installed != pin.version:
            wrong.append(f"{pin.name}: {installed}, locked {pin.version}")
    assert wrong == [], "the venv is not the lock: run `make setup`"


def test_the_check_sees_a_requirement_the_lock_lacks() -> None:
    lock = [Pin("sqlalchemy", "2.0.30", None), Pin("pyside6-essentials", "6.11.3", None)]
    requirements = [Requirement("SQLAlchemy>=2.0.30,<2.2"), Requirement("import-linter>=2")]
    assert unsatisfied(requirements, lock, "py312") == ["import-linter>=2 (Python 3.12, linux)"]
    assert unsatisfied([Requirement("sqlalchemy>=2.1")], lock, "py312") != []
    windows_only = [Requirement("colorama; sys_platform == 'win32'")]
    assert unsatisfied(windows_only, lock, "py311") == [
        'colorama; sys_platform == "win32" (Python 3.11, win32)'
    ]


def test_a_line_keeps_only_its_own_pins() -> None:
    text = (
        "# header\n#    make lock\n"
        "a==1 ; python_full_version < '3.12' \\\n    --hash=sha256:aa\n    # via x\n"
        "a==2 ; python_full_version >= '3.12' \\\n    --hash=sha256:bb\n"
        "b==3 ; sys_platform == 'win32' \\\n    --hash=sha256:cc\n"
    )
    assert [pin.version for pin in pins(only_this_line(text, "py311"))] == ["1", "3"]
    assert [pin.version for pin in pins(only_this_line(text, "py312"))] == ["2", "3"]


def test_every_installer_of_the_dependencies_installs_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install -q --require-hashes --no-deps -r $(LOCK)" in makefile
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    python = re.search(r'python-version: "3\.(\d+)"', workflow)
    assert python, "the Windows workflow names no Python version"
    lock = f"requirements/{line_of((3, int(python.group(1))))}.txt"
    assert f"pip install --require-hashes --no-deps -r {lock}" in workflow
    assert "--no-build-isolation" in workflow and "--no-build-isolation" in makefile
