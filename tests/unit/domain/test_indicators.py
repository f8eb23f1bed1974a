"""The roadmap's indicators worked out by hand (issue 18 item 5)."""

from __future__ import annotations

import pytest

from wrac_desktop.domain import indicators as ind


def test_two_fatal_accidents_among_1500_workers_are_1_333_per_thousand() -> None:
    assert ind.per_thousand(2, 1500) == pytest.approx(1.3333, abs=1e-4)
    assert round(ind.per_thousand(2, 1500) or 0, 3) == 1.333


def test_ltifr_counts_per_million_hours() -> None:
    # 3 lost-time injuries in 2,400,000 hours: 3 × 1,000,000 ÷ 2,400,000 = 1.25
    assert ind.ltifr(3, 2_400_000) == 1.25


def test_an_unknown_or_zero_divisor_gives_no_figure_not_zero() -> None:
    assert ind.per_thousand(2, None) is None
    assert ind.per_thousand(2, 0) is None
    assert ind.ltifr(1, None) is None
    assert ind.share(None, 10) is None
    assert ind.reported_to_hidden(12, 0) is None


def test_every_indicator_of_a_small_register() -> None:
    counts = ind.Counts(
        fatal=2, accidents=5, injuries=42, events=57, hidden=3, average_headcount=1500,
        hours_worked=3_000_000, insured_workers=1200, safety_officers=8, officers_tested=6,
        workplaces=40, workplaces_covered=10, workers=1500, workers_covered=600,
    )  # fmt: skip
    values = ind.indicators(counts)
    assert round(values["fatal_frequency"] or 0, 3) == 1.333
    assert round(values["accident_frequency"] or 0, 3) == 3.333  # 5 × 1000 ÷ 1500
    assert values["ltifr"] == pytest.approx(5 / 3)  # 5 × 1e6 ÷ 3e6
    assert values["reported_to_hidden"] == 14  # 42 injuries recorded : 3 hidden (not the 57 events)
    assert values["insurance"] == 80  # 1200 of 1500
    assert values["knowledge_test"] == 75  # 6 of 8
    assert values["coverage"] == 25  # 10 of 40 workplaces
    assert values["coverage_workers"] == 40  # 600 of 1500


def test_the_roadmap_targets_for_fatal_frequency() -> None:
    assert [ind.TARGETS[year]["fatal_frequency"] for year in range(2025, 2031)] == [
        0.033, 0.031, 0.029, 0.027, 0.025, 0.023,
    ]  # fmt: skip
