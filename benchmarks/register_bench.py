"""Issue 2's figures: writing the 50,000-hazard demo, and opening it for the first screen.

Run as ``python -m benchmarks.register_bench write|open PATH``; ``benchmarks.__main__`` runs
each in its own process so that its peak memory is its own.
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from benchmarks.common import argument_parser, emit, peak_memory_mb, timed
from benchmarks.translation_cost_bench import BEFORE_BYTES, GOAL
from wrac_desktop.persistence.queries import HazardFilter, hazard_rows, site_tree
from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo

WORKPLACES = 5000


def bench_write(path: Path) -> None:
    seconds, stats = timed(lambda: write_demo(path, workplaces=WORKPLACES, seed=1, overwrite=True))
    emit(
        "demo_write_50k_hazards",
        seconds,
        "s",
        goal=10,
        hazards=stats["hazards"],
        measures=stats["measures"],
    )
    emit("demo_write_peak_memory", peak_memory_mb(), "MB", goal=300)
    # Issue 16: within 1.3x the file before translations (benchmarks.translation_cost_bench
    # compares the write time with that program's, turn about).
    emit(
        "demo_file_50k_hazards",
        path.stat().st_size / 1e6,
        "MB",
        goal=round(GOAL * BEFORE_BYTES / 1e6, 1),
        before_translations_mb=round(BEFORE_BYTES / 1e6, 1),
    )


def bench_open(path: Path) -> None:
    def first_screen() -> int:
        with open_register(path) as register, register.uow.reading() as session:
            site_tree(session)
            return len(hazard_rows(session, HazardFilter(), limit=1000))

    seconds, rows = timed(first_screen)
    emit("open_tree_first_1000_rows", seconds, "s", goal=0.5, rows=rows)
    emit("open_peak_memory", peak_memory_mb(), "MB", goal=300)


STEPS = {"write": bench_write, "open": bench_open}


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.register_bench", __doc__)
    parser.add_argument("step", choices=STEPS, help="write the demo, or open it")
    parser.add_argument("path", type=Path, help="the register file")
    return parser.parse_args(argv)


if __name__ == "__main__":
    given = arguments()
    STEPS[given.step](given.path)
