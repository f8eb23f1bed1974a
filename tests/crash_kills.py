"""Kill `wrac` commands at random points and check that nothing committed was lost.

Each command runs in a child process (``crash_children``) killed with SIGKILL at a random
point: before the n-th SQL statement or commit it sends (n drawn from the statements a whole
run sends), or after a random delay (inside a statement, a file write, a report's rendering).

After every kill: SQLite's ``PRAGMA integrity_check`` is "ok"; `wrac check` exits 0; every
row the command would not have changed is as before; the register is either as it was or as
a whole run leaves it (an import is all or nothing); a report at the target name, if there is
one, is complete; the other register of a merge is untouched.

The unit suite runs a few dozen kills (``tests/unit/cli/test_crash_safety.py``); ``make soak``
runs hundreds: ``python -m tests.crash_kills --kills 60`` (60 of each command).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.context import ForkServerContext
from pathlib import Path

from tests.crash_children import KILLED, ChildResult, Kill, forkserver, run_wrac
from tests.register_state import Rows, counts, integrity, snapshot, statuses, untouched

REGISTER, OTHER, SHEET = "register.wrac", "other.wrac", "sheet.xlsx"


# --- the commands killed -----------------------------------------------------------------


@dataclass
class Scenario:
    """A command to kill, the files it starts from, and what a complete report looks like."""

    name: str
    argv: list[str]
    prepare: list[list[str]]  # wrac commands that build the starting files
    output: str | None = None  # the report a command writes
    changes_register: bool = True
    other: bool = False  # a merge reads OTHER
    base: Path | None = None
    before: Rows = field(default_factory=dict)
    whole: Rows = field(default_factory=dict)
    whole_statuses: list[tuple[int, str]] = field(default_factory=list)
    statements: int = 0
    seconds: float = 0.0


APPROVE = ["approve", REGISTER, "--by", "Сәтбаев Ержан", "--position", "Директор",
           "--date", "2026-03-16"]  # fmt: skip
DEMO = ["demo", REGISTER, "--workplaces", "4", "--seed", "7"]
SHEET_ROWS = 150


def scenarios() -> list[Scenario]:
    def export(kind: str) -> Scenario:
        output = f"report.{kind}"
        argv = ["export", REGISTER, "--report", "register", "--format", kind, "-o", output]
        return Scenario(f"export-{kind}", argv, [DEMO, APPROVE], output, changes_register=False)

    return [
        Scenario("import", ["import", REGISTER, SHEET], [DEMO]),
        Scenario("approve", APPROVE, [DEMO]),
        Scenario("revise", ["revise", REGISTER], [DEMO, APPROVE]),
        Scenario(
            "merge",
            ["merge", REGISTER, OTHER, "--take-theirs"],
            # The first merge stores the copy's UUID in it (issue 23 item 7 will derive it
            # instead); the merge killed here then finds the copy's import to take.
            [DEMO, ["copy"], ["merge", REGISTER, OTHER], ["import", OTHER, SHEET]],
            other=True,
        ),
        export("pdf"),
        export("xlsx"),
    ]


def write_sheet(path: Path) -> None:
    from tests.unit.importing.worksheets import EN_HEADER, write_xlsx

    rows = [
        (number, "Crash site", f"Workplace {number % 5}", f"Killed hazard {number}",
         f"Event {number}", "Guarding", 3, 4, 14, f"Measure {number}", "Engineering",
         "Foreman", "31.12.2026")
        for number in range(1, SHEET_ROWS + 1)
    ]  # fmt: skip
    write_xlsx(path, [EN_HEADER, *rows])


class Killer:
    """Prepares scenarios and kills their commands. Starting files built by the same commands
    are built once and shared (a demo register took 2–7 s on a busy machine)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.context = forkserver()
        self._bases: dict[str, Path] = {}
        self._prepared: dict[str, Scenario] = {}

    def prepare(self, scenario: Scenario) -> None:
        """The starting files, then one whole run: what a complete command leaves (once)."""
        if scenario.name in self._prepared:
            vars(scenario).update(vars(self._prepared[scenario.name]))
            return
        scenario.base = self._starting_files(scenario.prepare)
        scenario.before = snapshot(scenario.base / REGISTER)
        whole = fresh_copy(scenario, self.folder / scenario.name / "whole")
        result = run_wrac(self.context, whole, scenario.argv, Kill())
        assert result.exit_code == 0, f"{scenario.name}: a whole run failed: {result.output}"
        _checkpoint(whole / REGISTER)
        scenario.whole = snapshot(whole / REGISTER)
        scenario.whole_statuses = statuses(whole / REGISTER)
        scenario.statements, scenario.seconds = result.statements, result.seconds
        self._prepared[scenario.name] = scenario

    def whole_run(self, scenario: Scenario) -> Path:
        """The register as the scenario's whole (not killed) run left it."""
        return self.folder / scenario.name / "whole" / REGISTER

    def _starting_files(self, steps: list[list[str]]) -> Path:
        key = json.dumps(steps)
        if key not in self._bases:
            base = self.folder / f"base-{len(self._bases)}"
            base.mkdir(parents=True)
            write_sheet(base / SHEET)
            for step in steps:
                self._step(base, step)
            for name in (REGISTER, OTHER):
                if (base / name).exists():
                    _checkpoint(base / name)
            self._bases[key] = base
        return self._bases[key]

    def _step(self, base: Path, step: list[str]) -> None:
        if step == ["copy"]:
            shutil.copy(base / REGISTER, base / OTHER)
            return
        result = run_wrac(self.context, base, step, Kill())
        assert result.exit_code == 0, f"preparing {step}: {result.output}"

    def kill_runs(self, scenario: Scenario, count: int, seed: int, campaign: Campaign) -> None:
        """``count`` seeded random kills of the scenario's command, checked after each."""
        rng = random.Random(f"{seed}:{scenario.name}")
        for number in range(count):
            kill = random_kill(rng, scenario)
            run_folder = fresh_copy(scenario, self.folder / scenario.name / "run")
            result = run_wrac(self.context, run_folder, scenario.argv, kill)
            outcome = campaign.kills if result.exit_code == KILLED else campaign.finished
            outcome[scenario.name] += 1
            campaign.left[scenario.name, left_behind(scenario, run_folder / REGISTER)] += 1
            for problem in problems_after(self.context, scenario, run_folder, result):
                campaign.failures.append(f"{scenario.name} #{number} ({kill}): {problem}")


def _checkpoint(path: Path) -> None:
    """Everything in the main file, so that copying the file copies the register."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def fresh_copy(scenario: Scenario, folder: Path) -> Path:
    assert scenario.base is not None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in (REGISTER, OTHER, SHEET):
        if (scenario.base / name).exists():
            shutil.copy(scenario.base / name, folder / name)
    return folder


def random_kill(rng: random.Random, scenario: Scenario) -> Kill:
    if scenario.statements and rng.random() < 0.5:
        return Kill(statement=rng.randint(1, scenario.statements))
    return Kill(after=rng.uniform(0, scenario.seconds))


# --- after a kill ------------------------------------------------------------------------


def left_behind(scenario: Scenario, register: Path) -> str:
    """ "as before", "as a whole run" (by its row counts and statuses) or "?" (half done)."""
    after = snapshot(register)
    if after == scenario.before:
        return "as before"
    same_size = counts(after) == counts(scenario.whole)
    return "as a whole run" if same_size and statuses(register) == scenario.whole_statuses else "?"


def problems_after(
    context: ForkServerContext,
    scenario: Scenario,
    folder: Path,
    result: ChildResult,
    exits: tuple[int, ...] = (0, KILLED),
) -> list[str]:
    """Everything wrong with ``folder`` after a (possibly) killed run of the scenario."""
    found: list[str] = []
    if result.exit_code not in exits:
        found.append(f"exit code {result.exit_code}: {result.output.strip()[-300:]}")
    register = folder / REGISTER
    for path in (register, folder / OTHER):
        if path.exists() and integrity(path) != "ok":
            found.append(f"{path.name}: integrity_check: {integrity(path)}")
    if found:
        return found
    found += _register_problems(scenario, register, result)
    if scenario.other:
        assert scenario.base is not None
        if snapshot(folder / OTHER) != snapshot(scenario.base / OTHER):
            found.append("the other register of the merge was changed")
    if scenario.output is not None:
        found += _report_problems(folder / scenario.output, result)
    checked = run_wrac(context, folder, ["check", REGISTER], Kill())
    if checked.exit_code != 0:
        found.append(f"wrac check exit {checked.exit_code}: {checked.output.strip()[-300:]}")
    return found


def _register_problems(scenario: Scenario, register: Path, result: ChildResult) -> list[str]:
    after = snapshot(register)
    found = [
        f"{table}: row {key} changed or lost"
        for table, keys in untouched(scenario.before, scenario.whole).items()
        for key in keys
        if after.get(table, {}).get(key) != scenario.before[table][key]
    ]
    left = left_behind(scenario, register)
    unchanged, complete = left == "as before", left == "as a whole run"
    if not scenario.changes_register and not unchanged:
        found.append("a command that only reads changed the register")
    elif not (unchanged or complete):
        found.append(f"half done: {_count_difference(after, scenario)}")
    if result.exit_code == 0 and scenario.changes_register and not complete:
        found.append("exit 0, but the register is not what a whole run leaves")
    return found


def _count_difference(after: Rows, scenario: Scenario) -> str:
    before, whole, now = counts(scenario.before), counts(scenario.whole), counts(after)
    return ", ".join(
        f"{table} {before.get(table)}→{now.get(table)} (whole run {whole.get(table)})"
        for table in sorted(set(now) | set(whole))
        if now.get(table) != whole.get(table) or now.get(table) != before.get(table)
    )


def _report_problems(path: Path, result: ChildResult) -> list[str]:
    if not path.exists():
        return [] if result.exit_code == KILLED else ["exit 0 but no report"]
    try:
        _check_complete(path)
    except Exception as error:  # any failure to read it: the report is half written
        return [f"half-written report at the target name: {type(error).__name__}: {error}"]
    return []


def _check_complete(path: Path) -> None:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        data = path.read_bytes()
        assert data.rstrip().endswith(b"%%EOF"), "no %%EOF"
        reader = PdfReader(path, strict=True)
        assert all(page.extract_text() is not None for page in reader.pages)
    elif path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
        from openpyxl import load_workbook

        load_workbook(path, read_only=True).close()
    else:
        raise AssertionError(f"no completeness check for {path.suffix}")


# --- a campaign --------------------------------------------------------------------------


@dataclass
class Campaign:
    kills: Counter[str] = field(default_factory=Counter)  # per scenario: children killed
    finished: Counter[str] = field(default_factory=Counter)  # ran to the end before the kill
    left: Counter[tuple[str, str]] = field(default_factory=Counter)  # (scenario, what a kill left)
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per scenario: kills, and what they left behind."""
        return [
            f"{name}: {self.kills[name]} killed ({self.left[name, 'as before']} left it as "
            f"before, {self.left[name, 'as a whole run']} as a whole run), "
            f"{self.finished[name]} ran to the end first"
            for name in sorted(set(self.kills) | set(self.finished))
        ]


def run_campaign(
    folder: Path, kills_each: int, seed: int, names: list[str] | None = None
) -> Campaign:
    """``kills_each`` random kills of every scenario (or those ``names``), seeded."""
    killer = Killer(folder)
    campaign = Campaign()
    for scenario in scenarios():
        if names is None or scenario.name in names:
            killer.prepare(scenario)
            killer.kill_runs(scenario, kills_each, seed, campaign)
    return campaign


def main() -> int:
    parser = argparse.ArgumentParser(description="kill wrac commands at random points")
    parser.add_argument("--kills", type=int, default=50, help="kills of each command")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--only", nargs="*", help="scenario names")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="wrac-crash-") as folder:
        os.environ.setdefault("WRAC_DATA_DIR", str(Path(folder) / "data"))
        os.environ.setdefault("WRAC_CONFIG_DIR", str(Path(folder) / "config"))
        campaign = run_campaign(Path(folder), args.kills, args.seed, args.only)
    for line in campaign.lines():
        print(f"crash soak {line}")
    for failure in campaign.failures:
        print(f"FAILURE {failure}")
    total = sum(campaign.kills.values())
    print(f"crash soak (seed {args.seed}): {total} kills, {len(campaign.failures)} failures")
    return 1 if campaign.failures else 0


if __name__ == "__main__":
    sys.exit(main())
