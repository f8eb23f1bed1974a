"""Issue 16's cost of translations: "the 50,000-hazard demo stays within 1.3× today's file
size and write time", today being the program before translations (commit ``BEFORE``, the
last one before issue 16's first).

The program of that commit is taken out of git into a folder and writes the same demo (5,000
workplaces, seed 1) in a process of its own, then this one does, turn about, ``ROUNDS`` times
each; the fastest write of each is compared, so a machine busy with other work slows both
alike. The file sizes are the same every time (the demo is seeded): where git cannot give the
old program (an unpacked release), its size measured on 2026-12-07 stands in, and the write
time is not compared.

Run as ``python -m benchmarks.translation_cost_bench FOLDER [ROUNDS]``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from argparse import Namespace
from io import BytesIO
from pathlib import Path

from benchmarks.common import argument_parser, emit, folder, positive

BEFORE = "b721fa0"  # the commit before translations (issue 16)
GOAL = 1.3
ROUNDS = 2
WORKPLACES = 5000  # 50,000 hazards, as benchmarks.register_bench writes
# BEFORE's demo file, measured on 2026-12-07 (the same on every run: the demo is seeded).
BEFORE_BYTES = 260_653_056

WRITE = """
import json, sys, time
from pathlib import Path
from wrac_desktop.services.demo import write_demo
path = Path(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
write_demo(path, workplaces=int(sys.argv[2]), seed=1, overwrite=True)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"bytes": path.stat().st_size, "wall": wall, "cpu": cpu}))
"""


def old_program(folder: Path) -> Path | None:
    """The program of ``BEFORE`` unpacked under ``folder``; None without git or the commit."""
    root = Path(__file__).resolve().parent.parent
    try:
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", BEFORE, "wrac_desktop", "resources"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    target = folder / "before-translations"
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def write_with(program: Path, register: Path) -> dict[str, float]:
    """Write the demo with the program in ``program`` (a folder holding ``wrac_desktop``)."""
    environment = os.environ | {"PYTHONPATH": str(program)}
    out = subprocess.run(
        [sys.executable, "-c", WRITE, str(register), str(WORKPLACES)],
        check=True,
        capture_output=True,
        text=True,
        cwd=program,
        env=environment,
    ).stdout
    return json.loads(out.splitlines()[-1])


def fastest(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "bytes": runs[-1]["bytes"],
        "wall": min(run["wall"] for run in runs),
        "cpu": min(run["cpu"] for run in runs),
    }


def main(folder: Path, rounds: int) -> None:
    now_program = Path(__file__).resolve().parent.parent
    old = old_program(folder)
    register = folder / "translation-cost.wrac"
    before_runs, now_runs = [], []
    for _round in range(rounds):
        if old is not None:
            before_runs.append(write_with(old, register))
        now_runs.append(write_with(now_program, register))
    register.unlink(missing_ok=True)
    now = fastest(now_runs)
    before_bytes = before_runs[-1]["bytes"] if before_runs else BEFORE_BYTES
    emit(
        "demo_50k_size_vs_before_translations",
        now["bytes"] / before_bytes,
        "x",
        goal=GOAL,
        size_mb=round(now["bytes"] / 1e6, 1),
        before_mb=round(before_bytes / 1e6, 1),
        commit=BEFORE,
    )
    if not before_runs:
        print(f"{BEFORE} is not in git here: its write time is not compared", file=sys.stderr)
        return
    before = fastest(before_runs)
    emit(
        "demo_50k_write_vs_before_translations",
        now["wall"] / before["wall"],
        "x",
        goal=GOAL,
        write_s=round(now["wall"], 2),
        before_s=round(before["wall"], 2),
        cpu_ratio=round(now["cpu"] / before["cpu"], 3),
        rounds=rounds,
        commit=BEFORE,
    )


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.translation_cost_bench", __doc__)
    parser.add_argument("folder", type=folder, help="where both programs write their demo")
    parser.add_argument("rounds", type=positive, nargs="?", default=ROUNDS,
                        help=f"writes of each program (default {ROUNDS})")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    given = arguments()
    main(given.folder, given.rounds)
