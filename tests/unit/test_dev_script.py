"""scripts/dev.py (`make` for Windows) names the Makefile's steps and runs its commands."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import dev  # noqa: E402

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
MAKE_NAME = {"test": "test-main"}  # dev.py's test is the Makefile's first line of `make test`
LINUX_ONLY = {"system-deps"}  # apt packages: the Windows user installs what the README says


def make_rules() -> dict[str, list[str]]:
    """Target → its prerequisites that are steps (not files such as $(STAMP))."""
    rules = {}
    for target, needs in re.findall(r"^([a-z0-9-]+):(?!=)([^\n]*)$", MAKEFILE, re.MULTILINE):
        rules[target] = [need for need in needs.split() if not need.startswith("$(")]
    return rules


def test_every_step_of_the_script_is_a_makefile_target_with_the_same_needs() -> None:
    rules = make_rules()
    for step, needs in dev.STEPS.items():
        target = MAKE_NAME.get(step, step)
        assert target in rules, f"the Makefile has no `{target}` (scripts/dev.py {step})"
        assert [need for need in rules[target] if need not in LINUX_ONLY] == needs, step


def test_the_two_commands_of_the_readme_are_both_there() -> None:
    assert {"run", "test"} <= set(dev.STEPS) and {"run", "test"} <= set(make_rules())
    assert make_rules()["test"] == ["test-main", "test-311"]


def test_the_script_runs_the_makefiles_commands() -> None:
    for command in [
        " ".join(dev.PIP_LOCKED) + " $(LOCK)",
        " ".join(dev.PIP_PACKAGE),
        "ruff check " + " ".join(dev.LINT_PATHS),
        "ruff format --check " + " ".join(dev.LINT_PATHS),
        "pyinstaller " + " ".join(dev.PYINSTALLER) + " " + dev.SPEC,
        "pytest -q -p no:cacheprovider tests/dist",
        "installer/locks.py",
    ]:
        assert command in MAKEFILE, command


def test_steps_run_after_what_they_need_and_once() -> None:
    done: list[str] = []
    assert dev.in_order("dist-test", done) == ["setup", "dist", "dist-test"]
    assert dev.in_order("test", done) == ["lint", "unit", "test"]
    assert dev.main(["no-such-step"]) == 2
