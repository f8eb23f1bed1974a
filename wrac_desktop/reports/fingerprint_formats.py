"""The fingerprint's format versions: what each covers, field by field (docs/fingerprint.md).

A format, once released, never changes: approvals made with it must keep verifying. What a
report prints grows (per-language texts, new organisation fields), so a change to what is
covered is a new ``Format`` appended to ``FORMATS``; new approvals use the last one, and an
approval is always checked under the format its stored JSON names.

A format says how a hazard record is written (its fields, and extra keys computed from its
workplace) and what the rest of the document holds (``head``): everything except the
``hazards`` list, which is streamed a record at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from wrac_desktop.domain.records import (
    HAZARD_FIELDS,
    MEASURE_FIELDS,
    MeasureRecord,
    RevisionContent,
    TeamRecord,
    UnitRecord,
    WorkplaceRecord,
)
from wrac_desktop.reports.canonical import Template, canonical_record, canonical_value

ASSESSMENT_FIELDS = (
    "title", "scope", "assessed_on", "document_number", "revision", "approved_by",
    "approver_position", "approved_on", "next_review_on",
)  # fmt: skip
# Every organisation field a report prints (added before the first release of
# wrac-fingerprint-3; after it, only a new format may add one).
ORGANISATION_FIELDS = (
    "legal_name", "bin", "region", "address", "industry", "oked", "kato", "commission_order",
    "commission_order_on",
)  # fmt: skip
UNIT_FIELDS = ("name", "kind", "sort_order")
WORKPLACE_FIELDS = (
    "name", "headcount", "job_titles", "shift_pattern", "location_notes", "sort_order",
)  # fmt: skip

Places = dict[int, WorkplaceRecord]
Units = dict[int, UnitRecord]
HeadBuilder = Callable[[RevisionContent], dict[str, Any]]
HazardExtras = Callable[[WorkplaceRecord | None], dict[str, Any]]


@dataclass(frozen=True)
class Format:
    """One version of the canonical form."""

    name: str
    hazard_fields: tuple[str, ...]
    measure_fields: tuple[str, ...]
    extra_keys: tuple[str, ...]  # a hazard's keys taken from its workplace, not its row
    hazard_extras: HazardExtras  # the workplace row (None if missing) → those keys' values
    head: HeadBuilder
    hazard_template: Template = field(init=False)
    measure_template: Template = field(init=False)

    def __post_init__(self) -> None:
        extras = ("measures", "uuid", *self.extra_keys)
        object.__setattr__(self, "hazard_template", Template(self.hazard_fields, extras))
        object.__setattr__(self, "measure_template", Template(self.measure_fields, ("uuid",)))

    def measure_record(self, measure: MeasureRecord, uuid: str) -> dict[str, Any]:
        return canonical_record(measure, self.measure_fields, uuid)


def _assessment(content: RevisionContent) -> dict[str, Any]:
    assessment = content.assessment
    fields = {name: canonical_value(getattr(assessment, name)) for name in ASSESSMENT_FIELDS}
    return fields | {"uuid": assessment.uuid}


def _team(team: Iterable[TeamRecord], extra: tuple[str, ...]) -> list[dict[str, Any]]:
    members = sorted(team, key=lambda m: m.uuid)
    return [
        {"uuid": m.uuid, "name": canonical_value(m.name),
         "position": canonical_value(m.position), "role": m.role}
        | {name: canonical_value(getattr(m, name)) for name in extra}
        for m in members
    ]  # fmt: skip


# --- wrac-fingerprint-2: the revision's own records -------------------------------------------
def _v2_head(content: RevisionContent) -> dict[str, Any]:
    return {
        "format": V2.name,
        "assessment": _assessment(content),
        "matrix": canonical_value(content.assessment.matrix_definition),
        "team": _team(content.team, ()),
    }


def _v2_extras(workplace: WorkplaceRecord | None) -> dict[str, Any]:
    if workplace is None:
        return {"workplace": None, "workplace_name": None}
    return {"workplace": workplace.uuid, "workplace_name": workplace.name}


V2 = Format(
    name="wrac-fingerprint-2",
    hazard_fields=HAZARD_FIELDS,
    measure_fields=MEASURE_FIELDS,
    extra_keys=("workplace", "workplace_name"),
    hazard_extras=_v2_extras,
    head=_v2_head,
)


# --- wrac-fingerprint-3: everything a report prints for the revision --------------------------
def _v3_head(content: RevisionContent) -> dict[str, Any]:
    workplaces, units, assessment = content.workplaces, content.units, content.assessment
    used = {w for w in content.workplace_ids() if w in workplaces}
    return {
        "format": V3.name,
        "assessment": _assessment(content),
        "matrix": {
            "name": canonical_value(assessment.matrix_name),
            "definition": canonical_value(assessment.matrix_definition),
        },
        "team": _team(content.team, ("sort_order",)),
        "organisation": _organisation(content),
        "units": _units(units, {workplaces[w].unit_id for w in used}),
        "workplaces": _workplaces(workplaces, used, units),
    }


def _organisation(content: RevisionContent) -> dict[str, Any] | None:
    if content.organisation is None:
        return None
    return canonical_record(content.organisation, ORGANISATION_FIELDS, content.organisation.uuid)


def _units(units: Units, leaves: set[int]) -> list[dict[str, Any]]:
    """The units the revision's workplaces sit in and every unit above them, by uuid."""
    chosen: set[int] = set()
    for unit_id in leaves:
        current: int | None = unit_id
        while current is not None and current in units and current not in chosen:
            chosen.add(current)
            current = units[current].parent_id
    records = []
    for unit_id in chosen:
        unit = units[unit_id]
        parent = units.get(unit.parent_id) if unit.parent_id is not None else None
        record = canonical_record(unit, UNIT_FIELDS, unit.uuid)
        record["parent"] = None if parent is None else parent.uuid
        records.append(record)
    return sorted(records, key=lambda r: r["uuid"])


def _workplaces(workplaces: Places, used: set[int], units: Units) -> list[dict[str, Any]]:
    records = []
    for workplace_id in used:
        workplace = workplaces[workplace_id]
        record = canonical_record(workplace, WORKPLACE_FIELDS, workplace.uuid)
        unit = units.get(workplace.unit_id)
        record["unit"] = None if unit is None else unit.uuid
        records.append(record)
    return sorted(records, key=lambda r: r["uuid"])


def _v3_extras(workplace: WorkplaceRecord | None) -> dict[str, Any]:
    return {"workplace": None if workplace is None else workplace.uuid}


V3 = Format(
    name="wrac-fingerprint-3",
    hazard_fields=(*HAZARD_FIELDS, "sort_order"),
    measure_fields=(*MEASURE_FIELDS, "sort_order"),
    extra_keys=("workplace",),
    hazard_extras=_v3_extras,
    head=_v3_head,
)


# --- wrac-fingerprint-4: every language -------------------------------------------------------
TRANSLATION_FIELDS = ("source", "lang", "kk", "ru", "en")


def _v4_head(content: RevisionContent) -> dict[str, Any]:
    head = _v3_head(content)
    head["translations"] = [
        canonical_record(row, TRANSLATION_FIELDS, row.uuid)
        for row in sorted(content.translations, key=lambda r: r.uuid)
    ]
    return head | {"format": V4.name}


V4 = Format(
    name="wrac-fingerprint-4",
    hazard_fields=V3.hazard_fields,
    measure_fields=V3.measure_fields,
    extra_keys=V3.extra_keys,
    hazard_extras=_v3_extras,
    head=_v4_head,
)


# --- wrac-fingerprint-5: the name of each measure's responsible person ------------------------
def _v5_head(content: RevisionContent) -> dict[str, Any]:
    return _v4_head(content) | {"format": V5.name}


V5 = Format(
    name="wrac-fingerprint-5",
    hazard_fields=V4.hazard_fields,
    measure_fields=(*V4.measure_fields, "responsible_name"),
    extra_keys=V4.extra_keys,
    hazard_extras=_v3_extras,
    head=_v5_head,
)

FORMATS = {f.name: f for f in (V2, V3, V4, V5)}
CURRENT = V5  # what new approvals are made with
# The parts of a v3 document that revisions share (the data model keeps one organisation
# tree for all revisions): a later revision may change them through the app.
SHARED_SECTIONS = ("organisation", "units", "workplaces")
