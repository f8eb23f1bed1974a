"""A revision's fingerprint and canonical content, read from the register.

``persistence.report_queries.revision_content`` reads every record the fingerprint can cover;
``reports.fingerprint`` writes and hashes them without reading anything itself. An approved
revision is read in the format its stored JSON names, a draft in the current one, unless
``version`` names a format.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.domain.records import HazardRecord, WorkplaceRecord
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.persistence.report_queries import revision_content
from wrac_desktop.reports import fingerprint as fingerprints

__all__ = ["canonical_chunks", "canonical_content", "fingerprint"]


def _version(assessment: Assessment, version: str | None) -> str:
    """The format to read in, checked before anything is read (UnknownFormat otherwise)."""
    name = version if version is not None else fingerprints.stored_format(assessment)
    return fingerprints.format_of(name).name


def canonical_content(
    session: Session, assessment: Assessment, *, version: str | None = None
) -> dict[str, Any]:
    """Everything the fingerprint covers, as plain, ordered data."""
    chosen = _version(assessment, version)
    return fingerprints.canonical_content(revision_content(session, assessment.id), chosen)


def canonical_chunks(
    session: Session, assessment: Assessment, *, version: str | None = None
) -> Iterator[str]:
    """The canonical JSON in pieces of text (``reports.fingerprint.canonical_chunks``)."""
    chosen = _version(assessment, version)
    return fingerprints.canonical_chunks(revision_content(session, assessment.id), chosen)


def fingerprint(
    session: Session,
    assessment: Assessment,
    hazards: list[HazardRecord] | None = None,
    workplaces: dict[int, WorkplaceRecord] | None = None,
    *,
    version: str | None = None,
) -> str:
    """The SHA-256 of the revision's canonical content; ``hazards`` and ``workplaces`` when
    the caller has read them already."""
    chosen = _version(assessment, version)
    content = revision_content(session, assessment.id, hazards, workplaces)
    return fingerprints.fingerprint(content, chosen)
