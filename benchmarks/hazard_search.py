"""Issue 3's figure: one search over the whole hazard library, as an officer types."""

from __future__ import annotations

import time

from benchmarks.common import emit
from wrac_desktop.hazards import load_builtin_library

QUERIES = ("г", "газ", "газы", "gas", "құлау", "fall from", "электр", "шум", "CO", "метан",
           "падение с высоты", "қауіп", "conveyor", "ҚҰЛАУ", "взрыв")  # fmt: skip


def bench() -> None:
    library = load_builtin_library()
    library.search("warm up")  # builds the index once, as the app does at start
    rounds = 50
    start = time.perf_counter()
    for _ in range(rounds):
        for query in QUERIES:
            library.search(query)
    mean_ms = (time.perf_counter() - start) * 1000 / (rounds * len(QUERIES))
    emit("hazard_search_mean", mean_ms, "ms", goal=50, entries=len(library))


if __name__ == "__main__":
    bench()
