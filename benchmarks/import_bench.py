"""Issue 6's figure: a 10,000-row worksheet imports in under 5 s (then again: adds nothing).

Run as ``python -m benchmarks.import_bench WORKDIR``. With ``--register [HAZARDS ...]``
(default 10000 100000) only issue 22's import figures instead, as ``scale_bench`` prints them
among all the others: a demo register of that size exported as its register XLSX and imported
into a near-empty register by ``wrac import`` in a child, its CPU seconds and peak RSS against
the 400 MB goal, and the peak at 100,000 over that at 10,000 against 1.3.
"""

from __future__ import annotations

import time
from argparse import Namespace
from pathlib import Path

from openpyxl import Workbook

from benchmarks import scale_bench
from benchmarks.common import argument_parser, emit, folder, positive, timed
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


def register_import(folder: Path, sizes: list[int]) -> None:
    """Issue 22's import figures alone (``scale_bench`` runs the same among every command)."""
    for hazards in sizes:
        register = folder / f"scale-{hazards}.wrac"
        out = folder / f"register-{hazards}.xlsx"
        scale_bench.wrac("demo", str(register), "--workplaces", str(hazards // 10), "--force")
        scale_bench.wrac("export", str(register), "--report", "register", "--format", "xlsx",
                         "-o", str(out), "--force")  # fmt: skip
        scale_bench.import_figure(folder, out, hazards)
        out.unlink(missing_ok=True)
        register.unlink(missing_ok=True)
    scale_bench.growth_figures()


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.import_bench", __doc__)
    parser.add_argument("folder", type=folder, help="where the worksheets and registers go")
    parser.add_argument("--register", type=positive, nargs="*", metavar="HAZARDS",
                        help="only issue 22's import figures, at these sizes "
                        "(default 10000 100000)")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    given = arguments()
    if given.register is not None:
        register_import(given.folder, given.register or [10_000, 100_000])
    else:
        main(given.folder)
