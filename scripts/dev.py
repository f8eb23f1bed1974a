"""`make run` and `make test` where there is no make (Windows): the Makefile's steps in Python.

    py -3.12 scripts\\dev.py run      # = make run: set up .venv, open the app on the demo register
    py -3.12 scripts\\dev.py test     # = make test: lint, mypy, unit suite, frozen bundle, then
                                     #   lint, mypy and unit suite under Python 3.11 if it is found
    py -3.12 scripts\\dev.py lock     # = make lock
    python3 scripts/dev.py STEP ...   # works on Linux too; any Makefile step: setup, lint, unit,
                                     # dist, dist-test, lock, lock-upgrade

The Python that runs this script is the one .venv is built with (from its line's lock, as the
Makefile does). tests/unit/test_dev_script.py fails when this and the Makefile name different
steps or commands. System packages are the user's business on Windows; on Linux `make` installs
them (scripts/system-deps.sh).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_PATHS = ["wrac_desktop", "tests", "benchmarks", "installer"]
PIP_LOCKED = ["pip", "install", "-q", "--require-hashes", "--no-deps", "-r"]
PIP_PACKAGE = ["pip", "install", "-q", "--no-deps", "--no-build-isolation", "-e", "."]
PYINSTALLER = ["--noconfirm", "--log-level", "WARN", "--distpath", "dist", "--workpath", "build"]
SPEC = "installer/wrac.spec"
# Each step with the steps it needs first, as the Makefile's rules have them (test = test-main).
STEPS = {
    "setup": [],
    "run": ["setup"],
    "lint": ["setup"],
    "unit": ["setup"],
    "dist": ["setup"],
    "dist-test": ["dist"],
    "test": ["setup", "lint", "unit", "dist-test"],
    "lock": [],
    "lock-upgrade": [],
}


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def lock_file() -> str:
    return f"requirements/{'py311' if sys.version_info < (3, 12) else 'py312'}.txt"


def call(*command: str | Path, **environment: str) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run(
        [str(part) for part in command], cwd=ROOT, check=True, env={**os.environ, **environment}
    )


def setup(venv: Path) -> None:
    """A fresh venv from the lock when pyproject.toml or the lock is newer than the last one."""
    stamp = venv / ".installed"
    sources = [ROOT / "pyproject.toml", ROOT / lock_file()]
    if stamp.exists() and all(
        source.stat().st_mtime <= stamp.stat().st_mtime for source in sources
    ):
        return
    if sys.version_info < (3, 11):  # noqa: UP036 (this script may be run by any python)
        sys.exit("WRAC Desktop needs Python 3.11 or newer")
    call(sys.executable, "-m", "venv", "--clear", venv)
    call(venv_python(venv), "-m", *PIP_LOCKED, lock_file())
    call(venv_python(venv), "-m", *PIP_PACKAGE)
    stamp.touch()


def run_step(step: str, venv: Path) -> None:
    python = venv_python(venv)
    tool = python.parent
    if step == "setup":
        setup(venv)
    elif step == "run":
        call(tool / "wrac", "open", "--demo")
    elif step == "lint":
        call(tool / "ruff", "check", *LINT_PATHS)
        call(tool / "ruff", "format", "--check", *LINT_PATHS)
        call(tool / "mypy")
        call(tool / "lint-imports", "--no-cache", "--no-logo")  # the layer contracts
    elif step == "unit":
        call(python, "-m", "pytest", "-q", QT_QPA_PLATFORM="offscreen")
    elif step == "dist":
        call(tool / "pyinstaller", *PYINSTALLER, SPEC)
    elif step == "dist-test":
        call(
            python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/dist",
            QT_QPA_PLATFORM="offscreen",
        )
    elif step in ("lock", "lock-upgrade"):
        if not (tool / ("uv.exe" if os.name == "nt" else "uv")).exists():
            setup(venv)
        call(python, "installer/locks.py", *(["--upgrade"] if step == "lock-upgrade" else []))


def in_order(step: str, done: list[str]) -> list[str]:
    """``step`` after what it needs, as make orders prerequisites; ``done`` grows with them."""
    order = []
    for needed in [*STEPS[step], step]:
        if needed in done:
            continue
        if needed != step:
            order += in_order(needed, done)
        else:
            done.append(step)
            order.append(step)
    return order


def python311() -> list[str] | None:
    """A Python 3.11 besides this one (the Windows launcher's, or python3.11 on PATH)."""
    if sys.version_info[:2] == (3, 11):
        return None
    candidates = [["py", "-3.11"], ["python3.11"]]
    for command in candidates:
        if (
            shutil.which(command[0])
            and subprocess.run(
                [*command, "-c", "import sys; sys.exit(sys.version_info[:2] != (3, 11))"],
                capture_output=True,
            ).returncode
            == 0
        ):
            return command
    return None


def main(arguments: list[str]) -> int:
    venv = ROOT / ".venv"
    if arguments[:1] == ["--venv"]:
        venv, arguments = ROOT / arguments[1], arguments[2:]
    unknown = [step for step in arguments if step not in STEPS]
    if not arguments or unknown:
        print(f"usage: dev.py [--venv DIR] {'|'.join(STEPS)} ...", file=sys.stderr)
        return 2
    done: list[str] = []
    for asked in arguments:
        for step in in_order(asked, done):
            run_step(step, venv)
    version = ".".join(map(str, sys.version_info[:3]))
    if "test" in arguments:
        print(f"==> Python {version} ({venv.name}): lint, mypy, unit suite, frozen bundle: passed")
        other = python311()
        if other:
            call(*other, "scripts/dev.py", "--venv", ".venv311", "lint", "unit")
            print("==> Python 3.11 (.venv311): lint, mypy, unit suite: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
