"""A register's hazard library: the built-in entries plus the company's own.

A company adds entries and edits built-in ones (an edit is stored under the same id and wins;
an entry marked retired is no longer offered). ``export_entries`` / ``import_entries`` move those
own entries between registers as a JSON file in the same shape as the built-in data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from wrac_desktop.errors import DataFileError
from wrac_desktop.files import load_json, write_atomically
from wrac_desktop.hazards import HazardEntry, HazardLibrary, load_builtin_library
from wrac_desktop.hazards.schema import entry_from_dict
from wrac_desktop.i18n import _
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.models import LibraryEntryRecord

EXPORT_FORMAT = "wrac-hazard-library"
EXPORT_VERSION = 1
# The built-in library of ~300 entries in three languages is ~1 MB of JSON; a company's own
# entries are far fewer.
MAX_LIBRARY_BYTES = 32 * 1024 * 1024
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int


def own_entries(session: Session) -> list[HazardEntry]:
    """The register's own entries and edits, validated like the built-in ones."""
    # Sorted here, by code point: a server's collation would order "a_b" and "ab" its own way.
    records = sorted(record_queries.library_records(session), key=lambda r: r.entry_id)
    return [entry_from_dict(r.data, f"register entry {r.entry_id}") for r in records]


def register_library(session: Session) -> HazardLibrary:
    return load_builtin_library().merged_with(own_entries(session))


def save_entry(session: Session, entry: HazardEntry) -> bool:
    """Add or replace the register's entry with this id; True if anything changed."""
    data = entry_from_dict(entry.to_dict(), f"entry {entry.id}").to_dict()
    record = record_queries.library_record(session, entry.id)
    if record is None:
        session.add(LibraryEntryRecord(entry_id=entry.id, data=data))
        return True
    if record.data == data:
        return False
    record.data = data
    return True


def export_entries(session: Session, path: Path) -> int:
    entries = own_entries(session)
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "entries": [entry.to_dict() for entry in entries],
    }
    write_atomically(path, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    return len(entries)


def read_export(path: Path) -> list[HazardEntry]:
    """Every entry of an exported library file, all validated before any is used."""
    document = load_json(path, MAX_LIBRARY_BYTES, _("hazard-library file"))
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise DataFileError(
            _("{path}: not a hazard-library file exported by WRAC Desktop").format(path=path)
        )
    items = document.get("entries")
    if not isinstance(items, list):
        raise DataFileError(_("{path}: “entries” must be a list").format(path=path))
    if len(items) > MAX_ENTRIES:
        raise DataFileError(
            _("{path}: {count:,} entries; at most {most:,} are imported at once").format(
                path=path, count=len(items), most=MAX_ENTRIES
            )
        )
    return [entry_from_dict(item, f"{path}, entry #{n + 1}") for n, item in enumerate(items)]


def import_entries(session: Session, entries: list[HazardEntry]) -> ImportSummary:
    known = {entry.id for entry in own_entries(session)}
    added = updated = unchanged = 0
    for entry in entries:
        changed = save_entry(session, entry)
        if not changed:
            unchanged += 1
        elif entry.id in known:
            updated += 1
        else:
            added += 1
    return ImportSummary(added, updated, unchanged)
