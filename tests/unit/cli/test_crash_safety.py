"""Killing `wrac import`, `merge`, `approve`, `revise` and `export` at random points loses
nothing committed, leaves no half import and no half-written report (``tests/crash_kills.py``
says what is checked after each kill; ``make soak`` runs hundreds of kills)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator

import pytest

from tests import crash_kills
from tests.crash_children import KILLED, ChildResult, Kill, run_wrac
from tests.crash_kills import REGISTER, Campaign, Killer, Scenario

KILLS_EACH = 5
SEED = 23


@pytest.fixture(scope="module")
def killer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Killer]:
    yield Killer(tmp_path_factory.mktemp("crash"))


def scenario_named(name: str) -> Scenario:
    return next(scenario for scenario in crash_kills.scenarios() if scenario.name == name)


@pytest.mark.parametrize("scenario", crash_kills.scenarios(), ids=lambda s: s.name)
def test_a_command_killed_at_random_points_loses_nothing_committed(
    killer: Killer, scenario: Scenario
) -> None:
    killer.prepare(scenario)
    campaign = Campaign()
    killer.kill_runs(scenario, KILLS_EACH, SEED, campaign)
    assert campaign.failures == []
    assert campaign.kills[scenario.name] >= KILLS_EACH // 2  # the kills really hit the command


def test_the_checks_catch_a_half_done_import(killer: Killer) -> None:
    """The checks can fail: the whole import less its last ten hazards (as if it had
    committed in two steps and been killed between them) is reported as half done."""
    scenario = scenario_named("import")
    killer.prepare(scenario)
    run = crash_kills.fresh_copy(scenario, killer.folder / "half-import")
    shutil.copy(killer.whole_run(scenario), run / REGISTER)
    with sqlite3.connect(run / REGISTER) as connection:
        newest = connection.execute("SELECT MAX(id) FROM hazard").fetchone()[0]
        connection.execute("DELETE FROM control_measure WHERE hazard_id > ?", (newest - 10,))
        connection.execute("DELETE FROM hazard WHERE id > ?", (newest - 10,))
    problems = crash_kills.problems_after(killer.context, scenario, run, ChildResult(KILLED, ""))
    assert any(problem.startswith("half done") for problem in problems), problems


def test_the_checks_catch_a_half_written_report(killer: Killer) -> None:
    scenario = scenario_named("export-pdf")
    killer.prepare(scenario)
    run = crash_kills.fresh_copy(scenario, killer.folder / "half-report")
    assert run_wrac(killer.context, run, scenario.argv, Kill()).exit_code == 0
    assert scenario.output is not None
    report = run / scenario.output
    report.write_bytes(report.read_bytes()[: report.stat().st_size // 2])
    problems = crash_kills.problems_after(killer.context, scenario, run, ChildResult(0, ""))
    assert any("half-written report" in problem for problem in problems), problems
