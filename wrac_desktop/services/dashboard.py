"""The dashboard's figures (issue 18 item 6), read from the register for ``reports.dashboard``.

The risk profile and plan progress are the inspectorate summary's own counts (one definition
of "overdue", of "not tolerable"); events per month and the indicators come from the event
log and the yearly figures (``services.events``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import NC_, Deferred, pick, translated_in
from wrac_desktop.persistence import event_queries as q
from wrac_desktop.reports import dashboard_data as page
from wrac_desktop.reports.data import RegisterRow, ReportData, Risk
from wrac_desktop.reports.summary import summary_record
from wrac_desktop.services import events
from wrac_desktop.services.report_data import build_report_data
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import EventKind

TOP = 10
INDICATOR_LABELS: dict[str, Deferred] = {
    "fatal_frequency": NC_("dashboard", "Fatal accidents per 1,000 workers (41)"),
    "accident_frequency": NC_("dashboard", "Accidents per 1,000 workers"),
    "ltifr": NC_("dashboard", "Lost-time injuries per 1,000,000 hours (LTIFR)"),
    "reported_to_hidden": NC_("dashboard", "Ratio of recorded to hidden injuries (42)"),
    "insurance": NC_("dashboard", "Workers insured against accidents, % (43)"),
    "knowledge_test": NC_("dashboard", "Officers who passed the knowledge test, % (44)"),
    "coverage": NC_("dashboard", "Workplaces under an approved, in-date assessment, % (40)"),
    "coverage_workers": NC_("dashboard", "Workers under an approved, in-date assessment, % (40)"),
}
LOWER_IS_BETTER = frozenset({"fatal_frequency", "accident_frequency", "ltifr"})


def dashboard(session: Session, lang: str, today: date | None = None) -> page.Dashboard:
    today = today or date.today()
    data = build_report_data(session, lang, with_fingerprint=False)
    record = summary_record(data, today)
    bands = tuple(
        page.BandCount(
            band.key, pick(band.name, lang), band.colour,
            record["initial_by_class"].get(band.key, 0),
            record["residual_by_class"].get(band.key, 0),
        )
        for band in data.matrix.bands
    )  # fmt: skip
    plan = {
        "planned": record["measures_planned"],
        "in_progress": record["measures_in_progress"],
        "done": record["measures_done"],
        "overdue": record["measures_overdue"],
    }
    months = last_months(today)
    indicators = events.period_indicators(session, events.period(today.year), today)
    return page.Dashboard(
        lang=lang,
        organisation=data.organisation.legal_name,
        as_of=today,
        year=today.year,
        bands=bands,
        plan=plan,
        months=months,
        kinds=tuple((kind.value, kind.label(lang)) for kind in EventKind),
        events=events_per_month(session, months),
        indicators=tuple(
            page.Indicator(
                key,
                translated_in(label, lang),
                indicators["indicators"].get(key),
                indicators["targets"].get(key),
                key in LOWER_IS_BETTER,
            )
            for key, label in INDICATOR_LABELS.items()
        ),  # fmt: skip
        top=top_workplaces(data),
    )


def dashboard_pdf(session: Session, lang: str, page_size: str = "A4",
                  today: date | None = None) -> bytes:  # fmt: skip
    from wrac_desktop.reports.dashboard import dashboard_pdf  # ReportLab, when a page is drawn

    return dashboard_pdf(dashboard(session, lang, today), page_size)


def last_months(today: date, count: int = 12) -> tuple[str, ...]:
    """ "YYYY-MM" of the ``count`` months up to and including ``today``'s, oldest first."""
    index = today.year * 12 + today.month - 1
    return tuple(f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1))


def events_per_month(session: Session, months: tuple[str, ...]) -> dict[str, dict[str, int]]:
    first = date.fromisoformat(f"{months[0]}-01")
    year, month = map(int, months[-1].split("-"))
    end = date(year + month // 12, month % 12 + 1, 1)
    counted: dict[str, dict[str, int]] = defaultdict(dict)
    for event in q.events_between(
        session, datetime.combine(first, time()), datetime.combine(end, time())
    ):
        per_kind = counted[event.occurred_at.strftime("%Y-%m")]
        per_kind[event.kind] = per_kind.get(event.kind, 0) + 1
    return dict(counted)


def top_workplaces(data: ReportData) -> tuple[page.WorkplaceRisk, ...]:
    """The workplaces with the most hazards left not tolerable, then the highest residual
    score, then the most hazards; ``TOP`` of them. Counted as the rows stream, a workplace's
    few figures at a time: its rows held until the end were 100,000 of them (issue 22)."""
    tolerable = {band.key: band.tolerable for band in data.matrix.bands}
    counted: dict[str, _Workplace] = {}  # by UUID, in the rows' order
    for row in data.rows:
        left = _remaining(row)
        held = counted.get(row.workplace_uuid)
        if held is None:
            held = counted[row.workplace_uuid] = _Workplace(row.workplace, row.unit_path, left)
        elif (left.score or 0) > (held.worst.score or 0):  # the first of the highest
            held.worst = left
        held.hazards += 1
        held.high += not tolerable.get(left.band_key or "", True)
    ranked = sorted(
        counted.values(),
        key=lambda w: (-w.high, -(w.worst.score or 0), -w.hazards, w.workplace),
    )
    return tuple(
        page.WorkplaceRisk(
            w.workplace,
            w.unit_path,
            w.high,
            w.hazards,
            w.worst.band_name,
            w.worst.colour or "#FFFFFF",
        )  # fmt: skip
        for w in ranked[:TOP]
    )


@dataclass
class _Workplace:
    """What the dashboard ranks a workplace by, counted from its rows."""

    workplace: str
    unit_path: str
    worst: Risk  # the highest remaining risk of its hazards
    hazards: int = 0
    high: int = 0  # hazards left not tolerable


def _remaining(row: RegisterRow) -> Risk:
    return row.residual if row.residual.band_key is not None else row.initial


def dashboard_page(work: Work, lang: str, width: float, today: date | None = None) -> bytes | None:
    """The window's Dashboard tab: its page ``width`` points wide (``reports.dashboard.
    screen_pdf``), or None when the register holds no assessment yet (nothing to chart)."""
    from wrac_desktop.reports.dashboard import screen_pdf  # ReportLab, when a page is drawn

    session = session_of(work)
    if not q.organisation_names(session):
        return None
    try:
        return screen_pdf(dashboard(session, lang, today), width)
    except UserError:  # no assessment to report on
        return None
