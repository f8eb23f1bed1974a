"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Text
from sqlalchemy.types import TypeDecorator

from wrac_desktop.persistence.json_form import sorted_json


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps; SQLite would otherwise drop the zone silently."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class JsonText(TypeDecorator[Any]):
    """JSON stored as text with sorted keys, so its bytes are stable for fingerprints."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return sorted_json(value)  # json.dumps(…, ensure_ascii=False, sort_keys=True), compact

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


class Utf8Text(TypeDecorator[str]):
    """Text that SQLite may hold as its UTF-8 bytes, a blob: the approval JSON (360 MB at
    100,000 hazards) is written in place through a blob handle, and SQLite makes room for a
    blob without building it in memory but builds a text whole, twice (issue 22). Read back
    as text either way; bytes that are not UTF-8 (changed behind the app's back) are read with
    replacement characters, and the approval's fingerprint of the stored bytes finds them."""

    impl = Text
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, bytes | bytearray | memoryview):
            return bytes(value).decode("utf-8", errors="replace")
        return None if value is None else str(value)


def utc_now() -> datetime:
    return datetime.now(UTC)
