"""Reports of a 20,000-hazard register are written in bounded memory (issue 22 item 1): the
rows are read from the register a few workplaces at a time each time a report goes through
them, the PDF's grid and workers' sheets are made as the layout reaches them, and the
fingerprint is streamed on its own, so a return to whole lists fails the suite, not just
the benchmark.

Measured at 20,000 hazards (ru) before → after: register PDF 377 → 279 MB, register XLSX
255 → 170, plan PDF 292 → 225, summary JSON 251 → 134.
"""

from __future__ import annotations

from pathlib import Path

from tests.unit.services.test_flat_memory import LIMIT_MB, _child, pytestmark  # noqa: F401

EXPORTS = (("register", "pdf"), ("register", "xlsx"), ("plan", "pdf"), ("summary", "json"))


def test_a_20000_hazard_register_is_exported_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.wrac"
    assert _child("demo", str(path), "--workplaces", "2000")[0] == 0  # 20,000 hazards
    peaks = {}
    for report, fmt in EXPORTS:
        out = tmp_path / f"{report}.{fmt}"
        code, peak = _child(
            "export", str(path), "--report", report, "--format", fmt, "--lang", "ru", "-o", str(out)
        )
        assert code == 0 and out.stat().st_size > 0, (report, fmt)
        peaks[f"{report} {fmt}"] = peak
    shown = ", ".join(f"{name} {peak:.0f} MB" for name, peak in peaks.items())
    assert max(peaks.values()) < LIMIT_MB, f"at 20,000 hazards: {shown}"
