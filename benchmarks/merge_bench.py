"""Issue 6's merge figure: two 10,000-hazard copies of a register that diverged, merged.

The field copy edits 1,000 hazards, adds 1,000 (each with a measure) and deletes 100; the
office edits 1,000 others, 50 of them also edited in the field (conflicts, "take theirs").
Run as ``python -m benchmarks.merge_bench prepare|run|run-cli FOLDER``.
"""

from __future__ import annotations

import shutil
from argparse import Namespace
from pathlib import Path

from sqlalchemy import select

from benchmarks.common import argument_parser, emit, folder, peak_memory_mb, timed
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register, open_register
from wrac_desktop.services import editing, hazards, measures, merge
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.merge_plan import Choice
from wrac_desktop.vocabulary import ControlLevel

WORKPLACES = 1000  # ten hazards each


def field_work(register: Register) -> None:
    with register.uow.transaction() as session:
        rows = session.scalars(select(Hazard).order_by(Hazard.id)).all()
        for hazard in rows[:1000]:
            hazard.notes = "далада тексерілді"
        for hazard in rows[2000:2100]:
            editing.delete_subtree(session, hazard)
        for source in rows[3000:4000]:
            added = hazards.add_hazard(
                session, source.assessment, source.workplace, "Жаңа қауіп: " + source.description
            )
            measures.add_measure(session, added, "Нұсқама", ControlLevel.ADMINISTRATIVE)


def office_work(register: Register) -> None:
    with register.uow.transaction() as session:
        rows = session.scalars(select(Hazard).order_by(Hazard.id)).all()
        for hazard in rows[950:1950]:
            hazard.notes = "кеңседе тексерілді"


def prepare(folder: Path) -> None:
    office_path, field_path = _paths(folder)
    write_demo(office_path, workplaces=WORKPLACES, seed=4, overwrite=True)
    shutil.copy(office_path, field_path)
    with open_register(office_path) as office, open_register(field_path) as field:
        field_work(field)
        office_work(office)


def run(folder: Path) -> None:
    """As the app merges: a preview, then the merge reusing the preview's plan. Timed in a
    process of its own, so its peak memory is the merge's."""
    office_path, field_path = _paths(folder)
    shutil.copy(office_path, folder / "merge_office_cli.wrac")  # for run_cli, untouched
    with open_register(office_path) as office, open_register(field_path) as field:
        seconds, preview = timed(lambda: merge.preview(office, field))
        # hazards_read: those the logs named (and their parents), of 10,000 (issue 22)
        emit("merge_preview_10k_hazards", seconds, "s", goal=5, hazards_read=len(
            [row for row in preview.plan.mine.rows.values() if row.table == "hazard"]
        ), conflicts=len(preview.plan.conflicts))  # fmt: skip
        seconds, report = timed(
            lambda: merge.merge(office, field, Choice.THEIRS, previewed=preview)
        )
        emit("merge_after_preview_10k_hazards", seconds, "s", goal=5, **_counts(report))
        seconds, report = timed(lambda: merge.merge(office, field))
        emit("merge_again_10k_hazards", seconds, "s", goal=5, written=report.written)
    emit("merge_peak_memory", peak_memory_mb(), "MB", goal=300)


def run_cli(folder: Path) -> None:
    """As `wrac merge` does: planned inside the merge, no preview (run after ``run``)."""
    office_path, field_path = _paths(folder)
    with (
        open_register(folder / "merge_office_cli.wrac") as office,
        open_register(field_path) as field,
    ):
        seconds, report = timed(lambda: merge.merge(office, field, Choice.THEIRS))
        emit("merge_10k_hazards", seconds, "s", goal=10, **_counts(report))
    emit("merge_cli_peak_memory", peak_memory_mb(), "MB", goal=300)


def _paths(folder: Path) -> tuple[Path, Path]:
    return folder / "merge_office.wrac", folder / "merge_field.wrac"


def _counts(report: merge.MergeReport) -> dict[str, int]:
    counts = report.counts
    return {
        "added": sum(counts.added.values()),
        "updated": sum(counts.updated.values()),
        "deleted": sum(counts.deleted.values()),
        "conflicts": counts.took_theirs + counts.kept_mine,
    }


STEPS = {"prepare": prepare, "run": run, "run-cli": run_cli}


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.merge_bench", __doc__)
    parser.add_argument("step", choices=STEPS, help="prepare the copies, then run the merge "
                        "in this process or by the CLI")  # fmt: skip
    parser.add_argument("folder", type=folder, help="where the two copies are kept")
    return parser.parse_args(argv)


if __name__ == "__main__":
    given = arguments()
    STEPS[given.step](given.folder)
