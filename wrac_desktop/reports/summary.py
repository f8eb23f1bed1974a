"""The summary for the labour inspectorate: one flat record per legal entity.

No public data format exists for employer assessments, so this one is documented in
docs/summary-schema.md and written as XLSX, CSV and JSON from the same record.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from wrac_desktop.reports.data import ReportData

SCHEMA_VERSION = 1
FIELDS = (
    "schema_version", "bin", "legal_name", "region", "headcount", "workplaces_total",
    "workplaces_assessed", "workplaces_assessed_percent", "assessment_date", "document_number",
    "revision", "hazards", "priority_hazards", "initial_by_class", "residual_by_class",
    "measures_planned", "measures_in_progress", "measures_done", "measures_overdue",
    "fingerprint",
)  # fmt: skip


def summary_record(data: ReportData, today: date) -> dict[str, Any]:
    """The record of ``data`` (overdue counted on ``today``)."""
    total, headcount = data.organisation.workplaces, data.organisation.headcount
    assessed = len({row.workplace_uuid for row in data.rows})
    controls = [c for row in data.rows for c in row.additional]
    keys = [band.key for band in data.matrix.bands]
    return {
        "schema_version": SCHEMA_VERSION,
        "bin": data.organisation.bin,
        "legal_name": data.organisation.legal_name,
        "region": data.organisation.region,
        "headcount": headcount,
        "workplaces_total": total,
        "workplaces_assessed": assessed,
        "workplaces_assessed_percent": round(100 * assessed / total, 1) if total else 0.0,
        "assessment_date": _iso(data.assessment.assessed_on),
        "document_number": data.assessment.document_number,
        "revision": data.assessment.revision,
        "hazards": len(data.rows),
        "priority_hazards": sum(1 for row in data.rows if row.priority),
        "initial_by_class": _by_class(keys, (r.initial.band_key for r in data.rows)),
        "residual_by_class": _by_class(keys, (r.residual.band_key for r in data.rows)),
        "measures_planned": sum(1 for c in controls if c.status_key == "planned"),
        "measures_in_progress": sum(1 for c in controls if c.status_key == "in_progress"),
        "measures_done": sum(1 for c in controls if c.done),
        "measures_overdue": sum(
            1 for c in controls if not c.done and c.due_date is not None and c.due_date < today
        ),
        "fingerprint": data.fingerprint,
    }


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _by_class(keys: list[str], bands: Any) -> dict[str, int]:
    counted = Counter(band for band in bands if band is not None)
    return {key: counted.get(key, 0) for key in keys}


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """One level deep, for CSV and spreadsheet columns: initial_by_class.high → initial_high."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            prefix = key.replace("_by_class", "")
            out |= {f"{prefix}_{band}": count for band, count in value.items()}
        else:
            out[key] = value
    return out
