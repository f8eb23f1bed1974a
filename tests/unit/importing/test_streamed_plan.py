"""Issue 22: a sheet planned a chunk at a time reads as the whole sheet read at once.

Of the hazards and rows handed on, only hashes are kept; a hazard met again after its chunk
was written still gets its measures under the first one, a changed rating is still reported
naming the first row, and a row repeated across chunks is still left out naming its twin.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Sample
from tests.unit.importing.worksheets import write_xlsx
from wrac_desktop.importing import rows
from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.register import Register
from wrac_desktop.services.importing import import_worksheet

HEADER = ("Workplace", "Hazard", "Unwanted event", "Likelihood", "Consequence", "Measure")
ROWS = [
    ("Driller", "Noise", "Hearing loss", 2, 2, "Ear muffs"),  # row 2
    ("Driller", "Dust", "Silicosis", 3, 3, "Water sprays"),
    ("Blaster", "Flyrock", "Struck", 2, 5, "Guards"),
    ("Blaster", "Fumes", "Poisoning", 2, 4, "Re-entry time"),
    ("Driller", "Noise", "Hearing loss", 2, 2, "Quieter drill"),  # row 6: row 2's hazard
    ("Driller", "Dust", "Silicosis", 4, 3, "Wet drilling"),  # row 7: another rating
    ("Blaster", "Flyrock", "Struck", 2, 5, "Guards"),  # row 8: row 4 again
]


@pytest.mark.parametrize("chunk", [1, 2, 1000])
def test_repeats_across_chunks_read_as_in_one(
    sample_register: tuple[Register, Sample],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
) -> None:
    monkeypatch.setattr(rows, "CHUNK_HAZARDS", chunk)
    register, _ids = sample_register
    plan = import_worksheet(register, write_xlsx(tmp_path / "r.xlsx", [HEADER, *ROWS]))
    warnings = [(warning.row, warning.message) for warning in plan.warnings]
    assert (7, "repeats the hazard of row 3 with another rating; row 3's is kept") in warnings
    assert (8, "the same as row 4; left out") in warnings
    assert (plan.hazard_count, plan.outcome.hazards, plan.outcome.hazards_present) == (4, 4, 0)
    assert plan.outcome.measures == 6 and plan.rows_skipped == 1
    with register.uow.reading() as session:
        noise = session.scalars(select(Hazard).where(Hazard.description == "Noise")).one()
        measures = session.scalars(
            select(ControlMeasure.description)
            .where(ControlMeasure.hazard_id == noise.id)
            .order_by(ControlMeasure.sort_order)
        ).all()
        dust = session.scalars(select(Hazard).where(Hazard.description == "Dust")).one()
    assert measures == ["Ear muffs", "Quieter drill"]
    assert (dust.initial_likelihood, dust.initial_severity) == (3, 3)  # row 3's rating kept


def test_rows_whose_python_hashes_collide_are_not_taken_for_one(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    """A row was remembered by Python's 64-bit hash of its cells, and an integer's hash is
    taken modulo 2⁶¹ − 1: a row differing from an earlier one only by a cost of 1 against
    2⁶¹ was left out as "the same as row 2". Rows are told by a 128-bit digest."""
    twin = float(2**61)  # as the sheet's number reads
    assert hash(("Driller", "Noise", 1)) == hash(("Driller", "Noise", twin))
    header = ("Workplace", "Hazard", "Measure", "Cost")
    lines = [header, ("Driller", "Noise", "Ear muffs", 1), ("Driller", "Noise", "Ear muffs", twin)]
    register, _ids = sample_register
    plan = import_worksheet(register, write_xlsx(tmp_path / "r.xlsx", lines))
    assert not any("the same as row" in warning.message for warning in plan.warnings)
    assert plan.rows_skipped == 0
