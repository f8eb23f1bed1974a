"""A fingerprint of an assessment's content: SHA-256 over a canonical serialisation.

Canonical means the same bytes on SQLite and PostgreSQL, on any machine and in any later
version: records keyed and ordered by UUID, only content fields (no row ids, no timestamps,
not the status, which changes when a revision is superseded), numbers written one way (21 and
21.0 are both "21"), text NFC-normalised, and JSON with sorted keys and no spaces. The form
is documented, field by field, in docs/fingerprint.md; a golden test pins it.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.persistence import report_queries
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.persistence.report_queries import HAZARD_FIELDS, MEASURE_FIELDS

FORMAT = "wrac-fingerprint-2"
_nfc = unicodedata.normalize
ASSESSMENT_FIELDS = (
    "title", "scope", "assessed_on", "document_number", "revision", "approved_by",
    "approver_position", "approved_on", "next_review_on",
)  # fmt: skip


def canonical_value(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): canonical_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical_value(item) for item in value]
    return str(value)


def _first(pair: tuple[str, Any]) -> str:
    return pair[0]


def _record(row: dict[str, Any], fields: tuple[str, ...], uuid: str) -> dict[str, Any]:
    record: dict[str, Any] = {"uuid": uuid}
    for name in fields:
        value = row[name]
        # Text and empty fields are most of a register: handled here without a call.
        if value is None:
            record[name] = None
        elif type(value) is str:
            record[name] = _nfc("NFC", value)
        else:
            record[name] = canonical_value(value)
    return record


def canonical_content(
    session: Session,
    assessment: Assessment,
    hazards: list[dict[str, Any]] | None = None,
    workplaces: dict[int, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything the fingerprint covers, as plain, ordered data."""
    hazards = report_queries.hazard_rows(session, assessment.id) if hazards is None else hazards
    workplaces = report_queries.workplaces(session) if workplaces is None else workplaces
    records = []
    for uuid, hazard in sorted(((str(h["uuid"]), h) for h in hazards), key=_first):
        workplace = workplaces[hazard["workplace_id"]]
        measures = sorted(((str(m["uuid"]), m) for m in hazard["measures"]), key=_first)
        record = _record(hazard, HAZARD_FIELDS, uuid)
        record["workplace"] = str(workplace["uuid"])
        record["workplace_name"] = canonical_value(workplace["name"])
        record["measures"] = [_record(m, MEASURE_FIELDS, key) for key, m in measures]
        records.append(record)
    team = [
        {
            "uuid": str(m.uuid),
            "name": canonical_value(m.name),
            "position": canonical_value(m.position),
            "role": m.role,
        }
        for m in sorted(assessment.team, key=lambda m: str(m.uuid))
    ]
    fields = {name: canonical_value(getattr(assessment, name)) for name in ASSESSMENT_FIELDS}
    return {
        "format": FORMAT,
        "assessment": fields | {"uuid": str(assessment.uuid)},
        "matrix": canonical_value(assessment.matrix.definition),
        "team": team,
        "hazards": records,
    }


def canonical_bytes(content: dict[str, Any]) -> bytes:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def fingerprint(
    session: Session,
    assessment: Assessment,
    hazards: list[dict[str, Any]] | None = None,
    workplaces: dict[int, dict[str, Any]] | None = None,
) -> str:
    """The SHA-256 of the assessment's canonical content, as 64 hex digits."""
    content = canonical_content(session, assessment, hazards, workplaces)
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


def short(fingerprint_hex: str) -> str:
    """The form printed in page footers: the first 16 hex digits in groups of four."""
    return " ".join(fingerprint_hex[i : i + 4] for i in range(0, 16, 4))
