"""Issue 23 items 10–11's figures: hostile workbooks are refused in milliseconds.

A zip bomb (a sheet inflating 1,000 times) and a value at XFD1048576 once cost 100 s and 4 GB,
or killed the process; both are refused before the reader sees them.
Run as ``python -m benchmarks.hostile_bench WORKDIR``.
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from benchmarks.common import argument_parser, emit, folder, peak_memory_mb, timed
from tests.unit.importing import hostile
from wrac_desktop.importing.reading import ImportFileError, read_sheet


def refusal_seconds(path: Path) -> float:
    def attempt() -> None:
        try:
            read_sheet(path)
        except ImportFileError:
            return
        raise AssertionError(f"{path} was read")

    seconds, _none = timed(attempt)
    return seconds


def main(folder: Path) -> None:
    bomb = hostile.zip_bomb(folder / "bomb.xlsx", megabytes=512)
    emit("zip_bomb_512mb_refusal", refusal_seconds(bomb) * 1000, "ms", goal=1000,
         file_kb=bomb.stat().st_size // 1024)  # fmt: skip
    far = hostile.far_cell(folder / "far.xlsx")
    emit("xfd1048576_refusal", refusal_seconds(far) * 1000, "ms", goal=1000)
    emit("hostile_peak_memory", peak_memory_mb(), "MB", goal=300)


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.hostile_bench", __doc__)
    parser.add_argument("folder", type=folder, help="where the hostile workbooks are written")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(arguments().folder)
