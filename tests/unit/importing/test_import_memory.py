"""A 20,000-row worksheet imports in bounded memory (issue 22): the sheet streams in row by row
(``importing.xlsx_stream``), is planned and written a chunk at a time, and of what was handed
on only hashes are kept, so a return to reading the sheet whole fails the suite, not just the
benchmark.

Measured (the child's peak, VmHWM) at 20,000 rows, each a hazard with its measure, before →
after: import 214 → 94 MB, dry run 139 → 85 MB (calamine held the sheet whole, the plan every
hazard, the import every row and audit entry until the commit).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.import_bench import write_worksheet
from tests.unit.services.test_flat_memory import _child, pytestmark  # noqa: F401

LIMIT_MB = 150  # well above the figures after, well under the import's before
ROWS = 20_000


def test_a_20000_row_worksheet_imports_in_bounded_memory(tmp_path: Path) -> None:
    worksheet = write_worksheet(tmp_path / "big.xlsx", ROWS)
    register = tmp_path / "target.wrac"
    assert _child("demo", str(register), "--workplaces", "1")[0] == 0
    code, importing = _child("import", str(register), str(worksheet))
    assert code == 0
    code, again = _child("import", str(register), str(worksheet), "--dry-run")  # adds nothing
    assert code == 0
    peaks = f"at {ROWS:,} rows: import {importing:.0f} MB, dry run {again:.0f} MB"
    assert max(importing, again) < LIMIT_MB, peaks
