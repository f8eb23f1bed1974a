"""The evidence logs' hashed form (evidence-1) is fixed: registers written with it must keep
verifying. The expected hashes are worked out from the documented form and pinned as the
code wrote them before the audit and evidence chains shared one hashing helper."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, date, datetime

from wrac_desktop.persistence.evidence_chain import ATTACHMENTS, GENESIS, PROGRESS, link_hash

EVENT = {
    "id": 1,
    "uuid": uuid.UUID("6f1c2a3e-0d4b-4c1a-9e2f-8a7b6c5d4e3f"),
    "measure_uuid": uuid.UUID("0b8e0c52-4c1e-4a7e-9a51-3f4b6f0f9d10"),
    "status": "done",
    "happened_on": date(2026, 3, 16),
    "by_name": "Әсел Қайратқызы",
    "note": "Ғимарат тексерілді",
    "deadline": None,
    "at": datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
    "user_name": "Әсел",
    "os_user": "asel",
}
PHOTO = {
    "id": 2,
    "uuid": uuid.UUID("6f1c2a3e-0d4b-4c1a-9e2f-8a7b6c5d4e40"),
    "owner_kind": "progress",
    "owner_uuid": uuid.UUID("6f1c2a3e-0d4b-4c1a-9e2f-8a7b6c5d4e3f"),
    "sha256": "a" * 64,
    "original_sha256": None,
    "file_name": "фото.jpg",
    "content_type": "image/jpeg",
    "size": 12345,
    "at": datetime(2026, 3, 16, 14, 0),  # naive: counts as UTC
    "user_name": "Әсел",
    "os_user": "asel",
}


def test_a_progress_event_hash_is_the_sha256_of_the_documented_json() -> None:
    documented = EVENT | {
        "uuid": str(EVENT["uuid"]),
        "measure_uuid": str(EVENT["measure_uuid"]),
        "happened_on": "2026-03-16",
        "at": "2026-03-16T09:00:00+00:00",
        "prev_hash": GENESIS,
    }
    text = json.dumps(documented, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert link_hash(PROGRESS, EVENT, GENESIS) == hashlib.sha256(text.encode()).hexdigest()
    assert link_hash(PROGRESS, EVENT, GENESIS) == (
        "20d404b1ef3446239f7ff1717c76ea78245db6fe15e110fff46a0a707e1c5b71"
    )


def test_an_attachment_hash_is_pinned_and_a_naive_time_counts_as_utc() -> None:
    assert link_hash(ATTACHMENTS, PHOTO, "b" * 64) == (
        "84d28736f3f8006ac6eb2de3efd67798e58f22ad409e016b7f8af7fae6d3516b"
    )
    aware = PHOTO | {"at": datetime(2026, 3, 16, 14, 0, tzinfo=UTC), "hash": "x"}
    assert link_hash(ATTACHMENTS, aware, "b" * 64) == link_hash(ATTACHMENTS, PHOTO, "b" * 64)
