"""Run every benchmark, each in a fresh process, and print their JSON lines."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from argparse import Namespace
from pathlib import Path

from benchmarks.common import argument_parser


def run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", *args], check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        register = str(Path(folder) / "bench.wrac")
        run("benchmarks.register_bench", "write", register)
        run("benchmarks.register_bench", "open", register)
        run("benchmarks.gui_bench", register)
        run("benchmarks.revision_bench", folder)
        run("benchmarks.report_bench", folder)
        run("benchmarks.import_bench", folder)
        run("benchmarks.due_date_bench")
        run("benchmarks.reconcile_bench", folder)
        run("benchmarks.hostile_bench", folder)
        run("benchmarks.evidence_bench", folder)
        run("benchmarks.server_bench", register)  # PostgreSQL beside the .wrac file
        run("benchmarks.concurrent_edit_bench")
        run("benchmarks.merge_bench", "prepare", folder)
        run("benchmarks.merge_bench", "run", folder)
        run("benchmarks.merge_bench", "run-cli", folder)
        run("benchmarks.translation_cost_bench", folder)  # issue 16: 50k demo against b721fa0
        run("benchmarks.scale_bench", folder)  # issue 22: 10,000 and 100,000 hazards
        for hazards in ("10000", "100000"):  # issue 22 items 2, 4: the window's event loop
            run("benchmarks.stall_bench", folder, hazards)
    run("benchmarks.dist_bench")  # `make bench` builds dist/ first
    if Path(__file__).with_name("hazard_search.py").exists():
        run("benchmarks.hazard_search")


def arguments(argv: list[str] | None = None) -> Namespace:
    """No arguments: ``--help`` tells what runs; anything else is refused (exit 2)."""
    return argument_parser("benchmarks", __doc__).parse_args(argv)


if __name__ == "__main__":
    arguments()
    main()
