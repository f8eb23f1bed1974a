"""Issue 6's figure: a 10,000-row worksheet imports in under 5 s (then again: adds nothing).

Run as ``python -m benchmarks.import_bench WORKDIR``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from openpyxl import Workbook

from benchmarks.common import emit, timed
from wrac_desktop.domain.bin import make_bin
from wrac_desktop.services.importing import import_worksheet
from wrac_desktop.services.setup import NewRegister, create_new_register

ROWS = 10_000
HEADER = (
    "No", "Main area", "Workplace", "Hazard", "Unwanted event", "Likelihood", "Consequence",
    "Additional controls", "Hierarchy level", "Responsible person", "Due date",
)  # fmt: skip


def write_worksheet(path: Path, rows: int = ROWS) -> Path:
    """A WRAC worksheet of ``rows`` hazards, each with its measure, on 100 workplaces."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("WRAC")
    sheet.append(["WRAC worksheet, ТОО «Қазақ Кен»"])
    sheet.append(HEADER)
    for number in range(1, rows + 1):
        sheet.append(
            (number, f"Кеніш {number % 3}", f"Жұмыс орны {number % 100}", f"Қауіп № {number}",
             "Құлау", 1 + number % 5, 1 + number % 4, f"Іс-шара {number}", "engineering",
             "Шебер", "IV квартал 2026 г.")
        )  # fmt: skip
    workbook.save(path)
    return path


def main(folder: Path) -> None:
    worksheet = write_worksheet(folder / "import-10k.xlsx")
    (folder / "import.wrac").unlink(missing_ok=True)
    spec = NewRegister(folder / "import.wrac", "ТОО «Қазақ Кен»", make_bin("05094001234"), "Кеніш")
    with create_new_register(spec) as register:
        cpu = time.process_time()
        seconds, plan = timed(lambda: import_worksheet(register, worksheet))
        cpu = time.process_time() - cpu  # the machine may be shared: CPU time says what is ours
        emit(
            "import_xlsx_10k_rows", seconds, "s", goal=5,
            hazards=plan.outcome.hazards, cpu_s=round(cpu, 2),
        )  # fmt: skip
        again, plan = timed(lambda: import_worksheet(register, worksheet))
        emit("import_xlsx_10k_rows_again", again, "s", goal=5, added=plan.outcome.hazards)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
