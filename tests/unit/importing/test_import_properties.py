"""Property tests: whatever the cells hold, an import never crashes and never half-writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Sample
from tests.unit.importing.content import content
from tests.unit.importing.worksheets import write_csv, write_xlsx
from wrac_desktop.importing.reading import ImportFileError
from wrac_desktop.register import Register
from wrac_desktop.services.importing import import_worksheet

HEADER = ("Site", "Workplace", "Hazard", "Unwanted event", "Likelihood", "Consequence",
          "Risk rank", "Risk level", "Measure", "Hierarchy level", "Due date", "Cost")  # fmt: skip
_PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"))
CELLS = st.one_of(
    st.none(),
    st.text(_PRINTABLE, max_size=30),
    st.integers(-5, 60_000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.booleans(),
    st.sampled_from(
        ["#DIV/0!", "#N/A", "=A1+1", "A", "e", "7", "4,5", "nan", "inf", "IV квартал 2025 г.",
         "до 31.12.2025", "ә ғ қ ң ө ұ ү һ і", "Низкий", "Engineering", "СИЗ", "-3", "1e308"]
    ),
)  # fmt: skip
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER) + 2), min_size=0, max_size=12)
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def write(tmp_path: Path, kind: str, rows: list[list[Any]]) -> Path:
    if kind == "csv":
        return write_csv(tmp_path / "random.csv", [HEADER, *rows], delimiter=";")
    return write_xlsx(tmp_path / "random.xlsx", [HEADER, *rows])


class Interrupt(Exception):
    pass


@SETTINGS
@given(rows=ROWS, kind=st.sampled_from(["csv", "xlsx"]), stop_at=st.integers(0, 3))
def test_import_never_crashes_and_a_failure_writes_nothing(
    sample_register: tuple[Register, Sample],
    tmp_path: Path,
    rows: list[list[Any]],
    kind: str,
    stop_at: int,
) -> None:
    register, _ids = sample_register
    path = write(tmp_path, kind, rows)
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) > stop_at:
            raise Interrupt

    before = content(register)
    try:
        plan = import_worksheet(register, path, progress=progress)
    except (ImportFileError, Interrupt):
        assert content(register) == before  # all or nothing
        return
    # finished before the interruption point: everything it reports is in the register
    assert plan.rows_read >= plan.rows_skipped >= 0
    if plan.outcome.adds_nothing:
        assert content(register) == before


@SETTINGS
@given(rows=ROWS, kind=st.sampled_from(["csv", "xlsx"]))
def test_dry_run_never_changes_anything_and_import_is_idempotent(
    sample_register: tuple[Register, Sample], tmp_path: Path, rows: list[list[Any]], kind: str
) -> None:
    register, _ids = sample_register
    path = write(tmp_path, kind, rows)
    before = content(register)
    try:
        dry = import_worksheet(register, path, dry=True)
    except ImportFileError:
        assert content(register) == before
        return
    assert content(register) == before
    done = import_worksheet(register, path)
    assert (done.outcome.hazards, done.outcome.measures) == (
        dry.outcome.hazards,
        dry.outcome.measures,
    )
    after = content(register)
    again = import_worksheet(register, path)
    assert again.outcome.adds_nothing and content(register) == after
