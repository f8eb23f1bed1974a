"""Issue 22's figures: every command on a 10,000- and a 100,000-hazard register, each in a child
process, with CPU seconds beside wall time and the child's peak RSS (getrusage of that child:
the machine is shared, and CPU time does not count the others' load).

Also the bulk-write floor: the demo written by `wrac demo`, dumped with `sqlite3 .dump` and the
dump restored into an empty file by sqlite3 itself; the ratio of the two is the figure.

Run as ``python -m benchmarks.scale_bench FOLDER [HAZARDS ...]`` (default 10000 100000); one JSON
line per figure, ``ok`` against the issue's goal where it sets one. ``--exports`` runs only the
exports (every report in every format, and the audit report) on registers it keeps in FOLDER
and reuses when run again: approved and revised as the whole run's are when it exports.
``--write`` runs only the demo's write and sqlite3's restore of its dump (goal 6).
``--checks`` runs only ``check`` and ``verify`` (goal 3) on those kept registers: two revisions,
an approved one and its draft, so every hazard is there twice (the whole run checks a register
approved once).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from argparse import ArgumentTypeError, Namespace
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import argument_parser, emit, folder, positive
from wrac_desktop.reports.export import FORMATS

APPROVER = ("--by", "Ахметов Ержан Серикович", "--position", "Директор", "--yes")
MEMORY_GOAL_MB = 400  # every command at 100,000 hazards
START_GOAL_S = 0.2
MERGE_GOAL_S = 3.0  # 100 changed records merged into a 100,000-hazard register
CHANGED = 100
# A field copy where CHANGED hazards were edited through the app's own services (so the audit
# chain and digests stay sound, as on a laptop), in a child so the bench's memory stays its own.
EDIT_FIELD_COPY = """
import sys
from sqlalchemy import select
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register
with open_register(sys.argv[1]) as register, register.uow.transaction() as session:
    for hazard in session.scalars(select(Hazard).order_by(Hazard.id).limit(int(sys.argv[2]))):
        hazard.notes = "далада тексерілді"
"""
HAZARDS_PER_WORKPLACE = 10  # as the demo writes them
GROWTH_GOAL = 1.3  # the peak at 100,000 hazards at most this times the peak at 10,000
PEAKS: dict[tuple[str, int], float] = {}  # (command, hazards) → peak MB


@dataclass
class Run:
    code: int
    cpu: float
    wall: float
    peak_mb: float


def child(argv: list[str], *, stdin: Path | None = None) -> Run:
    """Run ``argv`` in a child process; its own CPU seconds, wall time and peak RSS."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null, open(stdin or os.devnull, "rb") as given:
        process = subprocess.Popen(argv, stdin=given, stdout=null, stderr=null)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        process.returncode,
        usage.ru_utime + usage.ru_stime,
        time.perf_counter() - start,
        usage.ru_maxrss / 1024,
    )


def wrac(*args: str) -> Run:
    return child([sys.executable, "-m", "wrac_desktop", *args])


# What each goal is, printed beside it (issue 22's goals by number; approve has none of its own
# there, but shares verify's fingerprint pass, so it is held to verify's figure).
MEMORY_GOAL = "issue 22 goal 1: every command's peak under 400 MB at 100,000 hazards"
QUICK_GOAL = "issue 22 goal 3: {command} at 100,000 hazards under 15 s CPU"
REVISE_GOAL = "issue 22 goal 3: revise at 100,000 hazards under 10 s CPU"
MERGE_GOAL = "issue 22 goal 3: 100 changed records merged into 100,000 under 3 s CPU"
START_GOAL = "issue 22 goal 5: wrac --version and --help under 0.2 s"
GROWTH_GOAL_NAME = "issue 22 goal 1: the peak at 100,000 at most 1.3 × the peak at 10,000"
FLOOR_GOAL = "issue 22 goal 6: the demo's write under 2 × sqlite3's restore of its dump"
APPROVE_GOAL = "verify's goal 3 figure: approve shares its fingerprint pass"


def report(
    name: str,
    run: Run,
    *,
    cpu_goal: float | None = None,
    goal_name: str = "",
    memory: bool = True,
    size: int = 0,
) -> None:
    extra: dict[str, object] = {"wall": round(run.wall, 2), "exit": run.code}
    named = {"goal_name": goal_name} if cpu_goal is not None else {}
    emit(f"{name}_cpu", run.cpu, "s", goal=cpu_goal, **extra, **named)
    if memory:
        emit(f"{name}_peak", run.peak_mb, "MB", goal=MEMORY_GOAL_MB, goal_name=MEMORY_GOAL)
        PEAKS[name.removesuffix(f"_{size}"), size] = run.peak_mb


def start_up() -> None:
    for flag in ("--version", "--help"):
        runs = [wrac(flag) for _ in range(3)]
        best = min(runs, key=lambda run: run.cpu)
        name = f"start{flag.replace('-', '_')}"
        report(name, best, cpu_goal=START_GOAL_S, goal_name=START_GOAL, memory=False)


def bulk_write_floor(folder: Path, path: Path, written: Run, hazards: int) -> None:
    """sqlite3 restoring the same rows from a dump: what a bulk write can hope for."""
    if shutil.which("sqlite3") is None:
        emit(f"demo_write_{hazards}_vs_sqlite3_restore", float("nan"), "x", note="no sqlite3")
        return
    dump = folder / f"dump-{hazards}.sql"
    with open(dump, "wb") as out:
        subprocess.run(["sqlite3", str(path), ".dump"], stdout=out, check=True)
    restored = folder / f"restored-{hazards}.sqlite"
    restored.unlink(missing_ok=True)
    floor = child(["sqlite3", str(restored)], stdin=dump)
    emit(f"sqlite3_restore_{hazards}_cpu", floor.cpu, "s", wall=round(floor.wall, 2))
    emit(f"demo_write_{hazards}_vs_sqlite3_restore", written.cpu / floor.cpu, "x", goal=2.0,
         goal_name=FLOOR_GOAL)  # fmt: skip
    dump.unlink()
    restored.unlink()


def merge_figure(folder: Path, path: Path, hazards: int) -> None:
    """What a field copy with CHANGED edited hazards costs to merge back: the change's cost."""
    field = folder / f"field-{hazards}.wrac"
    shutil.copy(path, field)
    edited = child([sys.executable, "-c", EDIT_FIELD_COPY, str(field), str(CHANGED)])
    if edited.code != 0:
        emit(f"merge_{CHANGED}_into_{hazards}_cpu", float("nan"), "s", note="field edit failed")
        return
    goal = MERGE_GOAL_S if hazards >= 100_000 else None
    run = wrac("merge", str(path), str(field), "--take-theirs")
    report(f"merge_{CHANGED}_into_{hazards}", run, cpu_goal=goal, goal_name=MERGE_GOAL,
           size=hazards)  # fmt: skip
    field.unlink()


def import_figure(folder: Path, workbook: Path, hazards: int) -> None:
    """The register's own XLSX read back into another register: every row of it imported."""
    target = folder / f"import-{hazards}.wrac"
    wrac("demo", str(target), "--workplaces", "1", "--force")
    report(f"import_register_xlsx_{hazards}", wrac("import", str(target), str(workbook)),
           size=hazards)  # fmt: skip
    target.unlink()


def one_size(folder: Path, hazards: int, *, write_only: bool = False) -> None:
    workplaces = str(hazards // HAZARDS_PER_WORKPLACE)
    path = folder / f"scale-{hazards}.wrac"
    written = wrac("demo", str(path), "--workplaces", workplaces, "--force")
    report(f"demo_write_{hazards}", written, size=hazards)
    bulk_write_floor(folder, path, written, hazards)
    if write_only:
        path.unlink()
        return
    merge_figure(folder, path, hazards)
    quick = 15.0 if hazards >= 100_000 else None
    approved = wrac("approve", str(path), *APPROVER)
    report(f"approve_{hazards}", approved, cpu_goal=quick, goal_name=APPROVE_GOAL, size=hazards)
    check_figures(path, hazards)
    report(f"info_{hazards}", wrac("info", str(path)), size=hazards)
    revise_goal = 10.0 if hazards >= 100_000 else None
    report(f"revise_{hazards}", wrac("revise", str(path)), cpu_goal=revise_goal,
           goal_name=REVISE_GOAL, size=hazards)  # fmt: skip
    check_figures(path, hazards, "_two_revisions")  # what a register holds after a year
    report(f"diff_{hazards}", wrac("diff", str(path), "--from", "1", "--to", "2"), size=hazards)
    export_figures(folder, path, hazards, with_import=True)
    # The yearly re-approval: approving revision 2 supersedes revision 1, whose row holds its
    # stored approval text (360 MB at 100,000 hazards), and SQLite rewrites a row whole.
    again = wrac("approve", str(path), *APPROVER)
    report(f"approve_again_{hazards}", again, cpu_goal=quick, goal_name=APPROVE_GOAL,
           size=hazards)  # fmt: skip
    path.unlink()


def check_figures(path: Path, hazards: int, label: str = "") -> None:
    """``check`` and ``verify`` of the register at ``path``, held to goal 3 at 100,000."""
    quick = 15.0 if hazards >= 100_000 else None
    for command in ("verify", "check"):
        goal_name = QUICK_GOAL.format(command=command)
        report(f"{command}{label}_{hazards}", wrac(command, str(path)), cpu_goal=quick,
               goal_name=goal_name, size=hazards)  # fmt: skip


def growth_figures() -> None:
    """Each command's peak at 100,000 hazards over its peak at 10,000, where both were run."""
    for (command, size), peak in PEAKS.items():
        if size == 100_000 and (command, 10_000) in PEAKS:
            growth = peak / PEAKS[command, 10_000]
            emit(f"{command}_peak_100k_over_10k", growth, "x", goal=GROWTH_GOAL,
                 goal_name=GROWTH_GOAL_NAME)  # fmt: skip


def export_figures(folder: Path, path: Path, hazards: int, *, with_import: bool = False) -> None:
    """Every report in every format it is made in, and the audit report in both of its."""
    for report_name, formats in FORMATS.items():
        for fmt in formats:
            out = folder / f"{report_name}-{hazards}.{fmt}"
            run = wrac("export", str(path), "--report", report_name, "--format", fmt, "-o",
                       str(out), "--force")  # fmt: skip
            report(f"export_{report_name}_{fmt}_{hazards}", run, size=hazards)
            if with_import and (report_name, fmt) == ("register", "xlsx") and run.code == 0:
                import_figure(folder, out, hazards)
            out.unlink(missing_ok=True)
    for fmt in ("xlsx", "csv"):
        audit = folder / f"audit-{hazards}.{fmt}"
        run = wrac("audit", str(path), "-o", str(audit), "--force")
        report(f"audit_{fmt}_{hazards}", run, size=hazards)
        audit.unlink(missing_ok=True)


def kept_register(folder: Path, hazards: int) -> Path:
    """A register of ``hazards`` kept in ``folder`` between runs, in the state the whole run
    exports from (approved, then revised); written when it is not there yet."""
    path = folder / f"kept-{hazards}.wrac"
    if not path.exists():
        building = folder / f"building-{hazards}.wrac"
        wrac(
            "demo", str(building), "--workplaces", str(hazards // HAZARDS_PER_WORKPLACE), "--force"
        )
        wrac("approve", str(building), *APPROVER)
        wrac("revise", str(building))
        building.rename(path)
    return path


def main(
    folder: Path,
    sizes: list[int],
    *,
    exports_only: bool = False,
    write_only: bool = False,
    checks_only: bool = False,
) -> None:
    if not (exports_only or write_only or checks_only):
        start_up()
    for hazards in sizes:
        if exports_only:
            export_figures(folder, kept_register(folder, hazards), hazards)
        elif checks_only:
            check_figures(kept_register(folder, hazards), hazards, "_two_revisions")
        else:
            one_size(folder, hazards, write_only=write_only)
    growth_figures()


def hazards(value: str) -> int:
    """A register size: ten hazards a workplace, so at least 10."""
    number = positive(value)
    if number < HAZARDS_PER_WORKPLACE:
        raise ArgumentTypeError(f"{value} hazards: the demo has at least {HAZARDS_PER_WORKPLACE}")
    return number


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.scale_bench", __doc__)
    parser.add_argument("folder", type=folder, help="where the registers are written")
    parser.add_argument("hazards", type=hazards, nargs="*", default=[10_000, 100_000],
                        help="register sizes (default 10000 100000)")  # fmt: skip
    narrowed = parser.add_mutually_exclusive_group()
    narrowed.add_argument("--exports", action="store_true",
                          help="only the exports, on registers kept in FOLDER")  # fmt: skip
    narrowed.add_argument("--write", action="store_true",
                          help="only the demo's write and sqlite3's restore")  # fmt: skip
    narrowed.add_argument("--checks", action="store_true",
                          help="only check and verify, on registers kept in FOLDER")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    given = arguments()
    main(given.folder, given.hazards, exports_only=given.exports, write_only=given.write,
         checks_only=given.checks)  # fmt: skip
