"""The window looks for refreshable library texts of a draft on opening (issue 16): it held
every hazard and measure that names a library entry at once, and every record's lineage (a
100,000-hazard draft took the window to 503 MB, 74 now). Measured on a 20,000-hazard draft in
a child: 144 MB before, 74 after; the bound is between them (issue 22, goal 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.services.test_flat_memory import _child

LIMIT_MB = 100
_LOOK = """
import sys
from wrac_desktop.register import open_location
from wrac_desktop.services import library_refresh, work
with open_location(sys.argv[1]) as register, work.reading(register) as reading:
    found = library_refresh.refreshable(reading)
with open("/proc/self/status") as status:
    peak = next(line for line in status if line.startswith("VmHWM:"))
print(len(found), file=sys.stderr)
print("peak-kB", peak.split()[1], file=sys.stderr)
"""

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/status")


def test_looking_for_refreshable_texts_reads_a_large_draft_in_bounded_memory(
    tmp_path: Path,
) -> None:
    path = tmp_path / "draft.wrac"
    assert _child("demo", str(path), "--workplaces", "2000")[0] == 0  # 20,000 hazards
    done = subprocess.run(
        [sys.executable, "-c", _LOOK, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-2] == "0"  # the demo's texts are the library's own: nothing to refresh
    assert lines[-1].startswith("peak-kB"), done.stderr
    assert int(lines[-1].split()[1]) / 1024 < LIMIT_MB
