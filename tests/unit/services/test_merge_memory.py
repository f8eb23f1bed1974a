"""Merge and revision diff of a 20,000-hazard register in bounded memory (issue 22): a merge
reads only what the audit logs name since the copies last shared a state, a diff pairs the
two revisions' hazards from ordered cursors a chunk at a time, so a return to reading both
registers (or both revisions) whole fails the suite, not just the benchmark.

Measured at 20,000 hazards before → after: merge of 100 edited hazards 273 → 76 MB, diff of
two revisions 381 → 114 MB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.services.test_flat_memory import _child, pytestmark  # noqa: F401

LIMIT_MB = 180  # well above both figures after, well under both before
EDITED = 100
_EDIT_FIELD_COPY = """
import sys
from sqlalchemy import select
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register
with open_register(sys.argv[1]) as register, register.uow.transaction() as session:
    for hazard in session.scalars(select(Hazard).order_by(Hazard.id).limit(int(sys.argv[2]))):
        hazard.notes = "далада тексерілді"
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("merge-memory") / "office.wrac"
    assert _child("demo", str(path), "--workplaces", "2000")[0] == 0  # 20,000 hazards
    return path


def test_a_small_change_is_merged_into_20000_hazards_in_bounded_memory(office: Path) -> None:
    field = office.with_name("field.wrac")
    shutil.copy(office, field)
    edit = [sys.executable, "-c", _EDIT_FIELD_COPY, str(field), str(EDITED)]
    subprocess.run(edit, check=True)
    code, peak = _child("merge", str(office), str(field), "--take-theirs")
    assert code == 0
    assert peak < LIMIT_MB, f"merging {EDITED} hazards into 20,000: {peak:.0f} MB"
    assert _child("merge", str(office), str(field))[0] == 0  # merged: nothing left to take


def test_two_revisions_of_20000_hazards_are_diffed_in_bounded_memory(office: Path) -> None:
    approval = ("--by", "Ахметов Ержан Серикович", "--position", "Директор", "--yes")
    assert _child("approve", str(office), *approval)[0] == 0
    assert _child("revise", str(office))[0] == 0
    code, peak = _child("diff", str(office), "--from", "1", "--to", "2")
    assert code == 0
    assert peak < LIMIT_MB, f"diff of two revisions of 20,000 hazards: {peak:.0f} MB"
