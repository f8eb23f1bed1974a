"""Issue 3's figure: searches over the whole hazard library, as an officer types (goal < 50 ms)."""

from __future__ import annotations

import json
import time
from argparse import Namespace
from itertools import cycle, islice
from typing import Any

from benchmarks.common import argument_parser
from wrac_desktop.hazards import load_builtin_library

SEARCHES = 1000
GOAL_MS = 50
# What officers type: single letters while typing, words and inflections in three languages,
# upper case, formulas, multi-word phrases and misses.
QUERIES = (
    "г", "газ", "газы", "gas", "құлау", "ҚҰЛАУ", "fall from", "электр", "шум", "CO",
    "NO₂", "метан", "падение с высоты", "қауіп", "conveyor", "взрыв", "а", "qwerty",
)  # fmt: skip


def bench() -> dict[str, Any]:
    """Time 1,000 searches; the mean is the figure, the slowest and the cold start come along."""
    start = time.perf_counter()
    library = load_builtin_library()
    library.search("газ")  # the first search builds the index, as it does once in the app
    cold_ms = (time.perf_counter() - start) * 1000
    timings = [_timed_search(library, query) for query in islice(cycle(QUERIES), SEARCHES)]
    mean_ms = sum(timings) / len(timings)
    return {
        "name": "hazard_search_ms",
        "value": round(mean_ms, 4),
        "goal": GOAL_MS,
        "unit": "ms",
        "ok": mean_ms <= GOAL_MS,
        "max_ms": round(max(timings), 4),
        "cold_start_ms": round(cold_ms, 1),
        "entries": len(library),
        "searches": len(timings),
    }


def _timed_search(library: Any, query: str) -> float:
    start = time.perf_counter()
    library.search(query)
    return (time.perf_counter() - start) * 1000


def arguments(argv: list[str] | None = None) -> Namespace:
    """No arguments: ``--help`` tells what runs; anything else is refused (exit 2)."""
    return argument_parser("benchmarks.hazard_search", __doc__).parse_args(argv)


if __name__ == "__main__":
    arguments()
    print(json.dumps(bench(), ensure_ascii=False), flush=True)
