"""One link of a hash chain: the hash of a row's chained fields and the previous row's hash.

Shared by the audit log (``audit_chain``, form ``chain-1``) and the logs beside the signed
revisions (``evidence_chain``, form ``evidence-1``); the two forms differ only in which fields
they cover. The hashed text is fixed: JSON with sorted keys, no spaces, UTF-8, of the named
fields and ``prev_hash``; timestamps in ISO 8601 UTC (a naive one counts as UTC), dates in
ISO 8601, UUIDs as text. Never change it: registers written with it must keep verifying.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from wrac_desktop.persistence.json_form import sorted_json


def link_hash(fields: tuple[str, ...], row: Mapping[str, Any], prev_hash: str) -> str:
    """The SHA-256 (hex) of ``row``'s ``fields`` and ``prev_hash``; other keys are ignored."""
    return hashlib.sha256(link_text(fields, row, prev_hash).encode("utf-8")).hexdigest()


def link_text(fields: tuple[str, ...], row: Mapping[str, Any], prev_hash: str) -> str:
    """The text ``link_hash`` hashes."""
    content = {name: _plain(row.get(name)) for name in fields}
    content["prev_hash"] = prev_hash
    return sorted_json(content)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value
