"""Issue 9's figures for the frozen one-folder bundle (dist/wrac/, built by ``make dist``).

Run as ``python -m benchmarks.dist_bench [BUNDLE]``: the bundle's size on disk, and the time
from starting ``wrac-gui REGISTER`` to its window being visible in an X server (Xvfb), for
the 40-workplace demo register a new user first meets: with the bundle in the page cache, and
from a cold cache (its files and the register evicted before each start; issue 22 item 5).
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import time
from argparse import Namespace
from pathlib import Path

from benchmarks.common import argument_parser, emit
from benchmarks.x11_window import virtual_display, wait_for_window

BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "wrac"
RUNS = 5
BUNDLE_GOAL_MB = 150  # issue 22 item 5 (issue 9 asked 200)


def bundle_files(bundle: Path) -> list[Path]:
    """Real files only: PyInstaller links some libraries under two names, stored once."""
    return [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]


def bundle_size_mb(bundle: Path) -> float:
    return sum(path.stat().st_size for path in bundle_files(bundle)) / 1e6


def time_to_window(
    bundle: Path, display: str, register: Path, env: dict[str, str]
) -> tuple[float, float]:
    """Seconds from start to a visible window, and the CPU seconds the program used by then.

    The CPU figure hardly moves when other work shares the machine; the wall time does.
    """
    env = env | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    start = time.perf_counter()
    process = subprocess.Popen([str(bundle / "wrac-gui"), str(register)], env=env)
    try:
        wait_for_window(display, register.name, process)
        elapsed = time.perf_counter() - start
        process.send_signal(signal.SIGSTOP)  # count no CPU spent after the window showed
        cpu = cpu_seconds(process.pid)
    finally:
        process.kill()
        process.wait(20)
    return elapsed, cpu


def evict_from_page_cache(files: list[Path]) -> None:
    """Drop ``files`` from the kernel's page cache (no root needed, unlike drop_caches), so
    the next start reads the bundle from disk as after a reboot: issue 22's "cold cache"."""
    for path in files:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)  # a dirty page stays cached
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(bundle: Path) -> None:
    size = bundle_size_mb(bundle)
    emit("dist_bundle_size", size, "MB", goal=BUNDLE_GOAL_MB, files=len(bundle_files(bundle)))
    with tempfile.TemporaryDirectory() as folder, virtual_display() as display:
        env = os.environ | {"WRAC_DATA_DIR": folder, "WRAC_CONFIG_DIR": folder}
        register = Path(folder) / "demo.wrac"
        subprocess.run([str(bundle / "wrac"), "demo", str(register)], env=env, check=True)
        runs = [time_to_window(bundle, display, register, env) for _ in range(RUNS)]
        cold = []
        for _ in range(RUNS):
            evict_from_page_cache([*bundle_files(bundle), register])
            cold.append(time_to_window(bundle, display, register, env))
    emit_start("dist_time_to_window_cold", cold, goal=1.5)
    emit_start("dist_time_to_window", runs, goal=2.0)


def emit_start(name: str, runs: list[tuple[float, float]], goal: float) -> None:
    times = [elapsed for elapsed, _cpu in runs]
    emit(
        name,
        statistics.median(times),
        "s",
        goal=goal,
        worst=round(max(times), 3),
        cpu_s=round(statistics.median(cpu for _elapsed, cpu in runs), 3),
        load=round(os.getloadavg()[0], 1),
        runs=len(runs),
    )


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.dist_bench", __doc__)
    parser.add_argument("bundle", type=Path, nargs="?", default=BUNDLE,
                        help=f"the frozen bundle's folder (default {BUNDLE})")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(arguments().bundle)
