"""The audit trail as a user reads it: filtered rows, and an XLSX or CSV copy of them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, NamedTuple

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.files import atomic_output, check_output_path
from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import AuditEntry
from wrac_desktop.persistence.trail_queries import audit_entries
from wrac_desktop.register import Register


class AuditRow(NamedTuple):
    """One audit entry as shown and exported: every value but the number as text."""

    id: int
    at: str  # UTC, "YYYY-MM-DD HH:MM:SS"
    user_name: str
    os_user: str
    action: str
    entity: str
    entity_uuid: str
    changes: str  # "field: old → new; …"
    summary: str
    hash: str


COLUMNS = AuditRow._fields


def column_titles() -> list[str]:
    return [
        _("No."), _("When (UTC)"), _("User"), _("OS user"), _("Action"), _("Record"),
        _("Record UUID"), _("Changes (old → new)"), _("Summary"), _("Hash"),
    ]  # fmt: skip


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; empty fields match everything."""

    user: str = ""
    entity: str = ""
    action: str = ""
    text: str = ""
    since: date | None = None
    until: date | None = None

    def keeps(self, row: AuditRow) -> bool:
        """The filters SQL cannot do alike everywhere: dates, and text in any language."""
        day = row.at[:10]
        if self.since is not None and day < self.since.isoformat():
            return False
        if self.until is not None and day > self.until.isoformat():
            return False
        needle = self.text.casefold()
        return not needle or any(needle in str(value).casefold() for value in row)


def audit_rows(session: Session, wanted: AuditFilter | None = None) -> list[AuditRow]:
    """The entries as display rows (text values), oldest first."""
    wanted = wanted or AuditFilter()
    return list(_rows(session, wanted))


def _rows(session: Session, wanted: AuditFilter) -> Iterator[AuditRow]:
    """``audit_rows`` one at a time, as the entries are read."""
    entries = audit_entries(session, user=wanted.user, entity=wanted.entity, action=wanted.action)
    return (row for row in map(_row, entries) if wanted.keeps(row))


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        id=entry.id,
        at=entry.at.strftime("%Y-%m-%d %H:%M:%S") if entry.at else "",
        user_name=entry.user_name,
        os_user=entry.os_user,
        action=entry.action,
        entity=entry.entity,
        entity_uuid=str(entry.entity_uuid or ""),
        changes=_changes_text(entry.changes),
        summary=entry.summary,
        hash=entry.hash,
    )


def _changes_text(changes: Any) -> str:
    if not changes:
        return ""
    if isinstance(changes, dict) and all(
        isinstance(v, list) and len(v) == 2 for v in changes.values()
    ):
        return "; ".join(f"{key}: {old!r} → {new!r}" for key, (old, new) in changes.items())
    return json.dumps(changes, ensure_ascii=False, sort_keys=True)


def export_audit(
    register: Register, output: Path, wanted: AuditFilter | None = None, *, force: bool = False
) -> int:
    """Write the (filtered) trail to ``output`` (.xlsx or .csv) atomically; returns the count."""
    output = check_output_path(Path(output), registers=[register.location], force=force)
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(_("write the audit trail as .xlsx or .csv, not {name}").format(name=output))
    if not output.parent.is_dir():
        raise UserError(_("folder {path} does not exist").format(path=output.parent))
    write = _write_xlsx if suffix == ".xlsx" else _write_csv
    # written as the entries are read: a bulk change's entry is 7.5 MB at 100,000 hazards
    with register.uow.reading() as session, atomic_output(output) as stream:
        return write(_rows(session, wanted or AuditFilter()), stream)


def _write_csv(rows: Iterable[AuditRow], stream: IO[bytes]) -> int:
    """The rows as CSV in UTF-8 with a BOM (Excel opens it as UTF-8); how many."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        text.write("\ufeff")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(column_titles())
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
        text.flush()
    finally:
        text.detach()  # the stream is atomic_output's to close
    return count


def _write_xlsx(rows: Iterable[AuditRow], stream: IO[bytes]) -> int:
    """The rows as a workbook written row by row (openpyxl's write-only mode); how many."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Audit trail")[:31])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (7, 20, 18, 14, 10, 16, 38, 70, 40, 66), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(column_titles())
    count = 0
    for row in rows:
        sheet.append(list(row))
        count += 1
    book.save(stream)
    return count
