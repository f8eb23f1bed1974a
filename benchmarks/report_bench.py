"""Issue 5's figures on a 10,000-hazard register: PDF register (and in kk+ru, issue 16), XLSX,
memory, and LibreOffice converting our XLSX to PDF (what a spreadsheet user would do) for
comparison.

Run as ``python -m benchmarks.report_bench WORKDIR``.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import argument_parser, emit, folder, peak_memory_mb, timed
from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export


def _cpu_timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds: on a shared machine the CPU figure says what the code costs."""
    cpu = time.process_time()
    seconds, _result = timed(action)
    return seconds, time.process_time() - cpu


def main(folder: Path) -> None:
    register_path = folder / "reports-10k.wrac"
    write_demo(register_path, workplaces=1000, seed=1, overwrite=True)
    with open_register(register_path, read_only=True) as register:
        pdf_seconds, pdf_cpu = _cpu_timed(
            lambda: export(register, "register", "pdf", "ru", folder / "register.pdf")
        )
        emit("report_pdf_register_10k", pdf_seconds, "s", goal=5, cpu_s=round(pdf_cpu, 2))
        # issue 16: every text in both languages, the second under the first
        both_seconds, both_cpu = _cpu_timed(
            lambda: export(register, "register", "pdf", "kk+ru", folder / "register-kk+ru.pdf")
        )
        emit("report_pdf_register_10k_kk_ru", both_seconds, "s", goal=8, cpu_s=round(both_cpu, 2))
        # issue 22: what the PDFs need at most (writing the demo before them needs less)
        emit("report_pdf_peak_memory", peak_memory_mb(), "MB", goal=400)
        xlsx_seconds, xlsx_cpu = _cpu_timed(
            lambda: export(register, "register", "xlsx", "ru", folder / "register.xlsx")
        )
        emit("report_xlsx_register_10k", xlsx_seconds, "s", goal=3, cpu_s=round(xlsx_cpu, 2))
    emit("report_peak_memory", peak_memory_mb(), "MB", goal=400)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print('{"name": "libreoffice_xlsx_to_pdf", "skipped": "soffice not installed"}')
        return
    start = time.perf_counter()
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "lo"),
            str(folder / "register.xlsx"),
        ],
        capture_output=True,
        timeout=900,
    )
    libre = time.perf_counter() - start
    emit(
        "libreoffice_xlsx_to_pdf_10k",
        libre,
        "s",
        ours_s=round(pdf_seconds, 2),
        ratio=round(libre / pdf_seconds, 1),
    )


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.report_bench", __doc__)
    parser.add_argument(
        "folder", type=folder, help="where the register and its reports are written"
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    main(arguments().folder)
