"""What changed between two revisions: hazards, ratings, measures and team added, removed, changed.

Both sides are compared in their canonical form (``reports.fingerprint``), so the diff sees
exactly what the fingerprint covers. Records are matched by lineage (the same hazard in every
revision shares it) — or by UUID when one revision is compared with its own approved copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from wrac_desktop.domain.field_titles import field_title, field_value, record_title
from wrac_desktop.domain.records import HazardRecord, OutOfOrder, RevisionContent
from wrac_desktop.i18n import _
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.persistence.report_queries import hazards_by_lineage, revision_content
from wrac_desktop.reports.fingerprint import FORMAT, canonical_hazard, canonical_head

_UUID = attrgetter("uuid")
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
    """Every change from revision ``old`` to revision ``new``: both read live in the same
    (current) format, so only content differences show. Their hazards are paired by
    lineage from two ordered cursors a chunk at a time, never both whole: at 100,000
    hazards the two canonical trees took 1.6 GB (issue 22)."""
    first = revision_content(session, old.id)
    second = revision_content(session, new.id, None, first.workplaces)  # the same table
    keys = record_queries.team_lineage_keys(session, (old.id, new.id))
    sides = ((first, old.id), (second, new.id))
    try:
        hazards = _hazard_changes(*(_checked(_read(session, *side)) for side in sides))
    except OutOfOrder:  # the database's order is not the lineages' as text: sort in memory
        hazards = _hazard_changes(*(sorted(_read(session, *side), key=_place) for side in sides))
    before, after = canonical_head(first, FORMAT), canonical_head(second, FORMAT)
    return _changes_around(before, after, keys, hazards)


def content_changes(
    old: dict[str, Any], new: dict[str, Any], keys: dict[str, str] | None = None
) -> list[Change]:
    """The changes between two canonical contents; records matched through ``keys``."""
    keys = keys or {}
    hazards = _records("hazard", old["hazards"], new["hazards"], keys, "description")
    return _changes_around(old, new, keys, hazards)


def _changes_around(
    old: dict[str, Any], new: dict[str, Any], keys: dict[str, str], hazards: list[Change]
) -> list[Change]:
    """``hazards``' changes with everything else that changed, in the order a diff lists."""
    changes = list(
        _field_changes(
            "assessment",
            _title(old["assessment"], new["assessment"]),
            old["assessment"],
            new["assessment"],
        )  # fmt: skip
    )
    changes += _records("team", old["team"], new["team"], keys, "name")
    changes += hazards
    changes += _matrix_changes(old.get("matrix"), new.get("matrix"))
    return changes + _place_changes(old, new, keys) + _translation_changes(old, new)


# hazards paired by lineage, streamed --------------------------------------------------------
class _Hazard(NamedTuple):
    """A hazard as the diff reads it: its lineage, its UUID, the hazard, its measures'
    lineages (to pair them up too) and the revision's content it belongs to."""

    lineage: str
    uuid: str
    hazard: HazardRecord
    measure_keys: dict[str, str]
    content: RevisionContent

    @property
    def record(self) -> dict[str, Any]:
        """Its canonical record, made only when it is compared or named."""
        return canonical_hazard(self.content, self.hazard, FORMAT)

    def as_stored(self) -> tuple[Any, ...]:
        """What its canonical record is made of, but what differs in every revision (ids,
        UUIDs): equal for two hazards, their canonical records are equal too."""
        measures = {
            self.measure_keys[m.uuid]: m[2:] for m in sorted(self.hazard.measures, key=_UUID)
        }
        return self.hazard[2:-1], measures


def _place(hazard: _Hazard) -> tuple[str, str]:
    return hazard.lineage, hazard.uuid


def _read(session: Session, content: RevisionContent, assessment_id: int) -> Iterator[_Hazard]:
    """The revision's hazards in the database's (lineage, UUID) order."""
    for lineage, hazard, measure_keys in hazards_by_lineage(session, assessment_id):
        yield _Hazard(lineage, hazard.uuid, hazard, measure_keys, content)


def _checked(hazards: Iterator[_Hazard]) -> Iterator[_Hazard]:
    """``hazards`` as they come, or OutOfOrder if they do not come in (lineage, UUID) order
    as text."""
    previous = ("", "")
    for hazard in hazards:
        if _place(hazard) <= previous:
            raise OutOfOrder(hazard.uuid)
        previous = _place(hazard)
        yield hazard


def _hazard_changes(old: Iterable[_Hazard], new: Iterable[_Hazard]) -> list[Change]:
    """As ``_records`` lists them for whole lists: each hazard's changes at its first UUID's
    place in ``new`` (added or changed), then the removed at their place in ``old``. Only
    hazards that changed are held, never all of either side."""
    placed: list[tuple[str, list[Change]]] = []
    removed: list[tuple[str, Change]] = []
    for before, after in _paired(_by_lineage(old), _by_lineage(new)):
        if before is None:
            assert after is not None
            placed.append((after[0], [Change("added", "hazard", _label(after[1]))]))
        elif after is None:
            removed.append((before[0], Change("removed", "hazard", _label(before[1]))))
        elif before[1].as_stored() != after[1].as_stored():  # most hazards are as they were
            keys = before[1].measure_keys | after[1].measure_keys
            changes = _record_changes(
                "hazard", before[1].record, after[1].record, keys, "description"
            )
            placed.append((after[0], list(changes)))
    placed.sort(key=itemgetter(0))
    removed.sort(key=itemgetter(0))
    return [change for _, changes in placed for change in changes] + [c for _, c in removed]


def _label(hazard: _Hazard) -> str:
    return hazard.record["description"] or ""


_Group = tuple[str, _Hazard]  # (the first UUID of a lineage, its last hazard), as a dict keeps


def _by_lineage(hazards: Iterable[_Hazard]) -> Iterator[_Group]:
    """One hazard a lineage, as ``_records``' dict keeps it: the last, at the first's place."""
    for _lineage, group in groupby(hazards, key=attrgetter("lineage")):
        members = list(group)  # one, unless a revision holds a lineage twice
        yield members[0].uuid, members[-1]


def _paired(
    old: Iterator[_Group], new: Iterator[_Group]
) -> Iterator[tuple[_Group | None, _Group | None]]:
    """Both sorted streams side by side: pairs of the same lineage, or one side alone."""
    before, after = next(old, None), next(new, None)
    while before is not None or after is not None:
        if after is None or (before is not None and before[1].lineage < after[1].lineage):
            yield before, None
            before = next(old, None)
        elif before is None or after[1].lineage < before[1].lineage:
            yield None, after
            after = next(new, None)
        else:
            yield before, after
            before, after = next(old, None), next(new, None)


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
