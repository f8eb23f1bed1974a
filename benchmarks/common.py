"""Helpers shared by the benchmarks: timing, peak memory, and the JSON line format."""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
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
