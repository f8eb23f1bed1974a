"""A revision's fingerprint and canonical content, read from the register.

``persistence.report_queries.revision_content`` reads every record the fingerprint can cover;
``reports.fingerprint`` writes and hashes them without reading anything itself. An approved
revision is read in the format its stored JSON names, a draft in the current one, unless
``version`` names a format.

The hazards stream from an ordered cursor a chunk at a time (issue 22): the fingerprint, the
approval's stored JSON and the check of it are written and hashed in flat memory, the same
bytes as from a list sorted in memory (the approval's JSON is spooled to a temporary file to
be stored, not held).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any, NamedTuple, TypeVar

from sqlalchemy.orm import Session

from wrac_desktop.domain.records import HazardRecord, OutOfOrder, RevisionContent, WorkplaceRecord
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.persistence.report_queries import hazard_rows, revision_content
from wrac_desktop.reports import fingerprint as fingerprints

__all__ = [
    "ApprovalText", "approval_text", "canonical_chunks", "canonical_content", "fingerprint",
    "stored_format", "stored_sha256",
]  # fmt: skip

T = TypeVar("T")


def _version(session: Session, assessment: Assessment, version: str | None) -> str:
    """The format to read in, checked before anything is read (UnknownFormat otherwise)."""
    if version is None and assessment.fingerprint:
        version = _stored_format(session, assessment)
    return fingerprints.format_of(version).name


def _stored_format(session: Session, assessment: Assessment) -> str:
    """The format the stored JSON names, from its head: the whole is 360 MB at 100,000
    hazards (a very long title or scope: the whole is read)."""
    head = record_queries.approved_content_head(session, assessment.id)
    try:
        return fingerprints.format_named(head)
    except fingerprints.UnknownFormat:
        pass
    return fingerprints.format_named(record_queries.approved_content(session, assessment.id) or "")


def stored_format(session: Session, assessment: Assessment) -> str | None:
    """The format an approved revision's stored JSON names (None for a draft)."""
    return _stored_format(session, assessment) if assessment.fingerprint else None


def _streamed(
    session: Session,
    assessment: Assessment,
    write: Callable[[RevisionContent], T],
    workplaces: dict[int, WorkplaceRecord] | None = None,
) -> T:
    """``write`` over the revision's content, its hazards streamed in UUID order; read whole
    and sorted in memory if the database ever gives them in another order."""
    try:
        return write(revision_content(session, assessment.id, None, workplaces))
    except OutOfOrder:
        hazards = hazard_rows(session, assessment.id)
        return write(revision_content(session, assessment.id, hazards, workplaces))


def canonical_content(
    session: Session, assessment: Assessment, *, version: str | None = None
) -> dict[str, Any]:
    """Everything the fingerprint covers, as plain, ordered data (a tree of all of it: to
    name what changed; the fingerprint itself is written without it)."""
    chosen = _version(session, assessment, version)
    return _streamed(session, assessment, lambda c: fingerprints.canonical_content(c, chosen))


def canonical_chunks(
    session: Session, assessment: Assessment, *, version: str | None = None
) -> Iterator[str]:
    """The canonical JSON in pieces of text (``reports.fingerprint.canonical_chunks``)."""
    chosen = _version(session, assessment, version)
    hazards = hazard_rows(session, assessment.id)  # a generator cannot start again: sorted here
    return fingerprints.canonical_chunks(revision_content(session, assessment.id, hazards), chosen)


class ApprovalText(NamedTuple):
    """The canonical JSON an approval stores, measured in a streamed pass: its fingerprint,
    its size in UTF-8, and ``pieces()`` to stream the same bytes again to be stored."""

    fingerprint: str
    size: int
    pieces: Callable[[], Iterator[bytes]]


_SPOOLED_PIECE = 1 << 20  # bytes read back at a time from the approval text's spool file


@contextmanager
def approval_text(
    session: Session, assessment: Assessment, *, version: str | None = None
) -> Iterator[ApprovalText]:
    """The revision's canonical JSON as an approval stores it, never whole in memory: at
    100,000 hazards it is 360 MB (issue 22). Written once, hashed, measured and spooled to a
    temporary file as it is written; ``pieces()`` reads the file back (while the ``with``
    lasts), checked against the hash. Writing it a second time from the register instead
    cost approve a third of its time (10 s of CPU at 100,000 hazards)."""
    chosen = _version(session, assessment, version)
    with tempfile.TemporaryFile() as spool:

        def measure(content: RevisionContent) -> ApprovalText:
            spool.seek(0)  # from the start again if the hazards came out of order
            spool.truncate()
            digest, size = hashlib.sha256(), 0
            for piece in _utf8(content, chosen):
                digest.update(piece)
                spool.write(piece)
                size += len(piece)
            expected = digest.hexdigest()
            return ApprovalText(expected, size, lambda: _checked(_spooled(spool), expected))

        yield _streamed(session, assessment, measure)


def _utf8(content: RevisionContent, version: str) -> Iterator[bytes]:
    return (chunk.encode("utf-8") for chunk in fingerprints.canonical_chunks(content, version))


def _spooled(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while piece := spool.read(_SPOOLED_PIECE):
        yield piece


def _checked(pieces: Iterator[bytes], expected: str) -> Iterator[bytes]:
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece)
        yield piece
    if digest.hexdigest() != expected:  # the spool file changed under it
        raise RuntimeError("the approval text changed while it was stored")


def fingerprint(
    session: Session,
    assessment: Assessment,
    hazards: list[HazardRecord] | None = None,
    workplaces: dict[int, WorkplaceRecord] | None = None,
    *,
    version: str | None = None,
) -> str:
    """The SHA-256 of the revision's canonical content; ``hazards`` and ``workplaces`` when
    the caller has read them already (else the hazards stream in flat memory)."""
    chosen = _version(session, assessment, version)
    if hazards is not None:
        content = revision_content(session, assessment.id, hazards, workplaces)
        return fingerprints.fingerprint(content, chosen)
    return _streamed(session, assessment, lambda c: fingerprints.fingerprint(c, chosen), workplaces)


def stored_sha256(session: Session, assessment: Assessment) -> str:
    """The SHA-256 of the stored approval JSON in UTF-8, read a piece at a time: at 100,000
    hazards it is 360 MB (issue 22)."""
    digest = hashlib.sha256()
    for piece in record_queries.approved_content_pieces(session, assessment.id):
        digest.update(piece)
    return digest.hexdigest()
