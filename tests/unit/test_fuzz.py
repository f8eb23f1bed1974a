"""Issue 23 item 16, the brief run: generated and hostile worksheets and register files go
through ``wrac`` in a worker process; none may crash, hang, exit outside 0/1/2 or change a
register it refused. ``make soak`` runs the same over 10,000+ cases (tests/fuzz/soak.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz import cases
from tests.fuzz.harness import Runner
from tests.fuzz.soak import corpus, pristine_register

BRIEF = settings(
    max_examples=25,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    folder = tmp_path_factory.mktemp("fuzz")
    running = Runner(pristine_register(folder))
    yield running
    running.close()


def test_the_corpus_of_known_hostile_files(runner: Runner, tmp_path: Path) -> None:
    for case in corpus(tmp_path):
        outcome = runner.run(case)
        assert outcome.get("problem") is None, (case[1], outcome)
        assert outcome["codes"] == [2, 2], (case[1], outcome)  # refused, register untouched


@BRIEF
@given(case=cases.WORKSHEETS)
def test_generated_worksheets(runner: Runner, case: cases.Case) -> None:
    outcome = runner.run(case)
    assert outcome.get("problem") is None, outcome


@BRIEF
@given(data=st.data())
def test_hostile_register_files(runner: Runner, data: st.DataObject) -> None:
    pristine = runner.register.read_bytes()
    outcome = runner.run(data.draw(cases.register_case(pristine, flipped=False)))
    assert outcome.get("problem") is None, outcome


def test_registers_with_flipped_bytes(runner: Runner) -> None:
    pristine = bytearray(runner.register.read_bytes())
    problems = []
    for start in range(len(pristine) // 3, len(pristine), len(pristine) // 12):
        damaged = bytearray(pristine)
        damaged[start : start + 200] = bytes((b ^ 0x5A) for b in damaged[start : start + 200])
        outcome = runner.run(("register", "flipped.wrac", bytes(damaged)))
        problems += [outcome] if outcome.get("problem") else []
    assert not problems, problems[:3]
