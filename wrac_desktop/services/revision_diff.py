"""What changed between two revisions: hazards, ratings, measures and team added, removed, changed.

Both sides are compared in their canonical form (``reports.fingerprint``), so the diff sees
exactly what the fingerprint covers. Records are matched by lineage (the same hazard in every
revision shares it) — or by UUID when one revision is compared with its own approved copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import Assessment, ControlMeasure, Hazard, TeamMember
from wrac_desktop.reports.fingerprint import canonical_content
from wrac_desktop.services.field_titles import field_title, field_value, record_title

_IDENTITY = frozenset({"uuid", "measures", "workplace"})


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed, changed
    what: str  # assessment, team, hazard, measure
    label: str  # the hazard's or measure's description, the member's name
    field: str = ""
    old: Any = None
    new: Any = None

    def text(self) -> str:
        if self.kind == "changed":
            return _("{what} “{label}”: {field} {old} → {new}").format(
                what=record_title(self.what), label=self.label, field=field_title(self.field),
                old=_shown(self.field, self.old), new=_shown(self.field, self.new),
            )  # fmt: skip
        if self.kind == "added":
            return _("{what} “{label}” added").format(
                what=record_title(self.what), label=self.label
            )
        return _("{what} “{label}” removed").format(what=record_title(self.what), label=self.label)


def _shown(field: str, value: Any) -> str:
    return field_value(field, value) or "—"


def diff_revisions(session: Session, old: Assessment, new: Assessment) -> list[Change]:
    """Every change from revision ``old`` to revision ``new``."""
    keys = _lineage_keys(session, (old.id, new.id))
    return content_changes(canonical_content(session, old), canonical_content(session, new), keys)


def _lineage_keys(session: Session, assessment_ids: tuple[int, ...]) -> dict[str, str]:
    """uuid → lineage (as text) for every hazard, measure and team member of the revisions."""
    queries = (
        select(Hazard.uuid, Hazard.lineage).where(Hazard.assessment_id.in_(assessment_ids)),
        select(ControlMeasure.uuid, ControlMeasure.lineage)
        .join(Hazard)
        .where(Hazard.assessment_id.in_(assessment_ids)),
        select(TeamMember.uuid, TeamMember.lineage).where(
            TeamMember.assessment_id.in_(assessment_ids)
        ),
    )
    keys: dict[str, str] = {}
    for query in queries:
        for uuid, lineage in session.execute(query):
            keys[str(uuid)] = str(lineage or uuid)
    return keys


def content_changes(
    old: dict[str, Any], new: dict[str, Any], keys: dict[str, str] | None = None
) -> list[Change]:
    """The changes between two canonical contents; records matched through ``keys``."""
    keys = keys or {}
    changes = list(
        _field_changes(
            "assessment",
            _title(old["assessment"], new["assessment"]),
            old["assessment"],
            new["assessment"],
        )  # fmt: skip
    )
    changes += _records("team", old["team"], new["team"], keys, "name")
    changes += _records("hazard", old["hazards"], new["hazards"], keys, "description")
    if old.get("matrix") != new.get("matrix"):
        changes.append(Change("changed", "matrix", record_title("matrix"), "definition"))
    return changes


def _title(old: dict[str, Any], new: dict[str, Any]) -> str:
    return str(new.get("title") or old.get("title") or record_title("assessment"))


def _records(
    what: str, old: list[dict[str, Any]], new: list[dict[str, Any]], keys: dict[str, str],
    label_field: str,
) -> list[Change]:  # fmt: skip
    def key(record: dict[str, Any]) -> str:
        return keys.get(record["uuid"], record["uuid"])

    before = {key(r): r for r in old}
    after = {key(r): r for r in new}
    changes = []
    for k, record in after.items():
        if k not in before:
            changes.append(Change("added", what, record[label_field] or ""))
        else:
            changes += _record_changes(what, before[k], record, keys, label_field)
    changes += [
        Change("removed", what, r[label_field] or "") for k, r in before.items() if k not in after
    ]
    return changes


def _record_changes(
    what: str, old: dict[str, Any], new: dict[str, Any], keys: dict[str, str], label_field: str
) -> Iterator[Change]:
    label = new[label_field] or ""
    yield from _field_changes(what, label, old, new)
    if what == "hazard":
        for change in _records("measure", old["measures"], new["measures"], keys, "description"):
            yield Change(change.kind, change.what, f"{label} / {change.label}", change.field,
                         change.old, change.new)  # fmt: skip


def _field_changes(
    what: str, label: str, old: dict[str, Any], new: dict[str, Any]
) -> Iterator[Change]:
    for field in sorted(set(old) | set(new)):
        if field in _IDENTITY:
            continue
        if old.get(field) != new.get(field):
            yield Change("changed", what, label, field, old.get(field), new.get(field))
