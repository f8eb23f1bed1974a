"""Reports of a 20,000-hazard register are written in bounded memory (issue 22 item 1): the
rows are read from the register a few workplaces at a time each time a report goes through
them, the PDF's grid and workers' sheets are made as the layout reaches them, and the
fingerprint is streamed on its own, so a return to whole lists fails the suite, not just
the benchmark.

Measured at 20,000 hazards (ru) before → after: register PDF 377 → 279 MB, register XLSX
255 → 170, plan PDF 292 → 225, summary JSON 251 → 134. Then the long PDFs were written into
their file as they are made (pages' bodies in a temporary file, the document written object
by object) and the plan read in its own order: register PDF 279 → 164 MB, plan PDF 225 → 142.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.services.test_flat_memory import LIMIT_MB, _child, pytestmark  # noqa: F401

EXPORTS = (("register", "pdf"), ("register", "xlsx"), ("plan", "pdf"), ("summary", "json"))
# The long PDFs: their pages, the plan's rows and the file were held whole (279 and 225 MB)
PDF_LIMIT_MB = 200


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("flat-reports") / "big.wrac"
    assert _child("demo", str(path), "--workplaces", "2000")[0] == 0  # 20,000 hazards
    return path


def _export(path: Path, report: str, fmt: str, out: Path) -> float:
    code, peak = _child(
        "export", str(path), "--report", report, "--format", fmt, "--lang", "ru", "-o", str(out)
    )
    assert code == 0 and out.stat().st_size > 0, (report, fmt)
    return peak


def test_a_20000_hazard_register_is_exported_in_bounded_memory(big: Path, tmp_path: Path) -> None:
    peaks = {
        f"{report} {fmt}": _export(big, report, fmt, tmp_path / f"{report}.{fmt}")
        for report, fmt in EXPORTS
    }
    shown = ", ".join(f"{name} {peak:.0f} MB" for name, peak in peaks.items())
    assert max(peaks.values()) < LIMIT_MB, f"at 20,000 hazards: {shown}"


@pytest.mark.parametrize("report", ["register", "plan"])
def test_the_register_and_plan_pdfs_are_written_as_they_are_made(
    big: Path, tmp_path: Path, report: str
) -> None:
    out = tmp_path / f"{report}.pdf"
    peak = _export(big, report, "pdf", out)
    assert peak < PDF_LIMIT_MB, f"{report} PDF of 20,000 hazards: {peak:.0f} MB"
    assert out.read_bytes().rstrip().endswith(b"%%EOF")


# What the dashboard and the summary PDF may grow from 2,000 to 20,000 hazards: their
# per-workplace figures, not the rows. Measured 2,000 → 20,000 hazards (en): dashboard
# 90 → 127 MB before (every row held to rank the workplaces), 88 → 103 after; summary PDF
# 86 → 120 MB before (a paragraph a cell of the breakdown's 2,000 rows at once), 86 → 102.
REPORT_GROWTH_MB = 25


def test_the_dashboard_and_the_summary_pdf_grow_with_the_workplaces_not_every_row(
    big: Path, tmp_path: Path
) -> None:
    small = tmp_path / "small.wrac"
    assert _child("demo", str(small), "--workplaces", "200")[0] == 0  # 2,000 hazards
    for report in ("dashboard", "summary"):
        peaks = []
        for path in (small, big):  # in the messages' language, as measured
            out = tmp_path / f"{report}-{path.stem}.pdf"
            code, peak = _child("export", str(path), "--report", report, "--format", "pdf",
                                "-o", str(out))  # fmt: skip
            assert code == 0
            peaks.append(peak)
        growth = f"{report}: {peaks[0]:.0f} MB at 2,000 hazards, {peaks[1]:.0f} MB at 20,000"
        assert peaks[1] - peaks[0] < REPORT_GROWTH_MB, growth
