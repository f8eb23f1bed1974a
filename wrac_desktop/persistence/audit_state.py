"""Records against what the audit chain last recorded for them; approvals as facts of the chain.

The chain (``audit_chain``) proves its own entries were not altered. This module replays them:
an insert entry records a record's fields, each update entry their new values. A record whose
field now holds something else was changed behind the app's back (an SQL edit leaves no entry).
Approvals are facts of the chain too: each is an update entry that sets an assessment's status
to "approved" with its fingerprint, so a revision approved twice (its status set back to draft
by SQL, then approved again with other content) shows, and so does a status the lifecycle lacks.

Records written by bulk writers with one summary entry (the demo, a revision's copy) have no
entries of their own and are not compared here; the approval fingerprint covers their content.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Numeric, select
from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit import plain_value
from wrac_desktop.persistence.audit_chain import chain_problems
from wrac_desktop.persistence.models import Assessment, AuditEntry, Base
from wrac_desktop.vocabulary import AssessmentStatus

Recorded = dict[tuple[str, str], dict[str, Any]]


def audit_problems(session: Session) -> list[str]:
    """Breaks in the chain, then records and approvals that disagree with it."""
    broken = list(chain_problems(session))
    return broken + list(state_problems(session))


def state_problems(session: Session) -> Iterator[str]:
    """Every record field that differs from the chain's last entry for it, every repeated
    approval and every status outside the lifecycle, as readable lines."""
    recorded, approvals = _replay(session)
    revisions = {
        str(uuid): (revision, status)
        for uuid, revision, status in session.execute(
            select(Assessment.uuid, Assessment.revision, Assessment.status)
        )
    }
    lifecycle = {status.value for status in AssessmentStatus}
    for uuid, (revision, status) in sorted(revisions.items(), key=lambda item: item[1][0]):
        if status not in lifecycle:
            yield _("revision {n}: status “{status}” is not one of the lifecycle's").format(
                n=revision, status=status
            )
        entries = approvals.get(uuid, [])
        if len(entries) > 1:
            yield _(
                "revision {n} was approved {count} times (audit entries {ids}); an approval "
                "is final, so one was undone outside the app"
            ).format(n=revision, count=len(entries), ids=", ".join(map(str, entries)))
    yield from _changed_records(session, recorded)


def _replay(session: Session) -> tuple[Recorded, dict[str, list[int]]]:
    """The fields each record last had by the chain, and each assessment's approval entries."""
    recorded: Recorded = {}
    approvals: dict[str, list[int]] = {}
    entries = select(
        AuditEntry.id, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_uuid,
        AuditEntry.changes,
    ).where(AuditEntry.entity_uuid.is_not(None)).order_by(AuditEntry.id)  # fmt: skip
    for entry_id, action, entity, uuid, changes in session.execute(entries):
        key = (entity, str(uuid))
        if action == "insert" and isinstance(changes, dict):
            # None on insert: a default the database filled in, unknown to the hook
            recorded[key] = {name: value for name, value in changes.items() if value is not None}
        elif action == "update" and isinstance(changes, dict):
            fields = recorded.setdefault(key, {})
            for name, change in changes.items():
                if isinstance(change, list) and len(change) == 2:
                    fields[name] = change[1]
            status = changes.get("status")
            if entity == "assessment" and isinstance(status, list) and status[-1] == "approved":
                approvals.setdefault(str(uuid), []).append(entry_id)
        elif action == "delete":
            recorded.pop(key, None)
    return recorded, approvals


def _changed_records(session: Session, recorded: Recorded) -> Iterator[str]:
    entities = {entity for entity, _uuid in recorded}
    for table in Base.metadata.sorted_tables:
        if table.name not in entities or "uuid" not in table.c:
            continue
        for row in session.execute(select(table)).mappings():
            fields = recorded.get((table.name, str(row["uuid"])))
            for name, value in (fields or {}).items():
                if name in table.c and not _same(table.c[name], row[name], value):
                    yield _(
                        "{entity} {uuid}: {field} is “{now}” but the audit log last recorded "
                        "“{recorded}”; it was changed outside the app"
                    ).format(
                        entity=table.name,
                        uuid=row["uuid"],
                        field=name,
                        now=_shown(plain_value(row[name])),
                        recorded=_shown(value),
                    )


def _same(column: Any, current: Any, recorded: Any) -> bool:
    current = plain_value(current)
    if current == recorded:
        return True
    if isinstance(column.type, Numeric) and current is not None and recorded is not None:
        try:  # 900000 recorded, 900000.00 read back: one amount
            return Decimal(str(current)) == Decimal(str(recorded))
        except InvalidOperation:
            return False
    return False


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:59] + "…"
