"""The audit chain's hashed form (chain-1) is fixed: registers written with it must keep
verifying. The expected hash is worked out here from the documented form, not by the code."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from wrac_desktop.persistence.audit_chain import GENESIS, entry_hash

FIELDS = {
    "id": 1,
    "at": datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
    "user_name": "Әсел",
    "os_user": "asel",
    "action": "update",
    "entity": "hazard",
    "entity_uuid": "0b8e0c52-4c1e-4a7e-9a51-3f4b6f0f9d10",
    "changes": {"description": ["Шу", "Діріл"]},
    "summary": "",
}


def test_an_entry_hash_is_the_sha256_of_the_documented_json() -> None:
    documented = FIELDS | {"at": "2026-03-16T09:00:00+00:00", "prev_hash": GENESIS}
    text = json.dumps(documented, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert entry_hash(FIELDS, GENESIS) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert entry_hash(FIELDS, GENESIS) == (
        "19dd7c2d13305bb48a27b8345698c53d306ffadee56148111a5dafe368c22022"
    )


def test_a_naive_time_counts_as_utc_and_other_fields_are_ignored() -> None:
    naive = FIELDS | {"at": datetime(2026, 3, 16, 9, 0), "hash": "x", "prev_hash": "y"}
    assert entry_hash(naive, GENESIS) == entry_hash(FIELDS, GENESIS)
