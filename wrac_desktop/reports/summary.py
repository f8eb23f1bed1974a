"""The summary for the labour inspectorate: one record per legal entity, with a breakdown per
workplace.

No public data format exists for employer assessments, so this one is documented in
docs/summary-schema.md and written as JSON, CSV, XLSX and a signed PDF cover letter from the
same record. A draft says so in every format: its status and the export date are fields.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import partial
from typing import Any, Literal, TypedDict

from wrac_desktop.i18n import NC_, Deferred, in_each, part, pick, translated_in
from wrac_desktop.reports.data import RegisterRow, ReportData, Risk
from wrac_desktop.vocabulary import AssessmentStatus

SCHEMA_VERSION = 3

# The roadmap's indicators in the record (issue 18 item 5), as services.events names them.
INDICATORS = (
    "fatal_frequency", "accident_frequency", "ltifr", "reported_to_hidden", "insurance",
    "knowledge_test", "coverage", "coverage_workers",
)  # fmt: skip

WorkplaceField = Literal[
    "workplace", "unit", "headcount", "hazards", "residual_not_tolerable", "workers_exposed"
]
WORKPLACE_FIELDS: tuple[WorkplaceField, ...] = (
    "workplace", "unit", "headcount", "hazards", "residual_not_tolerable", "workers_exposed",
)  # fmt: skip


class WorkplaceSummary(TypedDict):
    """One assessed workplace of the breakdown (docs/summary-schema.md, ``workplaces``)."""

    workplace: str
    unit: str  # "site › division"
    headcount: int
    hazards: int
    residual_not_tolerable: int  # hazards whose remaining risk is in a class not tolerable
    workers_exposed: int  # its headcount when any such hazard is left, else 0


class SummaryRecord(TypedDict):
    """The record of one legal entity, field by field as docs/summary-schema.md defines it and
    the JSON prints it: a misspelt or forgotten field is a type error, not a silent gap."""

    schema_version: int
    status: str  # AssessmentStatus value
    bin: str
    legal_name: str
    region: str
    kato: str
    oked: str
    address: str
    headcount: int
    workplaces_total: int
    workplaces_assessed: int
    workplaces_assessed_percent: float
    assessment_date: str  # ISO dates; "" when there is none
    approval_date: str
    next_review_date: str
    export_date: str
    document_number: str
    revision: int
    hazards: int
    priority_hazards: int
    initial_by_class: dict[str, int]  # band key → hazards
    residual_by_class: dict[str, int]
    workers_exposed_not_tolerable: int
    measures_planned: int
    measures_in_progress: int
    measures_done: int
    measures_overdue: int
    indicators_period: str  # "2026": the calendar year of export_date, up to that day
    indicators_from: str
    indicators_to: str
    indicators: dict[str, float | None]  # INDICATORS → value, None when a divisor is unknown
    fingerprint: str
    workplaces: list[WorkplaceSummary]


FIELDS = tuple(SummaryRecord.__annotations__)  # the record's keys, in the order printed

# The field names as a reader of the spreadsheet and the cover letter sees them.
LABELS: dict[str, Deferred] = {
    "schema_version": NC_("summary", "Format version"),
    "status": NC_("summary", "Status of the assessment"),
    "bin": NC_("summary", "BIN"),
    "legal_name": NC_("summary", "Organisation"),
    "region": NC_("summary", "Region"),
    "kato": NC_("summary", "Region code (KATO)"),
    "oked": NC_("summary", "Activity code (OKED)"),
    "address": NC_("summary", "Address"),
    "headcount": NC_("summary", "Headcount"),
    "workplaces_total": NC_("summary", "Workplaces"),
    "workplaces_assessed": NC_("summary", "Workplaces assessed"),
    "workplaces_assessed_percent": NC_("summary", "Workplaces assessed, %"),
    "assessment_date": NC_("summary", "Date of the assessment"),
    "approval_date": NC_("summary", "Date of approval"),
    "next_review_date": NC_("summary", "Next review"),
    "export_date": NC_("summary", "Date of this summary"),
    "document_number": NC_("summary", "Document No."),
    "revision": NC_("summary", "Revision"),
    "hazards": NC_("summary", "Hazards assessed"),
    "priority_hazards": NC_("summary", "Priority hazards (severity 4–5)"),
    "initial_by_class": NC_("summary", "Initial risk"),
    "residual_by_class": NC_("summary", "Residual risk"),
    "workers_exposed_not_tolerable": NC_(
        "summary", "Workers exposed to a residual risk that is not tolerable"
    ),
    "measures_planned": NC_("summary", "Measures planned"),
    "measures_in_progress": NC_("summary", "Measures in progress"),
    "measures_done": NC_("summary", "Measures done"),
    "measures_overdue": NC_("summary", "Measures overdue"),
    "indicators_period": NC_("summary", "Indicators: period"),
    "indicators_from": NC_("summary", "Indicators: from"),
    "indicators_to": NC_("summary", "Indicators: to"),
    "indicators_fatal_frequency": NC_("summary", "Fatal accidents per 1,000 workers (41)"),
    "indicators_accident_frequency": NC_("summary", "Accidents per 1,000 workers"),
    "indicators_ltifr": NC_("summary", "Lost-time injuries per 1,000,000 hours (LTIFR)"),
    "indicators_reported_to_hidden": NC_(
        "summary", "Injuries recorded per suspected hidden injury (42)"
    ),
    "indicators_insurance": NC_("summary", "Workers insured against accidents, % (43)"),
    "indicators_knowledge_test": NC_(
        "summary", "Labour-safety officers who passed the knowledge test, % (44)"
    ),
    "indicators_coverage": NC_(
        "summary", "Workplaces under an approved, in-date assessment, % (40)"
    ),
    "indicators_coverage_workers": NC_(
        "summary", "Workers under an approved, in-date assessment, % (40)"
    ),
    "fingerprint": NC_("summary", "Checksum (SHA-256)"),
    "workplace": NC_("summary", "Workplace"),
    "unit": NC_("summary", "Site › division"),
    "residual_not_tolerable": NC_("summary", "Hazards with a residual risk not tolerable"),
    "workers_exposed": NC_("summary", "Workers exposed"),
}


NO_DATA = NC_("summary", "no data")


def summary_label(key: str, lang: str) -> str:
    return translated_in(LABELS[key], lang)


def summary_record(data: ReportData, today: date) -> SummaryRecord:
    """The record of ``data``; ``today`` is the export date, on which overdue is counted.
    The rows are read once, counted as they come (a streamed report's rows are read from the
    register each time they are iterated)."""
    org, a = data.organisation, data.assessment
    counted = _Counts(data, today)
    for row in data.rows:
        counted.add(row)
    keys = [band.key for band in data.matrix.bands]
    workplaces = list(counted.workplaces.values())
    assessed = len(workplaces)
    measures = counted.measures
    return {
        "schema_version": SCHEMA_VERSION,
        "status": a.status,
        "bin": org.bin,
        "legal_name": org.legal_name,
        "region": org.region,
        "kato": org.kato,
        "oked": org.oked,
        "address": org.address,
        "headcount": org.headcount,
        "workplaces_total": org.workplaces,
        "workplaces_assessed": assessed,
        "workplaces_assessed_percent": round(100 * assessed / org.workplaces, 1)
        if org.workplaces
        else 0.0,
        "assessment_date": _iso(a.assessed_on),
        "approval_date": _iso(a.approved_on),
        "next_review_date": _iso(a.next_review_on),
        "export_date": today.isoformat(),
        "document_number": a.document_number,
        "revision": a.revision,
        "hazards": counted.hazards,
        "priority_hazards": counted.priority,
        "initial_by_class": _by_class(keys, counted.initial),
        "residual_by_class": _by_class(keys, counted.residual),
        "workers_exposed_not_tolerable": sum(w["workers_exposed"] for w in workplaces),
        "measures_planned": measures["planned"],
        "measures_in_progress": measures["in_progress"],
        "measures_done": measures["done"] + measures["verified"],
        "measures_overdue": counted.overdue,
        **_indicator_fields(data.indicators, today),
        "fingerprint": data.fingerprint,
        "workplaces": workplaces,
    }


class _Counts:
    """What the summary counts, added up a row at a time."""

    def __init__(self, data: ReportData, today: date) -> None:
        self.data, self.today = data, today
        self.hazards = self.priority = self.overdue = 0
        self.initial: Counter[str] = Counter()
        self.residual: Counter[str] = Counter()
        self.measures: Counter[str] = Counter()  # by status
        self.workplaces: dict[str, WorkplaceSummary] = {}  # by UUID, in the rows' order

    def add(self, row: RegisterRow) -> None:
        data = self.data
        self.hazards += 1
        self.priority += _is_priority(data, row)
        if row.initial.band_key is not None:
            self.initial[row.initial.band_key] += 1
        if (remaining := _remaining(row).band_key) is not None:
            self.residual[remaining] += 1
        for control in row.additional:
            self.measures[control.status_key] += 1
            self.overdue += control.overdue_on(self.today)
        _add_to_workplace(self.workplaces, data, row)


def _add_to_workplace(
    workplaces: dict[str, WorkplaceSummary], data: ReportData, row: RegisterRow
) -> None:
    """Count ``row`` in its workplace's line (the first of its rows names it)."""
    line = workplaces.get(row.workplace_uuid)
    if line is None:
        line = workplaces[row.workplace_uuid] = {
            "workplace": row.workplace,
            "unit": row.unit_path,
            "headcount": row.headcount,
            "hazards": 0,
            "residual_not_tolerable": 0,
            "workers_exposed": 0,
        }  # fmt: skip
    line["hazards"] += 1
    if _not_tolerable(data, row):
        line["residual_not_tolerable"] += 1
        line["workers_exposed"] = line["headcount"]


class _IndicatorFields(TypedDict):
    indicators_period: str
    indicators_from: str
    indicators_to: str
    indicators: dict[str, float | None]


def _indicator_fields(found: dict[str, Any] | None, today: date) -> _IndicatorFields:
    """The indicators block: the period, and each value rounded to three decimals (no data:
    None, never a made-up 0). Without ``found`` the period is the export's year, unknown."""
    values = (found or {}).get("indicators", {})
    return {
        "indicators_period": (found or {}).get("period", str(today.year)),
        "indicators_from": (found or {}).get("from", date(today.year, 1, 1).isoformat()),
        "indicators_to": (found or {}).get("to", today.isoformat()),
        "indicators": {
            name: None if values.get(name) is None else round(values[name], 3)
            for name in INDICATORS
        },
    }


def _is_priority(data: ReportData, row: RegisterRow) -> bool:
    """A priority unwanted event as WRAC defines it: its consequence at the top of the scale
    (4–5 on the 5-level scales), whatever the officer's own flag says."""
    severity = row.initial.severity
    return severity is not None and data.matrix.is_priority(severity)


def _remaining(row: RegisterRow) -> Risk:
    """The risk left after the additional controls: the residual rating, else the initial."""
    return row.residual if row.residual.band_key is not None else row.initial


def _not_tolerable(data: ReportData, row: RegisterRow) -> bool:
    key = _remaining(row).band_key
    return any(band.key == key and not band.tolerable for band in data.matrix.bands)


def summary_rows(data: ReportData, record: SummaryRecord) -> list[tuple[str, str, Any]]:
    """(field, label, value) for each flat field of the record, in the report's language."""
    lang, names = data.lang, {band.key: pick(band.name, data.lang) for band in data.matrix.bands}
    rows = []
    for key, value in flat(record).items():
        stage, _, band = key.partition("_")
        if stage in ("initial", "residual") and band in names:
            shown = in_each(lang, partial(_class_label, stage, names[band]))
        else:
            shown = summary_label(key, lang)
        rows.append((key, shown, _shown_value(key, value, lang)))
    return rows


def _class_label(stage: str, band_name: str, lang: str, half: int) -> str:
    return f"{summary_label(f'{stage}_by_class', lang)}: {part(band_name, half)}"


def _shown_value(key: str, value: Any, lang: str) -> Any:
    if key == "status":
        return AssessmentStatus(value).label(lang)
    if (key.endswith("_date") or key in ("indicators_from", "indicators_to")) and value:
        return date.fromisoformat(value)
    if key.startswith("indicators_") and value is None:
        return translated_in(NO_DATA, lang)
    return value


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _by_class(keys: list[str], counted: Counter[str]) -> dict[str, int]:
    return {key: counted.get(key, 0) for key in keys}


def flat(record: SummaryRecord) -> dict[str, Any]:
    """One level deep, for CSV and spreadsheet columns: initial_by_class.high → initial_high.
    The per-workplace breakdown is a list; it has its own sheet and stays out of the CSV."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            prefix = key.replace("_by_class", "")
            out |= {f"{prefix}_{band}": count for band, count in value.items()}
        elif not isinstance(value, list):
            out[key] = value
    return out
