"""What changed between two revisions: hazards, ratings, measures and team added, removed, changed.

Both sides are compared in their canonical form (``reports.fingerprint``), so the diff sees
exactly what the fingerprint covers. Records are matched by lineage (the same hazard in every
revision shares it) — or by UUID when one revision is compared with its own approved copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.reports.fingerprint import FORMAT
from wrac_desktop.services.field_titles import field_title, field_value, record_title
from wrac_desktop.services.fingerprints import canonical_content

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
                what=record_title(self.what), label=self.label,
                field=field_title(self.field, self.what),
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
    keys = record_queries.lineage_keys(session, (old.id, new.id))
    # Both read live, in the same (current) format, so only content differences show.
    before = canonical_content(session, old, version=FORMAT)
    return content_changes(before, canonical_content(session, new, version=FORMAT), keys)


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
    changes += _matrix_changes(old.get("matrix"), new.get("matrix"))
    return changes + _place_changes(old, new, keys) + _translation_changes(old, new)


def _translation_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """A text's translations (format 4 on), matched by the text: each revision has its own."""
    before, after = ({r["source"]: r for r in side.get("translations", [])} for side in (old, new))
    changes: list[Change] = []
    for source in sorted(set(before) | set(after)):
        empty = {"uuid": "", "source": source}
        changes += _field_changes(
            "translation", source, before.get(source, empty), after.get(source, empty)
        )
    return [change for change in changes if change.field != "source"]


def _matrix_changes(old: Any, new: Any) -> list[Change]:
    if old == new:
        return []
    label = record_title("matrix")
    if isinstance(old, dict) and isinstance(new, dict) and "name" in old and "name" in new:
        label = str(new["name"] or old["name"] or label)
        if old["name"] != new["name"]:
            return [Change("changed", "matrix", label, "name", old["name"], new["name"])]
    return [Change("changed", "matrix", label, "definition")]


def _place_changes(old: dict[str, Any], new: dict[str, Any], keys: dict[str, str]) -> list[Change]:
    """The organisation, units and workplaces (format 3 on): what a report prints of them."""
    changes: list[Change] = []
    if "organisation" in old or "organisation" in new:
        before, after = old.get("organisation") or {}, new.get("organisation") or {}
        label = str(after.get("legal_name") or before.get("legal_name") or "")
        changes += _field_changes("organisation", label, before, after)
    names = {u["uuid"]: u["name"] for u in [*old.get("units", []), *new.get("units", [])]}
    for section, what in (("units", "org_unit"), ("workplaces", "workplace")):
        before, after = (_named(side.get(section, []), names) for side in (old, new))
        changes += _records(what, before, after, keys, "name")
    return changes


def _named(records: list[dict[str, Any]], names: dict[str, Any]) -> list[dict[str, Any]]:
    """Records with the unit they sit in (``parent``, ``unit``) shown by name, not UUID."""
    return [
        record
        | {key: names.get(record[key], record[key]) for key in ("parent", "unit") if key in record}
        for record in records
    ]


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
