"""The roadmap's indicators 40-44 from counts and yearly figures (docs domain.md §9).

Pure functions: no database, no Qt. Each returns None when its divisor is unknown or zero, so
a report prints "no data" rather than a made-up 0.
"""

from __future__ import annotations

from dataclasses import dataclass

# Roadmap targets per year (the seed's section VI): coverage %, fatal frequency per 1,000,
# reported : hidden (n : 1), insurance %, knowledge test %.
TARGETS: dict[int, dict[str, float]] = {
    year: {"coverage": cov, "fatal_frequency": fatal, "reported_to_hidden": hidden,
           "insurance": ins, "knowledge_test": test}
    for year, cov, fatal, hidden, ins, test in (
        (2025, 30, 0.033, 13, 65, 40),
        (2026, 40, 0.031, 14, 70, 50),
        (2027, 50, 0.029, 15, 75, 60),
        (2028, 60, 0.027, 16, 80, 70),
        (2029, 70, 0.025, 17, 85, 80),
        (2030, 80, 0.023, 18, 90, 90),
    )
}  # fmt: skip


def per_thousand(count: int, headcount: int | None) -> float | None:
    """Frequency per 1,000 workers (indicator 41 for fatal accidents): count × 1,000 ÷ headcount."""
    return None if not headcount else count * 1000 / headcount


def ltifr(lost_time_injuries: int, hours_worked: int | None) -> float | None:
    """Lost-time injury frequency rate: injuries × 1,000,000 ÷ hours worked."""
    return None if not hours_worked else lost_time_injuries * 1_000_000 / hours_worked


def share(part: int | None, whole: int | None) -> float | None:
    """``part`` as a percentage of ``whole`` (indicators 40, 43, 44)."""
    return None if part is None or not whole else part * 100 / whole


def reported_to_hidden(reported: int, hidden: int) -> float | None:
    """Indicator 42: injuries recorded per suspected hidden injury (a work-related first
    medical visit with no event); None while reconciliation has found none."""
    return None if not hidden else reported / hidden


@dataclass(frozen=True)
class Counts:
    """What the register knows for one period."""

    fatal: int = 0
    accidents: int = 0  # lost-time, serious and fatal
    injuries: int = 0  # events where someone was hurt or fell ill: first aid to fatal, disease
    events: int = 0  # every event recorded
    hidden: int = 0  # first medical visits with no event (reconciliation)
    average_headcount: int | None = None
    hours_worked: int | None = None
    insured_workers: int | None = None
    safety_officers: int | None = None
    officers_tested: int | None = None
    workplaces: int = 0
    workplaces_covered: int = 0
    workers: int = 0
    workers_covered: int = 0


def indicators(counts: Counts) -> dict[str, float | None]:
    """Every indicator of one period, by the keys the summary and the dashboard use."""
    return {
        "fatal_frequency": per_thousand(counts.fatal, counts.average_headcount),
        "accident_frequency": per_thousand(counts.accidents, counts.average_headcount),
        "ltifr": ltifr(counts.accidents, counts.hours_worked),
        "reported_to_hidden": reported_to_hidden(counts.injuries, counts.hidden),
        "insurance": share(counts.insured_workers, counts.average_headcount),
        "knowledge_test": share(counts.officers_tested, counts.safety_officers),
        "coverage": share(counts.workplaces_covered, counts.workplaces),
        "coverage_workers": share(counts.workers_covered, counts.workers),
    }
