"""Merging the logs kept beside the signed revisions: the progress log and the attachments.

Both are append-only, so a merge is their union by UUID: the other copy's entries this one
lacks are appended after this one's, re-numbered and re-linked into this chain (their content,
dates and authors as they were); nothing here is lost or changed. A measure's state does not
depend on the chain's order (events sort by the day they happened), so both copies agree after
merging either way. Attached files' bytes come with them, once per SHA-256, one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.persistence import attachment_store, evidence_chain


@dataclass
class NewEvidence:
    """The other copy's progress events and attachments this register lacks."""

    events: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.events or self.attachments)


def new_evidence(mine: Session, theirs: Session) -> NewEvidence:
    found = NewEvidence()
    for chain, rows in (
        (evidence_chain.PROGRESS, found.events),
        (evidence_chain.ATTACHMENTS, found.attachments),
    ):
        known = evidence_chain.uuids_of(mine, chain)
        rows += [row for row in evidence_chain.rows_of(theirs, chain) if row["uuid"] not in known]
    return found


def carry(mine: Session, theirs: Session, evidence: NewEvidence) -> list[str]:
    """Append ``evidence`` to this register's logs, copying the files' bytes first; what
    could not be carried (a file whose bytes were damaged in the other copy), as notes."""
    skipped, attachments = [], []
    for row in evidence.attachments:
        keys = [key for key in (row["sha256"], row["original_sha256"]) if key]
        if all(attachment_store.copy_blob(theirs, mine, key) for key in keys):
            attachments.append(row)
        else:
            skipped.append(
                _("the attached file “{name}” is damaged in the other register; not merged")
                .format(name=row["file_name"])
            )  # fmt: skip
    for chain, rows in (
        (evidence_chain.PROGRESS, evidence.events),
        (evidence_chain.ATTACHMENTS, attachments),
    ):
        evidence_chain.append(mine, chain, [_without_id(row) for row in rows])
    evidence.attachments = attachments
    return skipped


def _without_id(row: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name != "id"}
