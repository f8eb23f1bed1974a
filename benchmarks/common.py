"""Helpers shared by the benchmarks: timing, peak memory, and the JSON line format."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def emit(name: str, value: float, unit: str, goal: float | None = None, **extra: Any) -> None:
    """Print one figure as a JSON line; ``ok`` says whether it meets its goal (lower is better)."""
    line: dict[str, Any] = {"name": name, "value": round(value, 4), "unit": unit}
    if goal is not None:
        line |= {"goal": goal, "ok": value <= goal}
    print(json.dumps(line | extra, ensure_ascii=False), flush=True)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def peak_memory_mb() -> float:
    """This process's peak resident memory (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def argument_parser(module: str, doc: str | None) -> argparse.ArgumentParser:
    """A benchmark's command line: its docstring as ``--help``, exit 2 on bad arguments (a
    mistyped flag was taken for a folder and a demo written into ./--help)."""
    return argparse.ArgumentParser(
        prog=f"python -m {module}",
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def folder(value: str) -> Path:
    """A folder to work in, made when it is not there yet."""
    path = Path(value)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise argparse.ArgumentTypeError(f"{value} cannot be a folder: {error.strerror}") from None
    return path


def positive(value: str) -> int:
    """A whole number above zero (a count of hazards, rounds or workplaces)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not a whole number above zero")
    return number
